/**
 * Issue 7, acceptance 4 and the reporting part of the issue: batches on the
 * worker pool (--jobs), --shard slices and their merge, a failing document
 * among good ones, --no-keep-going, and progress/reporters.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { listFiles, runCliAsync } from '../helpers/out-tree.js';
import { generateDeclaration } from '../helpers/generate.js';
import { Progress, progressMode } from '../../src/cli/progress.js';
import { defaultReporter, summaryLine } from '../../src/cli/reporter.js';

const BAD = '---\ntitle: [unclosed\n---\n\n1. We note.\n';

/** A folder with `count` synthetic declarations of varied sizes in source/. */
function corpus(count: number, sizes: [number, number] = [1500, 6000]): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-batch-'));
  mkdirSync(join(dir, 'source'));
  for (let i = 0; i < count; i++) {
    const bytes = sizes[0] + Math.round((((i * 37) % count) / Math.max(1, count - 1)) * (sizes[1] - sizes[0]));
    writeFileSync(join(dir, 'source', `doc-${String(i).padStart(2, '0')}.md`), generateDeclaration({ bytes, seed: i + 1, title: `Communiqué ${i}` }));
  }
  return dir;
}

function manifestSources(dir: string, out = 'out'): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8')) as { artifacts: Array<{ source: { path: string } }> };
  return [...new Set(manifest.artifacts.map((a) => a.source.path))].sort();
}

describe('--jobs', () => {
  it('gives byte-identical outputs with 1 and 2 workers', async () => {
    const dir = corpus(6);
    const [one, two] = await Promise.all([
      runCliAsync(['build', 'source', '--jobs', '1', '--out', 'out1'], { cwd: dir }),
      runCliAsync(['build', 'source', '--jobs', '2', '--out', 'out2'], { cwd: dir }),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const files = listFiles(join(dir, 'out1'));
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(6);
    expect(listFiles(join(dir, 'out2'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, 'out2', f)).equals(readFileSync(join(dir, 'out1', f))), f).toBe(true);
  }, 300_000);

  it('still builds every document when a worker runs out of heap (that document is rebuilt in the main thread)', () => {
    const dir = corpus(3);
    const r = runCli(['build', 'source', '--jobs', '2', '--format', 'json,html'], { cwd: dir, env: { BRIEFPACK_WORKER_HEAP_MB: '4' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^3 built, 0 up to date/m);
    expect(manifestSources(dir)).toHaveLength(3);
    // no staged file is left behind (a 4 MB worker may die before it stages any: pool.ts removes what one did)
    expect(listFiles(join(dir, 'out')).filter((f) => f.includes('.briefpack-tmp-'))).toEqual([]);
  });
});

describe('--shard i/n', () => {
  const count = 11;
  let dir: string;
  beforeAll(() => {
    dir = corpus(count, [800, 1500]);
  });

  it('splits the corpus: the union of all shards is the whole corpus, no document twice', async () => {
    const shards = await Promise.all(
      [1, 2, 3, 4].map((i) => runCliAsync(['build', 'source', '--format', 'json', '--shard', `${i}/4`, '--out', `shard-${i}`, '--jobs', '1'], { cwd: dir })),
    );
    for (const r of shards) expect(r.code, r.stderr).toBe(0);
    const lists = [1, 2, 3, 4].map((i) => manifestSources(dir, `shard-${i}`));
    const all = lists.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(Array.from({ length: count }, (_, i) => `source/doc-${String(i).padStart(2, '0')}.md`));
    for (const list of lists) expect(list.length).toBeGreaterThanOrEqual(2);
    // Deterministic: the same slice every time.
    runCli(['build', 'source', '--format', 'json', '--shard', '2/4', '--out', 'shard-2-again', '--jobs', '1'], { cwd: dir });
    expect(manifestSources(dir, 'shard-2-again')).toEqual(lists[1]);
  }, 300_000);

  it('merges the shards into what one whole build gives', () => {
    const whole = runCli(['build', 'source', '--format', 'json', '--out', 'whole'], { cwd: dir });
    expect(whole.code, whole.stderr).toBe(0);
    const r = runCli(['merge', 'shard-1', 'shard-2', 'shard-3', 'shard-4', '--out', 'merged'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = listFiles(join(dir, 'whole'));
    expect(listFiles(join(dir, 'merged'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, 'merged', f)).equals(readFileSync(join(dir, 'whole', f))), f).toBe(true);
    expect(runCli(['verify', 'merged'], { cwd: dir }).code).toBe(0);
  });

  it('merge refuses a path found twice with different bytes, and writes nothing', () => {
    const other = corpus(1, [900, 900]);
    writeFileSync(join(other, 'source', 'doc-00.md'), '# Other\n\n1. We note something else.\n');
    runCli(['build', 'source', '--format', 'json', '--out', join(dir, 'conflicting')], { cwd: other });
    const r = runCli(['merge', 'shard-1', 'conflicting', '--out', 'merged-bad'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/conflicting\/doc-00\/doc-00\.json error Also in shard-1 with other content/);
    expect(listFiles(join(dir, 'merged-bad'))).toEqual([]);
  });

  it('rejects a malformed shard with a usage error', () => {
    const r = runCli(['build', 'source', '--shard', '5/4'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard 5/4: i must be between 1 and n');
  });
});

describe('a failing document in a batch', () => {
  it('does not stop the others; the exit code is 1', () => {
    const dir = corpus(4);
    writeFileSync(join(dir, 'source', 'doc-01.md'), BAD);
    const r = runCli(['build', 'source', '--jobs', '2', '--format', 'json,html'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/source\/doc-01\.md:2:\d+ error .* front-matter-yaml/);
    expect(r.stderr).toMatch(/^3 built, 0 up to date, 1 failed in /m);
    expect(manifestSources(dir)).toEqual(['source/doc-00.md', 'source/doc-02.md', 'source/doc-03.md']);
  });

  it('--no-keep-going starts no document after the first failure and says how many were not started', () => {
    const dir = corpus(4);
    writeFileSync(join(dir, 'source', 'doc-00.md'), BAD);
    const r = runCli(['build', 'source', '--jobs', '1', '--format', 'json', '--no-keep-going'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^0 built, 0 up to date, 1 failed, 3 not started \(--no-keep-going\) in /m);
    // With two workers, the document already running when the first one fails still finishes.
    const two = runCli(['build', 'source', '--jobs', '2', '--format', 'json', '--no-keep-going', '--out', 'out2'], { cwd: dir });
    expect(two.code).toBe(1);
    // How many it finishes depends on timing; none is started after the failure is known.
    const m = /^(\d) built, 0 up to date, 1 failed(?:, (\d) not started \(--no-keep-going\))? in /m.exec(two.stderr);
    expect(m, two.stderr).not.toBeNull();
    expect(Number(m![1]) + Number(m![2] ?? 0)).toBe(3);
  });

  it('documents the keep-going semantics in the help', () => {
    const r = runCli(['build', '--help']);
    expect(r.stdout).toContain('--no-keep-going');
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/documents already running finish/);
  });

  it('fails a second source with the same id instead of overwriting the first', () => {
    const dir = corpus(1);
    mkdirSync(join(dir, 'source', 'annex'));
    writeFileSync(join(dir, 'source', 'annex', 'doc-00.md'), '# Annex\n\n1. We note.\n');
    const r = runCli(['build', 'source', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('source/doc-00.md error Document id "doc-00" is already taken by source/annex/doc-00.md');
    expect(manifestSources(dir)).toEqual(['source/annex/doc-00.md']);
  });
});

describe('progress and reporters', () => {
  let dir: string;
  beforeAll(() => {
    dir = corpus(2);
    writeFileSync(join(dir, 'source', 'gap.md'), '# Gap\n\n1. We note.\n\n3. We note again.\n');
  });

  it('prints plain lines when not on a terminal or when CI=true', () => {
    const r = runCli(['build', 'source', '--format', 'json'], { cwd: dir, env: { CI: 'true' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^built source\/doc-00\.md \(1 files, \d+ ms\)$/m);
    expect(r.stderr).toMatch(/^source\/gap\.md:5:1 warning Paragraph 3 follows 1 numbering-gap$/m);
    expect(r.stderr).toMatch(/^3 built, 0 up to date in \d+\.\d s$/m);
    expect(r.stderr).not.toContain('\r');
    const again = runCli(['build', 'source', '--format', 'json'], { cwd: dir, env: { CI: '' } });
    expect(again.stderr).toMatch(/^up to date source\/doc-00\.md$/m);
    expect(again.stderr).toMatch(/^0 built, 3 up to date in /m);
  });

  it('--quiet prints diagnostics only', () => {
    const r = runCli(['build', 'source', '--format', 'json', '--quiet', '--no-cache'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .every((line) => / (error|warning|info) /.test(line)),
      r.stderr,
    ).toBe(true);
    expect(r.stderr).toContain('numbering-gap');
    expect(r.stderr).not.toMatch(/built|up to date/);
  });

  it('--reporter github prints workflow annotations, and is the default when GITHUB_ACTIONS=true', () => {
    const r = runCli(['build', 'source', '--format', 'json', '--no-cache', '--reporter', 'github'], { cwd: dir });
    expect(r.stdout).toMatch(/^::warning file=source\/gap\.md,line=5,col=1.*title=numbering-gap::Paragraph 3 follows 1/m);
    const auto = runCli(['build', 'source', '--format', 'json', '--no-cache'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(auto.stdout).toMatch(/^::warning file=source\/gap\.md,line=5/m);
    const text = runCli(['build', 'source', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(text.stdout).toBe('');
    expect(defaultReporter({ GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(defaultReporter({})).toBe('text');
  });

  it('draws one live line on a terminal: done/total, the current document, ETA', () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 60, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream;
    expect(progressMode(false, tty, {})).toBe('live');
    expect(progressMode(false, tty, { CI: 'true' })).toBe('plain');
    expect(progressMode(false, { ...tty, isTTY: false } as NodeJS.WriteStream, {})).toBe('plain');
    expect(progressMode(true, tty, {})).toBe('quiet');
    const progress = new Progress('live', 2, tty);
    progress.start('source/a.md');
    progress.finish('built source/a.md');
    progress.log('source/b.md:1:1 warning x rule');
    progress.end();
    const out = written.join('');
    expect(out).toContain('\r\x1b[2K[0/2] source/a.md');
    expect(out).toMatch(/\[1\/2\] source\/a\.md {2}ETA \d+s/);
    expect(out).toContain('\r\x1b[2Ksource/b.md:1:1 warning x rule\n');
    expect(out).not.toContain('built source/a.md');
    expect(summaryLine({ built: 1, upToDate: 199, failed: 0, ms: 1234 })).toBe('1 built, 199 up to date in 1.2 s');
  });
});

describe('a large document built alone', () => {
  it('is built in a worker, under the worker heap cap, and a small one in this thread', async () => {
    const { buildsInThread, ISOLATE_BYTES } = await import('../../src/project/pool.js');
    const dir = mkdtempSync(join(tmpdir(), 'bp-isolate-'));
    const small = join(dir, 'small.md');
    const large = join(dir, 'large.md');
    writeFileSync(small, generateDeclaration({ bytes: 20_000, seed: 1 }));
    writeFileSync(large, generateDeclaration({ bytes: ISOLATE_BYTES + 50_000, seed: 2 }));
    expect(buildsInThread([small], 1, false)).toBe(true);
    expect(buildsInThread([large], 1, false)).toBe(false);
    expect(buildsInThread([small, large], 1, false)).toBe(false);
    expect(buildsInThread([small], 1, true)).toBe(false);
    expect(buildsInThread([small], 2, false)).toBe(false);
  });
});

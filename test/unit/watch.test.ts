/**
 * `briefpack watch` and `serve` without a browser: a long-lived process sees
 * an edited template (the asset hash and the renderers' caches are not kept
 * across rebuilds), ignores its own output folder, and `serve` reports a
 * taken port as a usage error instead of crashing. The watcher itself
 * (chokidar underneath) is also tested in process: debounce, ignored
 * folders, one more build for an edit made during a build.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../helpers/paths.js';
import { watchPaths, type Watcher } from '../../src/dev/watch.js';
import { projectCopy } from '../helpers/out-tree.js';
import { runCli } from '../helpers/run-cli.js';

const SEED = 'apec-2025-digital-ai-ministerial';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode == null) child.kill('SIGTERM');
});

/** Start a command and return a function that waits for the n-th line matching `pattern` on stderr. */
function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stderr!.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
    for (const w of waiters.splice(0)) w();
  });
  const count = (pattern: RegExp) => (stderr.match(new RegExp(pattern.source, 'gm')) ?? []).length;
  const waitFor = (pattern: RegExp, n: number, timeoutMs = 150_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} x${n}:\n${stderr}`)), timeoutMs);
      const check = () => {
        if (count(pattern) >= n) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { child, waitFor, count, stderr: () => stderr };
}

describe('briefpack watch', () => {
  it('rebuilds every document after an edit to a --templates file, and only once per edit', async () => {
    const dir = projectCopy('bp-watch-');
    mkdirSync(join(dir, 'tpl'));
    const cover = readFileSync(join(ROOT, 'templates', 'html', 'cover.hbs'), 'utf8');
    writeFileSync(join(dir, 'tpl', 'cover.hbs'), cover);
    const w = start(['watch', 'source', '--templates', 'tpl', '--format', 'html', '--jobs', '1'], dir);
    await w.waitFor(/^watching for changes/, 1);
    writeFileSync(join(dir, 'tpl', 'cover.hbs'), cover.replace(/(<header class="cover"[^>]*>)/, '$1<p>Edited while watching</p>'));
    await w.waitFor(/^watching for changes/, 2);
    expect(readFileSync(join(dir, 'out', SEED, `${SEED}.html`), 'utf8')).toContain('Edited while watching');
    expect(w.count(/^1 built, 0 up to date/)).toBe(2);
    // Writing out/ must not trigger another build.
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.count(/^watching for changes/)).toBe(2);
  }, 300_000);

  it('applies an edit to briefpack.yaml without a restart, and waits out a file with errors', async () => {
    const dir = projectCopy('bp-watch-config-');
    writeFileSync(join(dir, 'briefpack.yaml'), 'formats: [html]\nmarking: { text: RESTRICTED }\n');
    const w = start(['watch', '--jobs', '1'], dir);
    await w.waitFor(/^watching for changes/, 1);
    const page = () => readFileSync(join(dir, 'out', SEED, `${SEED}.html`), 'utf8');
    expect(page()).toContain('RESTRICTED');
    writeFileSync(join(dir, 'briefpack.yaml'), 'formats: [html]\nmarking: { text: CONFIDENTIAL }\n');
    await w.waitFor(/^watching for changes/, 2);
    expect(page()).toContain('CONFIDENTIAL');
    expect(page()).not.toContain('RESTRICTED');
    // A slip is reported at its place; the watch goes on and the next good edit builds.
    writeFileSync(join(dir, 'briefpack.yaml'), 'formats: [html]\nmarking: { txet: SECRET }\n');
    await w.waitFor(/^briefpack\.yaml:2:\d+ error Unknown key `txet`/, 1);
    writeFileSync(join(dir, 'briefpack.yaml'), 'formats: [html]\nmarking: { text: SECRET }\n');
    await w.waitFor(/^watching for changes/, 3);
    expect(page()).toContain('SECRET');
    expect(w.child.exitCode).toBeNull();
  }, 300_000);

  it('watches a folder that also holds the output folder without rebuilding in a loop', async () => {
    const dir = projectCopy('bp-watch-loop-');
    const w = start(['watch', 'source', '--out', 'source/out', '--format', 'json', '--jobs', '1'], dir);
    await w.waitFor(/^watching for changes/, 1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(w.count(/^watching for changes/)).toBe(1);
  }, 200_000);
});

describe('watchPaths (in process)', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** A watcher counting rebuilds, each taking `buildMs`; `until(n)` waits for the n-th. */
  async function counting(paths: (dir: string) => string[], ignore: (dir: string) => string[] = () => []) {
    const dir = mkdtempSync(join(tmpdir(), 'bp-watch-unit-'));
    mkdirSync(join(dir, 'source', 'out'), { recursive: true });
    mkdirSync(join(dir, 'single'));
    writeFileSync(join(dir, 'source', 'a.md'), 'a');
    writeFileSync(join(dir, 'single', 'one.md'), '1');
    const state = { builds: 0, buildMs: 0 };
    const watcher = watchPaths(
      paths(dir),
      async () => {
        state.builds++;
        await sleep(state.buildMs);
      },
      { ignore: ignore(dir), delayMs: 100 },
    );
    watchers.push(watcher);
    await watcher.run();
    const until = async (n: number, timeoutMs = 15_000) => {
      for (const start = Date.now(); state.builds < n && Date.now() - start < timeoutMs;) await sleep(25);
      return state.builds;
    };
    return { dir, state, watcher, until };
  }
  const watchers: Watcher[] = [];
  afterEach(async () => {
    for (const w of watchers.splice(0)) await w.close();
  });

  it('rebuilds once per burst of edits, and not for the output folder or hidden files', async () => {
    const { dir, state, until } = await counting(
      (d) => [join(d, 'source')],
      (d) => [join(d, 'source', 'out')],
    );
    expect(state.builds).toBe(1);
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, 'source', 'a.md'), `edit ${i}`);
      await sleep(20);
    }
    expect(await until(2)).toBe(2);
    writeFileSync(join(dir, 'source', 'out', 'a.html'), 'built');
    writeFileSync(join(dir, 'source', '.a.md.swp'), 'swap');
    mkdirSync(join(dir, 'source', '.cache'));
    writeFileSync(join(dir, 'source', '.cache', 'entry.json'), '{}');
    await sleep(1500);
    expect(state.builds).toBe(2);
    mkdirSync(join(dir, 'source', 'annex'));
    writeFileSync(join(dir, 'source', 'annex', 'b.md'), 'b');
    expect(await until(3)).toBe(3);
  });

  it('an edit during a build triggers exactly one more build after it', async () => {
    const { dir, state, until } = await counting((d) => [join(d, 'source')]);
    state.buildMs = 1500;
    writeFileSync(join(dir, 'source', 'a.md'), 'first');
    expect(await until(2)).toBe(2);
    // Build 2 is running: two edits now make one build after it, not two, and none at the same time.
    writeFileSync(join(dir, 'source', 'a.md'), 'during 1');
    await sleep(300);
    writeFileSync(join(dir, 'source', 'a.md'), 'during 2');
    expect(await until(3)).toBe(3);
    state.buildMs = 0;
    await sleep(2500);
    expect(state.builds).toBe(3);
  });

  it('watches a single file (not its neighbours), a folder created later, and nothing after close', async () => {
    const { dir, state, watcher, until } = await counting((d) => [join(d, 'single', 'one.md'), join(d, 'translations')]);
    writeFileSync(join(dir, 'single', 'other.md'), 'neighbour');
    await sleep(1500);
    expect(state.builds).toBe(1);
    // An editor's atomic save: write a temporary file, rename it over the source.
    writeFileSync(join(dir, 'single', '.one.md.tmp'), '2');
    renameSync(join(dir, 'single', '.one.md.tmp'), join(dir, 'single', 'one.md'));
    expect(await until(2)).toBe(2);
    mkdirSync(join(dir, 'translations', 'ko'), { recursive: true });
    writeFileSync(join(dir, 'translations', 'ko', 'one.po'), 'msgid ""');
    expect(await until(3)).toBe(3);
    await watcher.close();
    writeFileSync(join(dir, 'single', 'one.md'), '3');
    await sleep(1500);
    expect(state.builds).toBe(3);
  });
});

describe('briefpack serve', () => {
  it('reports a taken port as a usage error (exit 2) and exits', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = runCli(['serve', 'source', '--port', String(port)], { cwd: projectCopy('bp-serve-port-'), timeout: 30_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`briefpack: cannot listen on port ${port} (EADDRINUSE); choose another with --port, or --port 0 for a free one`);
    } finally {
      blocker.close();
    }
  });

  it('rejects a port that is not a number', () => {
    const r = runCli(['serve', '--port', 'http'], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port takes a number from 0 to 65535');
  });
});

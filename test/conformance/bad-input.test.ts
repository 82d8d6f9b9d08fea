/**
 * The bad-input corpus (test/bad/): broken, enormous and hostile sources,
 * and broken inputs around them (templates, fonts, translations, the output
 * folder). Each case is built with a good companion document in one
 * `briefpack build` run, with the network trapped, and must give:
 * - its diagnostics, each with file (and line:column when it has one) and rule id;
 * - exit 1 for an error, 0 for warnings only;
 * - no stack trace, no uncaught exception, no internal error;
 * - no half-written output: no temporary file left, and `briefpack verify`
 *   finds every file in out/ listed in the manifest with its sha256;
 * - the companion still built;
 * - bounded time and memory (printed at the end).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  caseEnv,
  loadCases,
  relativeTo,
  runCase,
  filesUnder,
  formatExpected,
  spawnCollect,
  type CaseRun,
  type BadCase,
  type JsonDiagnostic,
} from '../helpers/bad-inputs.js';
import { privateDist, type PrivateDist } from '../helpers/private-dist.js';

const all = loadCases();
const cases = all.filter((c) => !c.pending);
const pending = all.filter((c) => c.pending);
/** Peak memory allowed for any case. CPU time is bounded per case (`# limit-seconds:`, 60 s by default); wall time only guards against a hang, as this machine may be shared. */
const RSS_LIMIT_KIB = 1.5 * 1024 * 1024;
const WALL_LIMIT_FACTOR = 4;

/** At most `slots` builds at once; a heavy case takes them all. */
class Slots {
  private free: number;
  private waiting: Array<() => void> = [];
  constructor(private readonly total: number) {
    this.free = total;
  }
  async run<T>(weight: number, task: () => Promise<T>): Promise<T> {
    const need = Math.min(weight, this.total);
    while (this.free < need) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.free -= need;
    try {
      return await task();
    } finally {
      this.free += need;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }
}
const slots = new Slots(Number(process.env.BRIEFPACK_BAD_JOBS ?? 2));
const ALL_EXTENSIONS = ['docx', 'html', 'json', 'pdf', 'pot', 'xlf'];
const FORMAT_EXTENSION: Record<string, string> = { json: 'json', html: 'html', pdf: 'pdf', docx: 'docx', xliff: 'xlf', po: 'pot' };

const figures: Array<{ name: string; bytes: number; ms: number; cpuMs: number; rssKiB: number; code: number | null }> = [];

function extensionsFor(c: BadCase): string[] {
  const i = c.args.indexOf('--format');
  return i < 0
    ? ALL_EXTENSIONS
    : c.args[i + 1]
        .split(',')
        .map((f) => FORMAT_EXTENSION[f])
        .sort();
}

interface Manifest {
  artifacts: Array<{ path: string; sha256: string; source: { path: string } }>;
}

function explain(run: CaseRun): string {
  return `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}\n--- stderr\n${run.stderr.slice(0, 3000)}\n--- diagnostics\n${run.diagnostics.map((d) => `${formatExpected(d)}  ${d.message}`).join('\n')}`;
}

describe('bad-input corpus', () => {
  let dist: PrivateDist;
  beforeAll(() => {
    dist = privateDist();
  }, 1_200_000);
  it('has a case for every kind of input the issue lists', () => {
    const names = new Set(all.map((c) => c.name));
    for (const name of [
      'yaml-invalid',
      'front-matter-unclosed',
      'front-matter-duplicate-key',
      'date-yesterday',
      'language-42',
      'non-utf8',
      'nul-byte',
      'bom',
      'crlf-mixed',
      'empty',
      'front-matter-only',
      'deep-bullets',
      'deep-quotes',
      'many-paragraphs',
      'too-large-limit',
      'too-large-default',
      'numbering-duplicate',
      'numbering-zero',
      'numbering-12-digit',
      'html-script',
      'html-iframe',
      'html-event-handlers',
      'link-javascript',
      'link-data',
      'image-dotdot',
      'image-absolute',
      'image-symlink-outside',
      'image-remote',
      'template-markers',
      'template-syntax-error',
      'font-missing',
      'font-corrupt',
      'out-under-file',
      'translation-malformed-po',
      'translation-other-document-po',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it.concurrent.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    async (_, c) => {
      const heavy = c.limitSeconds > 60;
      const run = await slots.run(heavy ? Infinity : 1, () => runCase(c, { timeoutMs: c.limitSeconds * 1000 * WALL_LIMIT_FACTOR, cli: dist.cli }));
      figures.push({ name: c.name, bytes: run.inputBytes, ms: run.ms, cpuMs: run.cpuMs, rssKiB: run.rssKiB, code: run.code });
      try {
        const why = explain(run);
        // No crash: a normal exit, no stack trace, no internal error, a JSON report.
        expect(run.signal, why).toBeNull();
        expect(run.stderr + run.stdout, why).not.toMatch(/\n\s+at /);
        expect(run.stderr, why).not.toMatch(/internal error|Uncaught|RangeError|TypeError|ReferenceError/i);
        expect(
          run.diagnostics.filter((d) => d.ruleId === 'internal-error'),
          why,
        ).toEqual([]);
        expect(JSON.parse(run.stdout), why).toHaveProperty('summary');
        expect(run.code, why).toBe(c.exitCode);
        // Nothing was fetched or resolved.
        expect(run.network, why).toEqual([]);

        // Every diagnostic has a file, a rule id, and a place inside the file when it has one.
        for (const d of run.diagnostics) {
          expect(d.file, why).toBeTruthy();
          expect(d.ruleId, why).toMatch(/^[a-z0-9-]+$/);
          if (d.line != null) {
            expect(d.line, why).toBeGreaterThanOrEqual(1);
            expect(d.column ?? 1, why).toBeGreaterThanOrEqual(1);
            const path = join(run.work, d.file);
            if (existsSync(path) && !d.file.startsWith('..')) {
              const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
              expect(d.line, `${formatExpected(d)} is past the end of ${d.file}\n${why}`).toBeLessThanOrEqual(lines.length);
            }
          }
        }
        // Errors and warnings exactly as expected; listed infos present.
        const serious = <T extends { severity: string }>(list: T[]): T[] => list.filter((d) => d.severity !== 'info');
        const actual = new Set(serious(run.diagnostics).map((d) => formatExpected(d)));
        const expected = new Set(serious(c.expected).map((d) => formatExpected(d)));
        expect([...actual].sort(), why).toEqual([...expected].sort());
        const shown = new Set(run.diagnostics.map((d) => formatExpected(d)));
        for (const info of c.expected.filter((d) => d.severity === 'info')) expect([...shown], why).toContain(formatExpected(info));

        // `check` reports exactly what `build` reported (writing the outputs is build's alone).
        const checkArgs = c.args.filter((a, i) => a !== '--out' && c.args[i - 1] !== '--out');
        const checked = await spawnCollect(process.execPath, [dist.cli, 'check', 'src', '--reporter', 'json', ...checkArgs], {
          cwd: run.work,
          env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '', ...caseEnv(c, run.work) },
          timeoutMs: c.limitSeconds * 1000 * WALL_LIMIT_FACTOR,
        });
        const key = (d: JsonDiagnostic) => `${formatExpected(d)} ${d.message}`;
        const fromCheck = (JSON.parse(checked.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.map((d) => ({
          ...d,
          file: relativeTo(run.work, d.file),
        }));
        const fromBuild = run.diagnostics.filter((d) => d.ruleId !== 'output-write');
        expect(fromCheck.map(key).sort(), `check and build disagree\n${why}`).toEqual(fromBuild.map(key).sort());
        expect(checked.code, why).toBe(fromBuild.some((d) => d.severity === 'error') ? 1 : 0);

        if (c.companion === 'absent') {
          expect(existsSync(join(run.work, 'out')), why).toBe(false);
          return;
        }
        // No half-written file: no temporary left, and verify agrees with the manifest.
        const files = filesUnder(run.out);
        expect(
          files.filter((f) => f.includes('.briefpack-tmp-')),
          why,
        ).toEqual([]);
        const verifyArgs = [dist.cli, 'verify', run.out];
        if (c.args.includes('--templates')) verifyArgs.push('--templates', c.args[c.args.indexOf('--templates') + 1]);
        const verify = await spawnCollect(process.execPath, verifyArgs, { cwd: run.work, env: process.env, timeoutMs: 120_000 });
        const problems = verify.stderr
          .split('\n')
          .filter((l) => / error /.test(l) && !(c.generate === 'out-doc-folder-is-file' && l.includes(`/${c.name} error`)));
        expect(problems, `${verify.stderr}\n${why}`).toEqual([]);
        const manifest = JSON.parse(readFileSync(join(run.out, 'manifest.json'), 'utf8')) as Manifest;
        const listed = (source: string) =>
          manifest.artifacts
            .filter((a) => a.source.path === source)
            .map((a) => a.path.split('.').pop()!)
            .sort();
        for (const a of manifest.artifacts) expect(files, why).toContain(a.path);

        // The companion was built (or failed for the same shared reason).
        if (c.companion === 'built') expect(listed('src/companion.md'), why).toEqual(extensionsFor(c));
        else expect(listed('src/companion.md'), why).toEqual([]);
        // The bad document: all its outputs when it only had warnings, none at all after an error —
        // but for an error of its translation only: then its own pack is written and nothing of the translation.
        const own = `src/${c.name}.md`;
        const translationOnly = c.exitCode === 1 && c.expected.every((d) => d.severity !== 'error' || d.ruleId.startsWith('translation-'));
        if (c.exitCode === 0) expect(listed(own), why).toEqual(extensionsFor(c));
        else if (translationOnly) {
          expect(listed(own), why).toEqual(extensionsFor(c));
          expect(
            files.filter((f) => f.startsWith(`${c.name}/`) && /\.[a-z]{2}(-[A-Za-z]+)?\.(html|pdf|docx)$/.test(f)),
            why,
          ).toEqual([]);
        } else {
          expect(listed(own), why).toEqual([]);
          expect(
            files.filter((f) => f.startsWith(`${c.name}/`)),
            why,
          ).toEqual([]);
        }
        if (c.htmlHas.length || c.htmlLacks.length) {
          const html = readFileSync(join(run.out, c.name, `${c.name}.html`), 'utf8');
          for (const text of c.htmlHas) expect(html, `page should contain ${text}`).toContain(text);
          for (const text of c.htmlLacks) expect(html, `page should not contain ${text}`).not.toContain(text);
        }

        // Bounded: no hang, no blow-up.
        expect(run.cpuMs, why).toBeLessThan(c.limitSeconds * 1000);
        expect(run.rssKiB, why).toBeLessThan(RSS_LIMIT_KIB);
      } finally {
        rmSync(run.work, { recursive: true, force: true });
      }
    },
    3_600_000,
  );

  for (const c of pending) it.skip(`${c.name} (pending: ${c.pending})`, () => {});

  afterAll(() => {
    dist?.remove();
    const sorted = [...figures].sort((a, b) => b.bytes - a.bytes);
    const rows = sorted.map(
      (f) =>
        `  ${f.name.padEnd(34)} ${String(f.bytes).padStart(10)} B  wall ${String(f.ms).padStart(7)} ms  cpu ${String(f.cpuMs).padStart(7)} ms  peak ${String(Math.round(f.rssKiB / 1024)).padStart(5)} MB  exit ${f.code}`,
    );
    const skipped = pending.map((c) => `  pending ${c.name}: ${c.pending}`);
    console.log(`bad-input corpus: ${figures.length} bad inputs tried (each built with a good companion)\n${[...rows, ...skipped].join('\n')}`);
  });
});

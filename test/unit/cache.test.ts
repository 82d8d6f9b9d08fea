/**
 * Issue 7, acceptance 3: the incremental cache. Nothing is rebuilt when
 * nothing changed (and no file is touched), only the changed document is
 * rebuilt, a template change rebuilds everything, a translation change
 * rebuilds its document only; outputs no longer produced are removed.
 */
import { describe, it, expect } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { CORPUS, FIXTURES, ROOT } from '../helpers/paths.js';
import { listFiles, projectCopy } from '../helpers/out-tree.js';

const SEED = 'apec-2025-digital-ai-ministerial';
const FORMATS = ['--format', 'html,json,xliff,po'];

/** source/ with the seed, a real statement and a fixture; translations/ as in the repository. */
function project(): string {
  const dir = projectCopy('bp-cache-');
  cpSync(join(CORPUS, 'g7-2023-hiroshima-ai-process-leaders-statement.md'), join(dir, 'source', 'g7-ai.md'));
  cpSync(join(FIXTURES, 'footnotes', 'input.md'), join(dir, 'source', 'footnotes.md'));
  return dir;
}

function build(dir: string, extra: string[] = []) {
  const r = runCli(['build', 'source', ...FORMATS, ...extra], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** path -> mtime of every file under out/, the cache entries included. */
function mtimes(dir: string): Map<string, number> {
  const out = join(dir, 'out');
  return new Map(listFiles(out, { cache: true }).map((f) => [f, statSync(join(out, f)).mtimeMs]));
}

function touched(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
}

function summary(stderr: string): string {
  return /^\d+ built, \d+ up to date.*$/m.exec(stderr)?.[0] ?? `(no summary in: ${stderr})`;
}

describe('incremental builds', () => {
  it('rebuilds nothing and touches no file when nothing changed', () => {
    const dir = project();
    build(dir);
    const before = mtimes(dir);
    const r = build(dir);
    expect(summary(r.stderr)).toMatch(/^0 built, 3 up to date in /);
    expect(touched(before, mtimes(dir))).toEqual([]);
    expect(runCli(['verify'], { cwd: dir }).code).toBe(0);
  });

  it('rebuilds only the document whose source changed', () => {
    const dir = project();
    build(dir);
    const before = mtimes(dir);
    appendFileSync(join(dir, 'source', 'g7-ai.md'), '\nWe note one more thing.\n');
    const r = build(dir);
    expect(summary(r.stderr)).toMatch(/^1 built, 2 up to date in /);
    expect(r.stderr).toMatch(/^built source\/g7-ai\.md /m);
    const changed = touched(before, mtimes(dir));
    expect(changed).toContain('.cache/g7-ai.json');
    expect(changed).toContain('g7-ai/g7-ai.html');
    expect(changed).toContain('manifest.json');
    expect(changed.filter((f) => !f.includes('g7-ai') && f !== 'manifest.json')).toEqual([]);
    expect(readFileSync(join(dir, 'out', 'g7-ai', 'g7-ai.html'), 'utf8')).toContain('We note one more thing.');
    expect(runCli(['verify'], { cwd: dir }).code).toBe(0);
  });

  it('rebuilds everything after a change to a template in the --templates folder', () => {
    const dir = project();
    mkdirSync(join(dir, 'tpl'));
    const cover = readFileSync(join(ROOT, 'templates', 'html', 'cover.hbs'), 'utf8');
    writeFileSync(join(dir, 'tpl', 'cover.hbs'), cover);
    build(dir, ['--templates', 'tpl']);
    expect(summary(build(dir, ['--templates', 'tpl']).stderr)).toMatch(/^0 built, 3 up to date/);
    writeFileSync(join(dir, 'tpl', 'cover.hbs'), cover.replace(/(<header class="cover"[^>]*>)/, '$1<p class="edition">Advance copy</p>'));
    const r = build(dir, ['--templates', 'tpl']);
    expect(summary(r.stderr)).toMatch(/^3 built, 0 up to date/);
    for (const id of [SEED, 'g7-ai', 'footnotes']) expect(readFileSync(join(dir, 'out', id, `${id}.html`), 'utf8')).toContain('Advance copy');
    // The manifest records the new asset hash; verify needs the same folder to agree.
    expect(runCli(['verify', '--templates', 'tpl'], { cwd: dir }).code).toBe(0);
  });

  it('rebuilds everything when the options change (another format list), and with --no-cache', () => {
    const dir = project();
    build(dir);
    expect(summary(runCli(['build', 'source', '--format', 'html,json'], { cwd: dir }).stderr)).toMatch(/^3 built, 0 up to date/);
    // A narrower build keeps the formats it was not asked for (and the manifest still lists them); --clean removes them.
    expect(existsSync(join(dir, 'out', 'g7-ai', 'g7-ai.xlf'))).toBe(true);
    expect(runCli(['verify'], { cwd: dir }).code).toBe(0);
    expect(runCli(['build', 'source', '--format', 'html,json', '--clean'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'out', 'g7-ai', 'g7-ai.xlf'))).toBe(false);
    expect(runCli(['verify'], { cwd: dir }).code).toBe(0);
    expect(summary(runCli(['build', 'source', '--format', 'html,json', '--no-cache'], { cwd: dir }).stderr)).toMatch(/^3 built, 0 up to date/);
  });

  it('rebuilds a document whose output was deleted', () => {
    const dir = project();
    build(dir);
    rmSync(join(dir, 'out', 'footnotes', 'footnotes.json'));
    const r = build(dir);
    expect(summary(r.stderr)).toMatch(/^1 built, 2 up to date/);
    expect(existsSync(join(dir, 'out', 'footnotes', 'footnotes.json'))).toBe(true);
  });

  it('rebuilds only the document whose translation file changed, and drops its pack with --clean when the translation goes', () => {
    const dir = project();
    // A ko translation of g7-ai, made by `extract`, so the test does not depend on the repository's translations.
    const ex = runCli(['extract', 'source/g7-ai.md', '--lang', 'ko', '--out', 'ex'], { cwd: dir });
    expect(ex.code, ex.stderr).toBe(0);
    mkdirSync(join(dir, 'translations', 'ko'), { recursive: true });
    cpSync(join(dir, 'ex', 'g7-ai', 'g7-ai.ko.po'), join(dir, 'translations', 'ko', 'g7-ai.po'));
    build(dir);
    expect(existsSync(join(dir, 'out', 'g7-ai', 'g7-ai.ko.html'))).toBe(true);
    const before = mtimes(dir);

    appendFileSync(join(dir, 'translations', 'ko', 'g7-ai.po'), '\n# reviewed\n');
    const r = build(dir);
    expect(summary(r.stderr)).toMatch(/^1 built, 2 up to date/);
    expect(r.stderr).toMatch(/^built source\/g7-ai\.md /m);
    expect(touched(before, mtimes(dir)).filter((f) => !f.includes('g7-ai') && f !== 'manifest.json')).toEqual([]);

    rmSync(join(dir, 'translations', 'ko', 'g7-ai.po'));
    expect(summary(build(dir).stderr)).toMatch(/^1 built, 2 up to date/);
    // Nothing destructive: the Korean pack stays until a --clean build.
    expect(existsSync(join(dir, 'out', 'g7-ai', 'g7-ai.ko.html'))).toBe(true);
    build(dir, ['--clean']);
    expect(existsSync(join(dir, 'out', 'g7-ai', 'g7-ai.ko.html'))).toBe(false);
    expect(runCli(['verify'], { cwd: dir }).code).toBe(0);
  }, 180_000);

  it('drops the outputs of a source that was deleted', () => {
    const dir = project();
    build(dir);
    rmSync(join(dir, 'source', 'footnotes.md'));
    expect(summary(build(dir).stderr)).toMatch(/^0 built, 2 up to date/);
    expect(existsSync(join(dir, 'out', 'footnotes'))).toBe(true); // the folder may stay; its files go
    expect(listFiles(join(dir, 'out'), { cache: true }).filter((f) => f.includes('footnotes'))).toEqual([]);
    expect(runCli(['verify'], { cwd: dir }).code).toBe(0);
  });
});

describe('the asset hash', () => {
  it('holds the installed version of every renderer library, those without package.json in their exports too', async () => {
    const { libraryVersions } = await import('../../src/project/asset-hash.js');
    const versions = libraryVersions();
    // docx, remark-parse and remark-stringify do not export ./package.json: resolving it failed, and an upgrade
    // of them left the build cache as it was.
    for (const name of ['docx', 'remark-parse', 'remark-stringify', 'pdfmake', 'wink-nlp']) {
      const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      expect(versions[name], name).toBe(installed);
    }
    expect(Object.entries(versions).filter(([, v]) => v === 'missing')).toEqual([]);
  });
});

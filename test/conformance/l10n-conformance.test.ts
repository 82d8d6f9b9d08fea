/**
 * Translation files against the real clients: every .xlf validates with
 * xmllint against the OASIS XLIFF 2.1 core schema (modules through the
 * catalog), every .pot/.po passes `msgfmt -c`, translate-toolkit's pocount
 * reads and counts the PO files, and catalogs that gettext's own tools
 * (msgen, msgmerge, msgcat) rewrite are still read correctly by briefpack.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { VFile } from 'vfile';
import { modelOf } from '../helpers/compile.js';
import { ROOT, SEED, CORPUS, FIXTURES, XLIFF_SCHEMAS } from '../helpers/paths.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { RICH, fillPo, fillXliff, modelFromText } from '../helpers/l10n.js';
import { extractTemplates, listUnits, loadTranslation, translateModel, readPo } from '../../src/l10n/index.js';
import type { Declaration } from '../../src/model/schema.js';

const SCHEMAS = XLIFF_SCHEMAS;
const XSD = join(SCHEMAS, 'xliff_core_2.0.xsd');
const CATALOG = join(SCHEMAS, 'catalog.xml');
const TRANSLATIONS = join(ROOT, 'translations');
const ID = 'apec-2025-digital-ai-ministerial';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); the conformance suite needs it installed`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A file name that is not an XML NMTOKEN: the <file id> must still validate and match.
const oddDir = mkdtempSync(join(tmpdir(), 'briefpack-l10n-name-'));
const oddName = join(oddDir, 'rich declaration (draft).md');
copyFileSync(RICH, oddName);
const fixtures = readdirSync(FIXTURES)
  .filter((d) => existsSync(join(FIXTURES, d, 'input.md')))
  .map((d) => join(FIXTURES, d, 'input.md'));
const corpus = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => join(CORPUS, f))
  : [];
const sources = [SEED, RICH, oddName, ...corpus, ...fixtures];
let out: string;
/** The model each written catalog was made from. */
const catalogs = new Map<string, Declaration>();

function compile(path: string): Declaration {
  const { model, file } = compileSource(path, readFileSync(path), { keepOnError: true });
  if (!model) throw new Error(`${path} did not compile:\n${file.messages.map(String).join('\n')}`);
  return model;
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'briefpack-l10n-conformance-'));
  for (const path of sources) {
    const model = compile(path);
    const label = basename(path) === 'input.md' ? `fixture-${basename(join(path, '..'))}` : model.id;
    const file = new VFile({ path });
    const existing = await loadTranslation(model, 'ko', { translationsDir: TRANSLATIONS, file });
    const files = extractTemplates(model, { lang: 'ko', existing: existing?.document ?? null, epoch: 1754265600 });
    const dir = join(out, label);
    mkdirSync(dir, { recursive: true });
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      catalogs.set(join(dir, name), model);
    };
    write(`${model.id}.xlf`, files.xliff);
    write(`${model.id}.pot`, files.pot);
    write(`${model.id}.ko.po`, files.po!);
    write(`${model.id}.ko.xlf`, files.translatedXliff!);
    // Fully "translated" copies: every target holds the source, codes and markers included.
    write(`${model.id}.filled.ko.po`, fillPo(files.po!));
    write(`${model.id}.filled.ko.xlf`, fillXliff(files.translatedXliff!));
  }
  // A stale case: the seed with paragraph 5 changed, extracted against the Korean sample (fuzzy entries).
  const seed = modelOf(SEED);
  const edited = modelFromText(SEED, readFileSync(SEED, 'utf8').replace('Historically, APEC has addressed', 'Since 1989, APEC has addressed'));
  const filled = join(out, 'filled-translations');
  mkdirSync(join(filled, 'ko'), { recursive: true });
  copyFileSync(join(out, ID, `${ID}.filled.ko.po`), join(filled, 'ko', `${ID}.po`));
  const existing = await loadTranslation(edited, 'ko', { translationsDir: filled, file: new VFile() });
  const stale = extractTemplates(edited, { lang: 'ko', existing: existing!.document, epoch: 1754265600 });
  mkdirSync(join(out, 'stale'), { recursive: true });
  writeFileSync(join(out, 'stale', `${ID}.ko.po`), stale.po!);
  writeFileSync(join(out, 'stale', `${ID}.ko.xlf`), stale.translatedXliff!);
  writeFileSync(join(out, 'stale', `${ID}.pot`), stale.pot);
  expect(seed.id).toBe(ID);
});

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(oddDir, { recursive: true, force: true });
});

function filesEndingWith(...exts: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (exts.some((x) => e.name.endsWith(x))) found.push(p);
    }
  };
  walk(out);
  return found.sort();
}

describe('XLIFF 2.1 validates against the OASIS schema (xmllint)', () => {
  it('every .xlf, templates and translations, validates with the catalog', () => {
    const files = filesEndingWith('.xlf');
    expect(files.length).toBeGreaterThanOrEqual(sources.length * 3);
    const r = run('xmllint', ['--noout', '--nonet', '--schema', XSD, ...files], { XML_CATALOG_FILES: CATALOG });
    expect(r.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'))).toEqual([]);
    expect(r.code).toBe(0);
    for (const f of files) expect(r.stderr).toContain(`${f} validates`);
  });

  it('rejects what is not XLIFF (the check is real)', () => {
    const bad = join(out, 'broken.xml');
    writeFileSync(bad, readFileSync(join(out, ID, `${ID}.xlf`), 'utf8').replace('<segment id="s1">', '<segment id="s1" state="done">'));
    const r = run('xmllint', ['--noout', '--nonet', '--schema', XSD, bad], { XML_CATALOG_FILES: CATALOG });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/state/);
  });
});

describe('gettext catalogs pass msgfmt -c', () => {
  it('every .po compiles cleanly: no errors, no warnings', () => {
    const files = [
      ...filesEndingWith('.po'),
      ...readdirSync(join(TRANSLATIONS, 'ko'))
        .filter((f) => f.endsWith('.po'))
        .map((f) => join(TRANSLATIONS, 'ko', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(sources.length * 2 + 2);
    for (const f of files) {
      const r = run('msgfmt', ['-c', '-o', '/dev/null', f]);
      expect({ f, code: r.code, stderr: r.stderr }).toEqual({ f, code: 0, stderr: '' });
    }
  });

  it('every .pot passes, with only the placeholder-header warnings every template has', () => {
    for (const f of filesEndingWith('.pot')) {
      const r = run('msgfmt', ['-c', '-o', '/dev/null', f]);
      expect(r.code).toBe(0);
      const other = r.stderr.split('\n').filter((l) => l && !/still has the initial default value/.test(l));
      expect({ f, other }).toEqual({ f, other: [] });
    }
  });
});

describe('pocount (translate-toolkit) reads the PO files', () => {
  function count(file: string) {
    const r = run('pocount', ['--csv', file]);
    expect(r.stderr).not.toMatch(/ERROR|WARNING/);
    const row = r.stdout
      .trim()
      .split('\n')
      .find((l) => l.startsWith(file));
    expect(row, `pocount printed no row for ${file}:\n${r.stdout}`).toBeDefined();
    const cells = row!.split(',').map((c) => c.trim());
    return { translated: Number(cells[1]), fuzzy: Number(cells[4]), untranslated: Number(cells[6]), total: Number(cells[8]) };
  }

  it('counts every unit of every template and catalog', () => {
    for (const [f, model] of catalogs) {
      if (f.endsWith('.xlf')) continue;
      const c = count(f);
      expect(c.total).toBe(listUnits(model).length);
      if (f.includes('.filled.')) expect(c.translated).toBe(c.total);
      if (f.endsWith('.pot')) expect(c.translated).toBe(0);
    }
  });

  it('sees the Korean sample as partly translated, and the stale unit as fuzzy', () => {
    const sample = count(join(TRANSLATIONS, 'ko', `${ID}.po`));
    expect(sample.translated).toBeGreaterThanOrEqual(5 + 5 + 1);
    expect(sample.fuzzy).toBe(0);
    const stale = count(join(out, 'stale', `${ID}.ko.po`));
    expect(stale.fuzzy).toBe(1);
    expect(stale.translated).toBe(stale.total - 1);
  });
});

describe('catalogs rewritten by gettext tools are still read', () => {
  it('msgen (msgstr = msgid) gives a fully translated, current pack', async () => {
    const po = join(out, 'msgen.po');
    expect(run('msgen', ['-o', po, join(out, ID, `${ID}.pot`)]).code).toBe(0);
    const dir = join(out, 'msgen-translations');
    mkdirSync(join(dir, 'ko'), { recursive: true });
    copyFileSync(po, join(dir, 'ko', `${ID}.po`));
    const file = new VFile({ path: SEED });
    const { coverage } = await translateModel(modelOf(SEED), 'ko', { translationsDir: dir, file });
    expect(file.messages.filter((m) => m.fatal !== undefined)).toEqual([]);
    expect(coverage.translated).toBe(coverage.total);
  });

  it('msgmerge --previous against an edited source: briefpack reports exactly that unit stale', async () => {
    const edited = modelFromText(SEED, readFileSync(SEED, 'utf8').replace('Historically, APEC has addressed', 'Since 1989, APEC has addressed'));
    const dir = join(out, 'msgmerge-translations');
    mkdirSync(join(dir, 'ko'), { recursive: true });
    const merged = join(dir, 'ko', `${ID}.po`);
    const r = run('msgmerge', ['--previous', '--quiet', '-o', merged, join(out, ID, `${ID}.filled.ko.po`), join(out, 'stale', `${ID}.pot`)]);
    expect(r.code).toBe(0);
    const file = new VFile({ path: SEED });
    const { report } = await translateModel(edited, 'ko', { translationsDir: dir, file });
    expect(report.staleUnits).toEqual(['p5']);
    expect(file.messages.filter((m) => m.ruleId === 'translation-stale')).toHaveLength(1);
  });

  it('a document whose file name is not an NMTOKEN round-trips through its XLIFF', async () => {
    const model = compile(oddName);
    const dir = join(out, 'odd-translations');
    mkdirSync(join(dir, 'ko'), { recursive: true });
    copyFileSync(join(out, model.id, `${model.id}.filled.ko.xlf`), join(dir, 'ko', `${model.id}.xlf`));
    expect(readFileSync(join(dir, 'ko', `${model.id}.xlf`), 'utf8')).toContain('<file id="rich_declaration__draft_"');
    const file = new VFile({ path: oddName });
    const { coverage } = await translateModel(model, 'ko', { translationsDir: dir, file });
    expect(file.messages.filter((m) => m.fatal !== undefined)).toEqual([]);
    expect(coverage.translated).toBe(coverage.total);
  });

  it('msgcat re-wrapping changes nothing briefpack reads', () => {
    const original = readPo(readFileSync(join(TRANSLATIONS, 'ko', `${ID}.po`)), 'a.po').file!.documents[0].entries;
    const r = run('msgcat', ['--width=32', join(TRANSLATIONS, 'ko', `${ID}.po`)]);
    expect(r.code).toBe(0);
    const rewrapped = readPo(r.stdout, 'b.po').file!.documents[0].entries;
    expect([...rewrapped.keys()]).toEqual([...original.keys()]);
    for (const [id, e] of original) expect({ ...rewrapped.get(id), line: 0 }).toEqual({ ...e, line: 0 });
  });
});

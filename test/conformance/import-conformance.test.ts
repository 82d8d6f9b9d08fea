/**
 * `briefpack import` on Word files made by LibreOffice, not by briefpack.
 *
 * Each corpus text goes Markdown -> pandoc -> ODT (and -> HTML) ->
 * LibreOffice (headless, private profile) -> DOCX, as a ministry's file would
 * come out of an office suite. The import of each DOCX must keep every word
 * of the source's body text (test/helpers/words.ts), and from the ODT route —
 * where Word lists and footnotes are real ones — the numbered paragraphs
 * must come back with the source's numbers and the notes as notes.
 *
 * A briefpack DOCX opened and saved again by LibreOffice (as a ministry
 * editing its pack would) is still read back to the same model: LibreOffice
 * rewrites the numbering (a restarted list becomes one w:num with a start
 * override for its first paragraph and the plain w:num for the rest) and the
 * note ids, and keeps the bookmarks and styles the importer recognises.
 *
 * The HTML route is a harder case: pandoc writes footnotes as an ordinary
 * ordered list at the end, which LibreOffice keeps as a list, so they come
 * back as numbered paragraphs; only "no word lost" is asserted there.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { importDocx } from '../../src/import/index.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { CORPUS, ROOT } from '../helpers/paths.js';
import { missingWords, words } from '../helpers/words.js';
import { modelText, numbers } from '../helpers/model-text.js';
import { modelOf } from '../helpers/compile.js';
import { docxOf } from '../helpers/docx.js';
import { asShown, modelShape } from '../helpers/model-shape.js';
import { FIXTURES } from '../helpers/paths.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'import');
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, { title: string; numbered_paragraphs: number }>;
const SOURCES = Object.keys(expected).map((f) => join(CORPUS, f));
const idOf = (path: string) => basename(path, '.md');
const ROUTES = ['odt', 'html'] as const;
const FIXTURE_SOURCES = readdirSync(FIXTURES)
  .map((d) => join(FIXTURES, d, 'input.md'))
  .filter((p) => existsSync(p) && !p.includes('/xss/'));
const fixtureId = (path: string) => basename(join(path, '..'));

describe('import conformance (LibreOffice-made DOCX of the corpus)', () => {
  const work = mkdtempSync(join(tmpdir(), 'briefpack-import-'));
  const profile = mkdtempSync(join(tmpdir(), 'briefpack-lo-profile-'));
  const imported = new Map<string, { markdown: string; messages: string[] }>();
  const results: Record<string, Record<string, unknown>> = {};
  const resaved = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const route of ROUTES) {
      const dir = join(work, route);
      mkdirSync(dir, { recursive: true });
      for (const path of SOURCES) execFileSync('pandoc', ['--standalone', path, '-o', join(dir, `${idOf(path)}.${route}`)], { stdio: 'pipe' });
      const inputs = SOURCES.map((p) => join(dir, `${idOf(p)}.${route}`));
      // From HTML, LibreOffice opens the file in Writer/Web unless the filter names Writer's DOCX export.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          join(dir, 'docx'),
          ...inputs,
        ],
        { stdio: 'pipe', timeout: 300_000 },
      );
      for (const path of SOURCES) {
        const docx = join(dir, 'docx', `${idOf(path)}.docx`);
        expect(existsSync(docx), `LibreOffice made ${docx}`).toBe(true);
        const result = await importDocx(readFileSync(docx), { path: docx });
        imported.set(`${route}/${idOf(path)}`, { markdown: result.markdown, messages: result.messages.map((m) => `${m.severity} ${m.reason} ${m.ruleId}`) });
        writeFileSync(join(ARTIFACTS, `${idOf(path)}.${route}.md`), result.markdown);
      }
    }
    // briefpack's own DOCX, saved again by LibreOffice.
    const ours = join(work, 'ours');
    mkdirSync(ours, { recursive: true });
    for (const path of FIXTURE_SOURCES) writeFileSync(join(ours, `${fixtureId(path)}.docx`), (await docxOf(path)).bytes);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        join(ours, 'resaved'),
        ...FIXTURE_SOURCES.map((p) => join(ours, `${fixtureId(p)}.docx`)),
      ],
      { stdio: 'pipe', timeout: 300_000 },
    );
    for (const path of FIXTURE_SOURCES) {
      const result = await importDocx(readFileSync(join(ours, 'resaved', `${fixtureId(path)}.docx`)), { path: `${fixtureId(path)}.docx` });
      expect(result.briefpack, `${fixtureId(path)} is recognised as briefpack's after LibreOffice saved it`).toBe(true);
      resaved.set(fixtureId(path), result.markdown);
      writeFileSync(join(ARTIFACTS, `${fixtureId(path)}.resaved.md`), result.markdown);
    }
  });

  afterAll(() => {
    writeFileSync(join(ARTIFACTS, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    console.log('import of LibreOffice DOCX:', JSON.stringify(results));
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  const cases = ROUTES.flatMap((route) => SOURCES.map((p) => [`${route}/${idOf(p)}`, route, p] as const));

  it.each(cases)('%s: every word of the source is kept', (key, route, path) => {
    const { markdown } = imported.get(key)!;
    const compiled = compileSource(`${idOf(path)}.md`, Buffer.from(markdown, 'utf8'), { keepOnError: true });
    expect(compiled.model, `${key} compiles`).not.toBeNull();
    const source = sourceBodyText(readFileSync(path, 'utf8'));
    expect(words(source).length).toBeGreaterThan(100);
    const lost = missingWords(source, modelText(compiled.model!));
    (results[key] ??= {}).wordsLost = lost.length;
    results[key].words = words(source).length;
    results[key].route = route;
    expect(lost).toEqual([]);
  });

  it.each(SOURCES.map((p) => [idOf(p), p]))('odt/%s: numbered paragraphs, title and notes come back', (id, path) => {
    const key = `odt/${id}`;
    const { markdown } = imported.get(key)!;
    const back = compileSource(`${id}.md`, Buffer.from(markdown, 'utf8'), { keepOnError: true }).model!;
    const original = modelOf(path);
    expect(back.meta.title).toBe(expected[basename(path)].title);
    expect(numbers(back)).toHaveLength(expected[basename(path)].numbered_paragraphs);
    expect(numbers(back)).toEqual(numbers(original));
    expect(back.footnotes.map((f) => words(f.text).join(' '))).toEqual(original.footnotes.map((f) => words(f.text).join(' ')));
    (results[key] ??= {}).numbered = numbers(back).length;
    results[key].footnotes = back.footnotes.length;
  });

  it.each(FIXTURE_SOURCES.map((p) => [fixtureId(p), p]))('briefpack DOCX of %s saved again by LibreOffice: same model', (id, path) => {
    const back = compileSource(`${id}.md`, Buffer.from(resaved.get(id)!, 'utf8'), { keepOnError: true }).model!;
    expect(modelShape(asShown(back))).toEqual(modelShape(asShown(modelOf(path))));
    (results[`resaved/${id}`] ??= {}).sameModel = true;
  });
});

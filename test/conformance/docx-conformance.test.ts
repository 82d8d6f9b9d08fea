/**
 * The Word briefing files read by real clients: LibreOffice (headless,
 * private profile) converts every DOCX to PDF, and pandoc reads every DOCX.
 * Nothing of the source text may be lost, and the seed's paragraph numbers
 * must stand at the start of their paragraphs. The first page and a text page
 * are saved as PNG for a person to look at (test-artifacts/docx/).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sourceBodyText } from '../helpers/source-text.js';
import { contextFor, docxOf } from '../helpers/docx.js';
import { modelOf } from '../helpers/compile.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { missingWords, words } from '../helpers/words.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'docx');
const corpus = Object.keys(JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, unknown>).map((f) => join(CORPUS, f));
const SOURCES = [SEED, ...corpus];
const G7 = join(CORPUS, 'g7-2023-hiroshima-leaders-communique.md');

const idOf = (path: string) => basename(path, '.md');

describe('docx conformance (LibreOffice, pandoc)', () => {
  const work = mkdtempSync(join(tmpdir(), 'briefpack-docx-'));
  const profile = mkdtempSync(join(tmpdir(), 'briefpack-lo-profile-'));
  const timings: Record<string, number> = {};
  const pdfText = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Render time only (the model is compiled first): cold for every file, then warm for the two the issue names.
    for (const path of SOURCES) {
      const model = modelOf(path);
      const start = performance.now();
      const bytes = await renderDocx(model, contextFor(model, path));
      timings[idOf(path)] = performance.now() - start;
      writeFileSync(join(work, `${idOf(path)}.docx`), bytes);
    }
    for (const path of [SEED, G7]) {
      const model = modelOf(path);
      const start = performance.now();
      for (let i = 0; i < 5; i++) await renderDocx(model, contextFor(model, path));
      timings[`${idOf(path)} (warm, mean of 5)`] = (performance.now() - start) / 5;
    }
    writeFileSync(join(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
    console.log('ms per DOCX:', Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])));

    const docx = SOURCES.map((p) => join(work, `${idOf(p)}.docx`));
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...docx], { stdio: 'pipe', timeout: 300_000 });
    for (const path of SOURCES) {
      const pdf = join(work, `${idOf(path)}.pdf`);
      expect(existsSync(pdf), `LibreOffice made ${pdf}`).toBe(true);
      pdfText.set(idOf(path), execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    }
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it.each(SOURCES.map((p) => [idOf(p), p]))('LibreOffice PDF of %s holds every word of the source', (id, path) => {
    const source = sourceBodyText(readFileSync(path, 'utf8'));
    expect(words(source).length).toBeGreaterThan(100);
    expect(missingWords(source, pdfText.get(id)!)).toEqual([]);
  });

  it('LibreOffice PDF of the seed shows 1 to 14 at the start of their paragraphs, in order', async () => {
    const { model } = await docxOf(SEED);
    const numbered = model.sections.flatMap((s) => s.paragraphs).filter((p) => p.number != null);
    expect(numbered.map((p) => p.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const lines = pdfText.get(idOf(SEED))!.split('\n');
    let from = 0;
    for (const p of numbered) {
      const opening = words(p.text).slice(0, 3);
      const at = lines.findIndex((line, i) => {
        if (i < from) return false;
        const m = /^\s*(\d+)\.\s+(.*)$/.exec(line);
        return m !== null && Number(m[1]) === p.number && words(m[2]).slice(0, 3).join(' ') === opening.join(' ');
      });
      expect(at, `paragraph ${p.number} ("${opening.join(' ')}…") starts a line with its number`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it.each(SOURCES.map((p) => [idOf(p), p]))('pandoc reads %s back with every word', (id, path) => {
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(work, `${id}.docx`)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const source = sourceBodyText(readFileSync(path, 'utf8'));
    expect(missingWords(source, plain)).toEqual([]);
  });

  it('saves the first page and a text page of each file as PNG', () => {
    for (const path of SOURCES) {
      const id = idOf(path);
      const pdf = join(work, `${id}.pdf`);
      const pages = pdfText.get(id)!.split('\f');
      // The first page of the text: the first page after the contents that holds its opening words.
      const firstParagraph = words((readFileSync(path, 'utf8').match(/^\s*1\.\s+(.+)$/m) ?? [])[1] ?? '').slice(0, 4).join(' ');
      let textPage = pages.findIndex((page, i) => i > 1 && firstParagraph !== '' && words(page).join(' ').includes(firstParagraph));
      if (textPage < 0) textPage = Math.min(3, pages.length - 1);
      for (const [page, name] of [
        [1, 'cover'],
        [textPage + 1, 'text'],
      ] as const) {
        const prefix = join(work, `${id}-${name}`);
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
        renameSync(`${prefix}.png`, join(ARTIFACTS, `${id}-${name}.png`));
        expect(readFileSync(join(ARTIFACTS, `${id}-${name}.png`)).subarray(1, 4).toString()).toBe('PNG');
      }
    }
  });
});

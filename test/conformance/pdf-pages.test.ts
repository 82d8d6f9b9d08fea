/**
 * Print-grade pages of the briefing PDF (issue 17), read back with poppler:
 * - footnotes on the page of their reference: the pdf-footnotes fixture has
 *   references in paragraphs that land on pages 2, 5 and 9; each note is on
 *   the page of its marker (`pdftotext -f N -l N`), and a note no paragraph
 *   refers to is in the notes part;
 * - hyphenation: justified text gets soft hyphens by pattern, lines end with
 *   a hyphen where a word breaks at one, and `pdftotext` (and the structure's
 *   text) still has every word whole, compounds too;
 * - pages for review, rendered with pdftoppm at 80 dpi into
 *   test-artifacts/pdf/review/: the cover, the contents, a text page with a
 *   footnote and an annex page of the pdf-features fixture, and a page of
 *   the footnotes fixture.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocDefinition, FontSet, layoutPdf, renderPdf } from '../../src/render/pdf/index.js';
import { ALL_PARTS } from '../../src/view/build-view.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';
import { missingWords, words } from '../helpers/words.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { pdfinfo, pdftotext, run, structText } from '../helpers/pdf.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'pdf', 'review');
const FOOTNOTES = join(FIXTURES, 'pdf-footnotes', 'footnotes.md');
const FEATURES = join(FIXTURES, 'pdf-features', 'input.md');
/** Text only: no cover, contents or annexes, so that the text opens page 1. */
const TEXT_ONLY = { ...ALL_PARTS, cover: false, contents: false, annexes: { commitments: false, glossary: false, instruments: false } };

function pages(file: string): string[] {
  const count = Number(pdfinfo(file).Pages);
  return Array.from({ length: count }, (_, i) => pdftotext(file, '-f', String(i + 1), '-l', String(i + 1)));
}

function snapshot(file: string, page: number, name: string): string {
  const out = join(ARTIFACTS, name);
  const r = run('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  expect(r.status, r.stderr).toBe(0);
  expect(readFileSync(`${out}.png`).subarray(1, 4).toString()).toBe('PNG');
  return `${out}.png`;
}

beforeAll(() => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
});

describe('footnotes on the page of their reference (pdf-footnotes fixture)', () => {
  let file: string;
  let text: string[];
  beforeAll(async () => {
    const view = viewOf(FOOTNOTES, undefined, { parts: TEXT_ONLY });
    file = join(ARTIFACTS, 'footnotes.pdf');
    writeFileSync(file, await renderPdf(view, renderContext(FOOTNOTES)));
    text = pages(file);
  });

  it.each([
    ['alpha', 'Zanzibar', 2],
    ['beta', 'Quillwort', 5],
    ['gamma', 'Marrakesh', 9],
  ])('note %s: its marker (after "%s") and its text are both on page %i', (key, word, page) => {
    // The marker follows "for the <word> agenda" on the line of the paragraph.
    const markerPages = text.flatMap((t, i) => (t.includes(`for the ${word} agenda`) ? [i + 1] : []));
    expect(markerPages).toEqual([page]);
    const onPage = text[page - 1];
    expect(onPage).toContain(`Footnote ${key} about the ${word} agenda, printed at the foot of the page of its reference.`);
    // Under the text of the page: the note comes after the last paragraph line of the page.
    expect(onPage.lastIndexOf(`Footnote ${key}`)).toBeGreaterThan(onPage.indexOf(`for the ${word} agenda`));
    // Nowhere else.
    expect(text.filter((t) => t.includes(`Footnote ${key}`))).toHaveLength(1);
  });

  it('keeps the note numbers of the view, and the note that nothing refers to in the notes part', () => {
    const all = text.join('\n');
    expect(all).toContain('An orphan note that no paragraph refers to');
    const last = text[text.length - 1];
    expect(last).toContain('Notes');
    expect(last).toMatch(/4\.\s*An orphan note/);
    expect(text[1]).toMatch(/^1\s+Footnote alpha/m);
    expect(text[4]).toMatch(/^2\s+Footnote beta/m);
    expect(text[8]).toMatch(/^3\s+Footnote gamma/m);
  });

  it('renders the page of the first note for review', () => {
    snapshot(file, 2, 'footnotes-page-2');
  });
});

describe('hyphenation and justification', () => {
  let file: string;
  let source: string;
  beforeAll(async () => {
    source = FOOTNOTES;
    const view = viewOf(FOOTNOTES, undefined, { parts: TEXT_ONLY });
    const ctx = renderContext(FOOTNOTES);
    const fonts = new FontSet(ctx.file);
    const definition = buildDocDefinition(view, ctx, { fonts });
    file = join(ARTIFACTS, 'hyphenated.pdf');
    writeFileSync(file, await layoutPdf(definition, fonts));
  });

  it('breaks lines at soft hyphens placed by the patterns, drawing a hyphen there', () => {
    const layout = pdftotext(file, '-layout');
    const broken = layout.split('\n').filter((l) => /\p{L}-$/u.test(l.trim()));
    expect(broken.length).toBeGreaterThan(5);
    // Each is a pattern break of a source word ("interoper-" / "ability"), not a compound's hyphen.
    const vocabulary = new Set(words(readFileSync(source, 'utf8')));
    for (const line of broken.slice(0, 20)) {
      const head = /(\p{L}+)-$/u.exec(line.trim())![1].toLowerCase();
      expect(
        [...vocabulary].some((w) => w.startsWith(head) && w.length > head.length),
        `${head}- starts a longer source word`,
      ).toBe(true);
    }
  });

  it('pdftotext returns every source word whole, and so does the structure', () => {
    const expected = sourceBodyText(readFileSync(source, 'utf8'));
    expect(missingWords(expected, pdftotext(file))).toEqual([]);
    expect(missingWords(expected, structText(file))).toEqual([]);
  });

  it('keeps a compound whole and its hyphen: "Asia-Pacific" in the pdf-features fixture', async () => {
    const view = viewOf(FEATURES);
    const pdf = join(ARTIFACTS, 'features.pdf');
    writeFileSync(pdf, await renderPdf(view, renderContext(FEATURES)));
    const text = pdftotext(pdf);
    expect(missingWords(sourceBodyText(readFileSync(FEATURES, 'utf8')), text)).toEqual([]);
  });
});

describe('pages for review (pdf-features fixture)', () => {
  let file: string;
  let text: string[];
  beforeAll(async () => {
    const view = viewOf(FEATURES);
    file = join(ARTIFACTS, 'review.pdf');
    writeFileSync(file, await renderPdf(view, renderContext(FEATURES)));
    text = pages(file);
  });

  it('renders the cover, the contents, a text page with a footnote and an annex page', () => {
    const contents = text.findIndex((t) => /Contents/.test(t)) + 1;
    const footnote = text.findIndex((t) => t.includes('A footnote with emphasis.')) + 1;
    const annex = text.findIndex((t, i) => i >= contents && t.includes('Commitments by verb strength')) + 1;
    expect(contents, 'contents page').toBeGreaterThan(0);
    expect(footnote, 'page with a footnote').toBeGreaterThan(0);
    expect(annex, 'annex page').toBeGreaterThan(contents);
    snapshot(file, 1, 'cover');
    snapshot(file, contents, 'contents');
    snapshot(file, footnote, 'text-with-footnote');
    snapshot(file, annex, 'annex');
  });
});

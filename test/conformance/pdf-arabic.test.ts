/**
 * Right-to-left Arabic in the briefing PDF (issue 19), read back with
 * poppler: the seed's Arabic pack (translations/ar, an unofficial sample) is
 * built in-process; its Arabic face is embedded (pdffonts); pdftotext gives
 * back the Arabic words of the translation, with ligatures (lam-alef) in
 * logical order; the content stream keeps the words in logical order
 * (pdftotext -raw, and the structure tree: pdfinfo -struct-text, whose words
 * have their letters in visual order); on the page, the first word of a paragraph stands right of
 * the next one, and the paragraph number right of its text (pdftotext -bbox);
 * pages 1 and 2 are rendered with pdftoppm into test-artifacts/pdf-arabic/
 * for review, with the time of the render in timing.json.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { compileSource } from '../../src/pipeline/compile.js';
import { translateModel } from '../../src/l10n/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { renderContext, viewFor } from '../helpers/compile.js';
import { ROOT, SEED } from '../helpers/paths.js';
import { hasCommand, missingWordsInOrder, pdffonts, pdfinfo, pdftotext, run, structText } from '../helpers/pdf.js';
import { words } from '../helpers/words.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'pdf-arabic');
const PO = join(ROOT, 'translations', 'ar', 'apec-2025-digital-ai-ministerial.po');
const ARABIC = /[\u0600-\u06ff]/;

/** The translated strings of a PO file (msgstr, continuation lines joined), header left out. */
function msgstrs(po: string): string[] {
  const out: string[] = [];
  for (const entry of po.split(/\n\s*\n/)) {
    const m = /^msgstr ((?:".*"\n?)+)/m.exec(entry);
    if (!m) continue;
    const value = [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((q) => JSON.parse(`"${q[1]}"`) as string).join('');
    if (value && !/^Project-Id-Version:/.test(value)) out.push(value);
  }
  return out;
}

/**
 * Arabic vowel and other marks (tashkeel: fathatan, shadda…). They are drawn
 * on their letters, but poppler extracts a mark that GPOS places over its
 * letter as a character of its own, which may split its word in two
 * ("وبناءً" gives "وبنا ًء"). Words are compared without marks, and the few
 * words written with one are counted apart.
 */
const MARKS = /[\u064b-\u065f\u0670]/g;
const MARKED = /[\u064b-\u065f\u0670]/;

/** Words of text, without Arabic marks. */
function bare(text: string): string[] {
  return words(text.replace(MARKS, ''));
}

/** Words of Markdown text in Arabic script (letters of other scripts, digits and markup left out), without the words written with marks. */
function arabicWords(markdown: string, skip?: RegExp): string[] {
  const tokens = markdown.replace(/\]\([^)]*\)/g, ']').split(/\s+/);
  return tokens.flatMap((t) => (MARKED.test(t) || skip?.test(t) ? [] : words(t))).filter((w) => ARABIC.test(w));
}

/** Arabic words written with marks (without them). */
function markedWords(markdown: string): string[] {
  return markdown
    .split(/\s+/)
    .filter((t) => MARKED.test(t))
    .flatMap((t) => bare(t))
    .filter((w) => ARABIC.test(w));
}

/** Text whose Arabic came out in visual order (left to right): each run of Arabic characters in logical order, set apart. */
function logical(text: string): string {
  return text.replace(/[\u0600-\u06ff]+/g, (run) => ` ${[...run].reverse().join('')} `);
}

describe.skipIf(!['pdffonts', 'pdftotext', 'pdfinfo', 'pdftoppm'].every(hasCommand))("the seed's Arabic pack (translations/ar)", () => {
  const pdf = join(ARTIFACTS, 'seed-ar.pdf');
  let units: string[];
  let ms: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const compiled = compileSource(SEED, readFileSync(SEED));
    const file = new VFile({ path: SEED });
    const { model } = await translateModel(compiled.model!, 'ar', { translationsDir: join(ROOT, 'translations'), file });
    const view = viewFor(model, { version: '0.1.0' });
    const started = performance.now();
    writeFileSync(pdf, await renderPdf(view, renderContext(SEED)));
    ms = Math.round(performance.now() - started);
    units = msgstrs(readFileSync(PO, 'utf8')).filter((s) => ARABIC.test(s));
    writeFileSync(
      join(ARTIFACTS, 'timing.json'),
      `${JSON.stringify({ renderMs: ms, note: 'renderPdf of the Arabic pack, in-process (fonts possibly already loaded)' }, null, 2)}\n`,
    );
  });

  it('embeds the Arabic face, and says the document is Arabic', () => {
    const fonts = pdffonts(pdf);
    const arabic = fonts.filter((f) => /IBMPlexSansArabic/.test(f.name));
    expect(arabic.length).toBeGreaterThan(0);
    for (const f of arabic) expect(f.emb && f.sub, f.name).toBe(true);
    expect(pdfinfo(pdf).Tagged).toBe('yes');
    expect(readFileSync(pdf, 'latin1')).toMatch(/\/Lang \(ar\)/);
  });

  /** Words of `expected` (one list per unit) not found in `text` in the unit's order, each unit searched from its first word. */
  function outOfOrder(text: string[], skip?: RegExp): string[] {
    const out: string[] = [];
    for (const unit of units) {
      const expected = arabicWords(unit, skip);
      // Where the unit starts: its first three words in a row (a first word alone may be a common one).
      let at = text.findIndex((w, i) => w === expected[0] && expected.slice(1, 3).every((e, k) => text[i + 1 + k] === e));
      if (at < 0) at = Math.max(0, text.indexOf(expected[0]));
      out.push(...missingWordsInOrder(expected, text.slice(at)));
    }
    return out;
  }

  it('gives back every Arabic word of the translation (pdftotext), ligatures in logical order', () => {
    expect(units.length).toBeGreaterThan(10);
    const extracted = pdftotext(pdf);
    const text = bare(extracted);
    let total = 0;
    const missing: string[] = [];
    const have = new Map<string, number>();
    for (const w of text) have.set(w, (have.get(w) ?? 0) + 1);
    for (const unit of units) {
      const expected = arabicWords(unit);
      total += expected.length;
      for (const w of expected) {
        const n = have.get(w) ?? 0;
        if (n > 0) have.set(w, n - 1);
        else missing.push(w);
      }
    }
    const marked = units.flatMap(markedWords);
    const markedFound = marked.filter((w) => text.includes(w));
    writeFileSync(
      join(ARTIFACTS, 'words.json'),
      `${JSON.stringify({ arabicWords: total, found: total - missing.length, missing, wordsWithMarks: marked.length, wordsWithMarksFound: markedFound.length }, null, 2)}\n`,
    );
    expect(missing, `${missing.length} of ${total} words missing`).toEqual([]);
    // lam-alef, a ligature: its text is written so that it extracts in logical order
    expect(extracted).toContain('إعلان');
  });

  it('draws the words in logical order: pdftotext -raw (content stream order) reads every unit in order', () => {
    expect(outOfOrder(bare(pdftotext(pdf, '-raw')))).toEqual([]);
  });

  it('reads the same words in the same order in the structure tree (the letters of a word in visual order)', () => {
    // pdfinfo -struct-text joins the text of the glyphs as drawn: an Arabic word right to left (fontkit's order).
    const text = structText(pdf)
      .split(/\s+/)
      .map((token) => logical(token))
      .join(' ');
    // A word that lines may break at its hyphen ("كيونغ-هون") is two inlines, each drawn right to left: left out.
    expect(outOfOrder(bare(text), /-/)).toEqual([]);
  });

  it('sets a paragraph from right to left: its first word right of the next, its number right of both (pdftotext -bbox)', () => {
    const html = pdftotext(pdf, '-bbox');
    const boxes = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      right: Number(m[3]),
      text: m[4],
    }));
    // Paragraph 1 of the text: "نحن، وزراء …", numbered "1."; -bbox gives a word's letters left to right.
    const first = boxes.find((b) => logical(b.text).trim().startsWith('نحن'));
    expect(first).toBeDefined();
    const line = boxes.filter((b) => Math.abs(b.y - first!.y) < 2);
    const second = line.find((b) => logical(b.text).trim().startsWith('وزراء'));
    expect(second).toBeDefined();
    expect(first!.x).toBeGreaterThan(second!.right);
    const number = line.find((b) => /^\.?1\.?$/.test(b.text));
    expect(number, line.map((b) => b.text).join(' ')).toBeDefined();
    expect(number!.x).toBeGreaterThan(first!.right);
  });

  it('renders pages 1 and 2 to PNG for review', () => {
    const out = join(ARTIFACTS, 'seed-ar-page');
    const r = run('pdftoppm', ['-r', '60', '-f', '1', '-l', '2', '-png', pdf, out]);
    expect(r.status, r.stderr).toBe(0);
  });
});

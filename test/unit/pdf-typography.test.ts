/**
 * Print-grade typography of the briefing PDF (issue 17), at the level of the
 * pieces that make it:
 * - soft hyphens placed by TeX patterns (the `hyphen` package) for every
 *   hyphenating language briefpack labels, never inside a compound, an
 *   acronym, a number or an address;
 * - the pdfmake patch's typography and footnotes, laid out straight through
 *   pdfmake (test/helpers/pdfmake-tagging.ts): justification between words
 *   only and never looser than `maxWordSpacing`, a hyphen drawn where a line
 *   breaks at a soft hyphen (and the word whole for text extraction), no
 *   middle dot at the start of a line (UAX #14 tailored), dot leaders, notes
 *   at the foot of the page of their reference, a long note continued on the
 *   next page, a note printed once;
 * - the run-time check for the patch, and the definition made without it
 *   (untagged PDF/A-1b, notes at the end, ragged right, no soft hyphens);
 * - pdfkit's write batching (pdfkit-writes.ts) is on for the pdfkit it was
 *   written for.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { HYPHENATED_LANGUAGES, hyphenatorFor, SOFT_HYPHEN } from '../../src/render/pdf/hyphenate.js';
import { hasPatchMarker, PATCHED_FILES, pdfmakePatched } from '../../src/render/pdf/pdfmake-patch.js';
import { installed } from '../../src/render/pdf/pdfkit-writes.js';
import { buildDocDefinition } from '../../src/render/pdf/index.js';
import { PDFMAKE_DIR, TAGGED, layout } from '../helpers/pdfmake-tagging.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { FIXTURES } from '../helpers/paths.js';

const require = createRequire(import.meta.url);
const shy = (s: string) => s.replace(/\u00ad/g, '-');

function text(pdf: Buffer, ...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-typography-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('soft hyphens from TeX patterns', () => {
  it('hyphenates every language briefpack labels that hyphenates: en, fr, es, de, ru', () => {
    expect(HYPHENATED_LANGUAGES.sort()).toEqual(['de', 'en', 'es', 'fr', 'ru']);
    expect(shy(hyphenatorFor('en')!.hyphenate('cooperation and interoperability'))).toBe('co-op-er-a-tion and in-ter-op-er-abil-ity');
    expect(shy(hyphenatorFor('en-GB')!.hyphenate('sustainable'))).toBe('sus-tain-able');
    expect(shy(hyphenatorFor('fr')!.hyphenate('coopération internationale'))).toBe('co-opé-ra-tion in-ter-na-tio-nale');
    expect(shy(hyphenatorFor('de')!.hyphenate('Zusammenarbeit'))).toBe('Zu-sam-men-ar-beit');
    expect(shy(hyphenatorFor('es')!.hyphenate('cooperación'))).toBe('coope-ra-ción');
    expect(shy(hyphenatorFor('ru')!.hyphenate('сотрудничество'))).toBe('со-труд-ни-че-ство');
  });

  it('leaves Korean, Chinese, Japanese and Arabic alone', () => {
    for (const lang of ['ko', 'zh-Hans', 'ja', 'ar']) expect(hyphenatorFor(lang), lang).toBeNull();
  });

  it('never breaks a compound, an acronym, a number, an address or a short word', () => {
    const en = hyphenatorFor('en')!;
    for (const keep of ['Asia-Pacific', 'Bio-Circular-Green', 'UNCTAD', 'APEC', 'ICT4Development', 'example.org/cooperation', 'people@example.org', 'trust']) {
      expect(en.hyphenate(keep), keep).toBe(keep);
    }
    // Two letters at least before a break, three after it.
    for (const word of en.hyphenate('acknowledge alternative organization').split(' ')) {
      const parts = word.split(SOFT_HYPHEN);
      expect(parts[0].length).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)!.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('the pdfmake patch: typography', () => {
  const { default: ElementWriter } = require(join(PDFMAKE_DIR, 'js', 'ElementWriter.js')) as {
    default: new (context: object) => { alignLine(line: object): void };
  };
  const { default: Line } = require(join(PDFMAKE_DIR, 'js', 'Line.js')) as {
    default: new (width: number) => { addInline(inline: object): void; inlines: Array<{ x: number }> };
  };
  const { default: TextBreaker } = require(join(PDFMAKE_DIR, 'js', 'TextBreaker.js')) as {
    default: new () => { getBreaks(texts: unknown[], stack: object): Array<{ text: string }> };
  };
  const { default: StyleContextStack } = require(join(PDFMAKE_DIR, 'js', 'StyleContextStack.js')) as {
    default: new (styles: object, defaults: object) => object;
  };

  function justified(words: string[], maxWordSpacing?: number) {
    const line = new Line(200);
    for (const text of words) line.addInline({ text, width: 20, alignment: 'justify', maxWordSpacing, trailingCut: /\s$/.test(text) ? 3 : 0 });
    new ElementWriter({ availableWidth: 200 }).alignLine(line);
    return line.inlines.map((i) => i.x);
  }

  it('justifies between words only, never inside a word split at a hyphen, a soft hyphen or a style change', () => {
    // "Asia-" "Pacific " "co\u00ad" "operation " "end": space goes after "Pacific " and "operation " only
    const x = justified(['Asia-', 'Pacific ', 'co\u00ad', 'operation ', 'end']);
    expect(x[1]).toBe(20);
    expect(x[3] - x[2]).toBe(20);
    expect(x[2] - x[1]).toBeGreaterThan(20);
    expect(x[4] - x[3]).toBeCloseTo(x[2] - x[1] - 0, 5);
  });

  it('leaves ragged a line whose spaces would grow by more than maxWordSpacing (no rivers)', () => {
    expect(justified(['one ', 'two ', 'three'], 4)).toEqual([0, 20, 40]);
    expect(justified(['one ', 'two ', 'three'], 100)[2]).toBeGreaterThan(40);
  });

  it('never starts a line with a middle dot (UAX #14 tailored for East Asian text)', () => {
    const breaks = new TextBreaker().getBreaks(['모두의 번영과 디지털·AI 전환'], new StyleContextStack({}, {}));
    expect(breaks.map((b) => b.text).some((t) => t.startsWith('·'))).toBe(false);
    // Across two runs (a change of font) too.
    const split = new TextBreaker().getBreaks([{ text: '디지털' }, { text: '·AI' }], new StyleContextStack({}, {}));
    const dot = split.findIndex((b) => b.text.startsWith('·'));
    expect(split[dot - 1]).toMatchObject({ noNewLine: true });
  });

  it("breaks Korean between words only with wordBreak 'keep-all' (not between syllables)", () => {
    const stack = new StyleContextStack({}, { wordBreak: 'keep-all' });
    const words = new TextBreaker().getBreaks(['모두의 번영과 지속가능한 성장을 위한 디지털·AI 전환'], stack).map((b) => b.text);
    // U+00B7 is line-break class AI, resolved to AL: no break inside '디지털·AI' (UAX #14, as CSS keep-all).
    expect(words).toEqual(['모두의 ', '번영과 ', '지속가능한 ', '성장을 ', '위한 ', '디지털·AI ', '전환']);
  });

  it('draws a hyphen where a justified line breaks at a soft hyphen; pdftotext reads the word whole', async () => {
    const word = 'in\u00adter\u00adop\u00ader\u00ada\u00adbil\u00adi\u00adty';
    const body = Array.from({ length: 30 }, (_, i) => `${i % 3 ? 'we' : 'members'} ${word} `).join('');
    const pdf = await layout({ ...TAGGED, content: [{ text: body, alignment: 'justify', maxWordSpacing: 6 }] });
    const layoutText = text(pdf, '-layout');
    expect(layoutText.split('\n').some((l) => /\p{L}-$/u.test(l.trim()))).toBe(true);
    expect(layoutText).not.toContain('\u00ad');
    const words = text(pdf).split(/\s+/).filter(Boolean);
    expect(words.filter((w) => w === 'interoperability')).toHaveLength(30);
  });

  it('draws dot leaders from the end of the text to the end of its cell', async () => {
    const row = (title: string, page: string) => [
      { text: title, leader: true },
      { text: page, alignment: 'right' },
    ];
    const pdf = await layout({
      ...TAGGED,
      content: [{ table: { widths: ['*', 'auto'], body: [row('Short', '3'), row('A longer entry', '12')] }, layout: 'noBorders' }],
    });
    const content = pdf.toString('latin1');
    // each dot is a circle: four Bézier curves
    const curves = content.match(/ c\n/g) ?? [];
    expect(curves.length).toBeGreaterThan(4 * 100);
    expect(text(pdf)).not.toContain('.....');
  });
});

describe('the pdfmake patch: notes at the foot of the page', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `Filler${i} words of a paragraph that fills the page.`).join(' ');
  const note = (id: string, body: string) => ({ text: `${id} ${body}`, tag: 'Note', id, fontSize: 8 });

  it('prints a note at the foot of the page of its reference, under the separator, once', async () => {
    const n1 = note('n1', 'The first note.');
    const content = [
      { text: filler(160) },
      { text: ['Marker here', { text: '1', sup: true, footnote: n1 }, ' and again', { text: '1', sup: true, footnote: n1 }, '.'] },
      { text: filler(40) },
    ];
    const pdf = await layout({ ...TAGGED, content, footnoteSeparator: { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 100, y2: 0, lineWidth: 0.5 }] } });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))![1]);
    const pageOf = (s: string) => Array.from({ length: pages }, (_, i) => i + 1).filter((p) => text(pdf, '-f', String(p), '-l', String(p)).includes(s));
    expect(pageOf('Marker here')).toEqual(pageOf('The first note.'));
    expect(text(pdf).match(/The first note\./g)).toHaveLength(1);
    // the note is the last text of its page
    const page = text(pdf, '-f', String(pageOf('Marker here')[0]), '-l', String(pageOf('Marker here')[0])).trim();
    expect(page.endsWith('n1 The first note.')).toBe(true);
  });

  it("continues a long note on the next page, above that page's own notes", async () => {
    const long = note('n1', Array.from({ length: 400 }, (_, i) => `longnote${i}`).join(' '));
    const content = [{ text: filler(60) }, { text: ['Marker', { text: '1', sup: true, footnote: long }, '.'] }, { text: filler(200) }];
    const pdf = await layout({ ...TAGGED, content });
    const page1 = text(pdf, '-f', '1', '-l', '1');
    const page2 = text(pdf, '-f', '2', '-l', '2');
    expect(page1).toContain('Marker');
    expect(page1).toContain('longnote0');
    expect(page1).not.toContain('longnote399');
    expect(page2).toContain('longnote399');
    // every word once, in order
    const all = text(pdf).match(/longnote\d+/g)!;
    expect(all).toEqual(Array.from({ length: 400 }, (_, i) => `longnote${i}`));
  });
});

describe('without the pdfmake patch', () => {
  it('is detected from the marker in the files pdfmake loads', () => {
    expect(pdfmakePatched()).toBe(true);
    const dir = join(PDFMAKE_DIR, 'js');
    expect(hasPatchMarker(PATCHED_FILES.map((f) => readFileSync(join(dir, f), 'utf8')))).toBe(true);
    expect(hasPatchMarker(['// pdfmake 0.3.11 as released'])).toBe(false);
    expect(hasPatchMarker([])).toBe(false);
  });

  it('the definition is untagged PDF/A-1b: notes at the end, ragged right, no soft hyphens', () => {
    const path = join(FIXTURES, 'pdf-features', 'input.md');
    const view = viewOf(path);
    const dd = buildDocDefinition(view, renderContext(path), { tagged: false });
    expect(dd.subset).toBe('PDF/A-1b');
    expect(dd.pdfUA).toBeUndefined();
    expect(dd.styles.paragraph.alignment).toBe('left');
    const json = JSON.stringify(dd.content);
    expect(json).not.toContain('\\u00ad');
    expect(json).not.toContain('"footnote"');
    const notesPart = view.parts.find((p) => p.kind === 'notes')!;
    expect(json).toContain(`"id":"${notesPart.id}"`);
  });
});

describe("pdfkit's writes, batched", () => {
  it('are batched on the pdfkit they were written for (0.19)', () => {
    const pkg = JSON.parse(readFileSync(join(require.resolve('pdfkit', { paths: [PDFMAKE_DIR] }), '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toMatch(/^0\.19\./);
    // installed only when PDFReference.write/finalize and PDFDocument._write/push have pdfkit 0.19's shape
    expect(installed).toBe(true);
  });
});

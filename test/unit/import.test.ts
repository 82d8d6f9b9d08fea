/**
 * `briefpack import`: Word files back to sources.
 *
 * - Round trip: every fixture (and the l10n fixture, the seed and the corpus
 *   texts) rendered to DOCX by briefpack and imported back compiles to the
 *   same model: same metadata, same parts and sections, same paragraph kinds
 *   and numbers, same words, same notes.
 * - Word numbering from numbering.xml: start values, start overrides,
 *   continued lists, levels and restarts, style numbering, typed numbers.
 * - Notes, tables, inline formatting, front matter from the properties, and
 *   files that are not Word files — on small Word files written here.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { importDocx, NotAWordFile } from '../../src/import/index.js';
import { formatNumber } from '../../src/import/numbering.js';
import { textGivesDate } from '../../src/import/front-matter.js';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';
import { asShown, modelShape as shape } from '../helpers/model-shape.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { modelOf, renderContext, viewFor } from '../helpers/compile.js';
import { CORPUS, FIXTURES, SEED } from '../helpers/paths.js';
import { missingWords } from '../helpers/words.js';
import { modelText, numbers } from '../helpers/model-text.js';
import { RICH } from '../helpers/l10n.js';
import { runCli } from '../helpers/run-cli.js';

// ---------------------------------------------------------------------------
// Round trip of briefpack's own DOCX

/** A source's model and briefpack's DOCX of it (the model changed first by `mutate`). */
async function docxOf(path: string, mutate?: (model: Declaration) => Declaration): Promise<{ model: Declaration; bytes: Uint8Array }> {
  const compiled = modelOf(path);
  const model = mutate ? mutate(compiled) : compiled;
  return { model, bytes: await renderDocx(viewFor(model), renderContext(path)) };
}

function compileMarkdown(name: string, markdown: string): Declaration {
  const result = compileSource(`${name}.md`, Buffer.from(markdown, 'utf8'), { keepOnError: true });
  if (!result.model) throw new Error(`${name}: the imported source did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

// Fixtures a build refuses (the xss fixture's image outside its folder is an error) have no DOCX to read back.
const fixtures = readdirSync(FIXTURES)
  .map((d) => join(FIXTURES, d, 'input.md'))
  .filter((p) => existsSync(p) && compileSource(p, readFileSync(p)).model);
const others = [
  RICH,
  SEED,
  ...readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => join(CORPUS, f)),
];

describe('import: briefpack DOCX round trip', () => {
  it('covers every fixture', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each([...fixtures, ...others].map((p) => [p.includes('/fixtures/') ? basename(join(p, '..')) : basename(p, '.md'), p]))(
    '%s: same model',
    async (name, path) => {
      const doc = await docxOf(path);
      const model = asShown(doc.model);
      const result = await importDocx(doc.bytes, { path: `${name}.docx` });
      expect(result.briefpack).toBe(true);
      const back = asShown(compileMarkdown(name, result.markdown));
      expect(numbers(back)).toEqual(numbers(model));
      expect(missingWords(modelText(model), modelText(back))).toEqual([]);
      expect(shape(back)).toEqual(shape(model));
    },
  );

  it('reads the cover into front matter and leaves the contents and annexes out', async () => {
    const { bytes } = await docxOf(join(FIXTURES, 'docx-features', 'input.md'));
    const { markdown, messages } = await importDocx(bytes, { path: 'docx-features.docx' });
    expect(markdown).toMatch(
      /^---\ntitle: "Declaration on Everything a Briefing File Holds"\nkind: "Joint Statement"\nmeeting: "Test Ministerial Meeting"\ndate: 2024-03-01\nvenue: "Geneva, Switzerland"\nchair: "The Chair"\nmarking: "Restricted"\nshort-title: "Everything Declaration"\nlanguage: "en"\n---\n/,
    );
    expect(markdown).toContain('\n# Background\n');
    expect(markdown).not.toMatch(/Contents|Annexes|Commitments by verb strength|Glossary of acronyms|Index of instruments/);
    expect(messages.map((m) => m.ruleId)).toEqual(['import-generated-skipped', 'import-generated-skipped']);
    // Word's numbers, the sub-items, the continuation and the table under paragraph 4, the notes.
    expect(markdown).toContain(
      '2. We commit to the following:\n   1. first lettered item;\n   2. second lettered item, with\n      - a nested bullet;\n   - and a bullet after them.',
    );
    expect(markdown).toContain('4. We encourage partners');
    expect(markdown).toContain('\n   This continuation paragraph belongs to paragraph four.\n\n   | Item  | Amount |\n   | :---- | -----: |');
    expect(markdown).toContain('6. We urge all to act.');
    expect(markdown).toContain('We express thanks to the host.[^2] As noted before.[^1] See the pledges.[^3]');
    // A note never cited keeps its number (its source label is not in the Word file).
    expect(markdown).toContain('[^4]: A note the text never cites.');
    expect(markdown).toContain('12<sup>th</sup>');
    expect(markdown).toContain('**strongly** *reaffirm* ~~nothing~~ the `code` of conduct');
  });

  it('reads a translated (Korean) pack back with its Korean cover', async () => {
    const { bytes } = await docxOf(SEED, (m) => ({ ...m, meta: { ...m.meta, language: 'ko', title: '디지털·AI 전환', venue: '인천 송도컨벤시아' } }));
    const { markdown } = await importDocx(bytes, { path: 'seed.ko.docx' });
    expect(markdown).toContain('title: "디지털·AI 전환"');
    expect(markdown).toContain('venue: "인천 송도컨벤시아"');
    expect(markdown).toContain('language: "ko"');
    expect(markdown).toContain('# Background');
  });
});

// ---------------------------------------------------------------------------
// Small Word files written by hand

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Parts {
  body: string;
  numbering?: string;
  styles?: string;
  footnotes?: string;
  core?: string;
  rels?: string;
}

function docx(parts: Parts): Uint8Array {
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'word/document.xml')}${parts.core ? rel('rId2', 'metadata/core-properties', 'docProps/core.xml').replace('officeDocument/2006/relationships/metadata', 'package/2006/relationships/metadata') : ''}</Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rIdS', 'styles', 'styles.xml')}${rel('rIdN', 'numbering', 'numbering.xml')}${rel('rIdF', 'footnotes', 'footnotes.xml')}${parts.rels ?? ''}</Relationships>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${parts.body}<w:sectPr/></w:body></w:document>`,
    ),
    'word/styles.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">${parts.styles ?? ''}</w:styles>`),
  };
  if (parts.numbering)
    files['word/numbering.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">${parts.numbering}</w:numbering>`);
  if (parts.footnotes)
    files['word/footnotes.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${parts.footnotes}</w:footnotes>`,
    );
  if (parts.core)
    files['docProps/core.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${parts.core}</cp:coreProperties>`,
    );
  return zipSync(files);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A paragraph: optional style, list place, and runs (plain text or raw run XML). */
function p(text: string, o: { style?: string; num?: [numId: number, ilvl: number]; ind?: number; raw?: boolean } = {}): string {
  const pPr = [
    o.style ? `<w:pStyle w:val="${o.style}"/>` : '',
    o.num ? `<w:numPr><w:ilvl w:val="${o.num[1]}"/><w:numId w:val="${o.num[0]}"/></w:numPr>` : '',
    o.ind != null ? `<w:ind w:left="${o.ind}" w:hanging="0"/>` : '',
  ].join('');
  const runs = o.raw ? text : `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
}
function lvl(ilvl: number, fmt: string, text: string, o: { start?: number; restart?: number; left?: number } = {}): string {
  return `<w:lvl w:ilvl="${ilvl}">${o.start != null ? `<w:start w:val="${o.start}"/>` : '<w:start w:val="1"/>'}<w:numFmt w:val="${fmt}"/>${o.restart != null ? `<w:lvlRestart w:val="${o.restart}"/>` : ''}<w:lvlText w:val="${text}"/><w:pPr><w:ind w:left="${o.left ?? 720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
}
const abstract = (id: number, levels: string) => `<w:abstractNum w:abstractNumId="${id}">${levels}</w:abstractNum>`;
const num = (id: number, abstractId: number, overrides: Record<number, number> = {}) =>
  `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${Object.entries(overrides)
    .map(([l, s]) => `<w:lvlOverride w:ilvl="${l}"><w:startOverride w:val="${s}"/></w:lvlOverride>`)
    .join('')}</w:num>`;
const heading = (level: number, text: string) => p(text, { style: `Heading${level}` });
const headingStyles = [1, 2, 3]
  .map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:pPr><w:outlineLvl w:val="${n - 1}"/></w:pPr></w:style>`)
  .join('');
const decimalAndLetters = lvl(0, 'decimal', '%1.') + lvl(1, 'lowerLetter', '(%2)') + lvl(2, 'lowerRoman', '(%3)');

async function md(parts: Parts): Promise<string> {
  const { markdown } = await importDocx(docx({ styles: headingStyles, ...parts }), { path: 'test.docx' });
  return markdown;
}

/** The numbers of the numbered paragraphs of imported Markdown, as the model reads them. */
async function modelNumbers(parts: Parts): Promise<number[]> {
  return numbers(compileMarkdown('test', await md(parts)));
}

describe('import: Word numbering', () => {
  it('a list that starts at 6 keeps 6, 7, and goes on across a heading', async () => {
    const body = heading(2, 'One') + p('Six.', { num: [1, 0] }) + p('Seven.', { num: [1, 0] }) + heading(2, 'Two') + p('Eight.', { num: [1, 0] });
    const out = await md({ body, numbering: abstract(1, lvl(0, 'decimal', '%1.', { start: 6 })) + num(1, 1) });
    expect(out).toContain('## One\n\n6. Six.\n\n7. Seven.\n\n## Two\n\n8. Eight.');
    expect(await modelNumbers({ body, numbering: abstract(1, lvl(0, 'decimal', '%1.', { start: 6 })) + num(1, 1) })).toEqual([6, 7, 8]);
  });

  it('a startOverride restarts; a second w:num without one continues the list', async () => {
    const numbering = abstract(1, lvl(0, 'decimal', '%1.')) + num(1, 1) + num(2, 1) + num(3, 1, { 0: 20 });
    const body =
      p('a', { num: [1, 0] }) +
      p('b', { num: [1, 0] }) +
      heading(2, 'H') +
      p('c', { num: [2, 0] }) +
      p('d', { num: [2, 0] }) +
      heading(2, 'I') +
      p('e', { num: [3, 0] }) +
      p('f', { num: [3, 0] });
    expect(await modelNumbers({ body, numbering })).toEqual([1, 2, 3, 4, 20, 21]);
  });

  it("LibreOffice's restart (first paragraph in an overriding w:num, the rest in the plain one) counts on from the restart", async () => {
    const numbering = abstract(1, lvl(0, 'decimal', '%1.')) + num(1, 1) + num(4, 1, { 0: 1 }) + num(5, 1, { 0: 8 });
    const body =
      p('a', { num: [4, 0] }) + p('b', { num: [1, 0] }) + p('c', { num: [1, 0] }) + heading(2, 'H') + p('h', { num: [5, 0] }) + p('i', { num: [1, 0] });
    expect(await modelNumbers({ body, numbering })).toEqual([1, 2, 3, 8, 9]);
  });

  it('a w:lvl inside an override changes the look of a level, not the count (LibreOffice bullets between numbered paragraphs)', async () => {
    const bulletLevel = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>';
    const numbering =
      abstract(2, lvl(0, 'decimal', '%1.') + lvl(1, 'bullet', '•')) +
      num(2, 2) +
      `<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0">${bulletLevel}</w:lvlOverride></w:num>`;
    const body = p('One.', { num: [2, 0] }) + p('Two, with:', { num: [2, 0] }) + p('a point', { num: [4, 1] }) + p('Three.', { num: [2, 0] });
    const out = await md({ body, numbering });
    expect(out).toContain('1. One.\n\n2. Two, with:\n   - a point\n\n3. Three.');
  });

  it('a gap in Word numbers (two lists) stays a gap', async () => {
    const numbering = abstract(1, lvl(0, 'decimal', '%1.')) + num(1, 1) + num(2, 1, { 0: 9 });
    const out = await md({ body: p('a', { num: [1, 0] }) + p('b', { num: [1, 0] }) + p('nine', { num: [2, 0] }), numbering });
    expect(out).toContain('1. a\n\n2. b\n\n9. nine');
    expect(numbers(compileMarkdown('gap', out))).toEqual([1, 2, 9]);
  });

  it('sub-levels nest under their paragraph and restart after it; lvlRestart 0 never restarts', async () => {
    const numbering =
      abstract(1, decimalAndLetters) + num(1, 1) + abstract(2, lvl(0, 'decimal', '%1.') + lvl(1, 'lowerLetter', '(%2)', { restart: 0 })) + num(2, 2);
    const body =
      p('One', { num: [1, 0] }) +
      p('first', { num: [1, 1] }) +
      p('second', { num: [1, 1] }) +
      p('deep', { num: [1, 2] }) +
      p('Two', { num: [1, 0] }) +
      p('again', { num: [1, 1] });
    const out = await md({ body, numbering });
    expect(out).toContain('1. One\n   1. first\n   2. second\n      1. deep\n\n2. Two\n   1. again');
    const model = compileMarkdown('levels', out);
    expect(numbers(model)).toEqual([1, 2]);
    const items = model.sections[0].blocks.map((q) => q.children.map((i) => i.number));
    expect(items).toEqual([[1, 2], [1]]);
    const never = await md({ body: p('One', { num: [2, 0] }) + p('x', { num: [2, 1] }) + p('Two', { num: [2, 0] }) + p('y', { num: [2, 1] }), numbering });
    // A sub-list that does not start at 1 cannot interrupt a paragraph in CommonMark: a blank line comes first.
    expect(never).toContain('2. Two\n\n   2. y');
  });

  it('numbering from the paragraph style, and numId 0 taking a paragraph out of it', async () => {
    const styles =
      headingStyles +
      `<w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered Para"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`;
    const body =
      p('First.', { style: 'Numbered' }) +
      p('Second.', { style: 'Numbered' }) +
      `<w:p><w:pPr><w:pStyle w:val="Numbered"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Not numbered.</w:t></w:r></w:p>` +
      p('Third.', { style: 'Numbered' });
    const out = await md({ body, styles, numbering: abstract(1, lvl(0, 'decimal', '%1.')) + num(1, 1) });
    expect(out).toContain('1. First.\n\n2. Second.\n\nNot numbered.\n\n3. Third.');
  });

  it('numbers typed as text are numbered paragraphs', async () => {
    const out = await md({ body: heading(2, 'Trade') + p('12. We strive to realize a free trade environment.') + p('13.\tWe note it.') });
    expect(out).toContain('12. We strive to realize a free trade environment.\n\n13. We note it.');
    expect(numbers(compileMarkdown('typed', out))).toEqual([12, 13]);
  });

  it('bullets are bullets; lettered lists at the outer level keep their letters as text', async () => {
    const numbering = abstract(1, lvl(0, 'bullet', '•')) + num(1, 1) + abstract(2, lvl(0, 'lowerLetter', '(%1)')) + num(2, 2);
    const out = await md({
      body: p('one', { num: [1, 0] }) + p('two', { num: [1, 0] }) + p('Apples.', { num: [2, 0] }) + p('Pears.', { num: [2, 0] }),
      numbering,
    });
    expect(out).toContain('- one\n- two');
    expect(out).toContain('(a) Apples.\n\n(b) Pears.');
    expect(numbers(compileMarkdown('letters', out))).toEqual([]);
  });

  it('a list of its own indented under a numbered paragraph is its sub-list', async () => {
    const numbering = abstract(1, lvl(0, 'decimal', '%1.', { left: 567 })) + num(1, 1) + abstract(2, lvl(0, 'lowerLetter', '%1)', { left: 1134 })) + num(2, 2);
    const out = await md({
      body: p('We will:', { num: [1, 0] }) + p('act;', { num: [2, 0] }) + p('report.', { num: [2, 0] }) + p('We close.', { num: [1, 0] }),
      numbering,
    });
    expect(out).toContain('1. We will:\n   1. act;\n   2. report.\n\n2. We close.');
  });

  it('a numbered heading keeps its number as text', async () => {
    const styles = headingStyles.replace('<w:pPr><w:outlineLvl w:val="1"/>', '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/>');
    const out = await md({
      body: heading(2, 'Scope') + p('Text.') + heading(2, 'Terms'),
      styles,
      numbering: abstract(1, lvl(0, 'decimal', '%1.')) + num(1, 1),
    });
    expect(out).toContain('## 1. Scope\n\nText.\n\n## 2. Terms');
  });

  it('formats counters as Word does', () => {
    expect([1, 2, 26, 27, 28].map((n) => formatNumber(n, 'lowerLetter'))).toEqual(['a', 'b', 'z', 'aa', 'bb']);
    expect([4, 9, 14, 40, 1999].map((n) => formatNumber(n, 'upperRoman'))).toEqual(['IV', 'IX', 'XIV', 'XL', 'MCMXCIX']);
    expect(formatNumber(3, 'decimalZero')).toBe('03');
    expect(formatNumber(12, 'ordinal')).toBe('12th');
    expect(formatNumber(5, 'bullet')).toBe('');
  });
});

describe('import: notes, tables, inline, front matter', () => {
  it('footnotes are numbered in order of first reference, whatever their Word ids', async () => {
    const ref = (id: number) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
    const note = (id: number, text: string) =>
      `<w:footnote w:id="${id}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> ${text}</w:t></w:r></w:p></w:footnote>`;
    const body = p(`<w:r><w:t xml:space="preserve">We met.</w:t></w:r>${ref(7)}<w:r><w:t xml:space="preserve"> We left.</w:t></w:r>${ref(3)}`, { raw: true });
    const out = await md({ body, footnotes: note(3, 'Second note.') + note(7, 'First note.') });
    expect(out).toContain('We met.[^1] We left.[^2]');
    expect(out).toContain('[^1]: First note.\n\n[^2]: Second note.');
    const model = compileMarkdown('notes', out);
    expect(model.footnotes.map((f) => f.text)).toEqual(['First note.', 'Second note.']);
  });

  it('tables become GFM tables with the header row and its alignment', async () => {
    const cell = (text: string, jc = 'left') => `<w:tc><w:p><w:pPr><w:jc w:val="${jc}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const table = `<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>${cell('Donor')}${cell('Amount', 'right')}</w:tr><w:tr>${cell('Norway')}${cell('40', 'right')}</w:tr></w:tbl>`;
    const out = await md({ body: p('Pledges:') + table });
    expect(out).toContain('| Donor  | Amount |\n| :----- | -----: |\n| Norway |     40 |');
  });

  it('bold, italic, strike, links, super- and subscript', async () => {
    const run = (text: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body = p(
      run('We ') +
        run('strongly', '<w:b/>') +
        run(' ') +
        run('reaffirm', '<w:i/>') +
        run(' the 12') +
        run('th', '<w:vertAlign w:val="superscript"/>') +
        run(' of H') +
        run('2', '<w:vertAlign w:val="subscript"/>') +
        run('O, see ') +
        `<w:hyperlink r:id="rIdL">${run('the report')}</w:hyperlink>` +
        run('.'),
      { raw: true },
    );
    const out = await md({
      body,
      rels: '<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/report" TargetMode="External"/>',
    });
    expect(out).toContain('We **strongly** *reaffirm* the 12<sup>th</sup> of H<sub>2</sub>O, see [the report](https://example.org/report).');
  });

  it('front matter from the properties; the file date only when the text gives it', async () => {
    const core = (created: string) =>
      `<dc:title>Joint Statement on Minerals</dc:title><dc:subject>Joint Statement</dc:subject><cp:keywords>minerals; trade</cp:keywords><dc:language>en-GB</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>`;
    const body = p('Adopted in Geneva on 12 March 2024.') + p('We recognize that supply chains matter.');
    const given = await importDocx(docx({ body, core: core('2024-03-12T09:30:00Z') }), { path: 'in/minerals.docx' });
    expect(given.markdown).toMatch(
      /^---\ntitle: "Joint Statement on Minerals"\nkind: "Joint Statement"\ndate: 2024-03-12\nlanguage: "en-GB"\nsource: "minerals.docx"\n# keywords: minerals; trade\n---\n\nAdopted in Geneva/,
    );
    expect(given.briefpack).toBe(false);
    const saved = await importDocx(docx({ body, core: core('2026-01-05T09:30:00Z') }), { path: 'minerals.docx' });
    expect(saved.markdown).not.toMatch(/^date:/m);
    expect(saved.messages).toContainEqual(expect.objectContaining({ ruleId: 'import-date-unused', severity: 'info' }));
    const model = compileMarkdown('minerals', saved.markdown);
    expect(model.meta.title).toBe('Joint Statement on Minerals');
    expect(model.meta.language).toBe('en-GB');
    expect(textGivesDate('on 15-16 November 2022 in Bali', 2022, 11, 16)).toBe(true);
    expect(textGivesDate('on November 16, 2022', 2022, 11, 16)).toBe(true);
    expect(textGivesDate('2025년 8월 4일', 2025, 8, 4)).toBe(true);
    expect(textGivesDate('on 16 November 2021', 2022, 11, 16)).toBe(false);
  });

  it('a Title paragraph is the text title; Word headings then start at ##', async () => {
    const styles = headingStyles + '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>';
    const out = await md({
      styles,
      body: p('Leaders’ Declaration', { style: 'Title' }) + heading(1, 'Preamble') + p('We met.') + heading(2, 'Detail') + p('More.'),
    });
    expect(out).toContain('title: "Leaders’ Declaration"');
    expect(out).toContain('# Leaders’ Declaration\n\n## Preamble\n\nWe met.\n\n### Detail');
  });

  it('a contents field of a Word file is left out', async () => {
    const toc = `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>${p('Preamble 1')}</w:sdtContent></w:sdt>`;
    const { markdown, messages } = await importDocx(docx({ styles: headingStyles, body: toc + heading(1, 'Preamble') + p('We met.') }), { path: 'x.docx' });
    expect(markdown).not.toContain('Preamble 1');
    expect(messages.map((m) => m.ruleId)).toContain('import-generated-skipped');
  });

  it('files that are not Word files are refused with what they are', async () => {
    await expect(importDocx(Buffer.from('%PDF-1.7\n'), { path: 'x.pdf' })).rejects.toThrow(NotAWordFile);
    await expect(importDocx(Buffer.from('%PDF-1.7\n'), { path: 'x.pdf' })).rejects.toThrow(/PDF/);
    await expect(importDocx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), { path: 'x.doc' })).rejects.toThrow(/97-2003/);
    await expect(importDocx(Buffer.from('# just markdown'), { path: 'x.md' })).rejects.toThrow(NotAWordFile);
    await expect(importDocx(zipSync({ 'content.xml': strToU8('<x/>') }), { path: 'x.odt' })).rejects.toThrow(/not a Word document/);
  });
});

describe('import: the command', () => {
  it('writes x.md beside x.docx, refuses to overwrite without --force, writes stdout with -o -', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpack-import-cli-'));
    try {
      const { bytes } = await docxOf(join(FIXTURES, 'numbering-across-headings', 'input.md'));
      writeFileSync(join(dir, 'health.docx'), bytes);
      const first = runCli(['import', join(dir, 'health.docx')]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain('import-generated-skipped');
      expect(first.stderr).toContain('numbering-gap');
      const written = readFileSync(join(dir, 'health.md'), 'utf8');
      expect(written).toContain('title: "Leaders\' Communiqué on Global Health"');
      expect(numbers(compileMarkdown('health', written))).toEqual([1, 2, 3, 4, 5, 6, 8]);
      const again = runCli(['import', join(dir, 'health.docx')]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/exists: pass --force/);
      expect(runCli(['import', join(dir, 'health.docx'), '--force']).code).toBe(0);
      const piped = runCli(['import', join(dir, 'health.docx'), '-o', '-']);
      expect(piped.stdout).toBe(written);
      writeFileSync(join(dir, 'notes.pdf'), '%PDF-1.7\n');
      const pdf = runCli(['import', join(dir, 'notes.pdf'), '-o', '-']);
      expect(pdf.code).toBe(1);
      expect(pdf.stderr).toMatch(/a PDF file.*import-not-docx/);
      expect(runCli(['import', join(dir, 'missing.docx')]).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

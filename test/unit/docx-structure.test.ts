/**
 * The Word briefing file, read back part by part: styles, numbering,
 * contents, bookmarks and links, footnotes, properties, inline formatting,
 * translated packs.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { compileSource } from '../../src/pipeline/compile.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords } from '../helpers/words.js';
import type { Declaration, Paragraph } from '../../src/model/schema.js';
import { bookmarkName } from '../../src/render/docx/bookmarks.js';
import { docxOf, EPOCH } from '../helpers/docx.js';
import { FIXTURES, SEED } from '../helpers/paths.js';
import { all, ancestor, first, listNumbers, ownText, parseXml, styleOf, textOf, unzipParts, type XmlElement } from '../helpers/ooxml.js';

interface Package {
  model: Declaration;
  parts: Record<string, string>;
  document: XmlElement;
  styles: XmlElement;
  numbering: XmlElement;
  footnotes: XmlElement;
  core: XmlElement;
  messages: string[];
}

async function open(path: string, change?: (m: Declaration) => Declaration): Promise<Package> {
  const { model, bytes, ctx } = await docxOf(path, change);
  const parts = unzipParts(bytes);
  const xml = (name: string) => {
    expect(parts[name], `${name} is in the package`).toBeDefined();
    return parseXml(parts[name]);
  };
  return {
    model,
    parts,
    document: xml('word/document.xml'),
    styles: xml('word/styles.xml'),
    numbering: xml('word/numbering.xml'),
    footnotes: xml('word/footnotes.xml'),
    core: xml('docProps/core.xml'),
    messages: ctx.file.messages.map((m) => `${m.ruleId}: ${m.reason}`),
  };
}

function walk(p: Paragraph, visit: (p: Paragraph) => void): void {
  visit(p);
  p.items.forEach((i) => walk(i, visit));
  p.blocks.forEach((b) => walk(b, visit));
}

function modelIds(model: Declaration): string[] {
  const ids: string[] = [];
  model.background.forEach((p) => walk(p, (q) => ids.push(q.id)));
  for (const s of model.sections) {
    if (s.title != null) ids.push(s.id);
    s.paragraphs.forEach((p) => walk(p, (q) => ids.push(q.id)));
  }
  return ids;
}

const styleIds = (pkg: Package) => new Map(all(pkg.styles, 'w:style').map((s) => [s.attrs['w:styleId'], s]));
const styleName = (style: XmlElement | undefined) => style && first(style, 'w:name')?.attrs['w:val'];
const paragraphs = (pkg: Package) => all(pkg.document, 'w:p');
const FEATURES = join(FIXTURES, 'docx-features', 'input.md');
const ACROSS = join(FIXTURES, 'numbering-across-headings', 'input.md');

describe('docx: seed declaration', () => {
  let pkg: Package;
  beforeAll(async () => {
    pkg = await open(SEED);
  });

  it('defines each style once, under the name Word and LibreOffice know', () => {
    const ids = all(pkg.styles, 'w:style').map((s) => s.attrs['w:styleId']);
    expect(ids.length).toBe(new Set(ids).size);
    const styles = styleIds(pkg);
    const expected: Record<string, string> = {
      Normal: 'Normal',
      Title: 'Title',
      Subtitle: 'Subtitle',
      Heading1: 'heading 1',
      Heading2: 'heading 2',
      Heading3: 'heading 3',
      ListNumber: 'List Number',
      ListBullet: 'List Bullet',
      Caption: 'caption',
      FootnoteText: 'footnote text',
      FootnoteReference: 'footnote reference',
      TOCHeading: 'TOC Heading',
      TOC1: 'toc 1',
      TableGrid: 'Table Grid',
      Hyperlink: 'Hyperlink',
      Header: 'header',
      Footer: 'footer',
    };
    for (const [id, name] of Object.entries(expected)) expect(styleName(styles.get(id)), id).toBe(name);
    expect(styles.get('TableGrid')!.attrs['w:type']).toBe('table');
    expect(styles.get('Normal')!.attrs['w:default']).toBe('1');
  });

  it('uses the styles: title page, headings, numbered paragraphs, caption, table style', () => {
    const used = new Set(paragraphs(pkg).map(styleOf));
    for (const id of ['Title', 'Subtitle', 'TOCHeading', 'TOC1', 'TOC2', 'Heading1', 'Heading2', 'ListNumber', 'Caption', 'TableHeading', 'TableContents']) expect(used, id).toContain(id);
    expect(all(pkg.document, 'w:tblStyle').map((s) => s.attrs['w:val'])).toContain('TableGrid');
    // The body text is Normal: paragraphs without a style of their own.
    expect(paragraphs(pkg).filter((p) => styleOf(p) === undefined && textOf(p).length > 100).length).toBeGreaterThan(5);
    expect(paragraphs(pkg).filter((p) => styleOf(p) === 'Normal')).toEqual([]);
  });

  it('refers only to styles it defines', () => {
    const defined = styleIds(pkg);
    for (const part of ['word/document.xml', 'word/footnotes.xml', 'word/header1.xml', 'word/footer1.xml']) {
      const root = parseXml(pkg.parts[part]);
      for (const tag of ['w:pStyle', 'w:rStyle', 'w:tblStyle']) for (const ref of all(root, tag)) expect(defined.has(ref.attrs['w:val']), `${part} ${tag} ${ref.attrs['w:val']}`).toBe(true);
    }
  });

  it('numbers paragraphs with Word numbering: the source numbers 1 to 14, none typed', () => {
    const numbered = paragraphs(pkg).filter((p) => styleOf(p) === 'ListNumber');
    expect(numbered).toHaveLength(14);
    for (const p of numbered) {
      expect(first(p, 'w:numPr'), textOf(p).slice(0, 30)).toBeDefined();
      expect(textOf(p)).not.toMatch(/^\s*\d+\s*[.)]/);
    }
    const shown = listNumbers(pkg.document, pkg.numbering).filter((n) => n.level === 0 && styleOf(n.p) === 'ListNumber');
    expect(shown.map((n) => n.value)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const model = pkg.model.sections.flatMap((s) => s.paragraphs).filter((p) => p.number != null);
    shown.forEach((n, i) => expect(n.text.startsWith(model[i].text.slice(0, 40))).toBe(true));
  });

  it('numbering definitions have a %1. level with a hanging indent', () => {
    const levels = all(pkg.numbering, 'w:lvl').filter((l) => first(l, 'w:lvlText')?.attrs['w:val'] === '%1.');
    expect(levels.length).toBeGreaterThan(0);
    for (const lvl of levels) {
      expect(first(lvl, 'w:numFmt')!.attrs['w:val']).toBe('decimal');
      expect(Number(first(lvl, 'w:ind')!.attrs['w:hanging'])).toBeGreaterThan(0);
    }
  });

  it('prefills the contents with the section and annex entries, linked to their headings', () => {
    const sdt = all(pkg.document, 'w:sdt').find((s) => first(s, 'w:docPartGallery')?.attrs['w:val'] === 'Table of Contents');
    expect(sdt).toBeDefined();
    const instr = ownText(first(sdt!, 'w:instrText'));
    expect(instr).toMatch(/^\s*TOC\b/);
    expect(instr).toContain('\\o "1-3"');
    expect(instr).toContain('\\h');
    const entries = all(sdt!, 'w:p').filter((p) => /^TOC\d$/.test(styleOf(p) ?? ''));
    const titles = entries.map((p) => textOf(p).replace(/\t.*$/, ''));
    const sections = pkg.model.sections.map((s) => s.title);
    expect(titles).toEqual(['Background note', pkg.model.textTitle!.text, ...sections, 'Annexes', 'Commitments by verb strength', 'Glossary of acronyms', 'Index of instruments cited']);
    const headings = new Map(
      all(pkg.document, 'w:bookmarkStart')
        .filter((b) => /^Heading\d$/.test(styleOf(ancestor(b, 'w:p')!) ?? ''))
        .map((b) => [b.attrs['w:name'], textOf(ancestor(b, 'w:p')!)]),
    );
    for (const p of entries) {
      const anchor = first(p, 'w:hyperlink')!.attrs['w:anchor'];
      expect(headings.get(anchor), anchor).toBe(textOf(p).replace(/\t.*$/, ''));
    }
  });

  it('bookmarks every paragraph under a valid Word name, and every internal link lands on one', () => {
    const starts = all(pkg.document, 'w:bookmarkStart');
    const names = starts.map((b) => b.attrs['w:name']);
    expect(names.length).toBe(new Set(names).size);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    for (const id of modelIds(pkg.model)) expect(names, id).toContain(bookmarkName(id));
    expect(bookmarkName('s2-u1')).toBe('s2_u1');
    const anchors = all(pkg.document, 'w:hyperlink').flatMap((h) => (h.attrs['w:anchor'] ? [h.attrs['w:anchor']] : []));
    expect(anchors.length).toBeGreaterThan(20);
    for (const a of anchors) expect(names, a).toContain(a);
    const ends = new Set(all(pkg.document, 'w:bookmarkEnd').map((b) => b.attrs['w:id']));
    for (const b of starts) expect(ends.has(b.attrs['w:id'])).toBe(true);
  });

  it('links the annex tables to the paragraphs they cite', () => {
    const tables = all(pkg.document, 'w:tbl');
    expect(tables).toHaveLength(3);
    const [commitments, glossary, instruments] = tables;
    for (const t of tables) expect(first(first(t, 'w:tr')!, 'w:tblHeader'), 'repeating header row').toBeDefined();
    const anchors = (t: XmlElement) => all(t, 'w:hyperlink').map((h) => h.attrs['w:anchor']);
    expect(anchors(commitments)).toContain('p6');
    expect(anchors(glossary)).toContain('p13'); // AIDER, first used in ¶ 13
    expect(anchors(instruments)).toEqual(expect.arrayContaining(['p2', 'p11', 'p13']));
    expect(textOf(commitments)).toContain('¶ 6');
  });

  it('records the properties, dated from the epoch', () => {
    const value = (name: string) => ownText(first(pkg.core, name));
    expect(value('dc:title')).toBe(pkg.model.meta.title);
    expect(value('dc:subject')).toBe('Ministerial Declaration');
    expect(value('dc:creator')).toBe('APEC Digital and AI Ministerial Meeting');
    expect(value('cp:keywords')).toBe(pkg.model.sections.map((s) => s.title).join('; '));
    expect(value('dc:language')).toBe('en');
    expect(value('dcterms:created')).toBe(new Date(EPOCH * 1000).toISOString().replace('.000', ''));
    expect(value('dcterms:modified')).toBe(value('dcterms:created'));
    expect(first(all(pkg.styles, 'w:docDefaults')[0], 'w:lang')!.attrs['w:val']).toBe('en-US');
  });

  it('opens with a cover section, then the contents on a new page under header and footer', () => {
    const sections = all(pkg.document, 'w:sectPr');
    expect(sections).toHaveLength(2);
    expect(first(sections[0], 'w:headerReference')).toBeUndefined();
    expect(first(sections[1], 'w:headerReference')).toBeDefined();
    expect(first(sections[1], 'w:footerReference')).toBeDefined();
    const type = first(sections[1], 'w:type')?.attrs['w:val'];
    expect(type ?? 'nextPage').toBe('nextPage');
    const cover = ancestor(sections[0], 'w:p')!;
    const body = all(pkg.document, 'w:body')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    expect(styleOf(body[body.indexOf(cover) + 1])).toBe('TOCHeading');
    expect(pkg.parts['word/header1.xml']).toContain('Digital and AI Transition');
    const footer = pkg.parts['word/footer1.xml'];
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*</);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*</);
    expect(footer).toContain('Page ');
  });
});

describe('docx: numbering that carries across headings and skips', () => {
  it('continues 4 and 6 after headings and shows 8 after 6', async () => {
    const pkg = await open(ACROSS);
    const shown = listNumbers(pkg.document, pkg.numbering).filter((n) => n.level === 0);
    expect(shown.map((n) => n.value)).toEqual([1, 2, 3, 4, 5, 6, 8]);
    // The first paragraph after "## Finance" shows 6.
    const body = all(pkg.document, 'w:p');
    const finance = body.findIndex((p) => styleOf(p) === 'Heading2' && textOf(p) === 'Finance');
    const next = shown.find((n) => body.indexOf(n.p) > finance)!;
    expect(next.value).toBe(6);
    expect(next.text).toMatch(/^We urge international/);
    for (const n of shown) expect(n.text).not.toMatch(/^\d/);
  });
});

describe('docx: every feature of the text', () => {
  let pkg: Package;
  beforeAll(async () => {
    pkg = await open(FEATURES);
  });

  it('uses heading 3 and footnote text', () => {
    expect(paragraphs(pkg).map(styleOf)).toContain('Heading3');
    expect(all(pkg.footnotes, 'w:p').map(styleOf)).toContain('FootnoteText');
  });

  it('makes sub-items nested list levels: lettered when ordered, bullets otherwise', () => {
    const shown = listNumbers(pkg.document, pkg.numbering);
    const lettered = shown.filter((n) => n.level === 1 && /lettered item/.test(n.text));
    expect(lettered.map((n) => n.value)).toEqual([1, 2]);
    const format = (n: { numId: string; level: number }) => {
      const num = all(pkg.numbering, 'w:num').find((x) => x.attrs['w:numId'] === n.numId)!;
      const abstract = all(pkg.numbering, 'w:abstractNum').find((a) => a.attrs['w:abstractNumId'] === first(num, 'w:abstractNumId')!.attrs['w:val'])!;
      const lvl = all(abstract, 'w:lvl').find((l) => l.attrs['w:ilvl'] === String(n.level))!;
      return first(lvl, 'w:numFmt')!.attrs['w:val'];
    };
    expect(format(lettered[0])).toBe('lowerLetter');
    const nested = shown.find((n) => n.text.startsWith('a nested bullet'))!;
    expect(nested.level).toBe(2);
    expect(format(nested)).toBe('bullet');
    const after = shown.find((n) => n.text.startsWith('and a bullet after'))!;
    expect([after.level, format(after)]).toEqual([1, 'bullet']);
    // Paragraph 6 follows 4 in the source: Word must show 6, not 5.
    expect(shown.filter((n) => n.level === 0 && styleOf(n.p) === 'ListNumber').map((n) => n.value)).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('indents continuation paragraphs and tables to the text of their paragraph', () => {
    const continuation = paragraphs(pkg).find((p) => textOf(p).startsWith('This continuation paragraph'))!;
    expect(styleOf(continuation)).toBe('ListContinue');
    expect(first(continuation, 'w:numPr')).toBeUndefined();
    const table = all(pkg.document, 'w:tbl')[0];
    expect(first(table, 'w:tblInd')!.attrs['w:w']).toBe('567');
    expect(first(first(table, 'w:tr')!, 'w:tblHeader')).toBeDefined();
  });

  it('writes real footnotes; a note never referenced is listed after the text', () => {
    const refs = all(pkg.document, 'w:footnoteReference').map((r) => r.attrs['w:id']);
    expect(refs).toEqual(['1', '2', '3']);
    const notes = new Map(all(pkg.footnotes, 'w:footnote').map((n) => [n.attrs['w:id'], all(n, 'w:p').map(textOf).join('\n')]));
    expect(notes.get('1')).toContain('Held at the Palais des Nations.');
    expect(notes.get('2')).toContain('With gratitude to Switzerland.');
    // A table in a note becomes lines of tab-separated cells: Word notes hold paragraphs.
    expect(notes.get('3')).toContain('A note that holds a table.\nPledge\tDonor\nForty\tNorway');
    for (const id of notes.keys()) if (Number(id) > 0) expect(refs).toContain(id);
    const body = textOf(pkg.document);
    expect(body).toContain('A note the text never cites.');
    expect(body).not.toContain('Held at the Palais des Nations.');
  });

  it('formats inline content: emphasis, code, super/subscript, links, images', () => {
    const runs = all(pkg.document, 'w:r');
    const runWith = (text: string) => runs.find((r) => textOf(r) === text)!;
    expect(first(runWith('strongly'), 'w:b')).toBeDefined();
    expect(first(runWith('reaffirm'), 'w:i')).toBeDefined();
    expect(first(runWith('nothing'), 'w:strike')).toBeDefined();
    expect(first(runWith('code'), 'w:rStyle')!.attrs['w:val']).toBe('HTMLCode');
    expect(first(runWith('th'), 'w:vertAlign')!.attrs['w:val']).toBe('superscript');
    expect(first(runWith('2'), 'w:vertAlign')!.attrs['w:val']).toBe('subscript');
    expect(pkg.parts['word/document.xml']).not.toMatch(/&lt;su[pb]&gt;/);
    const rels = parseXml(pkg.parts['word/_rels/document.xml.rels']);
    const targets = new Map(all(rels, 'Relationship').map((r) => [r.attrs.Id, r.attrs.Target]));
    const external = all(pkg.document, 'w:hyperlink').filter((h) => h.attrs['r:id']);
    expect(external.map((h) => [textOf(h), targets.get(h.attrs['r:id'])])).toEqual([
      ['a link', 'https://example.org/meetings'],
      ['report', 'https://example.org/report'],
      ['the secretariat', 'mailto:sec@example.org'],
    ]);
    for (const [id] of targets) expect(id).toMatch(/^rId\d+$/);
    expect(pkg.parts['word/document.xml']).not.toContain('javascript');
    expect(textOf(pkg.document)).toContain('to ignore this.');
    expect(textOf(pkg.document)).toContain('A chart of pledges');
    expect(pkg.messages).toEqual(expect.arrayContaining([expect.stringMatching(/^unsafe-link:/), expect.stringMatching(/^image-remote:/)]));
  });

  it('shows the marking and short title in the running header', () => {
    expect(textOf(parseXml(pkg.parts['word/header1.xml']))).toBe('Everything Declaration\tRestricted');
    expect(textOf(parseXml(pkg.parts['word/footer1.xml']))).toContain('Restricted');
    expect(paragraphs(pkg).map(styleOf)[0]).toBe('Marking');
  });
});

describe('docx: translated pack', () => {
  it('marks untranslated and stale text, and sets Korean language and font', async () => {
    const pkg = await open(SEED, (m) => {
      const model = structuredClone(m);
      model.meta.language = 'ko';
      model.sections[1].untranslated = 'stale';
      model.sections[0].paragraphs[2].untranslated = 'missing';
      return model;
    });
    const lang = first(first(pkg.styles, 'w:docDefaults')!, 'w:lang')!;
    expect(lang.attrs).toMatchObject({ 'w:val': 'en-US', 'w:eastAsia': 'ko-KR' });
    expect(first(first(pkg.styles, 'w:docDefaults')!, 'w:rFonts')!.attrs['w:eastAsia']).toBe('Noto Sans CJK KR');
    const p3 = paragraphs(pkg).find((p) => all(p, 'w:bookmarkStart').some((b) => b.attrs['w:name'] === 'p3'))!;
    expect(textOf(p3).startsWith('[미번역: 원문 표시] Today, we witness')).toBe(true);
    expect(textOf(pkg.document)).toContain('[번역이 최신이 아님: 원문 표시]');
    expect(textOf(pkg.document)).toContain('목차');
  });
});

describe('docx: every fixture', () => {
  const fixtures = readdirSync(FIXTURES)
    .map((d) => join(FIXTURES, d, 'input.md'))
    .filter((p) => existsSync(p) && compileSource(p, readFileSync(p)).model !== null);

  it.each([SEED, ...fixtures])('%s: well-formed parts that keep every word of the source', async (path) => {
    const pkg = await open(path);
    for (const [name, xml] of Object.entries(pkg.parts)) expect(() => parseXml(xml), name).not.toThrow();
    const text = [pkg.document, pkg.footnotes].flatMap((root) => all(root, 'w:p').map(textOf)).join('\n');
    expect(missingWords(sourceBodyText(readFileSync(path, 'utf8')), text)).toEqual([]);
  });
});

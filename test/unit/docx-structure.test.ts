/**
 * The Word briefing file, read back part by part: styles, numbering,
 * contents, bookmarks and links, footnotes, properties, inline formatting,
 * the page furniture (marking, running head), the cover (logo,
 * organization), the theme, images, parts switched off, translated packs —
 * and one regression test for each divergence from the other formats that
 * the port to the briefing view removed (issue 12).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { compileSource } from '../../src/pipeline/compile.js';
import { ALL_PARTS, viewText } from '../../src/view/index.js';
import type { Annex, BriefingView, CommitmentsAnnex, ContentsEntry, Part, ViewBlock, ViewInline } from '../../src/view/types.js';
import { bookmarkName } from '../../src/render/docx/bookmarks.js';
import { DEFAULT_THEME } from '../../src/render/context.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords } from '../helpers/words.js';
import { docxOf, EPOCH, tinyPng, type DocxOptions } from '../helpers/docx.js';
import { FIXTURES, SEED } from '../helpers/paths.js';
import { all, ancestor, first, listNumbers, ownText, parseXml, partBytes, partNames, styleOf, textOf, unzipParts, type XmlElement } from '../helpers/ooxml.js';

interface Package {
  view: BriefingView;
  bytes: Uint8Array;
  parts: Record<string, string>;
  names: string[];
  document: XmlElement;
  styles: XmlElement;
  numbering: XmlElement;
  footnotes: XmlElement;
  core: XmlElement;
  messages: string[];
}

async function open(path: string, options: DocxOptions = {}): Promise<Package> {
  const { view, bytes, ctx } = await docxOf(path, options);
  const parts = unzipParts(bytes);
  const xml = (name: string) => {
    expect(parts[name], `${name} is in the package`).toBeDefined();
    return parseXml(parts[name]);
  };
  return {
    view,
    bytes,
    parts,
    names: partNames(bytes),
    document: xml('word/document.xml'),
    styles: xml('word/styles.xml'),
    numbering: xml('word/numbering.xml'),
    footnotes: parts['word/footnotes.xml'] ? xml('word/footnotes.xml') : parseXml('<w:footnotes/>'),
    core: xml('docProps/core.xml'),
    messages: ctx.file.messages.map((m) => `${m.ruleId}: ${m.reason}`),
  };
}

/** Every anchor id of the view's body: parts, sections, blocks, list items, annexes, annex groups, glossary rows. */
function viewAnchors(view: BriefingView): string[] {
  const ids: string[] = [];
  const blocks = (list: readonly ViewBlock[]) => {
    for (const b of list) {
      ids.push(b.id);
      if (b.kind === 'list') {
        for (const i of b.items) {
          ids.push(i.id);
          blocks(i.children);
        }
      }
      if (b.kind === 'numbered' || b.kind === 'paragraph' || b.kind === 'quote') blocks(b.children);
    }
  };
  for (const part of view.parts) {
    if (part.kind === 'background') {
      ids.push(part.id);
      blocks(part.blocks);
    }
    if (part.kind === 'text') {
      ids.push(part.id);
      for (const s of part.sections) {
        ids.push(s.id);
        blocks(s.blocks);
      }
    }
    if (part.kind === 'annexes') {
      ids.push(part.id);
      for (const a of part.annexes) {
        ids.push(a.id);
        if (a.kind === 'commitments') ids.push(...a.groups.map((g) => g.id));
        if (a.kind === 'glossary') ids.push(...a.rows.map((r) => r.id));
      }
    }
  }
  return ids;
}

function flatEntries(entries: readonly ContentsEntry[], depth = 1): Array<{ text: string; target: string; depth: number }> {
  return entries.flatMap((e) => [{ text: e.text, target: e.target, depth }, ...flatEntries(e.children, depth + 1)]);
}

const partOf = <K extends Part['kind']>(view: BriefingView, kind: K) => view.parts.find((p): p is Extract<Part, { kind: K }> => p.kind === kind);
const annexOf = <K extends Annex['kind']>(view: BriefingView, kind: K) =>
  partOf(view, 'annexes')?.annexes.find((a): a is Extract<Annex, { kind: K }> => a.kind === kind);
const styleIds = (pkg: Package) => new Map(all(pkg.styles, 'w:style').map((s) => [s.attrs['w:styleId'], s]));
const styleName = (style: XmlElement | undefined) => style && first(style, 'w:name')?.attrs['w:val'];
const paragraphs = (pkg: Package) => all(pkg.document, 'w:p');
/** The paragraph that holds the bookmark `name` (the test fails when there is none). */
function bookmarkedParagraph(pkg: Package, name: string): XmlElement {
  const start = all(pkg.document, 'w:bookmarkStart').find((b) => b.attrs['w:name'] === name);
  expect(start, `bookmark ${name}`).toBeDefined();
  return ancestor(start!, 'w:p')!;
}
const headerFooterParts = (pkg: Package) => Object.keys(pkg.parts).filter((n) => /^word\/(header|footer)\d+\.xml$/.test(n));
/** The paragraph properties' justification of a style, following basedOn. */
function styleJustification(pkg: Package, id: string): string | undefined {
  const styles = styleIds(pkg);
  for (let style = styles.get(id); style; style = styles.get(first(style, 'w:basedOn')?.attrs['w:val'] ?? '')) {
    const jc = first(style, 'w:pPr') && first(first(style, 'w:pPr')!, 'w:jc');
    if (jc) return jc.attrs['w:val'];
  }
  return undefined;
}
/** The text of the rows of every table after the heading bookmarked `name`, up to the next Heading 2. */
function tablesUnder(pkg: Package, name: string): XmlElement[] {
  const body = all(pkg.document, 'w:body')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
  const start = body.indexOf(bookmarkedParagraph(pkg, name));
  const out: XmlElement[] = [];
  for (const el of body.slice(start + 1)) {
    if (el.name === 'w:p' && /^Heading[12]$/.test(styleOf(el) ?? '')) break;
    if (el.name === 'w:tbl') out.push(el);
  }
  return out;
}
const rowTexts = (table: XmlElement) => all(table, 'w:tr').map((tr) => all(tr, 'w:tc').map(textOf));

const FEATURES = join(FIXTURES, 'docx-features', 'input.md');
const ACROSS = join(FIXTURES, 'numbering-across-headings', 'input.md');
const PREAMBULAR = join(FIXTURES, 'un-preambular', 'input.md');
const RAW_HTML = join(FIXTURES, 'raw-inline-html', 'input.md');
const NO_HEADINGS = join(FIXTURES, 'no-headings', 'input.md');

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
    for (const id of ['Title', 'Subtitle', 'TOCHeading', 'TOC1', 'TOC2', 'Heading1', 'Heading2', 'ListNumber', 'Caption', 'TableHeading', 'TableContents'])
      expect(used, id).toContain(id);
    expect(all(pkg.document, 'w:tblStyle').map((s) => s.attrs['w:val'])).toContain('TableGrid');
    // The body text is Normal: paragraphs without a style of their own.
    expect(paragraphs(pkg).filter((p) => styleOf(p) === undefined && textOf(p).length > 100).length).toBeGreaterThan(5);
    expect(paragraphs(pkg).filter((p) => styleOf(p) === 'Normal')).toEqual([]);
  });

  it('refers only to styles it defines', () => {
    const defined = styleIds(pkg);
    for (const part of ['word/document.xml', 'word/footnotes.xml', ...headerFooterParts(pkg)]) {
      if (!pkg.parts[part]) continue;
      const root = parseXml(pkg.parts[part]);
      for (const tag of ['w:pStyle', 'w:rStyle', 'w:tblStyle'])
        for (const ref of all(root, tag)) expect(defined.has(ref.attrs['w:val']), `${part} ${tag} ${ref.attrs['w:val']}`).toBe(true);
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
    const view = partOf(pkg.view, 'text')!
      .sections.flatMap((s) => s.blocks)
      .filter((b) => b.kind === 'numbered');
    shown.forEach((n, i) => expect(n.text.startsWith(viewText(view[i].content).slice(0, 40))).toBe(true));
  });

  it('numbering definitions have a %1. level with a hanging indent', () => {
    const levels = all(pkg.numbering, 'w:lvl').filter((l) => first(l, 'w:lvlText')?.attrs['w:val'] === '%1.');
    expect(levels.length).toBeGreaterThan(0);
    for (const lvl of levels) {
      expect(first(lvl, 'w:numFmt')!.attrs['w:val']).toBe('decimal');
      expect(Number(first(lvl, 'w:ind')!.attrs['w:hanging'])).toBeGreaterThan(0);
    }
  });

  it("prefills the contents with the view's entries, linked to their headings", () => {
    const sdt = all(pkg.document, 'w:sdt').find((s) => first(s, 'w:docPartGallery')?.attrs['w:val'] === 'Table of Contents');
    expect(sdt).toBeDefined();
    const instr = ownText(first(sdt!, 'w:instrText'));
    expect(instr).toMatch(/^\s*TOC\b/);
    const expected = flatEntries(pkg.view.contents!.entries);
    expect(instr).toContain(`\\o "1-${Math.max(...expected.map((e) => e.depth))}"`);
    expect(instr).toContain('\\h');
    const entries = all(sdt!, 'w:p').filter((p) => /^TOC\d$/.test(styleOf(p) ?? ''));
    expect(entries.map((p) => textOf(p).replace(/\t.*$/, ''))).toEqual(expected.map((e) => e.text));
    expect(entries.map((p) => Number(styleOf(p)!.slice(3)))).toEqual(expected.map((e) => e.depth));
    const headings = new Map(
      all(pkg.document, 'w:bookmarkStart')
        .filter((b) => /^Heading\d$/.test(styleOf(ancestor(b, 'w:p')!) ?? ''))
        .map((b) => [b.attrs['w:name'], ancestor(b, 'w:p')!]),
    );
    entries.forEach((p, i) => {
      const anchor = first(p, 'w:hyperlink')!.attrs['w:anchor'];
      expect(anchor).toBe(bookmarkName(expected[i].target));
      const heading = headings.get(anchor)!;
      expect(textOf(heading), anchor).toBe(expected[i].text);
      // The heading's level is the entry's depth, and it is in Word's outline (no body-text override).
      expect(styleOf(heading)).toBe(`Heading${expected[i].depth}`);
      expect(first(heading, 'w:outlineLvl')).toBeUndefined();
    });
    // Headings that are no entry (annex summaries and groups) are body text in the outline, so a rebuilt contents matches.
    const others = paragraphs(pkg).filter((p) => /^Heading\d$/.test(styleOf(p) ?? '') && !entries.some((e) => textOf(e).replace(/\t.*$/, '') === textOf(p)));
    expect(others.length).toBeGreaterThan(0);
    for (const p of others) expect(first(p, 'w:outlineLvl')?.attrs['w:val'], textOf(p)).toBe('9');
  });

  it('bookmarks every anchor of the view under a valid Word name, and every internal link lands on one', () => {
    const starts = all(pkg.document, 'w:bookmarkStart');
    const names = starts.map((b) => b.attrs['w:name']);
    expect(names.length).toBe(new Set(names).size);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    for (const id of viewAnchors(pkg.view)) expect(names, id).toContain(bookmarkName(id));
    expect(bookmarkName('s2-u1')).toBe('s2_u1');
    const anchors = all(pkg.document, 'w:hyperlink').flatMap((h) => (h.attrs['w:anchor'] ? [h.attrs['w:anchor']] : []));
    expect(anchors.length).toBeGreaterThan(20);
    for (const a of anchors) expect(names, a).toContain(a);
    const ends = new Set(all(pkg.document, 'w:bookmarkEnd').map((b) => b.attrs['w:id']));
    for (const b of starts) expect(ends.has(b.attrs['w:id'])).toBe(true);
  });

  it('links the annex tables to the places they cite, with repeating header rows', () => {
    const tables = all(pkg.document, 'w:tbl');
    for (const t of tables) expect(first(first(t, 'w:tr')!, 'w:tblHeader'), 'repeating header row').toBeDefined();
    const anchors = (list: XmlElement[]) => list.flatMap((t) => all(t, 'w:hyperlink').map((h) => h.attrs['w:anchor']));
    const commitments = tablesUnder(pkg, 'annex_commitments');
    expect(anchors(commitments)).toContain('p6');
    expect(anchors(tablesUnder(pkg, 'annex_glossary'))).toContain('p13'); // AIDER, first used in ¶ 13
    expect(anchors(tablesUnder(pkg, 'annex_instruments'))).toEqual(expect.arrayContaining(['p2', 'p11', 'p13']));
    expect(commitments.map(textOf).join('\n')).toContain('¶ 6');
  });

  it("records the view's document properties, dated from the epoch", () => {
    const value = (name: string) => ownText(first(pkg.core, name));
    const { info } = pkg.view;
    expect(value('dc:title')).toBe(info.title);
    expect(value('dc:subject')).toBe('Ministerial Declaration');
    expect(value('dc:creator')).toBe('APEC Digital and AI Ministerial Meeting');
    expect(value('cp:keywords')).toBe(info.keywords.join('; '));
    expect(value('dc:language')).toBe('en');
    expect(value('dcterms:created')).toBe(new Date(EPOCH * 1000).toISOString().replace('.000', ''));
    expect(value('dcterms:modified')).toBe(value('dcterms:created'));
    expect(pkg.parts['docProps/app.xml']).toContain(`<Application>${info.generator}</Application>`);
    expect(first(all(pkg.styles, 'w:docDefaults')[0], 'w:lang')!.attrs['w:val']).toBe('en-US');
  });

  it('opens with a cover section, then the contents on a new page under header and footer', () => {
    const sections = all(pkg.document, 'w:sectPr');
    expect(sections).toHaveLength(2);
    // No marking: the cover has no header or footer.
    expect(first(sections[0], 'w:headerReference')).toBeUndefined();
    expect(first(sections[1], 'w:headerReference')).toBeDefined();
    expect(first(sections[1], 'w:footerReference')).toBeDefined();
    const type = first(sections[1], 'w:type')?.attrs['w:val'];
    expect(type ?? 'nextPage').toBe('nextPage');
    const cover = ancestor(sections[0], 'w:p')!;
    const body = all(pkg.document, 'w:body')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    expect(styleOf(body[body.indexOf(cover) + 1])).toBe('TOCHeading');
    expect(pkg.parts['word/header1.xml']).toContain('Digital and AI Transition');
    expect(textOf(parseXml(pkg.parts['word/header1.xml']))).toBe(`${pkg.view.runningHead.title}\tMinisterial Declaration`);
    const footer = pkg.parts['word/footer1.xml'];
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*</);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*</);
    expect(footer).toContain('Page ');
    // A4 by default.
    for (const s of sections) expect(first(s, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
  });

  it('renders no content diagnostics: lint reported them before the view was built', () => {
    expect(pkg.messages).toEqual([]);
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

  it("makes sub-items nested list levels whose markers are the view's labels", () => {
    const shown = listNumbers(pkg.document, pkg.numbering);
    const levelOf = (n: { numId: string; level: number }) => {
      const num = all(pkg.numbering, 'w:num').find((x) => x.attrs['w:numId'] === n.numId)!;
      const abstract = all(pkg.numbering, 'w:abstractNum').find((a) => a.attrs['w:abstractNumId'] === first(num, 'w:abstractNumId')!.attrs['w:val'])!;
      const lvl = all(abstract, 'w:lvl').find((l) => l.attrs['w:ilvl'] === String(n.level))!;
      return { format: first(lvl, 'w:numFmt')!.attrs['w:val'], text: first(lvl, 'w:lvlText')!.attrs['w:val'] };
    };
    const items = partOf(pkg.view, 'text')!
      .sections.flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'numbered' ? b.children : []))
      .flatMap(function items(b): Array<{ label: string; text: string; number: number | null }> {
        return b.kind === 'list' ? b.items.flatMap((i) => [{ label: i.label, text: viewText(i.content), number: i.number }, ...i.children.flatMap(items)]) : [];
      });
    expect(items.map((i) => i.label)).toEqual(['1.', '2.', '▪', '◦']);
    for (const item of items) {
      const n = shown.find((s) => s.text.startsWith(item.text))!;
      const { format, text } = levelOf(n);
      if (item.number != null) {
        expect(format).toBe('decimal');
        expect(text.replace(/%\d/, String(n.value))).toBe(item.label);
      } else {
        expect([format, text]).toEqual(['bullet', item.label]);
      }
    }
    const lettered = shown.filter((n) => n.level === 1 && /lettered item/.test(n.text));
    expect(lettered.map((n) => n.value)).toEqual([1, 2]);
    expect(shown.find((n) => n.text.startsWith('a nested bullet'))!.level).toBe(2);
    expect(shown.find((n) => n.text.startsWith('and a bullet after'))!.level).toBe(1);
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

  it('writes real footnotes; a note never referenced is listed under the notes heading', () => {
    const refs = all(pkg.document, 'w:footnoteReference').map((r) => r.attrs['w:id']);
    expect(refs).toEqual(['1', '2', '3']);
    // Word numbers the marks 1, 2, 3 as the view does: no custom marks.
    expect(all(pkg.document, 'w:footnoteReference').every((r) => !r.attrs['w:customMarkFollows'])).toBe(true);
    const notes = new Map(all(pkg.footnotes, 'w:footnote').map((n) => [n.attrs['w:id'], all(n, 'w:p').map(textOf).join('\n')]));
    expect(notes.get('1')).toContain('Held at the Palais des Nations.');
    expect(notes.get('2')).toContain('With gratitude to Switzerland.');
    // A table in a note becomes lines of tab-separated cells: Word notes hold paragraphs.
    expect(notes.get('3')).toContain('A note that holds a table.\nPledge\tDonor\nForty\tNorway');
    for (const id of notes.keys()) if (Number(id) > 0) expect(refs).toContain(id);
    const body = textOf(pkg.document);
    expect(body).not.toContain('Held at the Palais des Nations.');
    const heading = bookmarkedParagraph(pkg, 'notes');
    expect([styleOf(heading), textOf(heading)]).toEqual(['Heading1', 'Notes']);
    const listed = bookmarkedParagraph(pkg, 'fn4');
    expect(textOf(listed)).toBe('4 A note the text never cites.');
    // The second reference to note 1 shows its number, linked to the note; each reference has its anchor.
    const second = all(pkg.document, 'w:bookmarkStart').find((b) => b.attrs['w:name'] === 'fn1_ref_2')!;
    expect(second).toBeDefined();
    const link = all(ancestor(second, 'w:p')!, 'w:hyperlink').find((h) => h.attrs['w:anchor'] === 'fn1')!;
    expect(textOf(link)).toBe('1');
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
    // A remote image is never fetched: its alt text in brackets, in italics.
    const alt = runWith('[A chart of pledges]');
    expect(first(alt, 'w:i')).toBeDefined();
  });

  it('shows the running head: short title and kind', () => {
    const header = headerFooterParts(pkg)
      .filter((n) => n.includes('header'))
      .map((n) => textOf(parseXml(pkg.parts[n])));
    expect(header).toContain('RestrictedEverything Declaration\tJoint Statement');
  });
});

describe('docx: the marking, centred in the header and footer of every page (issue 13)', () => {
  let pkg: Package;
  beforeAll(async () => {
    pkg = await open(FEATURES);
  });

  it('stands first in every header and last in every footer, the cover included', () => {
    const sections = all(pkg.document, 'w:sectPr');
    expect(sections).toHaveLength(2);
    const rels = new Map(all(parseXml(pkg.parts['word/_rels/document.xml.rels']), 'Relationship').map((r) => [r.attrs.Id, r.attrs.Target]));
    for (const [i, section] of sections.entries()) {
      for (const kind of ['header', 'footer'] as const) {
        const refs = all(section, `w:${kind}Reference`);
        expect(refs.length, `section ${i + 1} has a ${kind}`).toBeGreaterThan(0);
        for (const ref of refs) {
          const part = parseXml(pkg.parts[`word/${rels.get(ref.attrs['r:id'])}`]);
          const ps = all(part, 'w:p');
          const marking = kind === 'header' ? ps[0] : ps[ps.length - 1];
          expect(textOf(marking)).toBe('Restricted');
          expect(styleOf(marking)).toBe('Marking');
        }
      }
    }
    expect(styleJustification(pkg, 'Marking')).toBe('center');
  });

  it('is no longer a banner on the cover', () => {
    const coverEnd = all(pkg.document, 'w:sectPr')[0];
    const body = all(pkg.document, 'w:body')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    const cover = body.slice(0, body.indexOf(ancestor(coverEnd, 'w:p')!) + 1);
    expect(cover.map(textOf)).not.toContain('Restricted');
    // The cover opens with the kind above the title (the order every format shows).
    expect(cover.map(styleOf).slice(0, 2)).toEqual(['Subtitle', 'Title']);
  });

  it('comes from the project when the source sets none', async () => {
    const seed = await open(SEED, { view: { marking: 'RESTRICTED' } });
    for (const part of headerFooterParts(seed)) expect(textOf(parseXml(seed.parts[part])), part).toContain('RESTRICTED');
    expect(first(all(seed.document, 'w:sectPr')[0], 'w:headerReference')).toBeDefined();
  });
});

describe('docx: organization, logo, theme, images and parts (issue 13)', () => {
  const logo = tinyPng(40, 20);
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'briefpack-docx-images-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('shows the logo (in word/media/) and the organization on the cover', async () => {
    const pkg = await open(SEED, {
      view: { organization: { name: 'Ministry of Foreign Affairs', logo: { mediaType: 'image/png', bytes: logo, width: 40, height: 20 } } },
    });
    const media = pkg.names.filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(partBytes(pkg.bytes, media[0])!).equals(Buffer.from(logo))).toBe(true);
    const body = all(pkg.document, 'w:body')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    const coverEnd = body.indexOf(ancestor(all(pkg.document, 'w:sectPr')[0], 'w:p')!);
    const cover = body.slice(0, coverEnd + 1);
    expect(styleOf(cover[0])).toBe('CoverLogo');
    expect(first(cover[0], 'w:drawing')).toBeDefined();
    expect(first(cover[0], 'wp:docPr')!.attrs.descr).toBe('Ministry of Foreign Affairs');
    expect(cover.map(textOf)).toContain('Ministry of Foreign Affairs');
    expect(styleOf(cover.find((p) => textOf(p) === 'Ministry of Foreign Affairs')!)).toBe('CoverOrganization');
    // The logo keeps its proportions: 40 x 20 pixels, in EMU.
    const extent = first(cover[0], 'wp:extent')!.attrs;
    expect(Number(extent.cx) / Number(extent.cy)).toBe(2);
  });

  it('takes the page size (Letter), the accent colour and the faces from the theme', async () => {
    const theme = { page: 'Letter' as const, colors: { accent: '#8a1c1c' }, fonts: { text: 'Noto Serif', heading: 'Noto Sans' } };
    const pkg = await open(SEED, { ctx: { theme } });
    for (const s of all(pkg.document, 'w:sectPr')) expect(first(s, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '12240', 'w:h': '15840' });
    const styles = styleIds(pkg);
    expect(first(styles.get('Heading1')!, 'w:color')!.attrs['w:val']).toBe('8A1C1C');
    expect(first(styles.get('Heading1')!, 'w:rFonts')!.attrs['w:ascii']).toBe('Noto Sans');
    expect(first(styles.get('Normal')!, 'w:rFonts')!.attrs['w:ascii']).toBe('Noto Serif');
    // The contents' right tab stop is the Letter text width (12240 less two inches).
    expect(first(styles.get('TOC1')!, 'w:tab')!.attrs['w:pos']).toBe('9360');
    const a4 = await open(SEED, { ctx: { theme: DEFAULT_THEME } });
    expect(first(styleIds(a4).get('Heading1')!, 'w:color')!.attrs['w:val']).toBe('1F3864');
    expect(first(styleIds(a4).get('Normal')!, 'w:rFonts')!.attrs['w:ascii']).toBe('Times New Roman');
  });

  it('embeds a local image scaled to the text width, and an SVG with a PNG fallback', async () => {
    writeFileSync(join(work, 'wide.png'), tinyPng(1200, 300));
    writeFileSync(join(work, 'small.png'), tinyPng(60, 30));
    writeFileSync(
      join(work, 'diagram.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="#1f3864"/></svg>',
    );
    const source = join(work, 'images.md');
    writeFileSync(
      source,
      '---\ntitle: "Images"\nkind: "Statement"\n---\n\n# Images\n\n1. A wide chart ![Wide chart](wide.png) and a small one ![Small chart](small.png).\n\n2. A diagram ![Diagram](diagram.svg) and a missing one ![Missing chart](missing.png).\n',
    );
    const pkg = await open(source);
    const media = pkg.names.filter((n) => n.startsWith('word/media/'));
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(3); // two images and the SVG's fallback
    expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(1);
    const drawings = all(pkg.document, 'w:drawing');
    expect(drawings).toHaveLength(3);
    const extent = (d: XmlElement) => first(d, 'wp:extent')!.attrs;
    const textWidthEmu = (9026 / 1440) * 914400;
    const [wide, small, svg] = drawings;
    expect(first(wide, 'wp:docPr')!.attrs.descr).toBe('Wide chart');
    expect(Number(extent(wide).cx)).toBeLessThanOrEqual(textWidthEmu);
    expect(Number(extent(wide).cx)).toBeGreaterThan(textWidthEmu * 0.9);
    expect(Number(extent(wide).cx) / Number(extent(wide).cy)).toBeCloseTo(4, 1);
    expect(Number(extent(small).cx)).toBe(60 * 9525);
    expect(pkg.parts['word/document.xml']).toContain('svgBlip');
    expect(Number(extent(svg).cx)).toBe(200 * 9525);
    const fallback = media.find(
      (n) => n.endsWith('.png') && partBytes(pkg.bytes, n)!.length !== tinyPng(1200, 300).length && partBytes(pkg.bytes, n)!.length !== tinyPng(60, 30).length,
    )!;
    expect(Buffer.from(partBytes(pkg.bytes, fallback)!.subarray(1, 4)).toString()).toBe('PNG');
    // An image that cannot be read shows its alt text in brackets, in italics.
    const alt = all(pkg.document, 'w:r').find((r) => textOf(r) === '[Missing chart]')!;
    expect(first(alt, 'w:i')).toBeDefined();
  });

  it('leaves out a part switched off: from the contents and from the body', async () => {
    const pkg = await open(FEATURES, {
      view: { parts: { ...ALL_PARTS, background: false, contents: true, annexes: { ...ALL_PARTS.annexes, commitments: false } } },
    });
    const names = all(pkg.document, 'w:bookmarkStart').map((b) => b.attrs['w:name']);
    expect(names).not.toContain('background');
    expect(names).not.toContain('annex_commitments');
    expect(names).toContain('annex_glossary');
    const text = textOf(pkg.document);
    const headings = paragraphs(pkg)
      .filter((p) => /^Heading\d$/.test(styleOf(p) ?? ''))
      .map(textOf);
    expect(headings).not.toContain('Background note');
    expect(headings).not.toContain('Commitments by verb strength');
    expect(headings).toContain('Glossary of acronyms');
    expect(text).not.toContain('A bullet in the background.');
    const toc = all(pkg.document, 'w:p')
      .filter((p) => /^TOC\d$/.test(styleOf(p) ?? ''))
      .map((p) => textOf(p).replace(/\t.*$/, ''));
    expect(toc[0]).toBe('Declaration on everything');
    expect(toc).not.toContain('Commitments by verb strength');
    // Without a cover and contents, the body is the one section, and the text starts on its first page.
    const bare = await open(FEATURES, { view: { parts: { ...ALL_PARTS, cover: false, contents: false } } });
    expect(all(bare.document, 'w:sectPr')).toHaveLength(1);
    expect(all(bare.document, 'w:p').map(styleOf)).not.toContain('Title');
    expect(all(bare.document, 'w:sdt')).toHaveLength(0);
    const firstParagraph = all(bare.document, 'w:p')[0];
    expect(textOf(firstParagraph)).toBe('Background note');
    expect(first(firstParagraph, 'w:pageBreakBefore')).toBeUndefined();
  });

  it("numbers footnote marks as the view does when Word's own count would differ", async () => {
    // With the background switched off, the text's first note is the view's note 1 only if the background cites none.
    const source = join(work, 'notes.md');
    writeFileSync(
      source,
      '---\ntitle: "Notes"\n---\n\n# Background\n\nA background note.[^a]\n\n# Text\n\n1. A paragraph.[^b]\n\n[^a]: Note from the background.\n\n[^b]: Note from the text.\n',
    );
    const pkg = await open(source, { view: { parts: { ...ALL_PARTS, background: false } } });
    const refs = all(pkg.document, 'w:footnoteReference');
    expect(refs.map((r) => [r.attrs['w:id'], r.attrs['w:customMarkFollows']])).toEqual([['2', '1']]);
    expect(textOf(ancestor(refs[0], 'w:r')!)).toBe('2');
    const note = all(pkg.footnotes, 'w:footnote').find((n) => n.attrs['w:id'] === '2')!;
    expect(textOf(note)).toBe('2Note from the text.');
    expect(first(note, 'w:footnoteRef')).toBeUndefined();
    // The background's note, cited nowhere now, is listed under the notes heading.
    expect(textOf(bookmarkedParagraph(pkg, 'fn1'))).toBe('1 Note from the background.');
  });
});

describe('docx: divergences from the other formats, removed (issue 12)', () => {
  it('commitments annex: exactly the view rows (DOCX listed only operative clauses)', async () => {
    const pkg = await open(PREAMBULAR);
    const annex = annexOf(pkg.view, 'commitments') as CommitmentsAnnex;
    expect(annex.summary.total).toBe(5);
    const tables = tablesUnder(pkg, 'annex_commitments');
    const rowTables = tables.filter((t) => rowTexts(t)[0].length === 5);
    const shown = rowTables.flatMap((t) => rowTexts(t).slice(1));
    const expected = [...(annex.strongest?.rows ?? []), ...annex.groups.flatMap((g) => g.rows)].map((r) => [
      r.ref.label,
      r.actor,
      r.verb,
      r.strengthLabel,
      r.text,
    ]);
    expect(shown).toEqual(expected);
    expect(shown.filter((r, i) => i >= (annex.strongest?.rows.length ?? 0))).toHaveLength(5);
    const [byStrength, byActor] = tables.filter((t) => rowTexts(t)[0].length === 2).map(rowTexts);
    expect(byStrength.slice(1)).toEqual([...annex.summary.byStrength.map((s) => [s.label, String(s.count)]), [pkg.view.labels.total, '5']]);
    expect(byActor.slice(1)).toEqual(annex.summary.byActor.map((a) => [a.actor, String(a.count)]));
  });

  it('raw HTML: the text of x<script>alert(1)</script> has no alert(1) (DOCX printed it)', async () => {
    const pkg = await open(RAW_HTML);
    const text = [pkg.document, pkg.footnotes].map(textOf).join('\n');
    expect(text).not.toMatch(/alert\(/);
    const work = mkdtempSync(join(tmpdir(), 'briefpack-docx-script-'));
    try {
      const source = join(work, 'script.md');
      writeFileSync(source, '---\ntitle: "Script"\n---\n\n# Text\n\n1. We note x<script>alert(1)</script> and more.\n');
      const again = await open(source);
      const shown = textOf(bookmarkedParagraph(again, 'p1'));
      expect(shown).toBe(viewText((partOf(again.view, 'text')!.sections[0].blocks[0] as Extract<ViewBlock, { kind: 'numbered' }>).content));
      expect(shown).toMatch(/^We note x\s*and more\.$/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('text heading: the view part heading, never "Text" (DOCX headed the text "Text")', async () => {
    const pkg = await open(NO_HEADINGS);
    const text = partOf(pkg.view, 'text')!;
    const heading = bookmarkedParagraph(pkg, 'text');
    expect(styleOf(heading)).toBe('Heading1');
    expect(textOf(heading)).toBe(text.headingText);
    expect(text.headingText).toBe('Joint Statement on Critical Minerals Cooperation');
    expect(textOf(heading)).not.toBe(pkg.view.labels.text);
  });

  it('dates: the view formatted cover date, not ISO (DOCX dates were ISO)', async () => {
    const pkg = await open(SEED);
    const date = pkg.view.cover!.fields.find((f) => f.key === 'date')!;
    expect(date.value).toBe('August 4, 2025');
    const cover = all(pkg.document, 'w:p')
      .filter((p) => styleOf(p) === 'CoverDetail')
      .map(textOf);
    expect(cover).toContain('August 4, 2025');
    expect(textOf(pkg.document)).not.toContain('2025-08-04');
  });

  it('cross-reference labels: the view Ref labels, linked to their targets', async () => {
    const pkg = await open(SEED);
    const refs = [
      ...(annexOf(pkg.view, 'commitments')?.groups.flatMap((g) => g.rows.map((r) => r.ref)) ?? []),
      ...(annexOf(pkg.view, 'glossary')?.rows.map((r) => r.firstUse) ?? []),
      ...(annexOf(pkg.view, 'instruments')?.rows.flatMap((r) => r.citations) ?? []),
    ];
    expect(refs.map((r) => r.label)).toContain('Background note, ¶ 1');
    const links = ['annex_commitments', 'annex_glossary', 'annex_instruments'].flatMap((name) =>
      tablesUnder(pkg, name).flatMap((t) => all(t, 'w:hyperlink').map((h) => [textOf(h), h.attrs['w:anchor']])),
    );
    const expected = new Set(refs.map((r) => JSON.stringify([r.label, bookmarkName(r.target)])));
    expect(new Set(links.map((l) => JSON.stringify(l)))).toEqual(expected);
  });

  it('URL policy: the view link and xref targets, nothing else (three policies before)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'briefpack-docx-links-'));
    const source = join(work, 'links.md');
    writeFileSync(
      source,
      [
        '---\ntitle: "Links"\n---\n\n# Text\n',
        '1. See [the site](https://example.org/a), [the secretariat](mailto:sec@example.org), [the annex](annex/b.pdf) and [paragraph 2](#p2).',
        '2. Not [a script](javascript:alert(1)), [data](data:text/html,x), [a file](file:///etc/passwd) nor [nowhere](#p99).[^n]',
        '[^n]: A note that links to [paragraph 1](#p1) and [the site](https://example.org/n).',
        '',
      ].join('\n\n'),
    );
    const pkg = await open(source);
    rmSync(work, { recursive: true, force: true });
    const view = pkg.view;
    const links: string[] = [];
    const xrefs: string[] = [];
    const inline = (nodes: readonly ViewInline[]) => {
      for (const n of nodes) {
        if (n.type === 'link') links.push(n.href);
        if (n.type === 'xref') xrefs.push(n.target);
        if ('children' in n) inline(n.children);
      }
    };
    const blocks = (list: readonly ViewBlock[]) => {
      for (const b of list) {
        if ('content' in b) inline(b.content);
        if (b.kind === 'table') [b.head, ...b.rows].forEach((r) => r.forEach(inline));
        if (b.kind === 'list') b.items.forEach((i) => (inline(i.content), blocks(i.children)));
        if ('children' in b) blocks(b.children);
      }
    };
    for (const part of view.parts) {
      if (part.kind === 'background') blocks(part.blocks);
      if (part.kind === 'text') part.sections.forEach((s) => (s.title && inline(s.title), blocks(s.blocks)));
      if (part.kind === 'notes') part.notes.forEach((n) => blocks(n.blocks));
    }
    expect(links).toEqual(['https://example.org/a', 'mailto:sec@example.org', 'annex/b.pdf', 'https://example.org/n']);
    expect(xrefs).toEqual(['p2', 'p1']);
    const rels = new Map(
      ['word/_rels/document.xml.rels', 'word/_rels/footnotes.xml.rels']
        .filter((n) => pkg.parts[n])
        .flatMap((n) => all(parseXml(pkg.parts[n]), 'Relationship').map((r) => [r.attrs.Id + n, r.attrs])),
    );
    const external = [...rels.values()].filter((r) => r.TargetMode === 'External' && /hyperlink$/.test(r.Type)).map((r) => r.Target);
    expect(external.sort()).toEqual([...links].sort());
    for (const target of external) expect(target).not.toMatch(/^\s*(javascript|vbscript|data|file):/i);
    const internal = [pkg.document, pkg.footnotes].flatMap((root) =>
      all(root, 'w:hyperlink')
        .map((h) => h.attrs['w:anchor'])
        .filter(Boolean),
    );
    for (const target of xrefs) expect(internal).toContain(bookmarkName(target));
  });

  it('diagnostics: the renderer raises none (DOCX raised content diagnostics)', async () => {
    for (const path of [FEATURES, RAW_HTML]) {
      const pkg = await open(path);
      expect(pkg.messages, path).toEqual([]);
    }
  });
});

describe('docx: translated pack', () => {
  it('marks untranslated and stale text, and sets Korean language and font', async () => {
    const pkg = await open(SEED, {
      mutate: (model) => {
        model.meta.language = 'ko';
        model.sections[1].untranslated = 'stale';
        model.sections[0].blocks[2].untranslated = 'missing';
      },
    });
    const lang = first(first(pkg.styles, 'w:docDefaults')!, 'w:lang')!;
    expect(lang.attrs).toMatchObject({ 'w:val': 'en-US', 'w:eastAsia': 'ko-KR' });
    expect(first(first(pkg.styles, 'w:docDefaults')!, 'w:rFonts')!.attrs['w:eastAsia']).toBe('Noto Sans CJK KR');
    const p3 = bookmarkedParagraph(pkg, 'p3');
    expect(textOf(p3).startsWith(`[${pkg.view.labels.untranslated}] Today, we witness`)).toBe(true);
    expect(textOf(pkg.document)).toContain(`[${pkg.view.labels.stale}]`);
    expect(textOf(pkg.document)).toContain(pkg.view.labels.contents);
    // The legend of the markers follows the contents.
    expect(pkg.view.legend.map((m) => m.state)).toEqual(['missing', 'stale']);
    const body = all(pkg.document, 'w:body')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    const toc = body.findIndex((c) => c.name === 'w:sdt');
    expect(body.slice(toc + 1, toc + 3).map(textOf)).toEqual(pkg.view.legend.map((m) => `[${m.label}] `));
  });
});

describe('docx: right-to-left pack', () => {
  it('runs paragraphs from the right, but source text and code keep their own direction', async () => {
    const pkg = await open(FEATURES, {
      mutate: (model) => {
        model.meta.language = 'ar';
        model.translation = { sourceLanguage: 'en', untranslatedMeta: [] };
        model.sections[0].blocks[0].untranslated = 'missing';
      },
    });
    expect(pkg.view.dir).toBe('rtl');
    const defaults = first(pkg.styles, 'w:docDefaults')!;
    expect(first(first(defaults, 'w:pPrDefault')!, 'w:bidi')).toBeDefined();
    expect(first(defaults, 'w:lang')!.attrs['w:bidi']).toBe('ar-SA');
    const source = bookmarkedParagraph(pkg, 'p1');
    expect(first(source, 'w:bidi')!.attrs['w:val']).toBe('false');
    expect(
      first(
        all(source, 'w:r').find((r) => textOf(r).includes('met in Geneva'))!,
        'w:lang',
      )!.attrs['w:val'],
    ).toBe('en-US');
    expect(first(bookmarkedParagraph(pkg, 'p2'), 'w:bidi')).toBeUndefined();
    const code = paragraphs(pkg).find((p) => textOf(p) === 'code block line')!;
    expect(first(code, 'w:bidi')!.attrs['w:val']).toBe('false');
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

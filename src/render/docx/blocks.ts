/**
 * Run phase (docx): model paragraphs -> Word paragraphs and tables.
 *
 * One recursive function for every block of the text, the background and
 * the footnotes. Numbered paragraphs carry Word numbering (the number is
 * never typed text); sub-items are deeper list levels; continuation blocks
 * indent to the text of the item they belong to. Every paragraph is wrapped
 * in a bookmark named after its model id, so the annexes can link to it.
 */
import { AlignmentType, Bookmark, Paragraph, Tab, Table, TableCell, TableRow, TextRun, WidthType, type IParagraphOptions, type ParagraphChild } from 'docx';
import type { Inline, Paragraph as Block } from '../../model/schema.js';
import { htmlToText } from '../../model/raw-html.js';
import type { DocxContext } from './docx-context.js';
import { inlineRuns } from './inline.js';
import { LIST_INDENT, STYLE, TEXT_WIDTH } from './styles.js';
import { MAX_LEVEL, type ListPlace } from './numbering.js';

export type BodyChild = Paragraph | Table;

/** Where a block sits. */
export interface Where {
  /** List level of the item the block continues, -1 outside lists. */
  level: number;
  quote: boolean;
  footnote: boolean;
  /** A paragraph of a section itself (not nested): numbered paragraphs there are the text's own. */
  top: boolean;
}

export const BODY: Where = { level: -1, quote: false, footnote: false, top: true };
export const FOOTNOTE: Where = { level: -1, quote: false, footnote: true, top: false };

/** Word content for a list of model blocks. */
export function renderBlocks(blocks: readonly Block[], dc: DocxContext, where: Where): BodyChild[] {
  return blocks.flatMap((b) => renderBlock(b, dc, where));
}

export function renderBlock(p: Block, dc: DocxContext, where: Where, extraIds: string[] = []): BodyChild[] {
  switch (p.kind) {
    case 'numbered':
      if (where.top && p.number != null) return numberedParagraph(p, dc, where, extraIds);
      return plainParagraph(p, dc, where, extraIds);
    case 'bullet':
    case 'plain':
      return plainParagraph(p, dc, where, extraIds);
    case 'heading':
      return heading(p, dc, where, extraIds);
    case 'list':
      return listItems(p.items, dc, { ...where, top: false }, where.level + 1, [...extraIds, p.id]);
    case 'table':
      return table(p, dc, where, extraIds);
    case 'code':
      return code(p, dc, where, extraIds);
    case 'quote': {
      if (!p.blocks.length) return [paragraph(p, dc, [], { style: STYLE.quote }, extraIds)];
      const inner: Where = { ...where, quote: true, top: false };
      const [first, ...rest] = p.blocks;
      return [...renderBlock(first, dc, inner, [...extraIds, p.id]), ...renderBlocks(rest, dc, inner)];
    }
    case 'html': {
      const text = htmlToText(p.value ?? '').replace(/\s+/g, ' ').trim();
      return [paragraph(p, dc, [new TextRun(text)], { style: bodyStyle(where), indent: continuationIndent(where) }, extraIds)];
    }
    case 'rule':
      return [paragraph(p, dc, [], { style: bodyStyle(where), thematicBreak: true }, extraIds)];
  }
}

/** A numbered paragraph of the text: Word numbering at level 0, its items one level down. */
function numberedParagraph(p: Block, dc: DocxContext, where: Where, extraIds: string[]): BodyChild[] {
  const place = dc.numbering.numberedParagraph(p.number!);
  const first = paragraph(p, dc, inlineRuns(p.content, dc, { position: p.position }), { style: STYLE.numberedParagraph, numbering: numberingOf(place) }, extraIds);
  const inner: Where = { ...where, level: 0, top: false };
  return [first, ...listItems(p.items, dc, inner, 1), ...renderBlocks(p.blocks, dc, inner)];
}

function plainParagraph(p: Block, dc: DocxContext, where: Where, extraIds: string[]): BodyChild[] {
  const runs = inlineRuns(p.content, dc, { position: p.position, inFootnote: where.footnote });
  const first = paragraph(p, dc, runs, { style: bodyStyle(where), indent: continuationIndent(where) }, extraIds);
  const inner: Where = { ...where, top: false };
  return [first, ...listItems(p.items, dc, { ...inner, level: Math.max(where.level, 0) }, where.level + 1), ...renderBlocks(p.blocks, dc, inner)];
}

/** List items at `level`: runs of consecutive numbers share one Word list; bullets share the bullet list. */
function listItems(items: readonly Block[], dc: DocxContext, where: Where, level: number, firstExtraIds: string[] = []): BodyChild[] {
  const out: BodyChild[] = [];
  let run: { place: ListPlace; last: number } | null = null;
  items.forEach((item, i) => {
    const ordered = item.number != null;
    let place: ListPlace;
    if (ordered) {
      if (run && item.number === run.last + 1) run.last = item.number!;
      else run = { place: dc.numbering.orderedList(item.number!, level), last: item.number! };
      place = run.place;
    } else {
      run = null;
      place = dc.numbering.bulletList(level);
    }
    const style = ordered ? STYLE.listNumber(level) : STYLE.listBullet(level);
    const runs = inlineRuns(item.content, dc, { position: item.position, inFootnote: where.footnote });
    out.push(paragraph(item, dc, runs, { style: where.footnote ? STYLE.footnoteText : style, numbering: numberingOf(place) }, i === 0 ? firstExtraIds : []));
    const inner: Where = { ...where, level, top: false };
    out.push(...listItems(item.items, dc, inner, level + 1), ...renderBlocks(item.blocks, dc, inner));
  });
  if (!items.length && firstExtraIds.length) out.push(new Paragraph({ style: bodyStyle(where), children: bookmarked(firstExtraIds, [], dc) }));
  return out;
}

function heading(p: Block, dc: DocxContext, where: Where, extraIds: string[]): BodyChild[] {
  if (where.footnote || where.quote || where.level >= 0) {
    // Inside a note, quote or list a heading is a bold line: a real heading there would enter the contents.
    const bold = inlineRuns([{ type: 'strong', children: p.content }], dc, { position: p.position, inFootnote: where.footnote });
    return [paragraph(p, dc, bold, { style: bodyStyle(where), keepNext: true, indent: continuationIndent(where) }, extraIds)];
  }
  const runs = inlineRuns(p.content, dc, { position: p.position });
  const level = p.depth ?? 2;
  const bookmark = dc.bookmarks.name(p.id);
  if (level <= 3 && bookmark) dc.headings.push({ title: plainText(p.content), level, bookmark });
  return [paragraph(p, dc, runs, { style: STYLE.heading(level) }, extraIds)];
}

function table(p: Block, dc: DocxContext, where: Where, extraIds: string[]): BodyChild[] {
  const t = p.table!;
  if (where.footnote) {
    // A Word footnote holds paragraphs only (docx): each row is a line, its cells apart by tabs.
    return [t.header, ...t.rows].map((cells, i) => {
      const runs = cells.flatMap((c, j) => [...(j ? [new TextRun({ children: [new Tab()] })] : []), ...inlineRuns(c, dc, { position: p.position, inFootnote: true })]);
      return i === 0 ? paragraph(p, dc, runs, { style: STYLE.footnoteText, run: { bold: true } }, extraIds) : new Paragraph({ style: STYLE.footnoteText, children: runs });
    });
  }
  const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length), 1);
  const available = TEXT_WIDTH - textIndent(where.level);
  const width = Math.floor(available / columns);
  const align = (i: number) => (t.align[i] === 'center' ? AlignmentType.CENTER : t.align[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const cell = (content: Inline[] | undefined, i: number, header: boolean, ids: string[]) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: [
        new Paragraph({
          style: header ? STYLE.tableHeading : STYLE.tableContents,
          alignment: align(i),
          children: bookmarked(ids, inlineRuns(content ?? [], dc, { position: p.position, inFootnote: where.footnote }), dc),
        }),
      ],
    });
  const ids = [...extraIds, p.id];
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: Array.from({ length: columns }, (_, i) => cell(t.header[i], i, true, i === 0 ? ids : [])) }),
    ...t.rows.map((r) => new TableRow({ children: Array.from({ length: columns }, (_, i) => cell(r[i], i, false, [])) })),
  ];
  const marker = untranslatedMarker(p, dc);
  return [
    ...(marker ? [new Paragraph({ style: bodyStyle(where), keepNext: true, children: [marker] })] : []),
    dataTable(rows, Array(columns).fill(width), where),
    // Word joins two tables that touch; a paragraph between keeps them apart.
    new Paragraph({ style: bodyStyle(where), spacing: { after: 0 }, children: [] }),
  ];
}

/** A table in the one table style, as wide as the text. */
export function dataTable(rows: TableRow[], columnWidths: number[], where: Where = BODY): Table {
  const indent = textIndent(where.level);
  return new Table({
    style: STYLE.table,
    rows,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    indent: indent ? { size: indent, type: WidthType.DXA } : undefined,
  });
}

function code(p: Block, dc: DocxContext, where: Where, extraIds: string[]): BodyChild[] {
  const lines = (p.value ?? '').replace(/\r\n?/g, '\n').split('\n');
  return lines.map((line, i) =>
    i === 0
      ? paragraph(p, dc, [new TextRun(line)], { style: STYLE.preformatted, indent: continuationIndent(where) }, extraIds)
      : new Paragraph({ style: STYLE.preformatted, indent: continuationIndent(where), children: [new TextRun(line)] }),
  );
}

/** A paragraph wrapped in the bookmarks of its id (and of containers that start with it), with its translation marker. */
export function paragraph(p: Block, dc: DocxContext, runs: ParagraphChild[], props: Omit<IParagraphOptions, 'children' | 'text'>, extraIds: string[] = []): Paragraph {
  const marker = untranslatedMarker(p, dc);
  return new Paragraph({ ...props, children: [...(marker ? [marker] : []), ...bookmarked([...extraIds, p.id], runs, dc)] });
}

/** `runs` inside nested bookmarks named for `ids` (unknown ids get none). */
export function bookmarked(ids: readonly string[], runs: ParagraphChild[], dc: DocxContext): ParagraphChild[] {
  let children = runs;
  for (const id of [...ids].reverse()) {
    const name = dc.bookmarks.name(id);
    if (name) children = [new Bookmark({ id: name, children })];
  }
  return children;
}

/** The visible note on a block shown in source text because its translation is missing or stale. */
export function untranslatedMarker(p: { untranslated?: 'missing' | 'stale' }, dc: DocxContext): TextRun | null {
  if (!p.untranslated) return null;
  const label = p.untranslated === 'stale' ? dc.labels.stale : dc.labels.untranslated;
  return new TextRun({ text: `[${label}] `, style: STYLE.translationNote });
}

/** The paragraph style for body text where the block sits; undefined is Normal, which Word leaves unnamed. */
function bodyStyle(where: Where): string | undefined {
  if (where.footnote) return STYLE.footnoteText;
  if (where.quote) return STYLE.quote;
  if (where.level >= 0) return STYLE.listContinue(where.level);
  return undefined;
}

/** Left indent of the text of list level `level` (-1: none); deeper levels than Word's nine stay at the ninth. */
function textIndent(level: number): number {
  return level >= 0 ? LIST_INDENT * (Math.min(level, MAX_LEVEL) + 1) : 0;
}

function continuationIndent(where: Where): IParagraphOptions['indent'] {
  return where.level >= 0 ? { left: textIndent(where.level) } : undefined;
}

function numberingOf(place: ListPlace): IParagraphOptions['numbering'] {
  return { reference: place.reference, instance: place.instance, level: place.level };
}

/** Plain text of inline content, for contents entries. */
export function plainText(nodes: readonly Inline[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') s += n.value;
    else if (n.type === 'image') s += n.alt;
    else if (n.type === 'html') s += htmlToText(n.value);
    else if (n.type === 'break') s += ' ';
    else if ('children' in n) s += plainText(n.children);
  }
  return s.replace(/\s+/g, ' ').trim();
}


/** A heading of a part briefpack adds (Background note, Annexes…): a fixed bookmark and a contents entry. */
export function partHeading(dc: DocxContext, text: string, level: number, bookmark: string, options: { pageBreakBefore?: boolean; children?: ParagraphChild[] } = {}): Paragraph {
  if (level <= 3) dc.headings.push({ title: text, level, bookmark });
  return new Paragraph({
    style: STYLE.heading(level),
    pageBreakBefore: options.pageBreakBefore,
    children: [new Bookmark({ id: bookmark, children: options.children ?? [new TextRun(text)] })],
  });
}

/**
 * Run phase (docx): view blocks -> Word paragraphs and tables, one handler
 * per block kind, for the background, the text and the notes alike.
 *
 * Numbered paragraphs carry Word numbering whose text is the view's label
 * (the number is never typed text); list items are list levels; blocks after
 * an item's first paragraph indent to the item's text. Every paragraph is
 * wrapped in bookmarks named after its anchor id (and those of containers
 * that start with it: a list, a quote, a note), so links land on it.
 */
import { AlignmentType, Bookmark, Paragraph, Tab, Table, TableCell, TableRow, TextRun, WidthType, type IParagraphOptions, type ParagraphChild } from 'docx';
import type { Marker, ViewBlock, ViewBlockKind, ViewInline } from '../../view/types.js';
import { directionOf } from '../../view/format.js';
import { inlineRuns, runLanguage, type Format } from './inline.js';
import { MAX_LEVEL, type ListPlace } from './numbering.js';
import { TWIPS_PER_PX } from './page.js';
import type { Writer } from './state.js';
import { LIST_INDENT, STYLE } from './styles.js';

export type BodyChild = Paragraph | Table;

/** Where a block sits. */
export interface Where {
  /** List level of the item the block continues, -1 outside lists. */
  level: number;
  quote: boolean;
  /** In a note: note text, and no footnote marks. */
  note: boolean;
  /** In a Word footnote, which holds paragraphs only. */
  footnote: boolean;
  /** Language of source text shown in a translated pack (inherited by what the block holds). */
  lang: string | null;
}

export const BODY: Where = { level: -1, quote: false, note: false, footnote: false, lang: null };

type NodeOf<K extends ViewBlockKind> = Extract<ViewBlock, { kind: K }>;
type Handler<K extends ViewBlockKind> = (block: NodeOf<K>, w: Writer, where: Where) => BodyChild[];

export const handlers: { [K in ViewBlockKind]: Handler<K> } = {
  numbered: (b, w, where) => {
    const inner = { ...where, level: 0, lang: b.lang ?? where.lang };
    const place = w.state.numbering.numberedParagraph(b.number, b.label);
    const first = paragraph(w, [b.id], b.marker, runs(b.content, w, inner), {
      style: STYLE.numberedParagraph,
      numbering: numberingOf(place),
      ...direction(w, inner.lang),
    });
    return [first, ...renderBlocks(b.children, w, inner)];
  },

  paragraph: (b, w, where) => {
    const inner = { ...where, lang: b.lang ?? where.lang };
    if (!b.content.length && b.children.length) {
      // Nothing of its own to show: its anchor and marker open its first child.
      open(w, [b.id], b.marker);
      return [...renderBlocks(b.children, w, inner), ...flush(w, inner)];
    }
    const first = paragraph(w, [b.id], b.marker, runs(b.content, w, inner), {
      style: bodyStyle(inner),
      indent: continuationIndent(inner),
      ...direction(w, inner.lang),
    });
    return [first, ...renderBlocks(b.children, w, inner)];
  },

  list: (b, w, where) => {
    const level = Math.min(where.level + 1, MAX_LEVEL);
    const lang = b.lang ?? where.lang;
    open(w, [b.id], b.marker);
    const out: BodyChild[] = [];
    // A run of consecutive numbers is one Word list; a number that does not follow on starts another.
    let run: { place: ListPlace; last: number } | null = null;
    for (const item of b.items) {
      let place: ListPlace;
      if (item.number != null) {
        if (run && item.number === run.last + 1) run.last = item.number;
        else run = { place: w.state.numbering.orderedList(item.number, item.label, level), last: item.number };
        place = run.place;
      } else {
        run = null;
        place = w.state.numbering.bulletList(item.label, level);
      }
      const inner: Where = { ...where, level, lang: item.lang ?? lang };
      const style = where.note ? STYLE.footnoteText : item.number != null ? STYLE.listNumber(level) : STYLE.listBullet(level);
      out.push(paragraph(w, [item.id], item.marker, runs(item.content, w, inner), { style, numbering: numberingOf(place), ...direction(w, inner.lang) }));
      out.push(...renderBlocks(item.children, w, inner));
    }
    return [...out, ...flush(w, { ...where, lang })];
  },

  heading: (b, w, where) => {
    const inner = { ...where, lang: b.lang ?? where.lang };
    if (where.note || where.quote || where.level >= 0) {
      // Inside a note, quote or list a heading is a bold line: Word has no headings there.
      const bold = runs([{ type: 'strong', children: b.content }], w, inner);
      return [
        paragraph(w, [b.id], b.marker, bold, { style: bodyStyle(inner), keepNext: true, indent: continuationIndent(inner), ...direction(w, inner.lang) }),
      ];
    }
    return [paragraph(w, [b.id], b.marker, runs(b.content, w, inner), { ...minorHeading(b.level), ...direction(w, inner.lang) })];
  },

  table: (b, w, where) => {
    const inner = { ...where, lang: b.lang ?? where.lang };
    if (where.footnote) return footnoteTable(b, w, inner);
    const rows = [...(b.head.length ? [b.head] : []), ...b.rows];
    if (!rows.length) return [paragraph(w, [b.id], b.marker, [], { style: bodyStyle(inner) })];
    const columns = Math.max(b.align.length, ...rows.map((r) => r.length), 1);
    const width = Math.floor(availableWidth(w, inner) / columns);
    const align = (i: number) => (b.align[i] === 'center' ? AlignmentType.CENTER : b.align[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
    const format = { ...formatOf(inner, w), widthPx: Math.floor(width / TWIPS_PER_PX) };
    const pending = take(w);
    const ids = [...pending.ids, b.id];
    const cell = (content: ViewInline[] | undefined, i: number, header: boolean, first: boolean) =>
      new TableCell({
        width: { size: width, type: WidthType.DXA },
        children: [
          new Paragraph({
            style: header ? STYLE.tableHeading : STYLE.tableContents,
            alignment: align(i),
            ...direction(w, inner.lang),
            children: first ? bookmarked(w, ids, inlineRuns(content ?? [], w, format)) : inlineRuns(content ?? [], w, format),
          }),
        ],
      });
    const tableRows = rows.map(
      (r, ri) =>
        new TableRow({
          ...(ri === 0 && b.head.length ? { tableHeader: true, cantSplit: true } : {}),
          children: Array.from({ length: columns }, (_, i) => cell(r[i], i, ri === 0 && b.head.length > 0, ri === 0 && i === 0)),
        }),
    );
    const prefix = [...pending.prefix, ...(b.marker ? [markerRun(b.marker)] : [])];
    return [
      ...(prefix.length ? [new Paragraph({ style: bodyStyle(inner), keepNext: true, indent: continuationIndent(inner), children: prefix })] : []),
      dataTable(tableRows, Array(columns).fill(width), textIndent(inner.level)),
      // Word joins two tables that touch; a paragraph between keeps them apart.
      spacer(inner),
    ];
  },

  code: (b, w, where) => {
    const inner = { ...where, lang: b.lang ?? where.lang };
    const lines = b.value.replace(/\r\n?/g, '\n').split('\n');
    const indent = continuationIndent(inner);
    // Code reads left to right whatever the document's direction.
    const ltr = w.env.view.dir === 'rtl' ? { bidirectional: false } : {};
    const line = (text: string) => new TextRun({ text, language: runLanguage(inner.lang) });
    const out: BodyChild[] = [];
    // The marker is a line of its own: inside the code it would read as code.
    if (b.marker) out.push(paragraph(w, [], b.marker, [], { style: bodyStyle(inner), keepNext: true, indent }));
    lines.forEach((text, i) => {
      out.push(
        i === 0
          ? paragraph(w, [b.id], null, [line(text)], { style: STYLE.preformatted, indent, ...ltr })
          : new Paragraph({ style: STYLE.preformatted, indent, ...ltr, children: [line(text)] }),
      );
    });
    return out;
  },

  quote: (b, w, where) => {
    const inner = { ...where, quote: true, lang: b.lang ?? where.lang };
    if (!b.children.length) return [paragraph(w, [b.id], b.marker, [], { style: bodyStyle(inner) })];
    open(w, [b.id], b.marker);
    return [...renderBlocks(b.children, w, inner), ...flush(w, inner)];
  },

  rule: (b, w, where) => [paragraph(w, [b.id], b.marker, [], { style: bodyStyle(where), thematicBreak: true })],
};

/** Word content for view blocks, in their order. */
export function renderBlocks(blocks: readonly ViewBlock[], w: Writer, where: Where): BodyChild[] {
  const out: BodyChild[] = [];
  for (const b of blocks) {
    const handler = handlers[b.kind] as Handler<typeof b.kind>;
    // Compare packs: a changed block's paragraph marks (and, moved, its runs) are tracked changes.
    out.push(...(b.change ? w.state.revisions.within(b.change, () => handler(b as never, w, where)) : handler(b as never, w, where)));
  }
  return out;
}

/** A table in a Word footnote, which holds paragraphs only (docx): each row is a line, its cells apart by tabs. */
function footnoteTable(b: NodeOf<'table'>, w: Writer, where: Where): BodyChild[] {
  const rows = [...(b.head.length ? [b.head] : []), ...b.rows];
  if (!rows.length) return [paragraph(w, [b.id], b.marker, [], { style: STYLE.footnoteText })];
  const format = formatOf(where, w);
  return rows.map((cells, i) => {
    const line = cells.flatMap((c, j) => [...(j ? [new TextRun({ children: [new Tab()] })] : []), ...inlineRuns(c, w, format)]);
    const bold = i === 0 && b.head.length > 0 ? { run: { bold: true } } : {};
    return i === 0
      ? paragraph(w, [b.id], b.marker, line, { style: STYLE.footnoteText, ...bold, ...direction(w, where.lang) })
      : new Paragraph({ style: STYLE.footnoteText, children: line });
  });
}

/** A heading of a part, a section or an annex: an entry of the contents (Word's outline level follows the style). */
export function outlineHeading(level: number, options: { pageBreakBefore?: boolean } = {}): Omit<IParagraphOptions, 'children' | 'text'> {
  return { style: STYLE.heading(level), pageBreakBefore: options.pageBreakBefore || undefined };
}

/**
 * A heading that is no entry of the contents (a heading in the background,
 * the rows of an annex): the heading style, but body text in Word's outline,
 * so a contents Word rebuilds has the view's entries only.
 */
export function minorHeading(level: number): Omit<IParagraphOptions, 'children' | 'text'> {
  return { style: STYLE.heading(level), outlineLevel: 9 };
}

/**
 * A paragraph: the words waiting for it (a container's anchor, a note's
 * number), its marker, then its runs inside the bookmarks of its anchors.
 */
export function paragraph(
  w: Writer,
  ids: readonly string[],
  marker: Marker | null,
  runs: ParagraphChild[],
  props: Omit<IParagraphOptions, 'children' | 'text'>,
): Paragraph {
  const pending = take(w);
  const children = [...pending.prefix, ...(marker ? [markerRun(marker)] : []), ...bookmarked(w, [...pending.ids, ...ids], runs)];
  const mark = w.state.revisions.current ? w.state.revisions.paragraphMark() : null;
  return new Paragraph({ ...props, ...(mark ? { run: { ...props.run, ...mark } } : {}), children });
}

/** Anchors and words for the next paragraph made. */
export function open(w: Writer, ids: readonly string[], marker: Marker | null, prefix: ParagraphChild[] = []): void {
  w.state.pending.ids.push(...ids);
  w.state.pending.prefix.push(...prefix, ...(marker ? [markerRun(marker)] : []));
}

/** An empty paragraph for anchors no paragraph took (an empty list or quote). */
export function flush(w: Writer, where: Where): BodyChild[] {
  const { ids, prefix } = w.state.pending;
  if (!ids.length && !prefix.length) return [];
  return [paragraph(w, [], null, [], { style: bodyStyle(where) })];
}

function take(w: Writer): { ids: string[]; prefix: ParagraphChild[] } {
  const pending = w.state.pending;
  w.state.pending = { ids: [], prefix: [] };
  return pending;
}

/** `runs` inside nested bookmarks named for `ids` (ids the file does not hold get none). */
export function bookmarked(w: Writer, ids: readonly string[], runs: ParagraphChild[]): ParagraphChild[] {
  let children = runs;
  for (const id of [...ids].reverse()) {
    const name = w.env.bookmarks.name(id);
    if (name) children = [new Bookmark({ id: name, children })];
  }
  return children;
}

/** The visible note on a block shown in source text because its translation is missing or stale. */
export function markerRun(marker: Marker): TextRun {
  return new TextRun({ text: `[${marker.label}] `, style: STYLE.translationNote });
}

/** A table in the one table style, `indent` twips from the margin. */
export function dataTable(rows: TableRow[], columnWidths: number[], indent = 0): Table {
  return new Table({
    style: STYLE.table,
    rows,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    indent: indent ? { size: indent, type: WidthType.DXA } : undefined,
  });
}

/** An empty paragraph after a table. */
export function spacer(where: Where = BODY): Paragraph {
  return new Paragraph({ style: bodyStyle(where), spacing: { after: 0 }, children: [] });
}

/** How inline content is set where a block sits. */
export function formatOf(where: Where, w: Writer): Format {
  const revision = w.state.revisions.base();
  return { lang: where.lang, inNote: where.note, widthPx: Math.floor(availableWidth(w, where) / TWIPS_PER_PX), ...(revision ? { revision } : {}) };
}

function runs(content: readonly ViewInline[], w: Writer, where: Where): ParagraphChild[] {
  return inlineRuns(content, w, formatOf(where, w));
}

/** Width of the text where a block sits, in twips. */
function availableWidth(w: Writer, where: Where): number {
  return w.env.page.textWidth - textIndent(where.level) - (where.quote ? 2 * LIST_INDENT : 0);
}

/**
 * The paragraph direction of source text shown in a pack of the other
 * direction (English left untranslated in an Arabic pack): its own, where
 * the document's default would set it the other way.
 */
export function direction(w: Writer, lang: string | null): Pick<IParagraphOptions, 'bidirectional'> {
  if (!lang) return {};
  const dir = directionOf(lang);
  return dir === w.env.view.dir ? {} : { bidirectional: dir === 'rtl' };
}

/** The paragraph style for body text where the block sits; undefined is Normal, which Word leaves unnamed. */
export function bodyStyle(where: Where): string | undefined {
  if (where.note) return STYLE.footnoteText;
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

/**
 * View blocks -> pdfmake content (run phase), one handler per block kind (in
 * the manner of mdast-util-to-hast's `handlers`): numbered paragraphs,
 * paragraphs, lists, headings, tables, code, quotes and rules. The view
 * decided labels, order and words; handlers only lay them out.
 *
 * Numbered paragraphs keep their source number in a hanging indent (a narrow
 * column), list items their label; every block carries its view id as a
 * pdfmake `id` (a destination), so contents, notes, annexes and internal
 * links can reach it.
 */
import type { Marker, ViewBlock, ViewBlockKind, ViewInline, ViewItem } from '../../view/types.js';
import { markerRuns } from './inline.js';
import type { PdfState } from './state.js';
import { HEADING_MARGINS, SIZES, headingStyle, tableLayout } from './theme.js';
import { isImagePiece, type Content, type Node, type Piece, type Run } from './types.js';

type BlockOf<K extends ViewBlockKind> = Extract<ViewBlock, { kind: K }>;

export type BlockHandler<K extends ViewBlockKind> = (state: PdfState, node: BlockOf<K>) => Content[];

export const blockHandlers: { [K in ViewBlockKind]: BlockHandler<K> } = {
  numbered: (state, node) => [marked(state, node.id, node.label, node.marker, node.content, node.children, SIZES.numberColumn, true)],

  paragraph: (state, node) => {
    const own = leaf(state, [...markerRuns(state, node.marker), ...state.inline(node.content)], { ...idOf(state.claim(node.id)), style: 'paragraph' });
    return node.children.length ? [{ stack: [own, ...state.all(node.children)] }] : [own];
  },

  list: (state, node) => {
    const out: Content[] = [];
    const anchor = anchorLeaf(state, node.id);
    if (anchor) out.push(anchor);
    if (node.marker) out.push(leaf(state, markerRuns(state, node.marker)));
    for (const item of node.items) out.push(listItem(state, item));
    return [{ stack: out }];
  },

  heading: (state, node) => {
    const style = headingStyle(node.level);
    const pieces = state.within({ role: 'heading' }, () => [...markerRuns(state, node.marker), ...state.inline(node.content)]);
    return [keepWithNext(leaf(state, pieces, { ...idOf(state.claim(node.id)), style }), HEADING_MARGINS[style])];
  },

  table: (state, node) => {
    const columns = Math.max(1, node.align.length, node.head.length, ...node.rows.map((r) => r.length));
    const id = state.claim(node.id);
    const cellWidth = state.width / columns - 2 * SIZES.cellPadding;
    let anchored = false;
    const cell = (content: ViewInline[] | undefined, index: number, header: boolean): Node => {
      const extra: Node = { style: header ? 'tableHeader' : 'tableCell', alignment: node.align[index] ?? 'left' };
      // The first cell holds the table's destination.
      if (id && !anchored) {
        anchored = true;
        extra.id = id;
      }
      return state.within({ width: cellWidth }, () => leaf(state, state.inline(content ?? []), extra));
    };
    const row = (cells: ViewInline[][], header: boolean) => Array.from({ length: columns }, (_, i) => cell(cells[i], i, header));
    const body: Content[][] = [];
    if (node.head.length) body.push(row(node.head, true));
    for (const r of node.rows) body.push(row(r, false));
    if (!body.length) body.push(row([], false));
    const table: Node = {
      table: { headerRows: node.head.length ? 1 : 0, widths: Array.from({ length: columns }, () => '*'), body },
      layout: tableLayout(state.look.colors),
      margin: [0, 2, 0, SIZES.paragraphGap + 2],
    };
    return node.marker ? [{ stack: [leaf(state, markerRuns(state, node.marker)), table] }] : [table];
  },

  code: (state, node) => {
    const id = state.claim(node.id);
    const runs = state.glyphs.split(node.value.replace(/\t/g, '    '));
    const code: Node = {
      table: { widths: ['*'], body: [[{ text: anchoredText(state, runs, id), ...idOf(id), style: 'code' }]] },
      layout: {
        hLineWidth: () => 0,
        vLineWidth: () => 0,
        fillColor: () => state.look.colors.code,
        paddingLeft: () => 6,
        paddingRight: () => 6,
        paddingTop: () => 4,
        paddingBottom: () => 4,
      },
      margin: [0, 2, 0, SIZES.paragraphGap + 2],
    };
    return node.marker ? [{ stack: [leaf(state, markerRuns(state, node.marker)), code] }] : [code];
  },

  quote: (state, node) => {
    const inner: Content[] = [];
    const anchor = anchorLeaf(state, node.id);
    if (anchor) inner.push(anchor);
    if (node.marker) inner.push(leaf(state, markerRuns(state, node.marker)));
    inner.push(...state.within({ width: state.width - SIZES.quoteIndent }, () => state.all(node.children)));
    if (!inner.length) inner.push({ text: '' });
    return [
      {
        table: { widths: ['*'], body: [[{ stack: inner, italics: true }]] },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: (i: number) => (i === 0 ? 2 : 0),
          vLineColor: () => state.look.colors.rule,
          paddingLeft: () => SIZES.quoteIndent - 2,
          paddingRight: () => 0,
          paddingTop: () => 2,
          paddingBottom: () => 0,
        },
        margin: [0, 0, 0, SIZES.paragraphGap],
      },
    ];
  },

  rule: (state, node) => {
    const line: Node = {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: state.width, y2: 0, lineWidth: 0.5, lineColor: state.look.colors.rule }],
      margin: [0, 6, 0, 10],
    };
    const anchor = anchorLeaf(state, node.id);
    return anchor ? [{ stack: [anchor, line] }] : [line];
  },
};

/** A list item: its label (decided by the view) in a hanging column, its content and blocks beside it. */
function listItem(state: PdfState, item: ViewItem): Content {
  const build = () => marked(state, item.id, item.label, item.marker, item.content, item.children, labelWidth(item.label), false);
  return state.hold(item.id, () => (item.lang ? state.within({ lang: item.lang }, build) : build()));
}

/** Room for a list label: a bullet, or "12." and longer labels. */
function labelWidth(label: string): number {
  return Math.max(SIZES.itemColumn, [...label].length * 5.5 + 8);
}

/** A numbered paragraph or list item: the label in a hanging indent (holding the destination), the body beside it. */
function marked(
  state: PdfState,
  viewId: string,
  label: string,
  marker: Marker | null,
  content: ViewInline[],
  children: ViewBlock[],
  width: number,
  numbered: boolean,
): Node {
  const id = state.claim(viewId);
  const { colors } = state.look;
  const labelLeaf: Node = { text: state.text(label, numbered ? { bold: true, color: colors.accent } : {}), ...idOf(id) };
  const body = state.within({ width: state.width - width }, () => {
    const out: Content[] = [];
    const pieces = [...markerRuns(state, marker), ...state.inline(content)];
    if (pieces.length || !children.length) out.push(leaf(state, pieces, { style: 'paragraph' }));
    out.push(...state.all(children));
    return out;
  });
  return {
    columns: [
      { width, stack: [labelLeaf] },
      { width: '*', stack: body },
    ],
    columnGap: 0,
  };
}

// --- leaves ------------------------------------------------------------------

export function idOf(id: string | undefined): { id?: string } {
  return id ? { id } : {};
}

/** Properties that belong on the line that holds a destination (pdfmake places destinations and outline entries on text lines). */
const LINE_KEYS = new Set(['id', 'outline', 'outlineText', 'outlineParentId', 'outlineExpanded']);

/**
 * A text node of `pieces`, with `extra` (id, style, margins…). Images among
 * the pieces stand on lines of their own: the node becomes a stack whose
 * first line holds the destination.
 */
export function leaf(state: PdfState, pieces: Piece[], extra: Node = {}): Node {
  if (!pieces.some(isImagePiece)) return { text: anchoredText(state, pieces as Run[], extra.id), ...extra };
  const line: Node = {};
  const container: Node = {};
  for (const [key, value] of Object.entries(extra)) (LINE_KEYS.has(key) ? line : container)[key] = value;
  const stack: Node[] = [];
  let runs: Run[] = [];
  const flush = () => {
    if (!runs.length) return;
    stack.push({ text: runs, ...(stack.length ? {} : line) });
    runs = [];
  };
  for (const piece of pieces) {
    if (!isImagePiece(piece)) {
      runs.push(piece);
      continue;
    }
    flush();
    // A destination must be on a line: one before an image that opens the block.
    if (!stack.length && line.id) stack.push({ text: state.glyphs.split('\u200b'), fontSize: 1, lineHeight: 1, ...line });
    stack.push({ ...piece.picture, margin: [0, 2, 0, 4] });
  }
  flush();
  return { stack, ...container };
}

/** Text of a leaf that holds an id: pdfmake places no destination on a leaf without a line, so an empty one gets a zero-width space. */
export function anchoredText(state: PdfState, runs: Run[], id: unknown): Run[] | string {
  if (runs.length) return runs;
  // The CJK faces have no zero-width space; the glyph splitter finds a face that has one.
  return id ? state.glyphs.split('\u200b') : '';
}

/** A tiny invisible leaf that only holds a destination id, for blocks without a text leaf of their own. */
export function anchorLeaf(state: PdfState, id: string): Node | null {
  const claimed = state.claim(id);
  return claimed ? { text: state.glyphs.split('\u200b'), id: claimed, fontSize: 1, lineHeight: 1 } : null;
}

/** Keep a heading on the page of the text that follows it: the heading plus a band of
 * `SIZES.keepWithNext` points below it must fit on the page together, then the band is
 * given back by a negative margin. Cheaper than pdfmake's pageBreakBefore callback, which
 * lays the whole document out again for every break it moves. */
export function keepWithNext(node: Node, margin: readonly number[], extra: Node = {}): Node {
  const [left, top, right, bottom] = margin;
  // pdfmake keeps only the first page of an unbreakable block: a heading that might not fit one page is left breakable.
  if (textLength(node.text ?? node.stack) > MAX_KEPT_HEADING_CHARS) return { ...node, margin: [left, top, right, bottom], ...extra };
  return {
    unbreakable: true,
    stack: [{ ...node, margin: [left, top, right, bottom + SIZES.keepWithNext] }],
    margin: [0, 0, 0, -SIZES.keepWithNext],
    ...extra,
  };
}

const MAX_KEPT_HEADING_CHARS = 1000;

function textLength(text: unknown): number {
  if (typeof text === 'string') return text.length;
  if (Array.isArray(text))
    return text.reduce(
      (n: number, t) => n + (typeof t === 'string' ? t.length : t && typeof t === 'object' ? textLength((t as Node).text ?? (t as Node).stack) || 5 : 0),
      0,
    );
  return 0;
}

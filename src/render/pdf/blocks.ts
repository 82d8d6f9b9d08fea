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
import { directionOf } from '../../view/format.js';
import type { Marker, ViewBlock, ViewBlockKind, ViewInline, ViewItem } from '../../view/types.js';
import { headingTag } from './headings.js';
import { markerRuns } from './inline.js';
import type { PdfState } from './state.js';
import { HEADING_MARGINS, SIZES, headingStyle, tableLayout } from './theme.js';
import { isImagePiece, type Content, type Node, type Piece, type Run } from './types.js';

type BlockOf<K extends ViewBlockKind> = Extract<ViewBlock, { kind: K }>;

export type BlockHandler<K extends ViewBlockKind> = (state: PdfState, node: BlockOf<K>) => Content[];

export const blockHandlers: { [K in ViewBlockKind]: BlockHandler<K> } = {
  numbered: (state, node) => numberedParagraph(state, node.id, node.label, node.marker, node.content, node.children),

  paragraph: (state, node) => {
    const own = leaf(state, [...markerRuns(state, node.marker), ...state.inline(node.content)], {
      ...idOf(state.claim(node.id)),
      style: 'paragraph',
      tag: 'P',
    });
    return node.children.length ? [{ stack: [own, ...state.all(node.children)] }] : [own];
  },

  // A list (L), its items (LI) with their label (Lbl) and body (LBody).
  list: (state, node) => {
    const out: Content[] = [];
    const anchor = anchorLeaf(state, node.id);
    if (anchor) out.push(anchor);
    if (node.marker) out.push(leaf(state, markerRuns(state, node.marker), { tag: 'P' }));
    out.push({ stack: node.items.map((item) => listItem(state, item)), tag: 'L' });
    return [{ stack: out }];
  },

  heading: (state, node) => {
    const style = headingStyle(node.level);
    const pieces = state.within({ role: 'heading' }, () => [...markerRuns(state, node.marker), ...state.inline(node.content)]);
    return [keepWithNext(leaf(state, pieces, { ...idOf(state.claim(node.id)), style, tag: headingTag(state, node.level) }), HEADING_MARGINS[style])];
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
    return node.marker ? [{ stack: [leaf(state, markerRuns(state, node.marker), { tag: 'P' }), table] }] : [table];
  },

  // A code block: its lines in the monospace face, one Code element in a Div (the shaded box is layout).
  code: (state, node) => {
    const id = state.claim(node.id);
    const runs = state.code(node.value.replace(/\t/g, '    '));
    const code: Node = {
      tag: 'Div',
      table: { widths: ['*'], body: [[{ text: anchoredText(state, runs, id), ...idOf(id), style: 'code', tag: 'Code' }]] },
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
    return node.marker ? [{ stack: [leaf(state, markerRuns(state, node.marker), { tag: 'P' }), code] }] : [code];
  },

  quote: (state, node) => {
    // The rule stands at the start of the lines: on the right of right-to-left text.
    const rtl = directionOf(state.nodeLang) === 'rtl';
    const inner: Content[] = [];
    const anchor = anchorLeaf(state, node.id);
    if (anchor) inner.push(anchor);
    if (node.marker) inner.push(leaf(state, markerRuns(state, node.marker), { tag: 'P' }));
    inner.push(...state.within({ width: state.width - SIZES.quoteIndent }, () => state.all(node.children)));
    if (!inner.length) inner.push({ text: '' });
    return [
      {
        // The rule beside the quotation is layout: a BlockQuote, not a table.
        tag: 'BlockQuote',
        table: { widths: ['*'], body: [[{ stack: inner, italics: true }]] },
        layout: {
          hLineWidth: () => 0,
          vLineWidth: (i: number) => (i === (rtl ? 1 : 0) ? 2 : 0),
          vLineColor: () => state.look.colors.rule,
          paddingLeft: () => (rtl ? 0 : SIZES.quoteIndent - 2),
          paddingRight: () => (rtl ? SIZES.quoteIndent - 2 : 0),
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

/** A list item (LI): its label (Lbl, decided by the view) in a hanging column, its content and blocks (LBody) beside it. */
function listItem(state: PdfState, item: ViewItem): Content {
  const build = (): Content[] => {
    const width = labelWidth(item.label);
    const id = state.claim(item.id);
    const labelLeaf: Node = { text: state.text(item.label), ...idOf(id), tag: 'Lbl' };
    const body = state.within({ width: state.width - width, hyphens: true }, () => {
      const out: Content[] = [];
      const pieces = [...markerRuns(state, item.marker), ...state.inline(item.content)];
      if (pieces.length || !item.children.length) out.push(leaf(state, pieces, { style: 'paragraph', tag: 'P' }));
      out.push(...state.all(item.children));
      return out;
    });
    return [
      {
        columns: [
          { width, stack: [labelLeaf] },
          { width: '*', stack: body, tag: 'LBody' },
        ],
        columnGap: 0,
        tag: 'LI',
      },
    ];
  };
  return state.hold(item.id, () => state.inLanguage(item.lang, build))[0];
}

/** Room for a list label: a bullet, or "12." and longer labels. */
function labelWidth(label: string): number {
  return Math.max(SIZES.itemColumn, [...label].length * 5.5 + 8);
}

/**
 * A numbered paragraph: one P of its number (in a hanging indent, holding the
 * destination) and its words; the blocks under it (sub-lists, more
 * paragraphs) follow it, indented as far as its words.
 */
function numberedParagraph(state: PdfState, viewId: string, label: string, marker: Marker | null, content: ViewInline[], children: ViewBlock[]): Content[] {
  const width = SIZES.numberColumn;
  const id = state.claim(viewId);
  const { colors } = state.look;
  // The space after the number reads "12. We…" in the text of the paragraph; it takes no room.
  const labelLeaf: Node = { text: state.text(`${label} `, { bold: true, color: colors.accent }), ...idOf(id) };
  return state.within({ width: state.width - width }, () => {
    const pieces = [...markerRuns(state, marker), ...state.inline(content)];
    const out: Content[] = [];
    if (pieces.length || !children.length) {
      out.push({
        columns: [
          { width, stack: [labelLeaf] },
          { width: '*', stack: [leaf(state, pieces, { style: 'paragraph' })] },
        ],
        columnGap: 0,
        tag: 'P',
      });
    } else out.push({ ...labelLeaf, tag: 'P' });
    if (children.length) out.push({ stack: state.all(children), margin: [width, 0, 0, 0] });
    return out;
  });
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
    if (!stack.length && line.id) stack.push({ text: state.glyphs.split('\u200b'), fontSize: 1, lineHeight: 1, ...line, tag: 'Artifact' });
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
  // Nothing to read: an artifact (the destination is on its line all the same).
  return claimed ? { text: state.glyphs.split('\u200b'), id: claimed, fontSize: 1, lineHeight: 1, tag: 'Artifact' } : null;
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

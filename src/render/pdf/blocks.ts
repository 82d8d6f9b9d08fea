/**
 * Model paragraphs -> pdfmake content (run phase). One recursive function for
 * numbered paragraphs, sub-items, plain paragraphs, lists, tables, quotes,
 * code and raw HTML blocks, as the model uses one shape for all of them.
 *
 * Numbered paragraphs keep their source number in a hanging indent (a narrow
 * column), and every block carries its model id as a pdfmake `id`, so
 * contents, notes and annexes can link to it.
 */
import type { Paragraph } from '../../model/schema.js';
import { claimAnchor, type PdfEnv } from './env.js';
import { inlineRuns } from './inline.js';
import { BULLETS, COLORS, HEADING_MARGINS, SIZES, TEXT_WIDTH, UNTRANSLATED_MARK } from './theme.js';
import type { Content, Node, Run, TableNode } from './types.js';

/** Keep a heading on the page of the text that follows it: the heading plus a band of
 * `SIZES.keepWithNext` points below it must fit on the page together, then the band is
 * given back by a negative margin. Cheaper than pdfmake's pageBreakBefore callback, which
 * lays the whole document out again for every break it moves. */
export function keepWithNext(node: Node, margin: readonly number[], extra: Node = {}): Node {
  const [left, top, right, bottom] = margin;
  // pdfmake keeps only the first page of an unbreakable block: a heading that might not fit one page is left breakable.
  if (textLength(node.text) > MAX_KEPT_HEADING_CHARS) return { ...node, margin: [left, top, right, bottom], ...extra };
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
  if (Array.isArray(text)) return text.reduce((n: number, t) => n + textLength(typeof t === 'object' && t ? (t as Node).text : t), 0);
  return 0;
}

/** A tiny invisible leaf that only holds a destination id, for blocks without a text leaf of their own. */
export function anchorLeaf(env: PdfEnv, id: string): Node | null {
  const claimed = claimAnchor(env, id);
  return claimed ? { text: env.glyphs.split('\u200b'), id: claimed, fontSize: 1, lineHeight: 1 } : null;
}

/** The marker of a block shown in source text in a translated pack (a dagger, explained in a legend). */
export function untranslatedRuns(env: PdfEnv, state: Paragraph['untranslated']): Run[] {
  if (!state) return [];
  env.marks.add(state);
  return [{ text: UNTRANSLATED_MARK[state], sup: true, bold: true, color: COLORS.marking }];
}

/** Text of a leaf that holds an id: pdfmake places no destination on a leaf without a line, so an empty one gets a zero-width space. */
export function anchoredText(env: PdfEnv, runs: Run[], id: unknown): Run[] | string {
  if (runs.length) return runs;
  // The CJK faces have no zero-width space; the glyph splitter finds a face that has one.
  return id ? env.glyphs.split('\u200b') : '';
}

function leaf(env: PdfEnv, runs: Run[], extra: Node = {}): Node {
  return { text: anchoredText(env, runs, extra.id), ...extra };
}

/** Content of one block at nesting `depth` (0 for paragraphs of the text, background and notes). */
export function blockContent(p: Paragraph, env: PdfEnv, depth = 0): Content[] {
  switch (p.kind) {
    case 'numbered':
    case 'bullet':
      return [markedBlock(p, env, depth)];
    case 'list':
      return listBlock(p, env, depth);
    case 'heading':
      return [headingBlock(p, env)];
    case 'table':
      return tableBlock(p, env, depth);
    case 'code':
      return codeBlock(p, env);
    case 'quote':
      return quoteBlock(p, env, depth);
    case 'html':
      return [withChildren(p, env, depth, leaf(env, [...untranslatedRuns(env, p.untranslated), ...inlineRuns([{ type: 'html', value: p.value ?? '', flagged: true }], env)], { id: claimAnchor(env, p.id), style: 'paragraph' }))];
    case 'rule':
      return [stackOf([anchorLeaf(env, p.id), ruleLine()])];
    case 'plain':
    default:
      return [withChildren(p, env, depth, leaf(env, [...untranslatedRuns(env, p.untranslated), ...inlineRuns(p.content, env)], { id: claimAnchor(env, p.id), style: 'paragraph' }))];
  }
}

function stackOf(items: Array<Content | null>, extra: Node = {}): Node {
  return { stack: items.filter((x): x is Content => x !== null), ...extra };
}

/** A block's own leaf followed by its sub-items and continuation blocks. */
function withChildren(p: Paragraph, env: PdfEnv, depth: number, own: Node): Content {
  if (!p.items.length && !p.blocks.length) return own;
  return stackOf([own, ...childContent(p, env, depth)]);
}

/** Sub-items and continuation blocks in source order (the model keeps them in two lists). */
export function childrenInOrder(p: Paragraph): Paragraph[] {
  if (!p.items.length || !p.blocks.length) return p.items.length ? p.items : p.blocks;
  return [...p.items, ...p.blocks].sort((a, b) => a.position.start.offset - b.position.start.offset);
}

function childContent(p: Paragraph, env: PdfEnv, depth: number): Content[] {
  const out: Content[] = [];
  for (const child of childrenInOrder(p)) out.push(...blockContent(child, env, depth + 1));
  return out;
}

/** Marker of a numbered paragraph or list item: its source number, else a bullet. */
function markerText(p: Paragraph, depth: number): string {
  if (p.number != null) return `${p.number}.`;
  return BULLETS[Math.max(0, depth - 1) % BULLETS.length];
}

/** A numbered paragraph or list item: the marker in a hanging indent, the body beside it. */
function markedBlock(p: Paragraph, env: PdfEnv, depth: number): Node {
  const top = depth === 0;
  const marker = leaf(env, [...env.glyphs.split(markerText(p, depth), top ? { bold: true, color: COLORS.accent } : {}), ...untranslatedRuns(env, p.untranslated)], {
    id: claimAnchor(env, p.id),
  });
  const own = leaf(env, inlineRuns(p.content, env), { style: 'paragraph' });
  const body = p.items.length || p.blocks.length ? stackOf([own, ...childContent(p, env, depth)]) : own;
  return {
    columns: [{ width: top ? SIZES.numberColumn : SIZES.itemColumn, stack: [marker] }, { width: '*', stack: [body] }],
    columnGap: 0,
  };
}

function listBlock(p: Paragraph, env: PdfEnv, depth: number): Content[] {
  const out: Content[] = [];
  const anchor = anchorLeaf(env, p.id);
  if (anchor) out.push(anchor);
  out.push(...childContent(p, env, depth));
  return [stackOf(out)];
}

function headingBlock(p: Paragraph, env: PdfEnv): Node {
  const depth = p.depth ?? 3;
  const style = depth <= 2 ? 'h2' : depth === 3 ? 'h3' : 'h4';
  return keepWithNext(leaf(env, [...inlineRuns(p.content, env), ...untranslatedRuns(env, p.untranslated)], { id: claimAnchor(env, p.id), style }), HEADING_MARGINS[style]);
}

function ruleLine(): Node {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: COLORS.rule }], margin: [0, 6, 0, 10] };
}

/** Thin horizontal rules, a filled header row, no vertical rules. */
export const TABLE_LAYOUT = {
  hLineWidth: (i: number, node: { table: { body: unknown[]; headerRows?: number } }) => (i === 0 || i === node.table.body.length ? 0.8 : i === (node.table.headerRows ?? 0) ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (i: number, node: { table: { body: unknown[]; headerRows?: number } }) => (i === 0 || i === node.table.body.length || i === (node.table.headerRows ?? 0) ? COLORS.accent : COLORS.rule),
  fillColor: (row: number, node: { table: { headerRows?: number } }) => (row < (node.table.headerRows ?? 0) ? COLORS.fill : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** A Markdown table; its header row repeats on every page the table spans. */
function tableBlock(p: Paragraph, env: PdfEnv, depth: number): Content[] {
  const table = p.table ?? { align: [], header: [], rows: [] };
  const columns = table.rows.reduce((n, r) => Math.max(n, r.length), Math.max(1, table.header.length));
  const cell = (content: Paragraph['content'] | undefined, index: number, header: boolean, id?: string): Node => ({
    text: anchoredText(env, inlineRuns(content ?? [], env), id),
    style: header ? 'tableHeader' : 'tableCell',
    alignment: table.align[index] ?? 'left',
    ...(id ? { id } : {}),
  });
  const body: Content[][] = [];
  const anchor = claimAnchor(env, p.id);
  const hasHeader = table.header.length > 0;
  if (hasHeader) body.push(Array.from({ length: columns }, (_, i) => cell(table.header[i], i, true, i === 0 ? anchor : undefined)));
  for (const row of table.rows) body.push(Array.from({ length: columns }, (_, i) => cell(row[i], i, false, !hasHeader && body.length === 0 && i === 0 ? anchor : undefined)));
  if (!body.length) body.push(Array.from({ length: columns }, (_, i) => cell([], i, false, i === 0 ? anchor : undefined)));
  const node: TableNode = {
    table: { headerRows: hasHeader ? 1 : 0, widths: Array.from({ length: columns }, () => '*'), body },
    layout: TABLE_LAYOUT,
    margin: [0, 2, 0, SIZES.paragraphGap + 2],
  };
  const marks = untranslatedRuns(env, p.untranslated);
  return [stackOf([marks.length ? leaf(env, marks) : null, node, ...childContent(p, env, depth)])];
}

function codeBlock(p: Paragraph, env: PdfEnv): Content[] {
  const text = (p.value ?? '').replace(/\t/g, '    ');
  return [
    {
      table: { widths: ['*'], body: [[leaf(env, [...untranslatedRuns(env, p.untranslated), ...env.glyphs.split(text)], { id: claimAnchor(env, p.id), style: 'code' })]] },
      layout: { hLineWidth: () => 0, vLineWidth: () => 0, fillColor: () => COLORS.code, paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 4 },
      margin: [0, 2, 0, SIZES.paragraphGap + 2],
    },
  ];
}

function quoteBlock(p: Paragraph, env: PdfEnv, depth: number): Content[] {
  const inner: Content[] = [];
  const anchor = anchorLeaf(env, p.id);
  if (anchor) inner.push(anchor);
  const marks = untranslatedRuns(env, p.untranslated);
  if (marks.length) inner.push(leaf(env, marks));
  inner.push(...childContent(p, env, depth));
  if (!inner.length) inner.push({ text: '' });
  return [
    {
      table: { widths: ['*'], body: [[{ stack: inner, italics: true }]] },
      layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => COLORS.rule, paddingLeft: () => 10, paddingRight: () => 0, paddingTop: () => 2, paddingBottom: () => 0 },
      margin: [0, 0, 0, SIZES.paragraphGap],
    },
  ];
}

/**
 * Compare packs in the PDF (run phase): the view's changes as print shows
 * them. Inserted words are blue and underlined, deleted words red and struck
 * through (never colour alone); a changed block has a change bar in the left
 * margin (blue: added, red: removed, green: moved, grey: reworded) and a
 * line saying what happened to it ("Moved from ¶ 5"); the changes part is
 * the summary: the two texts, the legend, then its tables. Everything shown
 * is the view's: these handlers only set it.
 */
import type { BlockChange, ChangeCell, ChangesPart, ChangeTable, ViewBlock, ViewInline } from '../../view/types.js';
import { heading, headingText } from './headings.js';
import type { PdfState } from './state.js';
import { SIZES, tableLayout } from './theme.js';
import type { Content, Node, Piece, Run, RunStyle } from './types.js';

const CHANGE_COLORS = {
  ins: '#1f5fad',
  del: '#b3261e',
  moved: '#2e7d32',
  changed: '#8a939c',
} as const;

/** Width of the change bar, and its distance from the text. */
const BAR = { width: 2.5, gap: 9 } as const;

type Mark = Extract<ViewInline, { type: 'ins' | 'del' }>;

/** Inserted words: coloured and underlined. */
export function insPieces(state: PdfState, node: Mark, style: RunStyle): Piece[] {
  return state.inline(node.children, decorated(style, 'underline', CHANGE_COLORS.ins));
}

/** Deleted words: coloured and struck through. */
export function delPieces(state: PdfState, node: Mark, style: RunStyle): Piece[] {
  return state.inline(node.children, decorated(style, 'lineThrough', CHANGE_COLORS.del));
}

function decorated(style: RunStyle, decoration: 'underline' | 'lineThrough', color: string): RunStyle {
  // pdfmake draws the line in `decorationColor` (the words' colour when unset).
  return { ...style, decoration, color, decorationColor: color } as RunStyle;
}

function barColor(change: BlockChange): string {
  switch (change.status) {
    case 'added':
      return CHANGE_COLORS.ins;
    case 'removed':
    case 'moved-away':
      return CHANGE_COLORS.del;
    case 'moved':
      return CHANGE_COLORS.moved;
    default:
      return CHANGE_COLORS.changed;
  }
}

/**
 * A changed block: its line of status words, then its content, with a
 * change bar in the margin beside both (a one-cell table whose left rule
 * stands outside the text column).
 */
export function withChangeBar(state: PdfState, block: ViewBlock, content: Content[]): Content[] {
  const change = block.change;
  if (!change) return content;
  const color = barColor(change);
  const note: Node = { text: state.text(change.label, { fontSize: SIZES.small, italics: true, color }), margin: [0, 0, 0, 2] };
  return [
    {
      table: { widths: ['*'], body: [[{ stack: [note, ...content] }]] },
      layout: {
        hLineWidth: () => 0,
        vLineWidth: (i: number) => (i === 0 ? BAR.width : 0),
        vLineColor: () => color,
        paddingLeft: () => BAR.gap,
        paddingRight: () => 0,
        paddingTop: () => 0,
        paddingBottom: () => 0,
      },
      margin: [-(BAR.gap + BAR.width), 0, 0, 0],
    },
  ];
}

// --- the changes part ---------------------------------------------------------

export function changesPart(state: PdfState, part: ChangesPart, newPage: boolean): Content[] {
  const out: Content[] = [heading(state, headingText(state, part.heading), { id: part.id, style: 'h1', pageBreak: newPage })];
  for (const line of part.compared) out.push({ text: [...state.text(`${line.label}: `, { bold: true }), ...state.text(line.value)], margin: [0, 0, 0, 3] });
  const legend: Run[] = [];
  part.legend.forEach((item, i) => {
    if (i) legend.push(...state.text('    '));
    legend.push(...legendSample(state, item), ...state.text(` ${item.label}`));
  });
  out.push({ text: legend, style: 'legend', margin: [0, 8, 0, 8] });
  for (const table of part.tables) out.push(...changeTable(state, table));
  return out;
}

function legendSample(state: PdfState, item: ChangesPart['legend'][number]): Run[] {
  switch (item.mark) {
    case 'ins':
      return state.text(item.sample, decorated({}, 'underline', CHANGE_COLORS.ins));
    case 'del':
      return state.text(item.sample, decorated({}, 'lineThrough', CHANGE_COLORS.del));
    case 'moved':
      return state.text(item.sample, { color: CHANGE_COLORS.moved, bold: true });
    case 'bar':
      return state.text(item.sample, { color: CHANGE_COLORS.changed, bold: true });
  }
}

const TONES: Record<NonNullable<ChangeCell['tone']>, RunStyle> = {
  ins: { color: CHANGE_COLORS.ins },
  del: { color: CHANGE_COLORS.del, decoration: 'lineThrough' },
  up: { color: CHANGE_COLORS.moved, bold: true },
  down: { color: CHANGE_COLORS.del, bold: true },
};

function changeTable(state: PdfState, table: ChangeTable): Content[] {
  const title = heading(state, headingText(state, table.heading), { id: table.id, style: 'h3' });
  if (!table.rows.length) return [title, { text: state.text(table.empty), style: 'intro' }];
  const align = (i: number) => (table.numeric[i] ? { alignment: 'right' } : {});
  const cell = (c: ChangeCell): Run[] => {
    const style = c.tone ? TONES[c.tone] : {};
    const ref = c.ref ? state.refRuns(c.ref) : [];
    return [...ref, ...(ref.length && c.text ? state.text(' ') : []), ...(c.text ? state.text(c.text, style) : [])];
  };
  const widths = table.head.map((_, i) => (table.numeric[i] || (i === 0 && table.head.length > 2) ? 'auto' : '*'));
  return [
    title,
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths,
        body: [
          table.head.map((h, i) => ({ text: state.text(h), style: 'tableHeader', ...align(i) })),
          ...table.rows.map((r) => r.map((c, i) => ({ text: cell(c), style: 'tableCell', ...align(i) }))),
        ],
      },
      layout: tableLayout(state.look.colors),
      margin: [0, 0, 0, 12],
    },
  ];
}

/**
 * Run phase (docx): compare packs as Word's own tracked changes, so that
 * Review › Accept and Reject work.
 *
 * - Words the view marks `ins` / `del` are `w:ins` / `w:del` runs, by the
 *   author "briefpack" and dated with the view's date (SOURCE_DATE_EPOCH or
 *   the new source's date).
 * - A block the view marks `added` or `removed` also has its paragraph mark
 *   inserted or deleted, so accepting or rejecting leaves no empty paragraph.
 * - A `moved` block and the `moved-away` block at its old place become Word's
 *   move markup (`w:moveTo` / `w:moveFrom` inside named move ranges): they are
 *   written as an insertion and a deletion, then renamed in document.xml
 *   (the docx library has no move runs). Word cannot show an edit inside
 *   moved text, so a moved block is its new words, and the old words are at
 *   the old place.
 * - The changes part (the summary) is tables, like the annexes.
 */
import { AlignmentType, InternalHyperlink, Paragraph, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import type { BlockChange, ChangeCell, ChangesPart, ChangeTable } from '../../view/types.js';
import { dataTable, minorHeading, outlineHeading, paragraph, spacer, type BodyChild } from './blocks.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

/** The attributes of one Word revision. */
export interface RevisionAttributes {
  id: number;
  author: string;
  date: string;
}

/** How the runs of inline content are tracked: inserted or deleted, and whether the insertion or deletion is one side of a move. */
export interface RunRevision {
  kind: 'ins' | 'del';
  /** Set inside a moved block and at its old place. */
  move: string | null;
  /** A new revision id (one per run) with the author and date. */
  attrs(): RevisionAttributes;
}

const AUTHOR = 'briefpack';

/**
 * Revision ids start here: Word wants them unique among the document's
 * annotations, and docx numbers bookmarks from 1.
 */
const FIRST_ID = 100_000;

/** The tracked changes of one Word file: ids, author, date, and the revisions that are moves. */
export class Revisions {
  readonly date: string;
  private id = FIRST_ID;
  /** Revision ids to write as move markup: the move's name and its side. */
  readonly moves = new Map<number, { name: string; side: 'from' | 'to' }>();
  /** The change of the block being written (the outermost changed block). */
  current: BlockChange | null = null;

  constructor(epoch: number) {
    this.date = new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  next(move: { name: string; side: 'from' | 'to' } | null = null): RevisionAttributes {
    const id = this.id++;
    if (move) this.moves.set(id, move);
    return { id, author: AUTHOR, date: this.date };
  }

  /** The revision of runs marked `kind` here. */
  run(kind: 'ins' | 'del'): RunRevision {
    const move = this.moveSide(kind);
    return { kind, move: move?.name ?? null, attrs: () => this.next(move) };
  }

  /**
   * The revision every run of the current block has, marked or not: an
   * insertion in a moved block (its words are the move's new place); none
   * elsewhere (only the words the view marks are tracked).
   */
  base(): RunRevision | undefined {
    return this.current?.status === 'moved' ? this.run('ins') : undefined;
  }

  /** The revision of the paragraph marks of the current block. */
  paragraphMark(): { insertion: RevisionAttributes } | { deletion: RevisionAttributes } | null {
    const status = this.current?.status;
    if (status === 'added' || status === 'moved') return { insertion: this.next(this.moveSide('ins')) };
    if (status === 'removed' || status === 'moved-away') return { deletion: this.next(this.moveSide('del')) };
    return null;
  }

  /** Write `build` as the block change `change` (a block inside a changed block keeps the outer change). */
  within<T>(change: BlockChange | undefined, build: () => T): T {
    if (!change || this.current) return build();
    this.current = change;
    try {
      return build();
    } finally {
      this.current = null;
    }
  }

  private moveSide(kind: 'ins' | 'del'): { name: string; side: 'from' | 'to' } | null {
    const c = this.current;
    if (!c?.move) return null;
    if (c.status === 'moved' && kind === 'ins') return { name: c.move, side: 'to' };
    if (c.status === 'moved-away' && kind === 'del') return { name: c.move, side: 'from' };
    return null;
  }
}

/**
 * Turn the insertions and deletions that are moves into Word's move markup:
 * `w:ins` -> `w:moveTo`, `w:del` -> `w:moveFrom` (runs and paragraph marks),
 * and a named range (`w:moveFromRangeStart` … `w:moveFromRangeEnd`) from the
 * first paragraph of each side of a move to its last.
 */
export function moveMarkup(xml: string, revisions: Revisions): string {
  if (!revisions.moves.size) return xml;
  const { moves } = revisions;
  let rangeId = 1;
  const ranges = new Map<string, { id: number; first: number; last: number }>();
  const paragraphs: string[] = [];
  // Paragraphs never nest in document.xml: each match is one whole paragraph.
  const out = xml.replace(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g, (p) => {
    const index = paragraphs.length;
    let touched = false;
    const renamed = p
      .replace(/<w:(ins|del) w:id="(\d+)"([^>]*?)(\/?)>/g, (m, tag: string, id: string, rest: string, close: string) => {
        const move = moves.get(Number(id));
        if (!move) return m;
        touched = true;
        const key = `${move.side}\u0000${move.name}`;
        const range = ranges.get(key);
        if (range) range.last = index;
        else ranges.set(key, { id: rangeId++, first: index, last: index });
        return `<w:${move.side === 'from' ? 'moveFrom' : 'moveTo'} w:id="${id}"${rest}${close}>`;
      })
      // The closing tag of a renamed run wrapper: the last w:ins/w:del opened before it.
      .replace(
        /<w:(moveFrom|moveTo) (w:id="\d+"[^>]*[^/])>([\s\S]*?)<\/w:(ins|del)>/g,
        (_m, tag: string, attrs: string, inner: string) => `<w:${tag} ${attrs}>${inner}</w:${tag}>`,
      );
    paragraphs.push(touched ? renamed : p);
    return `\u0000${index}\u0000`;
  });
  for (const [key, range] of ranges) {
    const [side, name] = key.split('\u0000');
    const tag = side === 'from' ? 'moveFrom' : 'moveTo';
    const start = `<w:${tag}RangeStart w:id="${FIRST_ID - range.id}" w:name="${name}" w:author="${AUTHOR}" w:date="${revisions.date}"/>`;
    const end = `<w:${tag}RangeEnd w:id="${FIRST_ID - range.id}"/>`;
    paragraphs[range.first] = afterProperties(paragraphs[range.first], start);
    paragraphs[range.last] = paragraphs[range.last].replace(/<\/w:p>$/, `${end}</w:p>`);
  }
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => paragraphs[Number(i)]);
}

/** Insert `markup` at the start of a paragraph's content (after its properties). */
function afterProperties(p: string, markup: string): string {
  const end = p.indexOf('</w:pPr>');
  if (end >= 0) return p.slice(0, end + 8) + markup + p.slice(end + 8);
  return p.replace(/^<w:p\b[^>]*?(\/?)>/, (open) => open + markup);
}

// --- the changes part ---------------------------------------------------------

/** The summary of a compare pack: the two texts, the legend, then a table per kind of change. */
export function changesPart(part: ChangesPart, w: Writer, pageBreak: boolean): BodyChild[] {
  const out: BodyChild[] = [paragraph(w, [part.id], null, [new TextRun(part.heading)], outlineHeading(1, { pageBreakBefore: pageBreak }))];
  for (const line of part.compared) out.push(new Paragraph({ children: [new TextRun({ text: `${line.label}: `, bold: true }), new TextRun(line.value)] }));
  out.push(
    new Paragraph({
      style: STYLE.caption,
      children: part.legend.flatMap((item, i) => [...(i ? [new TextRun('   ')] : []), ...legendSample(item), new TextRun(` ${item.label}`)]),
    }),
  );
  for (const table of part.tables) out.push(...changeTable(table, w));
  return out;
}

function legendSample(item: ChangesPart['legend'][number]): ParagraphChild[] {
  // The legend explains the marks: its samples are set like them, but are no revision of the text.
  switch (item.mark) {
    case 'ins':
      return [new TextRun({ text: item.sample, underline: {}, color: INS_COLOR })];
    case 'del':
      return [new TextRun({ text: item.sample, strike: true, color: DEL_COLOR })];
    case 'moved':
      return [new TextRun({ text: item.sample, doubleStrike: true, color: MOVE_COLOR })];
    case 'bar':
      return [new TextRun({ text: item.sample, bold: true })];
  }
}

const INS_COLOR = '1F5FAD';
const DEL_COLOR = 'B3261E';
const MOVE_COLOR = '2E7D32';
const TONE_COLOR: Record<NonNullable<ChangeCell['tone']>, string> = { ins: INS_COLOR, del: DEL_COLOR, up: MOVE_COLOR, down: DEL_COLOR };

function changeTable(table: ChangeTable, w: Writer): BodyChild[] {
  const heading = paragraph(w, [table.id], null, [new TextRun(table.heading)], minorHeading(2));
  if (!table.rows.length) return [heading, new Paragraph({ children: [new TextRun({ text: table.empty, italics: true })] })];
  const widths = columnWidths(w, table);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.head.map((t, i) => cellOf([new TextRun(t)], widths[i], STYLE.tableHeading, table.numeric[i])),
  });
  const rows = table.rows.map((r) => new TableRow({ children: r.map((c, i) => cellOf(cellRuns(c, w), widths[i], STYLE.tableContents, table.numeric[i])) }));
  return [heading, dataTable([headerRow, ...rows], widths), spacer()];
}

function cellRuns(cell: ChangeCell, w: Writer): ParagraphChild[] {
  const color = cell.tone ? TONE_COLOR[cell.tone] : undefined;
  const run = (text: string, style?: string) =>
    new TextRun({ text, color, style, strike: cell.tone === 'del' || undefined, bold: cell.tone === 'up' || cell.tone === 'down' || undefined });
  if (!cell.ref) return [run(cell.text)];
  const anchor = w.env.bookmarks.name(cell.ref.target);
  const label = anchor
    ? new InternalHyperlink({ anchor, children: [new TextRun({ text: cell.ref.label, style: STYLE.hyperlink })] })
    : new TextRun(cell.ref.label);
  return cell.text ? [label, run(` ${cell.text}`)] : [label];
}

/** Narrow columns for numbers and references, the rest shared by the words. */
function columnWidths(w: Writer, table: ChangeTable): number[] {
  const total = w.env.page.textWidth;
  const shares = table.head.map((_, i) => (table.numeric[i] ? 1 : table.head.length > 2 && i === table.head.length - 1 ? 4 : 2));
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((total * s) / sum));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function cellOf(children: ParagraphChild[], width: number, style: string, numeric: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ style, alignment: numeric ? AlignmentType.RIGHT : undefined, children })],
  });
}

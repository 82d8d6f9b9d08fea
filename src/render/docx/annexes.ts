/**
 * Run phase (docx): the annexes, exactly as the view decided their rows —
 * commitments (the summary by strength and by actor, the strongest, every
 * row grouped by the section it comes from, the note on rows left out), the
 * glossary with each acronym's origin, the instruments cited — in tables
 * whose references link to the bookmark of the place they cite.
 */
import { InternalHyperlink, Paragraph, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import type { Annex, CommitmentRow, CommitmentsAnnex, GlossaryAnnex, InstrumentsAnnex, Ref } from '../../view/types.js';
import { bookmarked, dataTable, minorHeading, outlineHeading, paragraph, spacer, type BodyChild } from './blocks.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

type AnnexHandler<K extends Annex['kind']> = (annex: Extract<Annex, { kind: K }>, w: Writer) => BodyChild[];

export const annexHandlers: { [K in Annex['kind']]: AnnexHandler<K> } = {
  commitments: (a, w) => commitments(a, w),
  glossary: (a, w) => glossary(a, w),
  instruments: (a, w) => instruments(a, w),
};

export function renderAnnex(annex: Annex, w: Writer): BodyChild[] {
  return (annexHandlers[annex.kind] as AnnexHandler<typeof annex.kind>)(annex as never, w);
}

function annexHeading(w: Writer, annex: Annex): Paragraph {
  return paragraph(w, [annex.id], null, [new TextRun(annex.heading)], outlineHeading(2));
}

/** An annex a piece at a time: the commitments a table at a time, the others whole (see parts.ts, `partPieces`). */
export function* annexPieces(annex: Annex, w: Writer): Generator<BodyChild[]> {
  if (annex.kind === 'commitments') yield* commitmentPieces(annex, w);
  else yield renderAnnex(annex, w);
}

function commitments(a: CommitmentsAnnex, w: Writer): BodyChild[] {
  const out: BodyChild[] = [];
  for (const piece of commitmentPieces(a, w)) out.push(...piece);
  return out;
}

function* commitmentPieces(a: CommitmentsAnnex, w: Writer): Generator<BodyChild[]> {
  const { labels } = w.env;
  const out: BodyChild[] = [annexHeading(w, a), new Paragraph({ style: STYLE.caption, children: [new TextRun(a.intro)] })];
  if (!a.summary.total) {
    yield [...out, none(w)];
    return;
  }
  const { summary } = a;
  // The two summary tables are narrow: a label and a count.
  const counts = columns(w, [0.7, 0.3], 0.5);
  out.push(
    heading(w, summary.heading),
    dataTable(
      [
        headerRow([labels.strength, labels.count], counts),
        ...summary.byStrength.map((s) => row([text(s.label), text(String(s.count))], counts)),
        row([text(labels.total, { bold: true }), text(String(summary.total), { bold: true })], counts),
      ],
      counts,
    ),
    spacer(),
    dataTable([headerRow([labels.actor, labels.count], counts), ...summary.byActor.map((s) => row([text(s.actor), text(String(s.count))], counts))], counts),
    spacer(),
  );
  if (a.strongest) out.push(heading(w, a.strongest.heading), rowsTable(a.strongest.rows, w), spacer());
  yield out;
  for (const group of a.groups) yield [heading(w, group.heading, group.id), rowsTable(group.rows, w), spacer()];
  if (a.omitted) yield [new Paragraph({ style: STYLE.caption, children: [new TextRun(a.omitted)] })];
}

function rowsTable(rows: readonly CommitmentRow[], w: Writer): BodyChild {
  const { labels } = w.env;
  const widths = columns(w, [0.11, 0.17, 0.15, 0.13, 0.44]);
  return dataTable(
    [
      headerRow([labels.paragraph, labels.actor, labels.verb, labels.strength, labels.clause], widths),
      ...rows.map((r) => row([refs([r.ref], w), text(r.actor), text(r.verb), text(r.strengthLabel), text(r.text)], widths)),
    ],
    widths,
  );
}

function glossary(a: GlossaryAnnex, w: Writer): BodyChild[] {
  const { labels } = w.env;
  const out: BodyChild[] = [annexHeading(w, a)];
  if (!a.rows.length) return [...out, none(w)];
  const widths = columns(w, [0.15, 0.45, 0.2, 0.2]);
  out.push(
    dataTable(
      [
        headerRow([labels.acronym, labels.expansion, labels.origin, labels.firstUse], widths),
        ...a.rows.map((r) =>
          row([bookmarked(w, [r.id], text(r.acronym)), r.expansion ? text(r.expansion) : [], text(r.origin), refs([r.firstUse], w)], widths),
        ),
      ],
      widths,
    ),
  );
  return out;
}

function instruments(a: InstrumentsAnnex, w: Writer): BodyChild[] {
  const { labels } = w.env;
  const out: BodyChild[] = [annexHeading(w, a)];
  if (!a.rows.length) return [...out, none(w)];
  const widths = columns(w, [0.65, 0.35]);
  out.push(
    dataTable(
      [
        headerRow([labels.instrument, labels.citedIn], widths),
        ...a.rows.map((r) => row([text(r.title), r.citations.length ? refs(r.citations, w) : text('—')], widths)),
      ],
      widths,
    ),
  );
  return out;
}

/** A heading over the rows of an annex: not an entry of the contents. */
export function heading(w: Writer, words: string, id?: string): Paragraph {
  return paragraph(w, id ? [id] : [], null, [new TextRun(words)], minorHeading(3));
}

/** References with the view's labels ("¶ 2, ¶ 11"), each an internal link to its place. */
export function refs(list: readonly Ref[], w: Writer): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  list.forEach((ref, i) => {
    if (i > 0) out.push(new TextRun(', '));
    const anchor = w.env.bookmarks.name(ref.target);
    out.push(anchor ? new InternalHyperlink({ anchor, children: [new TextRun({ text: ref.label, style: STYLE.hyperlink })] }) : new TextRun(ref.label));
  });
  return out;
}

export function text(value: string, options: { bold?: boolean } = {}): ParagraphChild[] {
  return [new TextRun({ text: value, bold: options.bold })];
}

export function none(w: Writer): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: w.env.labels.none, italics: true })] });
}

/** Column widths as shares of `of` times the text width. */
export function columns(w: Writer, shares: number[], of = 1): number[] {
  const total = Math.floor(w.env.page.textWidth * of);
  const widths = shares.map((s) => Math.floor(total * s));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

export function headerRow(titles: string[], widths: number[]): TableRow {
  return new TableRow({ tableHeader: true, cantSplit: true, children: titles.map((t, i) => cell([new TextRun(t)], widths[i], STYLE.tableHeading)) });
}

export function row(cells: ParagraphChild[][], widths: number[]): TableRow {
  return new TableRow({ children: cells.map((c, i) => cell(c, widths[i], STYLE.tableContents)) });
}

function cell(children: ParagraphChild[], width: number, style: string): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ style, children })] });
}

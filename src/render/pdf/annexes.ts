/**
 * The annexes -> pdfmake tables (run phase), one handler per annex kind:
 * commitments (summary by strength and by actor, the strongest, then every
 * row under the section it comes from), glossary and instruments. Rows,
 * labels and reference labels come from the view; a reference links to its
 * target when that destination is in the PDF. Table headers repeat on every
 * page a table spans.
 */
import type { Annex, CommitmentRow, CommitmentsAnnex, GlossaryAnnex, InstrumentsAnnex } from '../../view/types.js';
import { idOf } from './blocks.js';
import { heading, headingText, subheading } from './headings.js';
import type { PdfState } from './state.js';
import { tableLayout } from './theme.js';
import type { Content, Node, Run } from './types.js';

export type AnnexHandler<K extends Annex['kind']> = (state: PdfState, annex: Extract<Annex, { kind: K }>) => Content[];

export const annexHandlers: { [K in Annex['kind']]: AnnexHandler<K> } = {
  commitments: (state, annex) => [annexHeading(state, annex), ...commitments(state, annex)],
  glossary: (state, annex) => [annexHeading(state, annex), glossary(state, annex)],
  instruments: (state, annex) => [annexHeading(state, annex), instruments(state, annex)],
};

function annexHeading(state: PdfState, annex: Annex): Node {
  return heading(state, headingText(state, annex.heading), { id: annex.id, style: 'h2' });
}

function commitments(state: PdfState, annex: CommitmentsAnnex): Content[] {
  const { labels } = state.view;
  const out: Content[] = [{ text: state.text(annex.intro), style: 'intro' }];
  if (!annex.summary.total) return [...out, { text: state.text(labels.none), style: 'intro' }];
  const { summary } = annex;
  const bold = { bold: true };
  out.push(subheading(state, summary.heading));
  out.push({
    columns: [
      {
        width: '*',
        stack: [
          table(
            state,
            ['*', 'auto'],
            [labels.strength, labels.count],
            [
              ...summary.byStrength.map((s) => [state.text(s.label), state.text(String(s.count))]),
              [state.text(labels.total, bold), state.text(String(summary.total), bold)],
            ],
            [null, 'right'],
          ),
        ],
      },
      {
        width: '*',
        stack: [
          table(
            state,
            ['*', 'auto'],
            [labels.actor, labels.count],
            summary.byActor.map((a) => [state.text(a.actor), state.text(String(a.count))]),
            [null, 'right'],
          ),
        ],
      },
    ],
    columnGap: 16,
  });
  if (annex.strongest) out.push(subheading(state, annex.strongest.heading), commitmentRows(state, annex.strongest.rows));
  for (const group of annex.groups)
    out.push(heading(state, headingText(state, group.heading), { id: group.id, style: 'h3' }), commitmentRows(state, group.rows));
  if (annex.omitted) out.push({ text: state.text(annex.omitted), style: 'omitted' });
  return out;
}

function commitmentRows(state: PdfState, rows: CommitmentRow[]): Content {
  const { labels } = state.view;
  return table(
    state,
    ['auto', 'auto', 'auto', 'auto', '*'],
    [labels.paragraph, labels.actor, labels.verb, labels.strength, labels.clause],
    rows.map((r) => [
      state.refRuns(r.ref),
      state.text(r.actor),
      state.text(r.verb),
      state.text(r.strengthLabel, r.rank >= 4 ? { bold: true } : {}),
      state.text(r.text),
    ]),
  );
}

function glossary(state: PdfState, annex: GlossaryAnnex): Content {
  const { labels } = state.view;
  const { colors } = state.look;
  return table(
    state,
    ['auto', '*', 'auto', 'auto'],
    [labels.acronym, labels.expansion, labels.origin, labels.firstUse],
    annex.rows.map((g) => [
      state.text(g.acronym, { bold: true }),
      g.expansion ? state.text(g.expansion) : [],
      state.text(g.origin, { color: colors.muted }),
      state.refRuns(g.firstUse),
    ]),
    [],
    annex.rows.map((g) => g.id),
  );
}

function instruments(state: PdfState, annex: InstrumentsAnnex): Content {
  const { labels } = state.view;
  const { colors } = state.look;
  return table(
    state,
    ['*', 150],
    [labels.instrument, labels.citedIn],
    annex.rows.map((row) => [
      state.text(row.title),
      row.citations.length
        ? row.citations.flatMap((ref, i) => [...(i ? state.text(', ') : []), ...state.refRuns(ref)])
        : state.text('—', { color: colors.muted }),
    ]),
  );
}

/** Rows longer than this (in characters) may be taller than a page: pdfmake drops what does not fit of an unbreakable row. */
const UNBREAKABLE_ROW_CHARS = 1200;

function rowChars(cells: Run[][]): number {
  let n = 0;
  for (const cell of cells) for (const run of cell) n += run.text.length;
  return n;
}

/**
 * An annex table: a header row that repeats on every page, rows kept whole
 * when they are short enough. `rowIds`: a destination for each row (on its first cell).
 */
export function table(
  state: PdfState,
  widths: Array<number | string>,
  header: string[],
  rows: Run[][][],
  align: Array<'right' | null> = [],
  rowIds: string[] = [],
): Content {
  if (!rows.length) return { text: state.text(state.view.labels.none), style: 'intro' };
  const whole = rows.every((r) => rowChars(r) <= UNBREAKABLE_ROW_CHARS);
  const cell = (runs: Run[], i: number, id?: string): Node => ({
    text: runs.length ? runs : '',
    style: 'tableCell',
    ...(align[i] ? { alignment: align[i] } : {}),
    ...idOf(id ? state.claim(id) : undefined),
  });
  return {
    table: {
      headerRows: 1,
      // Rows stay whole (and the first row with the header) across page breaks, unless one could be taller than a page.
      keepWithHeaderRows: whole ? 1 : 0,
      dontBreakRows: whole,
      widths,
      body: [
        header.map((h, i) => ({ text: state.text(h), style: 'tableHeader', ...(align[i] ? { alignment: align[i] } : {}) })),
        ...rows.map((cells, r) => cells.map((c, i) => cell(c, i, i === 0 ? rowIds[r] : undefined))),
      ],
    },
    layout: tableLayout(state.look.colors),
    margin: [0, 0, 0, 12],
  };
}

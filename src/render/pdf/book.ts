/**
 * Books -> pdfmake content (run phase): a `document` part and the book's
 * annexes, one handler each (registered in parts.ts).
 *
 * Each document is a pdfmake section: it starts a new page and carries its
 * own running header (the document's short title and kind), while the
 * footer and the page numbers run on through the book (pdfmake passes the
 * page number of the whole document to every header and footer). Its cover
 * block (kind, title, fields) is an outline entry of the book, its parts
 * follow with their own handlers. The annexes are a last section under the
 * book's header again. Destinations, links and page references are the
 * view's book anchors, so the contents' page numbers are those of the pages
 * where each document starts.
 */
import type {
  BookCommitmentRow,
  BookCommitmentsAnnex,
  BookGlossaryAnnex,
  BriefingView,
  DocumentPart,
  InstrumentsMatrixAnnex,
  Part,
  Ref,
} from '../../view/types.js';
import { table } from './annexes.js';
import { heading, headingText, subheading } from './headings.js';
import { partHandlers, type PartHandler } from './parts.js';
import type { PdfState } from './state.js';
import { PAGE_MARGINS } from './theme.js';
import type { Content, DynamicContent, Node, Run } from './types.js';

type BookAnnexesPart = Extract<Part, { kind: 'bookAnnexes' }>;

/** A document of the book: a section of its own (a new page, its running header), its cover block, then its parts. */
export function documentPart(state: PdfState, part: DocumentPart): Content[] {
  const stack: Content[] = [...coverBlock(state, part)];
  let newPage = false;
  for (const sub of part.parts) {
    stack.push(...(partHandlers[sub.kind] as PartHandler<typeof sub.kind>)(state, sub as never, newPage));
    // The text starts a page after the background note; the notes follow the text.
    newPage = true;
  }
  return [{ section: stack, header: runningHead(state, part.runningHead) }];
}

/** The book's annexes: a last section, under the book's own running header. */
export function bookAnnexesPart(state: PdfState, part: BookAnnexesPart): Content[] {
  const stack: Content[] = [heading(state, headingText(state, part.heading), { id: part.id, style: 'h1' })];
  for (const annex of part.annexes) {
    stack.push(heading(state, headingText(state, annex.heading), { id: annex.id, style: 'h2' }));
    if (annex.kind === 'bookCommitments') stack.push(...commitments(state, annex));
    else if (annex.kind === 'bookGlossary') stack.push(glossary(state, annex));
    else stack.push(...matrix(state, annex));
  }
  return [{ section: stack, header: runningHead(state, state.view.runningHead) }];
}

/** The document's cover block: its kind in capitals, its title (a destination and an outline entry), its fields. */
function coverBlock(state: PdfState, part: DocumentPart): Content[] {
  const { cover } = part;
  const { colors } = state.look;
  const out: Content[] = [];
  if (cover.kind) {
    const lang = cover.kindLang ?? part.lang;
    out.push(...state.inLanguage(lang, () => [{ text: state.text(cover.kind!.toLocaleUpperCase(lang)), style: 'coverKind', tag: 'P' }]));
  }
  out.push(...state.inLanguage(cover.titleLang, () => [heading(state, headingText(state, cover.title), { id: part.id, style: 'h1', level: 1 })]));
  if (cover.fields.length) {
    const rows = cover.fields.map((f) => [
      { text: state.text(f.label), style: 'coverLabel' },
      state.inLanguage(f.lang, () => [{ text: state.text(f.value), style: 'coverValue' }])[0],
    ]);
    out.push({ table: { widths: [90, '*'], body: rows }, layout: 'noBorders', tag: 'Div' });
  }
  out.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 96, y2: 0, lineWidth: 2.5, lineColor: colors.accent }], margin: [0, 6, 0, 22] });
  return out;
}

/** A running header: the marking, then a title and a kind over a rule (as the single pack's, on every page of the section). */
function runningHead(state: PdfState, head: BriefingView['runningHead']): DynamicContent {
  const { view, look } = state;
  const title = state.text(head.title);
  const kind = head.kind ? state.text(head.kind) : [];
  const marking = view.marking ? state.text(view.marking) : null;
  return () => ({
    margin: [PAGE_MARGINS[0], marking ? 22 : 36, PAGE_MARGINS[2], 0],
    stack: [
      ...(marking ? [{ text: structuredClone(marking), style: 'marking', margin: [0, 0, 0, 2] }] : []),
      {
        columns: [
          { width: '*', text: structuredClone(title) },
          { width: 'auto', text: structuredClone(kind), alignment: 'right' },
        ],
        columnGap: 12,
        style: 'runningHeader',
      },
      { canvas: [{ type: 'line', x1: 0, y1: 3, x2: look.textWidth, y2: 3, lineWidth: 0.4, lineColor: look.colors.rule }] },
    ],
  });
}

// --- the annexes across the documents ----------------------------------------

function refList(state: PdfState, refs: readonly Ref[]): Run[] {
  return refs.length ? refs.flatMap((ref, i) => [...(i ? state.text(', ') : []), ...state.refRuns(ref)]) : state.text('—', { color: state.look.colors.muted });
}

function commitments(state: PdfState, annex: BookCommitmentsAnnex): Content[] {
  const { labels } = state.view;
  const out: Content[] = [{ text: state.text(annex.intro), style: 'intro' }];
  if (!annex.summary.total) return [...out, { text: state.text(labels.none), style: 'intro' }];
  const { summary } = annex;
  const bold = { bold: true };
  const n = summary.documents.length;
  out.push(subheading(state, summary.heading));
  out.push(
    table(
      state,
      [70, ...summary.documents.map(() => '*'), 'auto'],
      [labels.strength, ...summary.documents.map((d) => d.label), labels.total],
      [
        ...summary.rows.map((r) => [state.text(r.label), ...r.counts.map((c) => state.text(String(c))), state.text(String(r.total), bold)]),
        [state.text(labels.total, bold), ...summary.totals.map((c) => state.text(String(c), bold)), state.text(String(summary.total), bold)],
      ],
      [null, ...Array.from({ length: n + 1 }, () => 'right' as const)],
    ),
  );
  for (const group of annex.groups)
    out.push(heading(state, headingText(state, group.heading), { id: group.id, style: 'h3' }), commitmentRows(state, group.rows));
  if (annex.omitted) out.push({ text: state.text(annex.omitted), style: 'omitted' });
  return out;
}

function commitmentRows(state: PdfState, rows: readonly BookCommitmentRow[]): Content {
  const { labels } = state.view;
  return table(
    state,
    [90, 'auto', 'auto', 'auto', '*'],
    [labels.document, labels.paragraph, labels.actor, labels.verb, labels.clause],
    rows.map((r) => [state.refRuns(r.document), state.refRuns(r.ref), state.text(r.actor), state.text(r.verb), state.text(r.text)]),
  );
}

function glossary(state: PdfState, annex: BookGlossaryAnnex): Content {
  const { labels } = state.view;
  const { colors } = state.look;
  return table(
    state,
    ['auto', '*', 'auto', '*'],
    [labels.acronym, labels.expansion, labels.origin, labels.uses],
    annex.rows.map((g) => [
      state.text(g.acronym, { bold: true }),
      g.expansion ? state.text(g.expansion) : [],
      state.text(g.origin, { color: colors.muted }),
      g.uses.flatMap((use, i) => [
        ...(i ? state.text('; ') : []),
        ...state.refRuns(use.document, { bold: true }),
        ...state.text(': '),
        ...refList(state, use.refs),
      ]),
    ]),
    [],
    annex.rows.map((g) => g.id),
  );
}

function matrix(state: PdfState, annex: InstrumentsMatrixAnnex): Content[] {
  const { labels } = state.view;
  const share = annex.documents.length ? Math.max(60, Math.floor((state.look.textWidth * 0.62) / annex.documents.length)) : 60;
  const node = table(
    state,
    ['*', ...annex.documents.map(() => share)],
    [labels.instrument, ...annex.documents.map((d) => d.label)],
    annex.rows.map((row) => [state.text(row.title, row.count > 1 ? { bold: true } : {}), ...row.cells.map((refs) => refList(state, refs))]),
  ) as Node;
  return [{ text: state.text(annex.intro), style: 'intro' }, node];
}

/**
 * The annexes of the briefing (run phase): commitments by verb strength,
 * glossary of acronyms, index of instruments. Their paragraph references link
 * to the paragraphs of the text.
 */
import type { Clause } from '../../model/schema.js';
import { TABLE_LAYOUT } from './blocks.js';
import type { PdfEnv } from './env.js';
import { textRuns } from './inline.js';
import { COLORS } from './theme.js';
import type { Content, Node, Run, TableNode } from './types.js';

/** A reference to a unit of the text: "¶ 12", the background, a section title, a note, or a page number. Linked when its destination exists. */
export function refRuns(env: PdfEnv, id: string): Array<Run | Node> {
  const ref = env.refs.get(id);
  const { labels } = env;
  const linked = env.anchors.has(id);
  const style = linked ? { linkToDestination: id, color: COLORS.link } : {};
  if (!ref) return textRuns(id, env, style);
  if (ref.where === 'note') return textRuns(`${labels.footnotes} ${ref.number}`, env, style);
  if (ref.number != null) return textRuns(`${labels.paragraphAbbr} ${ref.number}`, env, style);
  if (ref.where === 'background') return textRuns(labels.background, env, style);
  if (ref.where === 'section' && ref.title) return textRuns(ref.title, env, style);
  // An unnumbered paragraph of the text: its page number.
  if (linked) return [...textRuns(`${labels.page} `, env, style), { pageReference: id, color: COLORS.link }];
  return textRuns(labels.page, env);
}

function refList(env: PdfEnv, ids: readonly string[]): Array<Run | Node> {
  const out: Array<Run | Node> = [];
  // One reference per label: several units of one numbered paragraph read as one "¶ 12".
  const seen = new Set<string>();
  for (const id of ids) {
    const ref = env.refs.get(id);
    const key = ref && ref.number != null ? `${ref.where}:${ref.number}` : id;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length) out.push({ text: ', ' });
    out.push(...refRuns(env, id));
  }
  return out;
}

/** Rows longer than this (in characters) may be taller than a page: pdfmake drops what does not fit of an unbreakable row. */
const UNBREAKABLE_ROW_CHARS = 1200;

function rowChars(cells: Array<Array<Run | Node>>): number {
  let n = 0;
  for (const cell of cells) for (const run of cell) n += typeof run.text === 'string' ? run.text.length : 5;
  return n;
}

function table(env: PdfEnv, widths: Array<number | string>, header: string[], rows: Array<Array<Array<Run | Node>>>): Content {
  if (!rows.length) return { text: textRuns(env.labels.none, env), style: 'intro' };
  // Rows stay whole (and the first row with the header) across page breaks, unless one could be taller than a page.
  const whole = rows.every((r) => rowChars(r) <= UNBREAKABLE_ROW_CHARS);
  const node: TableNode = {
    table: {
      headerRows: 1,
      keepWithHeaderRows: whole ? 1 : 0,
      dontBreakRows: whole,
      widths,
      body: [header.map((h) => ({ text: textRuns(h, env), style: 'tableHeader' })), ...rows.map((cells) => cells.map((c) => ({ text: c, style: 'tableCell' })))],
    },
    layout: TABLE_LAYOUT,
    margin: [0, 0, 0, 12],
  };
  return node;
}

/** Operative clauses, strongest first (rank 5 … 0), in text order within a rank. */
export function sortedClauses(clauses: readonly Clause[]): Clause[] {
  return clauses
    .map((c, i) => [c, i] as const)
    .sort((a, b) => b[0].rank - a[0].rank || a[1] - b[1])
    .map(([c]) => c);
}

export function commitmentsTable(env: PdfEnv): Content[] {
  const { labels } = env;
  const rows = sortedClauses(env.model.clauses).map((c) => [
    refRuns(env, c.paragraph),
    textRuns(c.surface, env),
    textRuns(labels.strengths[c.strength] ?? c.strength, env, c.rank >= 4 ? { bold: true } : {}),
    textRuns(c.text, env),
  ]);
  return [
    { text: textRuns(labels.commitmentsIntro, env), style: 'intro' },
    table(env, ['auto', 'auto', 'auto', '*'], [labels.paragraph, labels.verb, labels.strength, labels.clause], rows),
  ];
}

export function glossaryTable(env: PdfEnv): Content[] {
  const { labels } = env;
  const rows = env.model.glossary.map((g) => [
    textRuns(g.acronym, env, { bold: true }),
    g.expansion ? textRuns(g.expansion, env) : textRuns(labels.notExpanded, env, { italics: true, color: COLORS.muted }),
    refRuns(env, g.firstUse),
  ]);
  return [table(env, ['auto', '*', 'auto'], [labels.acronym, labels.expansion, labels.firstUse], rows)];
}

export function instrumentsTable(env: PdfEnv): Content[] {
  const { labels } = env;
  const rows = env.model.instruments.map((ins) => [textRuns(ins.title, env), ins.paragraphs.length ? refList(env, ins.paragraphs) : textRuns('—', env, { color: COLORS.muted })]);
  return [table(env, ['*', 150], [labels.instrument, labels.citedIn], rows)];
}

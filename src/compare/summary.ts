/**
 * Run phase (compare): the changes part, first in every compare pack — the
 * two texts, the legend of the marks, then the tables: paragraphs by
 * change, commitments by change, the commitments strengthened or weakened
 * ("¶ 7 | We | encourage → urge ↑"), added and removed, the instruments and
 * the acronyms added and removed. Every word is decided here, once.
 */
import type { Clause, Declaration } from '../model/schema.js';
import { fillLabel } from '../view/labels.js';
import { formatDate, formatNumber } from '../view/format.js';
import type { RefLabels } from '../view/refs.js';
import type { ChangeCell, ChangesPart, ChangeTable } from '../view/types.js';
import type { ClauseChange } from './clauses.js';
import { titleOf, type Comparison, type ParagraphStatus } from './comparison.js';
import type { AllLabels } from './labels.js';

const CHANGES_PART_ID = 'changes';

export interface SummaryContext {
  labels: AllLabels;
  lang: string;
  old: Declaration;
  new: Declaration;
  oldRefs: RefLabels;
  newRefs: RefLabels;
  /** Where an old clause's paragraph is shown in the compare pack (its new partner, or the old block shown as removed). */
  oldPlace(paragraph: string): string | null;
  /** Ids the compare pack holds (a reference links only to one of them). */
  anchors: ReadonlySet<string>;
}

const cell = (text: string, tone: ChangeCell['tone'] = null, ref: ChangeCell['ref'] = null): ChangeCell => ({ text, ref, tone });

export function changesPart(comparison: Comparison, clauses: readonly ClauseChange[], ctx: SummaryContext): ChangesPart {
  const { labels, lang } = ctx;
  const dated = (model: Declaration) => (model.meta.date ? `${titleOf(model)} (${formatDate(model.meta.date, lang)})` : titleOf(model));
  const count = (n: number) => cell(formatNumber(n, lang));
  const table = (id: string, heading: string, head: string[], numeric: boolean[], rows: ChangeCell[][]): ChangeTable => ({
    id: `${CHANGES_PART_ID}-${id}`,
    heading,
    head,
    numeric,
    rows,
    empty: labels.none,
  });

  const paragraphStatuses: Array<[ParagraphStatus, string]> = [
    ['added', labels.compareAdded],
    ['removed', labels.compareRemoved],
    ['changed', labels.compareChanged],
    ['moved', labels.compareMoved],
    ['split', labels.compareSplit],
    ['merged', labels.compareMerged],
    ['unchanged', labels.compareUnchanged],
  ];
  const clauseStatuses: Array<[keyof Comparison['counts']['clauses'], string, ChangeCell['tone']]> = [
    ['strengthened', labels.compareStrengthened, 'up'],
    ['weakened', labels.compareWeakened, 'down'],
    ['added', labels.compareAdded, null],
    ['removed', labels.compareRemoved, null],
    ['unchanged', labels.compareUnchanged, null],
  ];

  const newRef = (c: Clause) => {
    const ref = ctx.newRefs.ref(c.paragraph);
    return ctx.anchors.has(ref.target) ? cell('', null, ref) : cell(ref.label);
  };
  const oldRef = (c: Clause) => {
    const label = fillLabel(labels.compareOldText, { ref: ctx.oldRefs.label(c.paragraph) });
    const target = ctx.oldPlace(c.paragraph);
    return target && ctx.anchors.has(target) ? cell('', null, { target, label }) : cell(label);
  };
  const verb = (c: Clause) => c.phrase ?? c.verb;
  const strength = (c: Clause) => labels.strengths[c.strength] ?? c.strength;

  const changed = clauses.filter((c) => c.status === 'strengthened' || c.status === 'weakened');
  const added = clauses.filter((c) => c.status === 'added');
  const removed = clauses.filter((c) => c.status === 'removed');
  const instruments = [
    ...comparison.instruments.added.map((t) => [cell(t, 'ins'), cell(labels.compareAdded)]),
    ...comparison.instruments.removed.map((t) => [cell(t, 'del'), cell(labels.compareRemoved)]),
  ];
  const expansion = (model: Declaration, acronym: string) => model.glossary.find((g) => g.acronym === acronym)?.expansion ?? '';
  const acronyms = [
    ...comparison.glossary.added.map((a) => [cell(a, 'ins'), cell(expansion(ctx.new, a)), cell(labels.compareAdded)]),
    ...comparison.glossary.removed.map((a) => [cell(a, 'del'), cell(expansion(ctx.old, a)), cell(labels.compareRemoved)]),
  ];

  return {
    kind: 'changes',
    id: CHANGES_PART_ID,
    heading: labels.changes,
    compared: [
      { label: labels.compareOld, value: dated(ctx.old) },
      { label: labels.compareNew, value: dated(ctx.new) },
    ],
    legend: [
      { mark: 'ins', sample: labels.compareInserted, label: labels.compareLegendInserted },
      { mark: 'del', sample: labels.compareDeleted, label: labels.compareLegendDeleted },
      { mark: 'moved', sample: labels.compareMoved, label: labels.compareLegendMoved },
      { mark: 'bar', sample: '|', label: labels.compareLegendBar },
    ],
    views: { label: labels.compareView, changes: labels.compareViewChanges, clean: labels.compareViewClean },
    tables: [
      table(
        'paragraphs',
        labels.compareParagraphs,
        [labels.compareChange, labels.compareNumber],
        [false, true],
        paragraphStatuses.map(([status, label]) => [cell(label), count(comparison.counts.paragraphs[status])]),
      ),
      table(
        'commitments',
        labels.compareCommitments,
        [labels.compareChange, labels.compareNumber],
        [false, true],
        clauseStatuses.map(([status, label, tone]) => [cell(label, tone), count(comparison.counts.clauses[status])]),
      ),
      table(
        'strength',
        labels.compareCommitmentsChanged,
        [labels.paragraph, labels.actor, labels.compareChange, labels.clause],
        [false, false, false, false],
        changed.map((c) => {
          const up = c.status === 'strengthened';
          return [newRef(c.new!), cell(c.new!.actor), cell(`${verb(c.old!)} → ${verb(c.new!)} ${up ? '↑' : '↓'}`, up ? 'up' : 'down'), cell(c.new!.text)];
        }),
      ),
      table(
        'added',
        labels.compareCommitmentsAdded,
        [labels.paragraph, labels.actor, labels.verb, labels.strength, labels.clause],
        [false, false, false, false, false],
        added.map((c) => [newRef(c.new!), cell(c.new!.actor), cell(verb(c.new!), 'ins'), cell(strength(c.new!)), cell(c.new!.text)]),
      ),
      table(
        'removed',
        labels.compareCommitmentsRemoved,
        [labels.paragraph, labels.actor, labels.verb, labels.strength, labels.clause],
        [false, false, false, false, false],
        removed.map((c) => [oldRef(c.old!), cell(c.old!.actor), cell(verb(c.old!), 'del'), cell(strength(c.old!)), cell(c.old!.text)]),
      ),
      table('instruments', labels.compareInstruments, [labels.instrument, labels.compareChange], [false, false], instruments),
      table('acronyms', labels.compareAcronyms, [labels.acronym, labels.expansion, labels.compareChange], [false, false, false], acronyms),
    ],
  };
}

/** The changes part as plain text tables (the command line prints it). */
export function summaryText(part: ChangesPart): string {
  const lines: string[] = [`# ${part.heading}`, ''];
  for (const c of part.compared) lines.push(`${c.label}: ${c.value}`);
  for (const t of part.tables) {
    lines.push('', `## ${t.heading}`, '');
    if (!t.rows.length) {
      lines.push(t.empty);
      continue;
    }
    const text = (c: ChangeCell) => [c.ref?.label, c.text].filter(Boolean).join(' ').replace(/\s+/g, ' ');
    const cut = (s: string) => ([...s].length > 90 ? `${[...s].slice(0, 89).join('')}…` : s);
    const rows = [t.head, ...t.rows.map((r) => r.map((c) => cut(text(c))))];
    const widths = t.head.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
    const line = (r: string[]) => `| ${r.map((c, i) => (t.numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
    lines.push(line(rows[0]), `|${widths.map((w, i) => (t.numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.slice(1).map(line));
  }
  return lines.join('\n') + '\n';
}

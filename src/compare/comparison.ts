/**
 * Run phase (compare): the comparison as data, the `.compare.json` contract
 * (docs/compare.md):
 *
 * ```json
 * { "old": {"id", "title"}, "new": {"id", "title"},
 *   "paragraphs": [{"old": "p3", "new": "p4", "status": "unchanged|changed|moved|added|removed|split|merged", "similarity": 0.93}],
 *   "clauses": [{"status": "added|removed|strengthened|weakened|unchanged", "old": {"paragraph", "verb", "strength"}, "new": {…}}],
 *   "instruments": {"added": [], "removed": []},
 *   "glossary": {"added": [], "removed": []} }
 * ```
 *
 * Those keys are a contract; the other keys (counts, sections, numbers,
 * actors, the clause text) are extra and may grow.
 */
import type { Clause, Declaration, StrengthName } from '../model/schema.js';
import type { Alignment, Placed } from './align.js';
import { compareClauses, type ClauseChange, type ClauseStatus } from './clauses.js';

export type ParagraphStatus = 'unchanged' | 'changed' | 'moved' | 'added' | 'removed' | 'split' | 'merged';

export interface ParagraphEntry {
  old: string | null;
  new: string | null;
  status: ParagraphStatus;
  similarity: number;
  /** The numbers written in the two texts (null for unnumbered paragraphs). */
  oldNumber: number | null;
  newNumber: number | null;
}

export interface ClauseSide {
  paragraph: string;
  verb: string;
  strength: StrengthName;
  /** The verb with its particle ("call on"), else null. */
  phrase: string | null;
  actor: string;
  rank: number;
  text: string;
}

export interface ClauseEntry {
  status: ClauseStatus;
  old: ClauseSide | null;
  new: ClauseSide | null;
}

export interface TextInfo {
  id: string;
  title: string;
  date: string | null;
  source: string;
}

export interface Comparison {
  old: TextInfo;
  new: TextInfo;
  paragraphs: ParagraphEntry[];
  clauses: ClauseEntry[];
  instruments: { added: string[]; removed: string[] };
  glossary: { added: string[]; removed: string[] };
  sections: Array<{
    old: string | null;
    new: string | null;
    oldTitle: string | null;
    newTitle: string | null;
    status: 'unchanged' | 'changed' | 'added' | 'removed';
    similarity: number;
  }>;
  /** Paragraphs by status (a split counts once per old paragraph split, a merge once per new paragraph); clauses by status. */
  counts: { paragraphs: Record<ParagraphStatus, number>; clauses: Record<ClauseStatus, number> };
}

export function titleOf(model: Declaration): string {
  return model.meta.title ?? model.textTitle?.text ?? model.id;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function comparisonOf(alignment: Alignment, clauseChanges: ClauseChange[] = compareClauses(alignment)): Comparison {
  const { old: oldModel, new: newModel, oldUnits, newUnits } = alignment;
  const paragraphs: ParagraphEntry[] = [];
  const entry = (o: number | null, n: number | null, status: ParagraphStatus, similarity: number): ParagraphEntry => ({
    old: o == null ? null : oldUnits[o].id,
    new: n == null ? null : newUnits[n].id,
    status,
    similarity: round(similarity),
    oldNumber: o == null ? null : oldUnits[o].number,
    newNumber: n == null ? null : newUnits[n].number,
  });
  const visit = (placed: Placed) => {
    if (placed.kind === 'old-title') return;
    if (placed.kind === 'ghost') {
      if (placed.reason === 'removed') paragraphs.push(entry(placed.unit, null, 'removed', 0));
      return;
    }
    const pair = alignment.pairOfNew[placed.unit];
    if (!pair) return void paragraphs.push(entry(null, placed.unit, 'added', 0));
    if (pair.status === 'merged') {
      for (const o of pair.old) paragraphs.push(entry(o, placed.unit, 'merged', pair.similarity));
    } else paragraphs.push(entry(pair.old[0], placed.unit, pair.status, pair.similarity));
  };
  for (const section of alignment.flow) section.forEach(visit);

  const counts = {
    paragraphs: { unchanged: 0, changed: 0, moved: 0, added: 0, removed: 0, split: 0, merged: 0 },
    clauses: { added: 0, removed: 0, strengthened: 0, weakened: 0, unchanged: 0 },
  };
  for (const p of paragraphs) if (p.status !== 'split' && p.status !== 'merged') counts.paragraphs[p.status]++;
  for (const pair of alignment.pairs) if (pair.status === 'split' || pair.status === 'merged') counts.paragraphs[pair.status]++;
  for (const c of clauseChanges) counts.clauses[c.status]++;

  return {
    old: infoOf(oldModel),
    new: infoOf(newModel),
    paragraphs,
    clauses: clauseChanges.map((c) => ({ status: c.status, old: c.old && sideOf(c.old), new: c.new && sideOf(c.new) })),
    instruments: setChange(
      oldModel.instruments.map((i) => i.title),
      newModel.instruments.map((i) => i.title),
    ),
    glossary: setChange(
      oldModel.glossary.map((g) => g.acronym),
      newModel.glossary.map((g) => g.acronym),
    ),
    sections: alignment.sections.map((m) => ({
      old: m.old == null ? null : oldModel.sections[m.old].id,
      new: m.new == null ? null : newModel.sections[m.new].id,
      oldTitle: m.old == null ? null : oldModel.sections[m.old].title,
      newTitle: m.new == null ? null : newModel.sections[m.new].title,
      status: m.status,
      similarity: round(m.similarity),
    })),
    counts,
  };
}

function infoOf(model: Declaration): TextInfo {
  return { id: model.id, title: titleOf(model), date: model.meta.date, source: model.source.path };
}

function sideOf(c: Clause): ClauseSide {
  return { paragraph: c.paragraph, verb: c.verb, strength: c.strength, phrase: c.phrase, actor: c.actor, rank: c.rank, text: c.text };
}

/** Names in one list and not the other, compared case-blind with spaces collapsed; in the order of their list. */
function setChange(oldNames: readonly string[], newNames: readonly string[]): { added: string[]; removed: string[] } {
  const key = (s: string) => s.toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
  const oldKeys = new Set(oldNames.map(key));
  const newKeys = new Set(newNames.map(key));
  const unique = (list: readonly string[]) => [...new Map(list.map((s) => [key(s), s])).values()];
  return { added: unique(newNames.filter((n) => !oldKeys.has(key(n)))), removed: unique(oldNames.filter((n) => !newKeys.has(key(n)))) };
}

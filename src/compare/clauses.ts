/**
 * Run phase (compare): what became of each commitment (the clause model of
 * src/analyze). Two clauses are the same commitment when their paragraphs
 * are paired, their actors are the same and what follows their verbs is
 * similar (plain word Dice ≥ `clause`, the most similar first). Then:
 *
 * - a higher strength in the new text: strengthened ("encourage → urge ↑");
 * - a lower one: weakened;
 * - the same strength: unchanged (the verb may differ: "support" for "encourage");
 * - a verb outside the lexicon (strength "other") on one side only, with
 *   another verb: the strength cannot be compared, so it is the old
 *   commitment removed and a new one added;
 * - a clause with no partner: removed, or added.
 */
import type { Clause } from '../model/schema.js';
import { walkBlock } from '../model/walk.js';
import type { Alignment, Unit } from './align.js';
import { THRESHOLDS } from './thresholds.js';
import { bagOf, overlapOf, wordsOf, type Bag } from './words.js';

const UNWEIGHTED: ReadonlyMap<string, number> = new Map();

export type ClauseStatus = 'added' | 'removed' | 'strengthened' | 'weakened' | 'unchanged';

export interface ClauseChange {
  status: ClauseStatus;
  old: Clause | null;
  new: Clause | null;
}

/** Which unit holds each block id (a clause names the block it is in, maybe a sub-item). */
function unitIndexOf(units: readonly Unit[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const u of units) walkBlock(u.block, (b) => void out.set(b.id, u.index));
  return out;
}

/** The words of a clause after its verb: what it is about. */
function subjectOf(clause: Clause): string[] {
  const words = wordsOf(clause.text);
  const verb = wordsOf(clause.surface);
  const at = verb.length ? indexOfRun(words, verb) : -1;
  return at >= 0 ? words.slice(at + verb.length) : words;
}

function indexOfRun(words: readonly string[], run: readonly string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

const actorKey = (c: Clause) => c.actor.toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

export function compareClauses(alignment: Alignment): ClauseChange[] {
  const { old: oldModel, new: newModel } = alignment;
  const oldUnitOf = unitIndexOf(alignment.oldUnits);
  const newUnitOf = unitIndexOf(alignment.newUnits);
  const byOldUnit = group(oldModel.clauses, oldUnitOf);
  const byNewUnit = group(newModel.clauses, newUnitOf);
  const changes: ClauseChange[] = [];

  // What each clause is about, once.
  const subjects = new Map<Clause, { bag: Bag; size: number }>();
  const subject = (c: Clause) => {
    let s = subjects.get(c);
    if (!s) {
      const words = subjectOf(c);
      subjects.set(c, (s = { bag: bagOf(words), size: words.length }));
    }
    return s;
  };
  const similar = (a: Clause, b: Clause) => {
    const x = subject(a);
    const y = subject(b);
    return x.size + y.size === 0 ? 1 : (2 * overlapOf(x.bag, y.bag, UNWEIGHTED)) / (x.size + y.size);
  };
  for (const pair of alignment.pairs) {
    const olds = pair.old.flatMap((u) => byOldUnit.get(u) ?? []);
    const news = pair.new.flatMap((u) => byNewUnit.get(u) ?? []);
    const candidates: Array<{ a: Clause; b: Clause; similarity: number; distance: number }> = [];
    olds.forEach((a, i) => {
      news.forEach((b, j) => {
        if (actorKey(a) !== actorKey(b)) return;
        const similarity = a.text === b.text ? 2 : similar(a, b);
        if (similarity >= THRESHOLDS.clause) candidates.push({ a, b, similarity, distance: Math.abs(i - j) });
      });
    });
    candidates.sort((x, y) => y.similarity - x.similarity || x.distance - y.distance);
    const usedOld = new Set<Clause>();
    const usedNew = new Set<Clause>();
    for (const c of candidates) {
      if (usedOld.has(c.a) || usedNew.has(c.b)) continue;
      usedOld.add(c.a);
      usedNew.add(c.b);
      changes.push(...judge(c.a, c.b));
    }
  }

  // Clauses with no partner; then the order of the list: the new text's, a removed clause just after the new place of the old clause before it.
  const seenOld = new Set(changes.flatMap((c) => (c.old ? [c.old] : [])));
  const seenNew = new Set(changes.flatMap((c) => (c.new ? [c.new] : [])));
  for (const c of newModel.clauses) if (!seenNew.has(c)) changes.push({ status: 'added', old: null, new: c });
  for (const c of oldModel.clauses) if (!seenOld.has(c)) changes.push({ status: 'removed', old: c, new: null });
  const newOrder = new Map(newModel.clauses.map((c, i) => [c, i]));
  const oldOrder = new Map(oldModel.clauses.map((c, i) => [c, i]));
  const partnerOf = new Map(changes.flatMap((c) => (c.old && c.new ? [[c.old, c.new] as const] : [])));
  const placeOfOld = new Map<Clause, number>();
  let last = -1;
  for (const c of oldModel.clauses) {
    const partner = partnerOf.get(c);
    if (partner) last = newOrder.get(partner)!;
    placeOfOld.set(c, last + 0.5);
  }
  const key = (c: ClauseChange) => (c.new ? newOrder.get(c.new)! : placeOfOld.get(c.old!)!);
  return changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => key(x.c) - key(y.c) || (x.c.old ? oldOrder.get(x.c.old)! : 0) - (y.c.old ? oldOrder.get(y.c.old)! : 0) || x.i - y.i)
    .map(({ c }) => c);
}

function group(clauses: readonly Clause[], unitOf: Map<string, number>): Map<number, Clause[]> {
  const out = new Map<number, Clause[]>();
  for (const c of clauses) {
    const u = unitOf.get(c.paragraph);
    if (u === undefined) continue; // a clause of the background or a note: not compared
    const list = out.get(u);
    if (list) list.push(c);
    else out.set(u, [c]);
  }
  return out;
}

/** What became of one commitment whose old and new clauses are paired. */
function judge(a: Clause, b: Clause): ClauseChange[] {
  if (a.rank > 0 && b.rank > 0) {
    if (b.rank > a.rank) return [{ status: 'strengthened', old: a, new: b }];
    if (b.rank < a.rank) return [{ status: 'weakened', old: a, new: b }];
    return [{ status: 'unchanged', old: a, new: b }];
  }
  if ((a.phrase ?? a.verb) === (b.phrase ?? b.verb) && a.strength === b.strength) return [{ status: 'unchanged', old: a, new: b }];
  return [
    { status: 'removed', old: a, new: null },
    { status: 'added', old: null, new: b },
  ];
}

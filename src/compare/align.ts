/**
 * Run phase (compare): the alignment of two declarations, paragraph by
 * paragraph, by content and never by number.
 *
 * The units are the top-level blocks of the text's sections (a numbered
 * paragraph with its sub-items, an unnumbered paragraph, a list, a table).
 * They are paired in four passes (thresholds in thresholds.ts):
 *
 * 1. identical text (whitespace aside): the same paragraph, however numbered;
 * 2. similar text (weighted Dice ≥ `paragraph`), the most similar pairs first;
 * 3. splits and merges: a paragraph next to a matched one whose words are
 *    mostly the words its neighbour's partner has left over (≥ `splitShare`)
 *    joins the pair (one old -> several new: split; several old -> one new:
 *    merged);
 * 4. order: the longest run of pairs in the same order in both texts stays
 *    in place; every other pair has moved;
 * 5. rewriting in place: between two pairs that stayed in place, the old and
 *    new paragraphs left over are paired in order when similar enough
 *    (≥ `nearby`), the pairs that add up to the most similarity.
 *
 * Old paragraphs left unpaired were removed, new ones added. Sections are
 * matched by the similarity of their titles. Finally every old paragraph
 * with no place in the new text (removed, or the old place of a moved one)
 * is given one: after the new partner of the paragraph that preceded it.
 */
import type { Block, Declaration } from '../model/schema.js';
import { THRESHOLDS } from './thresholds.js';
import { bagOf, diceOf, identityKey, idfOf, massOf, overlapOf, plainDice, sumOf, wordsOf, type Bag } from './words.js';

export interface Unit {
  /** Place in the text's reading order. */
  index: number;
  /** Index of the section that holds it. */
  section: number;
  block: Block;
  id: string;
  number: number | null;
  key: string;
  words: string[];
  bag: Bag;
  /** Weighted size of the bag. */
  mass: number;
}

export type PairStatus = 'unchanged' | 'changed' | 'moved' | 'split' | 'merged';

/** Old units and new units that are the same text (one to one, or one to several). */
export interface Pair {
  old: number[];
  new: number[];
  status: PairStatus;
  /** Weighted Dice of the two sides' words (1 for identical texts). */
  similarity: number;
  /** On the longest run of pairs in the same order in both texts. */
  inOrder: boolean;
}

export interface SectionMatch {
  old: number | null;
  new: number | null;
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  similarity: number;
}

/** One entry of a new section's reading order: a new unit, an old unit shown where it stood, or an old section title that has no new section. */
export type Placed =
  { kind: 'unit'; unit: number } | { kind: 'ghost'; unit: number; reason: 'removed' | 'moved-away' } | { kind: 'old-title'; section: number };

export interface Alignment {
  old: Declaration;
  new: Declaration;
  oldUnits: Unit[];
  newUnits: Unit[];
  pairs: Pair[];
  pairOfOld: Array<Pair | null>;
  pairOfNew: Array<Pair | null>;
  sections: SectionMatch[];
  /** For each new section: its blocks and the old ones shown among them, in reading order. */
  flow: Placed[][];
}

/** The units of a text: every top-level block of its sections, in reading order. */
export function unitsOf(model: Declaration): Unit[] {
  const units: Unit[] = [];
  model.sections.forEach((section, s) => {
    for (const block of section.blocks) {
      const words = wordsOf(block.text);
      units.push({
        index: units.length,
        section: s,
        block,
        id: block.id,
        number: block.number,
        key: identityKey(block.text),
        words,
        bag: bagOf(words),
        mass: 0,
      });
    }
  });
  return units;
}

export function align(oldModel: Declaration, newModel: Declaration): Alignment {
  const oldUnits = unitsOf(oldModel);
  const newUnits = unitsOf(newModel);
  const idf = idfOf([...oldUnits, ...newUnits].map((u) => u.bag));
  for (const u of [...oldUnits, ...newUnits]) u.mass = massOf(u.bag, idf);

  const pairOfOld: Array<Pair | null> = oldUnits.map(() => null);
  const pairOfNew: Array<Pair | null> = newUnits.map(() => null);
  const pairs: Pair[] = [];
  const link = (pair: Pair) => {
    pairs.push(pair);
    for (const o of pair.old) pairOfOld[o] = pair;
    for (const n of pair.new) pairOfNew[n] = pair;
  };

  // 1. Identical texts, in order of appearance.
  const byKey = new Map<string, number[]>();
  for (const u of oldUnits) {
    const list = byKey.get(u.key);
    if (list) list.push(u.index);
    else byKey.set(u.key, [u.index]);
  }
  for (const n of newUnits) {
    const list = byKey.get(n.key);
    const o = list?.shift();
    if (o !== undefined) link({ old: [o], new: [n.index], status: 'unchanged', similarity: 1, inOrder: false });
  }

  // 2. Similar texts, the most similar first (ties: the pair whose places in the two texts are closest).
  const postings = new Map<string, number[]>();
  for (const u of oldUnits) {
    if (pairOfOld[u.index]) continue;
    for (const w of u.bag.keys()) {
      const list = postings.get(w);
      if (list) list.push(u.index);
      else postings.set(w, [u.index]);
    }
  }
  const candidates: Array<{ o: number; n: number; similarity: number; distance: number }> = [];
  const overlap = new Float64Array(oldUnits.length);
  for (const n of newUnits) {
    if (pairOfNew[n.index]) continue;
    const touched: number[] = [];
    for (const [w, c] of n.bag) {
      const weight = idf.get(w) ?? 1;
      for (const o of postings.get(w) ?? []) {
        if (overlap[o] === 0) touched.push(o);
        overlap[o] += Math.min(c, oldUnits[o].bag.get(w) ?? 0) * weight;
      }
    }
    for (const o of touched) {
      const total = n.mass + oldUnits[o].mass;
      const similarity = total ? (2 * overlap[o]) / total : 1;
      overlap[o] = 0;
      if (similarity >= THRESHOLDS.paragraph) {
        const distance = Math.abs(o / Math.max(1, oldUnits.length) - n.index / Math.max(1, newUnits.length));
        candidates.push({ o, n: n.index, similarity, distance });
      }
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity || a.distance - b.distance || a.o - b.o || a.n - b.n);
  for (const c of candidates) {
    if (pairOfOld[c.o] || pairOfNew[c.n]) continue;
    link({ old: [c.o], new: [c.n], status: 'changed', similarity: c.similarity, inOrder: false });
  }

  // 3. Splits (one old, several new) and merges (several old, one new).
  const grow = (one: Unit, group: number[], others: Unit[], pairOfOther: Array<Pair | null>): number[] => {
    const share = (candidate: Unit, members: number[]): boolean => {
      if (candidate.words.length < THRESHOLDS.splitWords || candidate.section !== others[members[0]].section) return false;
      const before = overlapOf(one.bag, sumOf(members.map((m) => others[m].bag)), idf);
      const after = overlapOf(one.bag, sumOf([...members, candidate.index].map((m) => others[m].bag)), idf);
      return candidate.mass > 0 && after - before >= THRESHOLDS.splitShare * candidate.mass;
    };
    const out = [...group];
    for (let k = out[out.length - 1] + 1; k < others.length && !pairOfOther[k] && share(others[k], out); k++) out.push(k);
    for (let k = out[0] - 1; k >= 0 && !pairOfOther[k] && share(others[k], out); k--) out.unshift(k);
    return out;
  };
  const regroup = (side: 'split' | 'merged') => {
    const ones = side === 'split' ? oldUnits : newUnits;
    const others = side === 'split' ? newUnits : oldUnits;
    const pairOfOne = side === 'split' ? pairOfOld : pairOfNew;
    const pairOfOther = side === 'split' ? pairOfNew : pairOfOld;
    for (const one of ones) {
      const pair = pairOfOne[one.index];
      if (pair && (pair.old.length > 1 || pair.new.length > 1)) continue;
      let seed: number | null = pair ? (side === 'split' ? pair.new[0] : pair.old[0]) : null;
      if (seed == null) {
        // An unpaired paragraph: the unpaired paragraph of the other text made most of its words.
        let best = 0;
        for (const other of others) {
          if (pairOfOther[other.index] || other.words.length < THRESHOLDS.splitWords || !other.mass) continue;
          const contained = overlapOf(one.bag, other.bag, idf) / other.mass;
          if (contained >= THRESHOLDS.splitShare && contained > best) {
            best = contained;
            seed = other.index;
          }
        }
        if (seed == null) continue;
      }
      const group = grow(one, [seed], others, pairOfOther);
      if (group.length < 2) continue;
      const similarity = diceOf(one.bag, sumOf(group.map((g) => others[g].bag)), idf);
      if (similarity < THRESHOLDS.paragraph) continue;
      if (pair) pairs.splice(pairs.indexOf(pair), 1);
      const next: Pair =
        side === 'split'
          ? { old: [one.index], new: group, status: 'split', similarity, inOrder: false }
          : { old: group, new: [one.index], status: 'merged', similarity, inOrder: false };
      link(next);
    }
  };
  regroup('split');
  regroup('merged');

  // 4. Order: the longest run of pairs in the same order in both texts stays; the rest moved.
  pairs.sort((a, b) => a.old[0] - b.old[0]);
  for (const i of longestIncreasing(pairs.map((p) => p.new[0]))) pairs[i].inOrder = true;
  for (const p of pairs) {
    if (p.inOrder || p.status === 'split' || p.status === 'merged') continue;
    p.status = 'moved';
  }

  // 5. Paragraphs rewritten in place: the leftovers between two pairs that kept their place.
  const anchors = pairs.filter((p) => p.inOrder);
  let previous = { o: -1, n: -1 };
  for (const anchor of [...anchors, null]) {
    const next = anchor ? { o: Math.min(...anchor.old), n: Math.min(...anchor.new) } : { o: oldUnits.length, n: newUnits.length };
    const olds = range(previous.o + 1, next.o).filter((o) => !pairOfOld[o]);
    const news = range(previous.n + 1, next.n).filter((n) => !pairOfNew[n]);
    if (olds.length && news.length) {
      for (const [o, n, similarity] of bestInOrder(olds, news, (o, n) => diceOf(oldUnits[o].bag, newUnits[n].bag, idf), THRESHOLDS.nearby)) {
        link({ old: [o], new: [n], status: 'changed', similarity, inOrder: true });
      }
    }
    if (anchor) previous = { o: Math.max(...anchor.old), n: Math.max(...anchor.new) };
  }
  pairs.sort((a, b) => a.new[0] - b.new[0]);

  const sections = matchSections(oldModel, newModel);
  const flow = placeAll(oldModel, newModel, oldUnits, newUnits, pairOfOld, sections);
  return { old: oldModel, new: newModel, oldUnits, newUnits, pairs, pairOfOld, pairOfNew, sections, flow };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/**
 * Pairs of `olds` and `news` in the same order in both, each at least
 * `threshold` similar, whose similarities add up to the most (dynamic
 * programming over the two short lists).
 */
function bestInOrder(olds: number[], news: number[], similarity: (o: number, n: number) => number, threshold: number): Array<[number, number, number]> {
  const rows = olds.length + 1;
  const cols = news.length + 1;
  const score = new Float64Array(rows * cols);
  const sims = new Float64Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const s = similarity(olds[i - 1], news[j - 1]);
      sims[i * cols + j] = s;
      const take = s >= threshold ? score[(i - 1) * cols + j - 1] + s : -1;
      score[i * cols + j] = Math.max(score[(i - 1) * cols + j], score[i * cols + j - 1], take);
    }
  }
  const out: Array<[number, number, number]> = [];
  for (let i = rows - 1, j = cols - 1; i > 0 && j > 0;) {
    const here = score[i * cols + j];
    if (here === score[(i - 1) * cols + j]) i--;
    else if (here === score[i * cols + j - 1]) j--;
    else {
      out.push([olds[i - 1], news[j - 1], sims[i * cols + j]]);
      i--;
      j--;
    }
  }
  return out.reverse();
}

/** Indices of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) out.push(i);
  return out.reverse();
}

/** Sections by title: identical titles first, then the most similar (plain word Dice ≥ `section`); untitled sections in order. */
function matchSections(oldModel: Declaration, newModel: Declaration): SectionMatch[] {
  const matches: SectionMatch[] = [];
  const oldTaken = new Set<number>();
  const newTaken = new Set<number>();
  const take = (o: number, n: number, similarity: number) => {
    oldTaken.add(o);
    newTaken.add(n);
    const same = identityKey(oldModel.sections[o].title ?? '') === identityKey(newModel.sections[n].title ?? '');
    matches.push({ old: o, new: n, status: same ? 'unchanged' : 'changed', similarity });
  };
  const oldUntitled = oldModel.sections.flatMap((s, i) => (s.title == null ? [i] : []));
  newModel.sections.forEach((s, n) => {
    if (s.title != null) return;
    const o = oldUntitled.shift();
    if (o !== undefined) take(o, n, 1);
  });
  const candidates: Array<{ o: number; n: number; similarity: number }> = [];
  newModel.sections.forEach((ns, n) => {
    if (ns.title == null) return;
    const nw = wordsOf(ns.title);
    oldModel.sections.forEach((os, o) => {
      if (os.title == null) return;
      const similarity = identityKey(os.title) === identityKey(ns.title!) ? 2 : plainDice(wordsOf(os.title), nw);
      if (similarity >= THRESHOLDS.section) candidates.push({ o, n, similarity });
    });
  });
  candidates.sort((a, b) => b.similarity - a.similarity || Math.abs(a.o - a.n) - Math.abs(b.o - b.n));
  for (const c of candidates) if (!oldTaken.has(c.o) && !newTaken.has(c.n)) take(c.o, c.n, Math.min(1, c.similarity));
  newModel.sections.forEach((_, n) => {
    if (!newTaken.has(n)) matches.push({ old: null, new: n, status: 'added', similarity: 0 });
  });
  oldModel.sections.forEach((_, o) => {
    if (!oldTaken.has(o)) matches.push({ old: o, new: null, status: 'removed', similarity: 0 });
  });
  return matches.sort((a, b) => (a.new ?? Infinity) - (b.new ?? Infinity) || (a.old ?? 0) - (b.old ?? 0));
}

/**
 * Every old thing the new text no longer holds where it stood (a removed
 * paragraph, the old place of a moved one, the title of a removed section)
 * goes after the new partner of the paragraph that preceded it in its old
 * section; first in its section's new counterpart when nothing preceded it
 * there; else after the partner of whatever preceded it in the old text.
 */
function placeAll(
  oldModel: Declaration,
  newModel: Declaration,
  oldUnits: Unit[],
  newUnits: Unit[],
  pairOfOld: Array<Pair | null>,
  sections: SectionMatch[],
): Placed[][] {
  const newSectionOf = new Map<number, number>();
  for (const m of sections) if (m.old != null && m.new != null) newSectionOf.set(m.old, m.new);
  const after = new Map<number, Placed[]>();
  const atStart = new Map<number, Placed[]>();
  const push = <K>(map: Map<K, Placed[]>, key: K, entry: Placed) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  const anchored = (o: number) => {
    const pair = pairOfOld[o];
    return pair?.inOrder ? pair.new[pair.new.length - 1] : null;
  };
  /** Where an old thing at old unit position `before` (exclusive) of old section `section` goes. */
  const place = (entry: Placed, section: number, before: number) => {
    for (let j = before - 1; j >= 0 && oldUnits[j].section === section; j--) {
      const partner = anchored(j);
      if (partner != null) return push(after, partner, entry);
    }
    const own = newSectionOf.get(section);
    if (own != null) return push(atStart, own, entry);
    for (let j = before - 1; j >= 0; j--) {
      const partner = anchored(j);
      if (partner != null) return push(after, partner, entry);
    }
    push(atStart, 0, entry);
  };
  let u = 0;
  oldModel.sections.forEach((section, s) => {
    const first = u;
    if (section.title != null && !newSectionOf.has(s)) place({ kind: 'old-title', section: s }, s, first);
    for (; u < oldUnits.length && oldUnits[u].section === s; u++) {
      const pair = pairOfOld[u];
      if (!pair) place({ kind: 'ghost', unit: u, reason: 'removed' }, s, u);
      else if (pair.status === 'moved') place({ kind: 'ghost', unit: u, reason: 'moved-away' }, s, u);
    }
  });
  return newModel.sections.map((_, s) => {
    const out: Placed[] = [...(atStart.get(s) ?? [])];
    for (const n of newUnits) {
      if (n.section !== s) continue;
      out.push({ kind: 'unit', unit: n.index }, ...(after.get(n.index) ?? []));
    }
    return out;
  });
}

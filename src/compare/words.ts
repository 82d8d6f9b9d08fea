/**
 * Words, for similarity (run phase helper): letters and digits, case-folded,
 * NFKC-normalized; Chinese and Japanese characters count one by one (those
 * scripts write no spaces between words). A bag of words is weighted by how
 * rare each word is in the two texts compared (inverse document frequency).
 */

const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+/gu;

/** The words of a text, case-folded, in order. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").match(WORD) ?? [];
}

/** The text as compared for identity: whitespace collapsed, nothing else changed (a new capital is a change). */
export function identityKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Word counts. */
export type Bag = Map<string, number>;

export function bagOf(words: readonly string[]): Bag {
  const bag: Bag = new Map();
  for (const w of words) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
}

/** Inverse document frequency of every word of `bags`: ln(1 + N / df), N the number of bags, df the bags holding the word. */
export function idfOf(bags: readonly Bag[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of bag.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = bags.length;
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log(1 + n / d));
  return idf;
}

/** Σ count × weight: the size of a bag. */
export function massOf(bag: Bag, idf: ReadonlyMap<string, number>): number {
  let m = 0;
  for (const [w, c] of bag) m += c * (idf.get(w) ?? 1);
  return m;
}

/** Σ min(count in a, count in b) × weight: what two bags share. */
export function overlapOf(a: Bag, b: Bag, idf: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let m = 0;
  for (const [w, c] of small) {
    const d = large.get(w);
    if (d) m += Math.min(c, d) * (idf.get(w) ?? 1);
  }
  return m;
}

/** Weighted Dice coefficient: 2 × shared / (size of a + size of b); 1 for two empty bags. */
export function diceOf(a: Bag, b: Bag, idf: ReadonlyMap<string, number>): number {
  const total = massOf(a, idf) + massOf(b, idf);
  return total === 0 ? 1 : (2 * overlapOf(a, b, idf)) / total;
}

/** Plain (unweighted) Dice coefficient of two word lists. */
export function plainDice(a: readonly string[], b: readonly string[]): number {
  if (!a.length && !b.length) return 1;
  return (2 * overlapOf(bagOf(a), bagOf(b), UNIT)) / (a.length + b.length);
}

const UNIT: ReadonlyMap<string, number> = new Map();

/** Two bags added together. */
export function sumOf(bags: readonly Bag[]): Bag {
  const out: Bag = new Map();
  for (const bag of bags) for (const [w, c] of bag) out.set(w, (out.get(w) ?? 0) + c);
  return out;
}

/**
 * The evaluator behind `npm run eval`: compares what the analysis found with
 * hand-made gold annotations (test/gold/README.md). Pure functions on plain
 * data, so that test/unit/eval.test.ts can check the figures on small inputs.
 *
 * - Clauses: each predicted clause is placed in the gold sentence its `text`
 *   overlaps most (word overlap, robust to a heading glued to a sentence or
 *   a sentence cut in two); it is correct when that sentence has a gold
 *   clause, not yet matched, with the same actor (case-insensitive, without
 *   a leading "the" and punctuation) and the same verb.
 * - Strength: accuracy over the matched clauses.
 * - Glossary: an entry is correct when its acronym is in the gold with the
 *   same expansion (white space, quotes and case ignored; an expansion from
 *   the reference list counts as "not expanded in the text", i.e. null).
 * - Instruments: a title is correct when it is in the gold (same
 *   normalization).
 */

export interface GoldClause {
  actor: string;
  verb: string;
  strength: string;
  modality?: string | null;
  negated?: boolean;
  type?: string;
}

export interface GoldSentence {
  text: string;
  clauses: GoldClause[];
}

export interface GoldFile {
  id: string;
  source: string;
  style?: string;
  sentences: GoldSentence[];
  glossary: Array<{ acronym: string; expansion: string | null }>;
  instruments: string[];
}

export interface PredictedClause {
  actor: string;
  verb: string;
  strength: string;
  text: string;
  modality?: string | null;
  negated?: boolean;
  type?: string;
}

export interface PredictedGlossaryEntry {
  acronym: string;
  expansion: string | null;
  source?: 'text' | 'reference' | null;
}

export interface Counts {
  /** Predicted items. */
  predicted: number;
  /** Gold items. */
  gold: number;
  /** Predicted items that are correct. */
  correct: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClauseResult {
  clauses: Scores;
  /** Matched clauses whose strength is the gold one, over the matched clauses. */
  strength: { matched: number; correct: number; accuracy: number };
  /** Predicted clauses that matched nothing, and gold clauses nothing matched (for reading the errors). */
  falsePositives: Array<{ sentence: string | null; actor: string; verb: string }>;
  falseNegatives: Array<{ sentence: string; actor: string; verb: string }>;
}

export interface TextResult {
  id: string;
  style: string;
  clauses: Scores;
  strength: ClauseResult['strength'];
  glossary: Scores;
  instruments: Scores;
}

export interface EvalReport {
  texts: TextResult[];
  overall: Omit<TextResult, 'id' | 'style'>;
}

/** precision, recall and F1 from counts; an empty side gives 1 (nothing predicted, nothing missed). */
export function scores(c: Counts): Scores {
  const precision = c.predicted === 0 ? (c.gold === 0 ? 1 : 0) : c.correct / c.predicted;
  const recall = c.gold === 0 ? 1 : c.correct / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Lower-case words of a text, Markdown and punctuation left out. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Actor for comparison: case-insensitive, without a leading "the", punctuation and extra spaces. */
export function normalizeActor(actor: string): string {
  return words(actor).join(' ').replace(/^the /, '');
}

/** A title or expansion for comparison: quotes, dashes and white space unified, case ignored. */
export function normalizeTitle(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function multiset(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [w, c] of a) n += Math.min(c, b.get(w) ?? 0);
  return n;
}

/**
 * The gold sentence a predicted clause text belongs to: the one with the
 * largest overlap coefficient (shared words over the shorter text), ties
 * broken by the Dice coefficient; null when none shares at least 60% of
 * the shorter text.
 */
export function matchSentence(text: string, sentences: readonly string[]): number | null {
  const p = multiset(words(text));
  const pn = [...p.values()].reduce((a, b) => a + b, 0);
  if (!pn) return null;
  let best: number | null = null;
  let bestScore = -1;
  let bestDice = -1;
  sentences.forEach((s, i) => {
    const g = multiset(words(s));
    const gn = [...g.values()].reduce((a, b) => a + b, 0);
    if (!gn) return;
    const shared = overlap(p, g);
    const coefficient = shared / Math.min(pn, gn);
    const dice = (2 * shared) / (pn + gn);
    if (coefficient < 0.6 || dice < 0.2) return;
    if (coefficient > bestScore + 1e-9 || (Math.abs(coefficient - bestScore) <= 1e-9 && dice > bestDice)) {
      best = i;
      bestScore = coefficient;
      bestDice = dice;
    }
  });
  return best;
}

export function evaluateClauses(gold: readonly GoldSentence[], predicted: readonly PredictedClause[]): ClauseResult {
  const texts = gold.map((s) => s.text);
  const used = gold.map((s) => s.clauses.map(() => false));
  let correct = 0;
  let strengthCorrect = 0;
  const falsePositives: ClauseResult['falsePositives'] = [];
  const cache = new Map<string, number | null>();
  for (const c of predicted) {
    if (!cache.has(c.text)) cache.set(c.text, matchSentence(c.text, texts));
    const at = cache.get(c.text)!;
    let matched = -1;
    if (at != null) {
      matched = gold[at].clauses.findIndex(
        (g, k) => !used[at][k] && normalizeActor(g.actor) === normalizeActor(c.actor) && g.verb.toLowerCase() === c.verb.toLowerCase(),
      );
    }
    if (at != null && matched >= 0) {
      used[at][matched] = true;
      correct++;
      if (gold[at].clauses[matched].strength === c.strength) strengthCorrect++;
    } else falsePositives.push({ sentence: at != null ? gold[at].text : null, actor: c.actor, verb: c.verb });
  }
  const falseNegatives: ClauseResult['falseNegatives'] = [];
  gold.forEach((s, i) => s.clauses.forEach((g, k) => !used[i][k] && falseNegatives.push({ sentence: s.text, actor: g.actor, verb: g.verb })));
  const goldCount = gold.reduce((n, s) => n + s.clauses.length, 0);
  return {
    clauses: scores({ predicted: predicted.length, gold: goldCount, correct }),
    strength: { matched: correct, correct: strengthCorrect, accuracy: correct ? strengthCorrect / correct : 1 },
    falsePositives,
    falseNegatives,
  };
}

export function evaluateGlossary(gold: GoldFile['glossary'], predicted: readonly PredictedGlossaryEntry[]): Scores {
  const expected = new Map(gold.map((g) => [g.acronym, g.expansion == null ? null : normalizeTitle(g.expansion)]));
  let correct = 0;
  for (const p of predicted) {
    if (!expected.has(p.acronym)) continue;
    const expansion = p.source === 'reference' || p.expansion == null ? null : normalizeTitle(p.expansion);
    if (expected.get(p.acronym) === expansion) correct++;
  }
  return scores({ predicted: predicted.length, gold: gold.length, correct });
}

export function evaluateInstruments(gold: readonly string[], predicted: readonly string[]): Scores {
  const expected = new Set(gold.map(normalizeTitle));
  const seen = new Set<string>();
  let correct = 0;
  for (const p of predicted) {
    const key = normalizeTitle(p);
    if (expected.has(key) && !seen.has(key)) correct++;
    seen.add(key);
  }
  return scores({ predicted: predicted.length, gold: gold.length, correct });
}

/** Sum counts over texts (micro-average) and score them. */
export function overall(results: readonly TextResult[]): EvalReport['overall'] {
  const sum = (pick: (r: TextResult) => Counts): Scores =>
    scores(
      results.reduce<Counts>((a, r) => ({ predicted: a.predicted + pick(r).predicted, gold: a.gold + pick(r).gold, correct: a.correct + pick(r).correct }), {
        predicted: 0,
        gold: 0,
        correct: 0,
      }),
    );
  const matched = results.reduce((n, r) => n + r.strength.matched, 0);
  const strengthCorrect = results.reduce((n, r) => n + r.strength.correct, 0);
  return {
    clauses: sum((r) => r.clauses),
    strength: { matched, correct: strengthCorrect, accuracy: matched ? strengthCorrect / matched : 1 },
    glossary: sum((r) => r.glossary),
    instruments: sum((r) => r.instruments),
  };
}

const pct = (x: number) => x.toFixed(2);

/** The table `npm run eval` prints. */
export function formatTable(report: EvalReport): string {
  const head = ['text', 'clauses P', 'R', 'F1', 'strength', 'glossary P', 'R', 'instruments P', 'R'];
  const row = (name: string, r: Omit<TextResult, 'id' | 'style'>) => [
    name,
    `${pct(r.clauses.precision)} (${r.clauses.correct}/${r.clauses.predicted})`,
    `${pct(r.clauses.recall)} (${r.clauses.correct}/${r.clauses.gold})`,
    pct(r.clauses.f1),
    `${pct(r.strength.accuracy)} (${r.strength.correct}/${r.strength.matched})`,
    `${pct(r.glossary.precision)} (${r.glossary.correct}/${r.glossary.predicted})`,
    `${pct(r.glossary.recall)} (${r.glossary.correct}/${r.glossary.gold})`,
    `${pct(r.instruments.precision)} (${r.instruments.correct}/${r.instruments.predicted})`,
    `${pct(r.instruments.recall)} (${r.instruments.correct}/${r.instruments.gold})`,
  ];
  const rows = [head, ...report.texts.map((t) => row(t.id, t)), row('OVERALL', report.overall)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), ...rows.slice(1, -1).map(line), '-'.repeat(line(rows[0]).length), line(rows[rows.length - 1])].join('\n');
}

/** The evaluator behind `npm run eval` computes its figures right, on small hand-made inputs (not on the analysis). */
import { describe, it, expect } from 'vitest';
import {
  scores,
  matchSentence,
  normalizeActor,
  evaluateClauses,
  evaluateGlossary,
  evaluateInstruments,
  overall,
  formatTable,
  type GoldSentence,
  type TextResult,
} from '../../scripts/lib/evaluate.js';

const gold: GoldSentence[] = [
  {
    text: 'The two sides affirmed the ties and stressed the need for peace.',
    clauses: [
      { actor: 'The two sides', verb: 'affirm', strength: 'recognize' },
      { actor: 'The two sides', verb: 'stress', strength: 'urge' },
    ],
  },
  { text: 'The visit took place at a historic moment.', clauses: [] },
  { text: 'We will act.', clauses: [{ actor: 'We', verb: 'act', strength: 'commit' }] },
];

describe('evaluator', () => {
  it('precision, recall and F1 from counts', () => {
    expect(scores({ predicted: 4, gold: 5, correct: 3 })).toMatchObject({ precision: 0.75, recall: 0.6 });
    expect(scores({ predicted: 4, gold: 5, correct: 3 }).f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 10);
    // Nothing to find and nothing found is perfect; something found when nothing was to be found is not.
    expect(scores({ predicted: 0, gold: 0, correct: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scores({ predicted: 2, gold: 0, correct: 0 })).toMatchObject({ precision: 0, recall: 1 });
    expect(scores({ predicted: 0, gold: 3, correct: 0 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('matches a clause text to its gold sentence by word overlap, also with a heading glued on or a sentence cut short', () => {
    const texts = gold.map((s) => s.text);
    expect(matchSentence('The two sides affirmed the ties and stressed the need for peace.', texts)).toBe(0);
    expect(matchSentence('POLITICAL RELATIONS The two sides affirmed the ties and stressed the need for peace.', texts)).toBe(0);
    expect(matchSentence('The two sides affirmed the ties', texts)).toBe(0);
    expect(matchSentence('**We** will act.', texts)).toBe(2);
    expect(matchSentence('Something else entirely was said here.', texts)).toBeNull();
  });

  it('compares actors case-insensitively, without a leading "the" and punctuation', () => {
    expect(normalizeActor('The two sides')).toBe(normalizeActor('two Sides'));
    expect(normalizeActor('the U.S. side')).toBe('u s side');
    expect(normalizeActor('We,')).toBe('we');
  });

  it('counts a clause correct when actor and verb match a gold clause of its sentence, each gold clause once', () => {
    const result = evaluateClauses(gold, [
      { actor: 'the two sides', verb: 'affirm', strength: 'recognize', text: 'The two sides affirmed the ties and stressed the need for peace.' },
      { actor: 'The two sides', verb: 'affirm', strength: 'recognize', text: 'The two sides affirmed the ties and stressed the need for peace.' },
      { actor: 'The two sides', verb: 'stress', strength: 'encourage', text: 'The two sides affirmed the ties and stressed the need for peace.' },
      { actor: 'We', verb: 'act', strength: 'commit', text: 'The visit took place at a historic moment.' },
    ]);
    // Correct: affirm and stress (the second affirm has no gold clause left; "act" is in the wrong sentence).
    expect(result.clauses).toMatchObject({ predicted: 4, gold: 3, correct: 2, precision: 0.5 });
    expect(result.clauses.recall).toBeCloseTo(2 / 3, 10);
    // Strength over matched clauses: affirm right, stress wrong.
    expect(result.strength).toEqual({ matched: 2, correct: 1, accuracy: 0.5 });
    expect(result.falsePositives.map((f) => f.verb)).toEqual(['affirm', 'act']);
    expect(result.falseNegatives.map((f) => f.verb)).toEqual(['act']);
  });

  it('glossary: correct when the expansion matches; reference entries count as not expanded', () => {
    const g = evaluateGlossary(
      [
        { acronym: 'ASEAN', expansion: 'Association of Southeast Asian Nations' },
        { acronym: 'UN', expansion: null },
        { acronym: 'WTO', expansion: 'World Trade Organization' },
      ],
      [
        { acronym: 'ASEAN', expansion: 'association of  Southeast Asian Nations', source: 'text' },
        { acronym: 'UN', expansion: 'United Nations', source: 'reference' },
        { acronym: 'WTO', expansion: 'World Trade', source: 'text' },
        { acronym: 'ES', expansion: null, source: null },
      ],
    );
    expect(g).toMatchObject({ predicted: 4, gold: 3, correct: 2, precision: 0.5 });
    expect(g.recall).toBeCloseTo(2 / 3, 10);
  });

  it('instruments: titles compared with quotes, dashes, spaces and case unified; duplicates count once', () => {
    const r = evaluateInstruments(
      ['ASEAN Outlook on the Indo-Pacific', 'G7 Leaders’ Statement', 'Paris Agreement'],
      ['ASEAN outlook on the Indo–Pacific', "G7 Leaders' Statement", "G7 Leaders' Statement", 'Minsk agreements'],
    );
    expect(r).toMatchObject({ predicted: 4, gold: 3, correct: 2, precision: 0.5 });
  });

  it('overall figures add the counts of every text (micro-average) and the table shows them', () => {
    const text = (id: string, c: [number, number, number], s: [number, number]): TextResult => ({
      id,
      style: '',
      clauses: scores({ predicted: c[0], gold: c[1], correct: c[2] }),
      strength: { matched: s[0], correct: s[1], accuracy: s[0] ? s[1] / s[0] : 1 },
      glossary: scores({ predicted: 1, gold: 1, correct: 1 }),
      instruments: scores({ predicted: 2, gold: 1, correct: 1 }),
    });
    const texts = [text('a', [10, 10, 9], [9, 9]), text('b', [10, 30, 9], [9, 6])];
    const all = overall(texts);
    expect(all.clauses).toMatchObject({ predicted: 20, gold: 40, correct: 18, precision: 0.9, recall: 0.45 });
    expect(all.strength).toEqual({ matched: 18, correct: 15, accuracy: 15 / 18 });
    expect(all.instruments).toMatchObject({ precision: 0.5, recall: 1 });
    const table = formatTable({ texts, overall: all });
    expect(table).toMatch(/^text\s+clauses P/);
    expect(table).toMatch(/OVERALL\s+0\.90 \(18\/20\)\s+0\.45 \(18\/40\)/);
  });
});

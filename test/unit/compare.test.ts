/**
 * briefpack compare: the alignment's thresholds at their edges, random edits
 * of real texts reported exactly (a property test), the word-level diff
 * (accepting its insertions gives the new text, rejecting them the old), the
 * compare view, the JSON contract, and the tracked changes in the Word file.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Block, Declaration } from '../../src/model/schema.js';
import { loadLabels } from '../../src/view/labels.js';
import { buildView, type ViewOptions } from '../../src/view/build-view.js';
import type { BriefingView, ChangesPart, ViewBlock, ViewInline, ViewItem } from '../../src/view/types.js';
import { align, compareClauses, compareTexts, comparisonOf, diffInline, THRESHOLDS, unitsOf, type Comparison } from '../../src/compare/index.js';
import { bagOf, diceOf, idfOf, massOf, overlapOf, plainDice, sumOf, wordsOf } from '../../src/compare/words.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { renderContext } from '../helpers/compile.js';
import { CORPUS, ROOT } from '../helpers/paths.js';

const PAIRS = join(ROOT, 'test', 'pairs');
const RUNS = Number(process.env.COMPARE_RUNS ?? 6);
const SEED = Number(process.env.PROPERTY_SEED ?? 20251128);
const EPOCH = 1754265600;

function compile(path: string, text: string): Declaration {
  const result = compileSource(path, new TextEncoder().encode(text));
  if (!result.model) throw new Error(`${path} did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

const viewOptions = (model: Declaration): ViewOptions => ({ labels: loadLabels(model.meta.language), epoch: EPOCH, version: 'test', imageFolder: ROOT });

function compare(oldModel: Declaration, newModel: Declaration): Comparison {
  return comparisonOf(align(oldModel, newModel));
}

const statuses = (c: Comparison) => c.paragraphs.map((p) => p.status);
const notUnchanged = (c: Comparison) => c.paragraphs.filter((p) => p.status !== 'unchanged');

// ---- synthetic texts for the thresholds ---------------------------------------

/** Ten words no other paragraph has: `w<k>x<i>`. */
const words10 = (k: number) => Array.from({ length: 10 }, (_, i) => `w${k}x${'abcdefghij'[i]}`);
const para = (words: string[]) => `${words.join(' ')}.`;
/** A paragraph of `words10(k)` with its last `r` words replaced by new ones. */
const variant = (k: number, r: number) => [...words10(k).slice(0, 10 - r), ...Array.from({ length: r }, (_, i) => `v${k}y${'abcdefghij'[i]}`)];
const doc = (paragraphs: string[][], heading = '## Section') => `---\ntitle: Synthetic\n---\n\n${heading}\n\n${paragraphs.map(para).join('\n\n')}\n`;

/** The weighted similarity align() computes for old unit `o` and new unit `n`. */
function similarity(oldModel: Declaration, newModel: Declaration, o: number, n: number): number {
  const oldUnits = unitsOf(oldModel);
  const newUnits = unitsOf(newModel);
  const idf = idfOf([...oldUnits, ...newUnits].map((u) => u.bag));
  return diceOf(oldUnits[o].bag, newUnits[n].bag, idf);
}

describe('thresholds', () => {
  it(`paragraph (${THRESHOLDS.paragraph}): a paragraph moved elsewhere is the same paragraph only when at least this similar`, () => {
    const seen = new Set<boolean>();
    const base = [0, 1, 2, 3, 4, 5].map(words10);
    const oldModel = compile('old.md', doc(base));
    for (let r = 0; r <= 10; r++) {
      const newModel = compile('new.md', doc([...base.slice(1), variant(0, r)]));
      const sim = similarity(oldModel, newModel, 0, 5);
      const c = compare(oldModel, newModel);
      const matched = sim >= THRESHOLDS.paragraph;
      seen.add(matched);
      if (matched) {
        expect(c.paragraphs.find((p) => p.old === 's1-u1')).toMatchObject({ new: 's1-u6', status: 'moved' });
        expect(c.paragraphs.find((p) => p.old === 's1-u1')!.similarity).toBeCloseTo(sim, 2);
      } else {
        expect(c.paragraphs.find((p) => p.old === 's1-u1')).toMatchObject({ new: null, status: 'removed' });
        expect(c.paragraphs.find((p) => p.new === 's1-u6')).toMatchObject({ old: null, status: 'added' });
      }
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it(`nearby (${THRESHOLDS.nearby}): a paragraph rewritten in place is the same paragraph when at least this similar`, () => {
    const seen = new Set<string>();
    const base = [0, 1, 2, 3, 4].map(words10);
    const oldModel = compile('old.md', doc(base));
    for (let r = 0; r <= 10; r++) {
      const newModel = compile('new.md', doc([base[0], base[1], variant(2, r), base[3], base[4]]));
      const sim = similarity(oldModel, newModel, 2, 2);
      const entry = compare(oldModel, newModel).paragraphs.find((p) => p.old === 's1-u3')!;
      const expected = r === 0 ? 'unchanged' : sim >= THRESHOLDS.nearby ? 'changed' : 'removed';
      seen.add(expected);
      expect(entry.status, `r=${r} similarity ${sim.toFixed(3)}`).toBe(expected);
    }
    expect([...seen].sort()).toEqual(['changed', 'removed', 'unchanged']);
    // Between the two thresholds only the place makes the pair.
    expect(THRESHOLDS.nearby).toBeLessThan(THRESHOLDS.paragraph);
  });

  it(`splitShare (${THRESHOLDS.splitShare}): a new paragraph next to the partner of an old one is split from it when this share of its words is the old one's leftover`, () => {
    const long = [...words10(0), ...words10(1)];
    const seen = new Set<boolean>();
    const oldModel = compile('old.md', doc([words10(5), long, words10(6)]));
    for (let r = 0; r <= 5; r++) {
      const second = [...words10(1).slice(0, 10 - r), ...Array.from({ length: r }, (_, i) => `z${i}q`)];
      const newModel = compile('new.md', doc([words10(5), words10(0), second, words10(6)]));
      const oldUnits = unitsOf(oldModel);
      const newUnits = unitsOf(newModel);
      const idf = idfOf([...oldUnits, ...newUnits].map((u) => u.bag));
      const gain = overlapOf(oldUnits[1].bag, sumOf([newUnits[1].bag, newUnits[2].bag]), idf) - overlapOf(oldUnits[1].bag, newUnits[1].bag, idf);
      const split = gain >= THRESHOLDS.splitShare * massOf(newUnits[2].bag, idf);
      seen.add(split);
      const c = compare(oldModel, newModel);
      if (split)
        expect(c.paragraphs.filter((p) => p.status === 'split').map((p) => [p.old, p.new])).toEqual([
          ['s1-u2', 's1-u2'],
          ['s1-u2', 's1-u3'],
        ]);
      else expect(c.paragraphs.filter((p) => p.status === 'split')).toEqual([]);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it(`splitWords (${THRESHOLDS.splitWords}): a piece shorter than this is no split`, () => {
    const oldModel = compile('old.md', doc([words10(5), [...words10(0), 'tail', 'end'], words10(6)]));
    const newModel = compile('new.md', doc([words10(5), words10(0), ['tail', 'end'], words10(6)]));
    const c = compare(oldModel, newModel);
    expect(c.paragraphs.filter((p) => p.status === 'split')).toEqual([]);
    expect(c.paragraphs.find((p) => p.new === 's1-u3')?.status).toBe('added');
  });

  it('merged: two old paragraphs that became one', () => {
    const oldModel = compile('old.md', doc([words10(5), words10(0), words10(1), words10(6)]));
    const newModel = compile('new.md', doc([words10(5), [...words10(0), ...words10(1)], words10(6)]));
    const c = compare(oldModel, newModel);
    expect(c.paragraphs.filter((p) => p.status === 'merged').map((p) => [p.old, p.new])).toEqual([
      ['s1-u2', 's1-u2'],
      ['s1-u3', 's1-u2'],
    ]);
    expect(c.counts.paragraphs.merged).toBe(1);
  });

  it(`section (${THRESHOLDS.section}): sections are the same when their titles are at least this similar`, () => {
    const cases: Array<[string, string]> = [
      ['Climate and Energy', 'Climate and Energy'],
      ['Climate and Energy', 'Energy Security and Climate'],
      ['Global Health', 'Health'],
      ['Global Health Architecture', 'Health'],
      ['Trade', 'Food Security'],
    ];
    const seen = new Set<string>();
    for (const [a, b] of cases) {
      const sim = plainDice(wordsOf(a), wordsOf(b));
      const c = compare(compile('old.md', doc([words10(0)], `## ${a}`)), compile('new.md', doc([words10(0)], `## ${b}`)));
      const expected = a === b ? 'unchanged' : sim >= THRESHOLDS.section ? 'changed' : 'added';
      seen.add(expected);
      expect(c.sections.find((s) => s.newTitle === b)?.status, `${a} / ${b}: ${sim}`).toBe(expected);
    }
    expect([...seen].sort()).toEqual(['added', 'changed', 'unchanged']);
  });

  it(`clause (${THRESHOLDS.clause}): the same actor on the same subject is the same commitment; on another subject it is a new one`, () => {
    const text = (verb: string, subject: string) => `---\ntitle: Clauses\n---\n\n## Trade\n\n1. We ${verb} ${subject}.\n`;
    const subject = 'all members to adopt the framework for digital trade and paperless customs';
    const same = compareClauses(align(compile('old.md', text('encourage', subject)), compile('new.md', text('urge', subject))));
    expect(same.map((c) => [c.status, c.old?.verb, c.new?.verb])).toEqual([['strengthened', 'encourage', 'urge']]);
    const weaker = compareClauses(align(compile('old.md', text('urge', subject)), compile('new.md', text('encourage', subject))));
    expect(weaker.map((c) => c.status)).toEqual(['weakened']);
    const other = 'leaders to close the climate finance gap before the next summit meeting';
    expect(plainDice(wordsOf(subject), wordsOf(other))).toBeLessThan(THRESHOLDS.clause);
    const apart = compareClauses(
      align(
        compile('old.md', text('encourage', subject)),
        compile('new.md', `---\ntitle: Clauses\n---\n\n## Trade\n\n1. We urge ${subject}. We urge ${other}.\n`),
      ),
    );
    expect(apart.map((c) => c.status).sort()).toEqual(['added', 'strengthened']);
  });
});

// ---- random edits of real texts -----------------------------------------------

interface Text {
  path: string;
  source: string;
  model: Declaration;
  /** Top-level blocks of the text with their source slices. */
  blocks: Array<{ block: Block; start: number; end: number }>;
}

const SMALL_TEXTS = [
  join(CORPUS, 'apec-2023-golden-gate-declaration.md'),
  join(CORPUS, 'summit-of-americas-2022-los-angeles-declaration-migration.md'),
  join(CORPUS, 'quad-2024-wilmington-declaration.md'),
  join(CORPUS, 'g7-2023-hiroshima-ai-process-leaders-statement.md'),
  join(PAIRS, 'cri-2023-joint-statement.md'),
  join(PAIRS, 'cri-2024-joint-statement.md'),
  join(PAIRS, 'quad-2021-09-joint-statement.md'),
  join(PAIRS, 'quad-2023-05-joint-statement.md'),
];
const G20 = join(CORPUS, 'g20-2022-bali-leaders-declaration.md');

const texts = new Map<string, Text>();
function text(path: string): Text {
  let t = texts.get(path);
  if (!t) {
    const source = readFileSync(path, 'utf8');
    const model = compile(path, source);
    const blocks = model.sections.flatMap((s) => s.blocks.map((block) => ({ block, start: block.position.start.offset, end: block.position.end.offset })));
    t = { path, source, model, blocks };
    texts.set(path, t);
  }
  return t;
}

/** Paragraphs to insert: plain sentences of another text, no Markdown in them. */
const FOREIGN = [
  'Delegates agreed that the secretariat of the lighthouse network would publish its annual inventory of coastal beacons before the winter solstice.',
  'The working group on alpine rail freight will report on tunnel maintenance schedules, cross-border timetables and the noise standards of night trains.',
  'Ministers noted the progress of the orchard pollination survey and asked beekeeping associations to share their hive mortality data.',
];

const plainText = (s: string) => /^[^*_`[\]<>#|\\]+$/.test(s);
const keyOf = (b: Block) => b.text.replace(/\s+/g, ' ').trim();
const unique = (t: Text, b: Block) => keyOf(b) !== '' && t.blocks.filter((x) => keyOf(x.block) === keyOf(b)).length === 1;

/** Remove a block's slice and the blank lines after it. */
function cut(source: string, start: number, end: number): string {
  return source.slice(0, start) + source.slice(end).replace(/^\s*\n/, '');
}

function pick<T>(list: readonly T[], seed: number): T {
  return list[Math.abs(seed) % list.length];
}

/**
 * The edit did what it meant to do to the text's blocks (a Markdown edit can
 * do more: taking out the paragraph between two lists joins them): the
 * edited text's blocks are `expected`, as a multiset of texts.
 */
function sameBlocks(edited: Declaration, expected: string[]): boolean {
  const have = unitsOf(edited)
    .map((u) => keyOf(u.block))
    .sort();
  return JSON.stringify(have) === JSON.stringify([...expected].sort());
}

const keysOf = (t: Text) => t.blocks.map((b) => keyOf(b.block));

/** Every unchanged entry pairs identical texts; returns the entries that are not unchanged. */
function checkUnchanged(c: Comparison, oldModel: Declaration, newModel: Declaration) {
  const oldText = new Map(unitsOf(oldModel).map((u) => [u.id, keyOf(u.block)]));
  const newText = new Map(unitsOf(newModel).map((u) => [u.id, keyOf(u.block)]));
  for (const p of c.paragraphs) if (p.status === 'unchanged') expect(oldText.get(p.old!)).toBe(newText.get(p.new!));
  return notUnchanged(c);
}

describe('random edits of real texts are reported exactly', () => {
  beforeAll(() => {
    for (const p of SMALL_TEXTS) text(p);
  }, 120_000);

  const property = (name: string, paths: string[], run: (t: Text, seed: number) => void, runs = RUNS) =>
    it(
      name,
      () => {
        fc.assert(
          fc.property(fc.constantFrom(...paths), fc.integer(), (path, seed) => run(text(path), seed)),
          { numRuns: runs, seed: SEED },
        );
      },
      300_000,
    );

  property('delete a paragraph', SMALL_TEXTS, (t, seed) => {
    const candidates = t.blocks.filter((b) => unique(t, b.block));
    const victim = pick(candidates, seed);
    const edited = compile(t.path, cut(t.source, victim.start, victim.end));
    fc.pre(
      sameBlocks(
        edited,
        keysOf(t).filter((k) => k !== keyOf(victim.block)),
      ),
    );
    const c = compare(t.model, edited);
    const changes = checkUnchanged(c, t.model, edited);
    expect(changes.map((p) => [p.status, p.old])).toEqual([['removed', victim.block.id]]);
    expect(c.counts.paragraphs.unchanged).toBe(t.blocks.length - 1);
  });

  property('insert a paragraph', SMALL_TEXTS, (t, seed) => {
    const before = pick(t.blocks, seed);
    const inserted = pick(FOREIGN, seed >> 3);
    const edited = compile(t.path, `${t.source.slice(0, before.start)}${inserted}\n\n${t.source.slice(before.start)}`);
    fc.pre(sameBlocks(edited, [...keysOf(t), inserted]));
    const c = compare(t.model, edited);
    const changes = checkUnchanged(c, t.model, edited);
    expect(changes.map((p) => p.status)).toEqual(['added']);
    expect(keyOf(unitsOf(edited).find((u) => u.id === changes[0].new)!.block)).toBe(inserted);
    expect(c.counts.paragraphs.unchanged).toBe(t.blocks.length);
  });

  property('move a paragraph', SMALL_TEXTS, (t, seed) => {
    const candidates = t.blocks.map((b, i) => ({ b, i })).filter(({ b }) => unique(t, b.block));
    fc.pre(candidates.length > 0 && t.blocks.length >= 4);
    const { b: moved, i: from } = pick(candidates, seed);
    // Two places or more away: a swap with a neighbour is the neighbour's move as much as this one's.
    const targets = t.blocks.map((_, j) => j).filter((j) => j < from - 1 || j > from + 2);
    fc.pre(targets.length > 0);
    const to = pick(targets, seed >> 4);
    const slice = t.source.slice(moved.start, moved.end);
    const at = to < t.blocks.length ? t.blocks[to].start : t.source.length;
    let source: string;
    if (at > moved.start) source = cut(t.source.slice(0, at), moved.start, moved.end) + `${slice}\n\n` + t.source.slice(at);
    else source = `${t.source.slice(0, at)}${slice}\n\n${cut(t.source.slice(at), moved.start - at, moved.end - at)}`;
    const edited = compile(t.path, source);
    fc.pre(sameBlocks(edited, keysOf(t)));
    const c = compare(t.model, edited);
    const changes = checkUnchanged(c, t.model, edited);
    expect(changes.map((p) => [p.status, p.old, p.similarity])).toEqual([['moved', moved.block.id, 1]]);
  });

  property(
    'renumber every paragraph after a point',
    [join(CORPUS, 'apec-2023-golden-gate-declaration.md'), G20],
    (t, seed) => {
      const numbered = t.blocks.filter((b) => b.block.kind === 'numbered' && b.block.number != null);
      const from = Math.abs(seed) % numbered.length;
      let source = t.source;
      for (const b of numbered.slice(from).reverse()) {
        const head = /^(\d+)(\\?\.)/.exec(source.slice(b.start));
        expect(head, source.slice(b.start, b.start + 20)).not.toBeNull();
        source = `${source.slice(0, b.start)}${Number(head![1]) + 1}${head![2]}${source.slice(b.start + head![0].length)}`;
      }
      const edited = compile(t.path, source);
      const c = compare(t.model, edited);
      expect(checkUnchanged(c, t.model, edited)).toEqual([]);
      const renumbered = c.paragraphs.filter((p) => p.oldNumber !== p.newNumber);
      expect(renumbered).toHaveLength(numbered.length - from);
      for (const p of renumbered) expect(p.newNumber).toBe(p.oldNumber! + 1);
    },
    4,
  );

  property('change a word', SMALL_TEXTS, (t, seed) => {
    const candidates = t.blocks.filter((b) => unique(t, b.block) && b.block.text.split(/\s+/).length >= 8 && !/\]\(|<|`/.test(t.source.slice(b.start, b.end)));
    const target = pick(candidates, seed);
    const slice = t.source.slice(target.start, target.end);
    const words = [...slice.matchAll(/(?<![\p{L}\p{N}'’-])[a-z]{4,}(?![\p{L}\p{N}'’-])/gu)];
    fc.pre(words.length > 0);
    const word = pick(words, seed >> 5);
    const at = target.start + word.index!;
    const edited = compile(t.path, `${t.source.slice(0, at)}zanzibarine${t.source.slice(at + word[0].length)}`);
    const { comparison: c, view } = compareTexts(t.model, edited, viewOptions(edited));
    const changes = checkUnchanged(c, t.model, edited);
    expect(changes.map((p) => [p.status, p.old])).toEqual([['changed', target.block.id]]);
    // The redline: exactly that word out and the new one in.
    const block = viewBlocks(view).find((b) => b.id === changes[0].new)!;
    expect(marks(block)).toEqual([
      ['del', word[0]],
      ['ins', 'zanzibarine'],
    ]);
  });

  property(
    'change "We encourage" to "We urge": strengthened',
    [join(CORPUS, 'apec-2023-golden-gate-declaration.md'), G20],
    (t, seed) => {
      const at = [...t.source.matchAll(/We encourage\b/g)].map((m) => m.index!);
      const i = pick(at, seed);
      const edited = compile(t.path, `${t.source.slice(0, i)}We urge${t.source.slice(i + 'We encourage'.length)}`);
      const alignment = align(t.model, edited);
      const c = comparisonOf(alignment);
      const changes = checkUnchanged(c, t.model, edited);
      const target = t.blocks.find((b) => b.start <= i && i < b.end)!;
      expect(changes.map((p) => [p.status, p.old])).toEqual([['changed', target.block.id]]);
      expect(c.clauses.filter((x) => x.status !== 'unchanged').map((x) => [x.status, x.old?.verb, x.new?.verb, x.old?.strength, x.new?.strength])).toEqual([
        ['strengthened', 'encourage', 'urge', 'encourage', 'urge'],
      ]);
    },
    4,
  );

  property('split a paragraph', SMALL_TEXTS, (t, seed) => {
    const candidates = t.blocks.flatMap((b) => {
      if (b.block.kind !== 'plain' || !unique(t, b.block)) return [];
      const slice = t.source.slice(b.start, b.end);
      if (!plainText(slice)) return [];
      const points = [...slice.matchAll(/[.;:][ \n](?=[A-Z])/g)]
        .map((m) => m.index! + 1)
        .filter((p) => wordsOf(slice.slice(0, p)).length >= 3 && wordsOf(slice.slice(p)).length >= 3);
      return points.map((p) => ({ b, p }));
    });
    fc.pre(candidates.length > 0);
    const { b, p } = pick(candidates, seed);
    const at = b.start + p;
    const edited = compile(t.path, `${t.source.slice(0, at)}\n\n${t.source.slice(at + 1)}`);
    fc.pre(unitsOf(edited).length === t.blocks.length + 1);
    const c = compare(t.model, edited);
    const changes = checkUnchanged(c, t.model, edited);
    expect(changes.map((x) => [x.status, x.old])).toEqual([
      ['split', b.block.id],
      ['split', b.block.id],
    ]);
    expect(c.counts.paragraphs.split).toBe(1);
  });
});

// ---- the word-level diff ------------------------------------------------------

/** The text of inline content with insertions accepted (or rejected). */
function resolve(nodes: readonly ViewInline[], accept: boolean): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text') s += n.value;
    else if (n.type === 'code') s += n.value;
    else if (n.type === 'break') s += '\n';
    else if (n.type === 'ins') s += accept ? resolve(n.children, accept) : '';
    else if (n.type === 'del') s += accept ? '' : resolve(n.children, accept);
    else if ('children' in n) s += resolve(n.children, accept);
  }
  return s;
}

const LABELS = { inserted: 'inserted', deleted: 'deleted' };

describe('word-level diff (jsdiff)', () => {
  it('accepting every insertion gives the new text, rejecting gives the old', () => {
    const word = fc.constantFrom('We', 'encourage', 'urge', 'all', 'parties', 'to', 'the', 'Indo-Pacific', 'climate', ',', '.', '2030', 'finance', 'and');
    const sentence = fc.array(word, { minLength: 0, maxLength: 30 }).map((w) => w.join(' ').replace(/ ([,.])/g, '$1'));
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        const out = diffInline([{ type: 'text', value: a }], [{ type: 'text', value: b }], LABELS);
        expect(resolve(out, true)).toBe(b);
        expect(resolve(out, false)).toBe(a);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('keeps the formatting of each side, and marks a changed word once', () => {
    const out = diffInline(
      [
        { type: 'text', value: 'We ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'encourage' }] },
        { type: 'text', value: ' all parties.' },
      ],
      [
        { type: 'text', value: 'We ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'urge' }] },
        { type: 'text', value: ' all parties.' },
      ],
      LABELS,
    );
    expect(out).toEqual([
      { type: 'text', value: 'We ' },
      { type: 'del', label: 'deleted', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'encourage' }] }] },
      { type: 'ins', label: 'inserted', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'urge' }] }] },
      { type: 'text', value: ' all parties.' },
    ]);
  });

  it('joins a rewritten stretch into one deletion and one insertion', () => {
    const out = diffInline([{ type: 'text', value: 'support the fund of the bank now' }], [{ type: 'text', value: 'welcome a plan of a group now' }], LABELS);
    expect(out.filter((n) => n.type === 'del' || n.type === 'ins')).toHaveLength(2);
  });

  it('turns a deleted note reference into its old number, and drops links to old anchors', () => {
    const out = diffInline(
      [
        { type: 'text', value: 'See ' },
        { type: 'xref', target: 'p4', children: [{ type: 'text', value: 'above' }] },
        { type: 'noteRef', note: 'fn1', number: 1, anchor: 'fn1-ref' },
      ],
      [{ type: 'text', value: 'See' }],
      LABELS,
    );
    const del = out.find((n) => n.type === 'del') as Extract<ViewInline, { type: 'del' }>;
    expect(JSON.stringify(del)).not.toContain('xref');
    expect(JSON.stringify(del)).not.toContain('noteRef');
    expect(JSON.stringify(del)).toContain('"superscript"');
  });
});

// ---- the compare view, the JSON contract, HTML and Word ------------------------

function viewBlocks(view: BriefingView): ViewBlock[] {
  const out: ViewBlock[] = [];
  const walk = (b: ViewBlock) => {
    out.push(b);
    if (b.kind === 'numbered' || b.kind === 'paragraph' || b.kind === 'quote') b.children.forEach(walk);
    if (b.kind === 'list') b.items.forEach((i: ViewItem) => i.children.forEach(walk));
  };
  for (const p of view.parts) if (p.kind === 'text') for (const s of p.sections) s.blocks.forEach(walk);
  return out;
}

/** The ins and del marks of a block and what it holds, with their words. */
function marks(b: ViewBlock): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (nodes: readonly ViewInline[]) => {
    for (const n of nodes) {
      if (n.type === 'ins' || n.type === 'del') out.push([n.type, resolve(n.children, true).trim()]);
      else if ('children' in n) walk(n.children);
    }
  };
  const block = (x: ViewBlock) => {
    if ('content' in x) walk(x.content);
    if (x.kind === 'numbered' || x.kind === 'paragraph' || x.kind === 'quote') x.children.forEach(block);
    if (x.kind === 'list')
      for (const i of x.items) {
        walk(i.content);
        i.children.forEach(block);
      }
  };
  block(b);
  return out;
}

function hasChangeNodes(view: BriefingView): boolean {
  const json = JSON.stringify(view, (_k, v: unknown) => (v instanceof Uint8Array ? null : v));
  return /"type":"(ins|del)"|"change":|"kind":"changes"/.test(json);
}

describe('the compare pack of a real pair (CRI 2023 -> 2024)', () => {
  let oldModel: Declaration;
  let newModel: Declaration;
  let compared: ReturnType<typeof compareTexts>;
  beforeAll(() => {
    oldModel = text(join(PAIRS, 'cri-2023-joint-statement.md')).model;
    newModel = text(join(PAIRS, 'cri-2024-joint-statement.md')).model;
    compared = compareTexts(oldModel, newModel, viewOptions(newModel));
  }, 120_000);

  it('gives the JSON contract: exactly these keys and types', () => {
    const c = JSON.parse(JSON.stringify(compared.comparison)) as Record<string, unknown>;
    expect(c.old).toMatchObject({ id: 'cri-2023-joint-statement', title: 'International Counter Ransomware Initiative 2023 Joint\u00a0Statement' });
    expect(c.new).toMatchObject({ id: 'cri-2024-joint-statement', title: expect.any(String) });
    for (const key of ['old', 'new', 'paragraphs', 'clauses', 'instruments', 'glossary']) expect(c).toHaveProperty(key);
    const paragraphs = c.paragraphs as Array<Record<string, unknown>>;
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const p of paragraphs) {
      expect(['unchanged', 'changed', 'moved', 'added', 'removed', 'split', 'merged']).toContain(p.status);
      expect(p.old === null || typeof p.old === 'string').toBe(true);
      expect(p.new === null || typeof p.new === 'string').toBe(true);
      expect(typeof p.similarity).toBe('number');
      if (p.status === 'added') expect(p.old).toBeNull();
      if (p.status === 'removed') expect(p.new).toBeNull();
    }
    for (const clause of c.clauses as Array<Record<string, Record<string, unknown> | string | null>>) {
      expect(['added', 'removed', 'strengthened', 'weakened', 'unchanged']).toContain(clause.status);
      for (const side of [clause.old, clause.new])
        if (side && typeof side === 'object') expect(Object.keys(side)).toEqual(expect.arrayContaining(['paragraph', 'verb', 'strength']));
      if (clause.status === 'added') expect(clause.old).toBeNull();
      if (clause.status === 'removed') expect(clause.new).toBeNull();
    }
    for (const key of ['instruments', 'glossary']) {
      const value = c[key] as Record<string, unknown>;
      expect(Object.keys(value).sort()).toEqual(['added', 'removed']);
      expect(Array.isArray(value.added) && Array.isArray(value.removed)).toBe(true);
    }
    expect(c.glossary).toMatchObject({ added: expect.arrayContaining(['AI']), removed: expect.arrayContaining(['FATF', 'MISP']) });
  });

  it('puts the summary first, then the new text with its changes', () => {
    const kinds = compared.view.parts.map((p) => p.kind);
    expect(kinds[0]).toBe('changes');
    expect(kinds[1]).toBe('text');
    const summary = compared.view.parts[0] as ChangesPart;
    expect(summary.tables.map((t) => t.id)).toEqual([
      'changes-paragraphs',
      'changes-commitments',
      'changes-strength',
      'changes-added',
      'changes-removed',
      'changes-instruments',
      'changes-acronyms',
    ]);
    const blocks = viewBlocks(compared.view);
    const ids = blocks.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every removed paragraph is shown, deleted, where it stood.
    for (const p of compared.comparison.paragraphs.filter((x) => x.status === 'removed')) expect(ids).toContain(`old-${p.old}`);
    expect(blocks.filter((b) => b.change?.status === 'removed').length).toBe(compared.comparison.counts.paragraphs.removed);
  });

  it('never puts compare marks in a normal pack', () => {
    expect(hasChangeNodes(buildView(newModel, viewOptions(newModel)))).toBe(false);
    expect(hasChangeNodes(compared.view)).toBe(true);
  });

  it('renders <ins> and <del> with words for screen readers, the legend and the switch', async () => {
    const html = await renderHtml(compared.view, renderContext('cri.md', { css: [readFileSync(join(ROOT, 'templates', 'html', 'compare.css'), 'utf8')] }));
    expect(html).toMatch(/<ins class="chg"><span class="visually-hidden chg-sr">inserted: <\/span>/);
    expect(html).toMatch(/<del class="chg"><span class="visually-hidden chg-sr">deleted: <\/span>/);
    expect(html).toContain('<input type="radio" class="cmp-radio" name="cmp-view" id="cmp-view-changes" checked>');
    expect(html).toContain('<label for="cmp-view-clean">');
    expect(html.indexOf('id="changes"')).toBeLessThan(html.indexOf('id="text"'));
  });

  it('writes Word tracked changes by "briefpack", dated from the view', async () => {
    const docx = await renderDocx(compared.view, renderContext('cri.md'));
    const xml = strFromU8(unzipSync(docx)['word/document.xml']);
    const date = new Date(EPOCH * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(xml).toMatch(new RegExp(`<w:ins w:id="\\d+" w:author="briefpack" w:date="${date}">`));
    expect(xml).toMatch(new RegExp(`<w:del w:id="\\d+" w:author="briefpack" w:date="${date}">`));
    expect(xml).toContain('<w:delText');
    // A removed paragraph's mark is deleted too: accepting leaves no empty paragraph.
    expect(xml).toMatch(/<w:rPr><w:del w:id="\d+" w:author="briefpack"/);
  });
});

describe('moves in Word', () => {
  it('writes a moved paragraph as w:moveFrom / w:moveTo in named ranges', async () => {
    const t = text(join(CORPUS, 'apec-2023-golden-gate-declaration.md'));
    const moved = t.blocks[3];
    const at = t.blocks[10].start;
    const source = cut(t.source.slice(0, at), moved.start, moved.end) + `${t.source.slice(moved.start, moved.end)}\n\n` + t.source.slice(at);
    const edited = compile(t.path, source);
    const { comparison, view } = compareTexts(t.model, edited, viewOptions(edited));
    expect(notUnchanged(comparison).map((p) => p.status)).toEqual(['moved']);
    const xml = strFromU8(unzipSync(await renderDocx(view, renderContext('apec.md')))['word/document.xml']);
    expect(xml).toMatch(/<w:moveFromRangeStart w:id="\d+" w:name="move1" w:author="briefpack"/);
    expect(xml).toMatch(/<w:moveToRangeStart w:id="\d+" w:name="move1" w:author="briefpack"/);
    expect(xml).toMatch(/<w:moveFrom w:id="\d+" w:author="briefpack" w:date="[^"]+"><w:r>/);
    expect(xml).toMatch(/<w:moveTo w:id="\d+" w:author="briefpack" w:date="[^"]+"><w:r>/);
    expect(xml).toContain('<w:moveFromRangeEnd');
    expect(xml).toContain('<w:moveToRangeEnd');
    // No plain insertion or deletion is left for a pure move.
    expect(xml).not.toMatch(/<w:(ins|del) w:id/);
    expect(statuses(comparison).filter((s) => s !== 'unchanged')).toEqual(['moved']);
  });
});

describe('words', () => {
  it('weights rare words above common ones', () => {
    const bags = [bagOf(['the', 'ransomware']), bagOf(['the', 'climate']), bagOf(['the', 'trade'])];
    const idf = idfOf(bags);
    expect(idf.get('ransomware')!).toBeGreaterThan(idf.get('the')!);
    expect(diceOf(bagOf(['the']), bagOf(['the']), idf)).toBe(1);
  });
});

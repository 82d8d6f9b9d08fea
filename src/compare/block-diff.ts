/**
 * Run phase (compare): view blocks with their changes marked. A block of
 * the new text diffed against its old counterpart keeps the new text's
 * shape (kind, number, id) and holds `ins` / `del` words; its sub-items and
 * other children are aligned in order (identical first, then similar ones
 * paired, the rest added or removed). An old block shown where it stood has
 * every word deleted and its ids prefixed `old-` (the new text may use the
 * same ids).
 */
import { diffArrays } from 'diff';
import type { BlockChange, ViewBlock, ViewInline, ViewItem } from '../view/types.js';
import { diffInline, tokenText, wholly, type MarkLabels } from './inline-diff.js';
import { THRESHOLDS } from './thresholds.js';
import { identityKey, plainDice, wordsOf } from './words.js';

export interface BlockDiffContext {
  marks: MarkLabels;
  /** The mark of a nested block added or removed inside a changed one. */
  added: BlockChange;
  removed: BlockChange;
}

/** Prefix of the ids of old blocks shown in the new text. */
export const OLD_PREFIX = 'old-';

/** The plain words of a block and everything it holds. */
function blockText(b: ViewBlock): string {
  switch (b.kind) {
    case 'numbered':
    case 'paragraph':
      return [tokenText(b.content), ...b.children.map(blockText)].join(' ');
    case 'heading':
      return tokenText(b.content);
    case 'list':
      return b.items.map(itemText).join(' ');
    case 'table':
      return [b.head, ...b.rows].flatMap((row) => row.map(tokenText)).join(' ');
    case 'code':
      return b.value;
    case 'quote':
      return b.children.map(blockText).join(' ');
    case 'rule':
      return '';
  }
}

function itemText(i: ViewItem): string {
  return [tokenText(i.content), ...i.children.map(blockText)].join(' ');
}

/** A block whose every word is inserted (`ins`) or deleted (`del`, ids prefixed), marked `change` when given. */
export function whollyBlock(status: 'ins' | 'del', b: ViewBlock, ctx: BlockDiffContext, change?: BlockChange): ViewBlock {
  const words = (c: readonly ViewInline[]) => wholly(status, c, ctx.marks);
  const id = (s: string) => (status === 'del' ? OLD_PREFIX + s : s);
  const out = mapBlock(b, words, id);
  return change ? { ...out, change } : out;
}

/** Every inline run and id of a block, mapped. Code becomes a paragraph of inline code (a code block has no inline content to mark). */
function mapBlock(b: ViewBlock, words: (c: readonly ViewInline[]) => ViewInline[], id: (s: string) => string): ViewBlock {
  const item = (i: ViewItem): ViewItem => ({ ...i, id: id(i.id), content: words(i.content), children: i.children.map((c) => mapBlock(c, words, id)) });
  switch (b.kind) {
    case 'numbered':
    case 'paragraph':
      return { ...b, id: id(b.id), content: words(b.content), children: b.children.map((c) => mapBlock(c, words, id)) };
    case 'heading':
      return { ...b, id: id(b.id), content: words(b.content) };
    case 'list':
      return { ...b, id: id(b.id), items: b.items.map(item) };
    case 'table':
      return { ...b, id: id(b.id), head: b.head.map(words), rows: b.rows.map((r) => r.map(words)) };
    case 'code':
      return { id: id(b.id), lang: b.lang, marker: b.marker, kind: 'paragraph', content: words([{ type: 'code', value: b.value }]), children: [] };
    case 'quote':
      return { ...b, id: id(b.id), children: b.children.map((c) => mapBlock(c, words, id)) };
    case 'rule':
      return { ...b, id: id(b.id) };
  }
}

/**
 * How old block `o` became new block `n`: usually one block, the new one with
 * its changes marked; two (the old one removed, the new one added) when they
 * are not the same kind of thing.
 */
export function diffBlock(o: ViewBlock, n: ViewBlock, ctx: BlockDiffContext): ViewBlock[] {
  if ((o.kind === 'numbered' || o.kind === 'paragraph' || o.kind === 'heading') && (n.kind === 'numbered' || n.kind === 'paragraph' || n.kind === 'heading')) {
    const oldChildren = o.kind === 'heading' ? [] : o.children;
    const content = diffInline(o.content, n.content, ctx.marks);
    if (n.kind === 'heading') return [{ ...n, content }, ...oldChildren.map((c) => whollyBlock('del', c, ctx, ctx.removed))];
    return [{ ...n, content, children: diffBlocks(oldChildren, n.children, ctx) }];
  }
  if (o.kind === 'list' && n.kind === 'list') return [{ ...n, items: diffItems(o.items, n.items, ctx) }];
  if (o.kind === 'quote' && n.kind === 'quote') return [{ ...n, children: diffBlocks(o.children, n.children, ctx) }];
  if (o.kind === 'table' && n.kind === 'table' && o.head.length === n.head.length) {
    const head = n.head.map((cell, i) => diffInline(o.head[i] ?? [], cell, ctx.marks));
    const rows: ViewInline[][][] = [];
    for (const step of alignSequence(o.rows, n.rows, (r) => r.map(tokenText).join('\u0000'))) {
      if (step.kind === 'del') rows.push(step.o.map((c) => wholly('del', c, ctx.marks)));
      else if (step.kind === 'ins') rows.push(step.n.map((c) => wholly('ins', c, ctx.marks)));
      else rows.push(step.n.map((cell, i) => diffInline(step.o[i] ?? [], cell, ctx.marks)));
    }
    return [{ ...n, head, rows }];
  }
  if ((o.kind === 'code' && n.kind === 'code' && o.value === n.value) || (o.kind === 'rule' && n.kind === 'rule')) return [n];
  return [whollyBlock('del', o, ctx, ctx.removed), whollyBlock('ins', n, ctx, ctx.added)];
}

/** Two lists of blocks (the children of a changed block), aligned in order. */
export function diffBlocks(olds: readonly ViewBlock[], news: readonly ViewBlock[], ctx: BlockDiffContext): ViewBlock[] {
  const out: ViewBlock[] = [];
  for (const step of alignSequence(olds, news, (b) => `${b.kind}\u0000${identityKey(blockText(b))}`)) {
    if (step.kind === 'del') out.push(whollyBlock('del', step.o, ctx, ctx.removed));
    else if (step.kind === 'ins') out.push(whollyBlock('ins', step.n, ctx, ctx.added));
    else if (step.kind === 'same') out.push(step.n);
    else out.push(...diffBlock(step.o, step.n, ctx));
  }
  return out;
}

function diffItems(olds: readonly ViewItem[], news: readonly ViewItem[], ctx: BlockDiffContext): ViewItem[] {
  const out: ViewItem[] = [];
  const inserted = (i: ViewItem, status: 'ins' | 'del'): ViewItem => {
    const asBlock = whollyBlock(status, { ...i, kind: 'paragraph' }, ctx) as Extract<ViewBlock, { kind: 'paragraph' }>;
    return { ...i, id: asBlock.id, content: asBlock.content, children: asBlock.children, change: status === 'ins' ? ctx.added : ctx.removed };
  };
  for (const step of alignSequence(olds, news, (i) => identityKey(itemText(i)))) {
    if (step.kind === 'del') out.push(inserted(step.o, 'del'));
    else if (step.kind === 'ins') out.push(inserted(step.n, 'ins'));
    else if (step.kind === 'same') out.push(step.n);
    else out.push({ ...step.n, content: diffInline(step.o.content, step.n.content, ctx.marks), children: diffBlocks(step.o.children, step.n.children, ctx) });
  }
  return out;
}

type Step<T> = { kind: 'same' | 'pair'; o: T; n: T } | { kind: 'del'; o: T } | { kind: 'ins'; n: T };

/**
 * Two sequences in order: identical elements (by `key`) found by jsdiff;
 * in each stretch between them, old and new elements paired in order when
 * their words are similar enough (plain Dice ≥ the paragraph threshold).
 */
function alignSequence<T>(olds: readonly T[], news: readonly T[], key: (x: T) => string): Array<Step<T>> {
  const oldKeys = olds.map(key);
  const newKeys = news.map(key);
  const steps: Array<Step<T>> = [];
  let o = 0;
  let n = 0;
  let removed: T[] = [];
  let added: T[] = [];
  const flush = () => {
    steps.push(...pairInOrder(removed, added, key));
    removed = [];
    added = [];
  };
  for (const change of diffArrays(oldKeys, newKeys)) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      removed.push(...olds.slice(o, o + count));
      o += count;
    } else if (change.added) {
      added.push(...news.slice(n, n + count));
      n += count;
    } else {
      flush();
      for (let i = 0; i < count; i++) steps.push({ kind: 'same', o: olds[o + i], n: news[n + i] });
      o += count;
      n += count;
    }
  }
  flush();
  return steps;
}

function pairInOrder<T>(removed: T[], added: T[], key: (x: T) => string): Array<Step<T>> {
  const steps: Array<Step<T>> = [];
  const words = (x: T) => wordsOf(key(x));
  let j = 0;
  for (const o of removed) {
    const ow = words(o);
    let match = -1;
    for (let k = j; k < added.length; k++) {
      if (plainDice(ow, words(added[k])) >= THRESHOLDS.paragraph) {
        match = k;
        break;
      }
    }
    if (match < 0) {
      steps.push({ kind: 'del', o });
      continue;
    }
    for (; j < match; j++) steps.push({ kind: 'ins', n: added[j] });
    steps.push({ kind: 'pair', o, n: added[j++] });
  }
  for (; j < added.length; j++) steps.push({ kind: 'ins', n: added[j] });
  return steps;
}

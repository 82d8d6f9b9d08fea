/**
 * Run phase (compare): the compare view — a briefing view of the new text
 * with its changes marked, decided once for every format.
 *
 * Its parts: the changes (the summary, first), the new text with `ins` and
 * `del` words and a `change` on every block that changed, and the new
 * text's notes. Each new section holds its blocks in the new order, with
 * the old blocks that have no place in the new text shown where they stood
 * (removed, or the old place of a moved one) and the titles of removed
 * sections. Paragraph numbers are the new text's; an old block shows its
 * old number. The cover, contents, background note and annexes of a normal
 * pack are left out: the summary stands in for them.
 */
import type { Declaration } from '../model/schema.js';
import { buildView, type ViewOptions } from '../view/build-view.js';
import { fillLabel } from '../view/labels.js';
import { RefLabels } from '../view/refs.js';
import type { BlockChange, BriefingView, ChangeStatus, ContentsEntry, Part, ViewBlock, ViewInline, ViewItem, ViewSection } from '../view/types.js';
import type { Alignment, Pair } from './align.js';
import { diffBlock, diffBlocks, OLD_PREFIX, whollyBlock, type BlockDiffContext } from './block-diff.js';
import type { ClauseChange } from './clauses.js';
import type { Comparison } from './comparison.js';
import { diffInline, diffInlineSplit, wholly } from './inline-diff.js';
import { compareLabels, type AllLabels } from './labels.js';
import { changesPart } from './summary.js';

/** Only the text and its notes: the compare view adds its own part. */
const TEXT_ONLY: NonNullable<ViewOptions['parts']> = {
  cover: false,
  contents: false,
  background: false,
  annexes: { commitments: false, glossary: false, instruments: false },
};

type TextPart = Extract<Part, { kind: 'text' }>;

export function buildCompareView(alignment: Alignment, comparison: Comparison, clauses: readonly ClauseChange[], options: ViewOptions): BriefingView {
  const labels = compareLabels(options.labels);
  const oldView = buildView(alignment.old, { ...options, parts: TEXT_ONLY });
  const newView = buildView(alignment.new, { ...options, parts: TEXT_ONLY });
  return new CompareViewBuilder(alignment, comparison, clauses, labels, oldView, newView).build();
}

class CompareViewBuilder {
  private readonly marks: { inserted: string; deleted: string };
  private readonly ctx: BlockDiffContext;
  private readonly oldRefs: RefLabels;
  private readonly newRefs: RefLabels;
  private readonly oldBlocks: Map<string, ViewBlock>;
  private readonly newBlocks: Map<string, ViewBlock>;
  private readonly oldText: TextPart;
  private readonly newText: TextPart;
  /** Names of the moves, by pair (Word pairs the two places of a move by name). */
  private readonly moves = new Map<Pair, string>();
  /** Blocks of split pairs, made when the first of their new blocks is met. */
  private readonly splits = new Map<number, ViewBlock>();

  constructor(
    private readonly alignment: Alignment,
    private readonly comparison: Comparison,
    private readonly clauses: readonly ClauseChange[],
    private readonly labels: AllLabels,
    private readonly oldView: BriefingView,
    private readonly newView: BriefingView,
  ) {
    this.marks = { inserted: labels.compareInserted, deleted: labels.compareDeleted };
    this.ctx = { marks: this.marks, added: this.change('added', labels.compareAdded), removed: this.change('removed', labels.compareRemoved) };
    this.oldText = textPart(oldView);
    this.newText = textPart(newView);
    this.oldRefs = new RefLabels(alignment.old, labels, this.oldText.headingText);
    this.newRefs = new RefLabels(alignment.new, labels, this.newText.headingText);
    this.oldBlocks = blocksById(this.oldText, alignment.old);
    this.newBlocks = blocksById(this.newText, alignment.new);
    let n = 0;
    for (const pair of alignment.pairs) if (pair.status === 'moved') this.moves.set(pair, `move${++n}`);
  }

  build(): BriefingView {
    const { labels, newView } = this;
    const sections = this.newText.sections.map((s, i) => this.section(s, i));
    const text: TextPart = { ...this.newText, sections };
    const anchors = anchorsOf(sections);
    const summary = changesPart(this.comparison, this.clauses, {
      labels,
      lang: newView.lang,
      old: this.alignment.old,
      new: this.alignment.new,
      oldRefs: this.oldRefs,
      newRefs: this.newRefs,
      oldPlace: (id) => this.oldPlace(id),
      anchors,
    });
    const notes = newView.parts.filter((p) => p.kind === 'notes');
    const summaryEntry: ContentsEntry = { target: summary.id, text: summary.heading, lang: null, children: [] };
    const title = fillLabel(labels.compareTitle, { title: newView.info.title });
    return {
      ...newView,
      info: { ...newView.info, title },
      runningHead: { ...newView.runningHead, title: fillLabel(labels.compareTitle, { title: newView.runningHead.title }) },
      cover: null,
      contents: null,
      outline: [summaryEntry, ...newView.outline],
      parts: [summary, text, ...notes],
    };
  }

  private change(status: ChangeStatus, label: string, from: string | null = null, move: string | null = null): BlockChange {
    return { status, label, from, move };
  }

  private oldLabel(unit: number): string {
    return this.oldRefs.label(this.alignment.oldUnits[unit].id);
  }

  /** Where the compare pack shows an old block: the new block it became, or itself shown as removed or moved away. */
  private oldPlace(id: string): string | null {
    const unit = this.alignment.oldUnits.find((u) => u.id === id || hasId(u.block, id));
    if (!unit) return null;
    const pair = this.alignment.pairOfOld[unit.index];
    if (pair && pair.status !== 'moved') return this.alignment.newUnits[pair.new[0]].id;
    return OLD_PREFIX + id;
  }

  private section(s: ViewSection, index: number): ViewSection {
    const { alignment, labels, marks } = this;
    const match = alignment.sections.find((m) => m.new === index);
    let out: ViewSection = { ...s, blocks: [] };
    if (s.title && match?.status === 'added') out = { ...out, title: wholly('ins', s.title, marks), change: this.change('added', labels.compareSectionAdded) };
    else if (s.title && match?.status === 'changed' && match.old != null) {
      const old = this.oldText.sections[match.old];
      if (old.title) out = { ...out, title: diffInline(old.title, s.title, marks), change: this.change('changed', labels.compareSectionRenamed) };
    }
    for (const placed of alignment.flow[index] ?? []) {
      if (placed.kind === 'unit') out.blocks.push(...this.unit(placed.unit));
      else if (placed.kind === 'ghost') out.blocks.push(...this.ghost(placed.unit, placed.reason));
      else out.blocks.push(this.oldTitle(placed.section));
    }
    return out;
  }

  /** A block of the new text, with its changes. */
  private unit(u: number): ViewBlock[] {
    const { alignment, labels } = this;
    const n = this.newBlocks.get(alignment.newUnits[u].id);
    if (!n) return [];
    const pair = alignment.pairOfNew[u];
    if (!pair) return [whollyBlock('ins', n, this.ctx, this.ctx.added)];
    const oldBlock = (o: number) => this.oldBlocks.get(alignment.oldUnits[o].id);
    switch (pair.status) {
      case 'unchanged':
        return [n];
      case 'changed': {
        const o = oldBlock(pair.old[0]);
        if (!o) return [whollyBlock('ins', n, this.ctx, this.ctx.added)];
        const renumbered = alignment.oldUnits[pair.old[0]].number !== alignment.newUnits[u].number;
        const from = this.oldLabel(pair.old[0]);
        return marked(
          diffBlock(o, n, this.ctx),
          this.change('changed', renumbered ? fillLabel(labels.compareChangedFrom, { from }) : labels.compareChanged, from),
        );
      }
      case 'moved': {
        const o = oldBlock(pair.old[0]);
        if (!o) return [whollyBlock('ins', n, this.ctx, this.ctx.added)];
        const from = this.oldLabel(pair.old[0]);
        return marked(diffBlock(o, n, this.ctx), this.change('moved', fillLabel(labels.compareMovedFrom, { from }), from, this.moves.get(pair)!));
      }
      case 'split': {
        if (!this.splits.has(u)) this.split(pair);
        const block = this.splits.get(u);
        return block ? [block] : [];
      }
      case 'merged': {
        const olds = pair.old.map(oldBlock).filter((b): b is ViewBlock => Boolean(b));
        const from = pair.old.map((o) => this.oldLabel(o)).join(', ');
        const change = this.change('merged', fillLabel(labels.compareMergedFrom, { from }), from);
        if (isTextual(n) && olds.every(isTextual)) {
          const content = diffInline(joinContent(olds.map((b) => b.content)), n.content, this.marks);
          return [
            {
              ...n,
              content,
              children: diffBlocks(
                olds.flatMap((b) => b.children),
                n.children,
                this.ctx,
              ),
              change,
            } as ViewBlock,
          ];
        }
        return marked(olds.length ? diffBlock(olds[0], n, this.ctx) : [n], change);
      }
    }
  }

  /** The new blocks of an old paragraph that was split, each with the old words that fall in it. */
  private split(pair: Pair): void {
    const { alignment, labels } = this;
    const o = this.oldBlocks.get(alignment.oldUnits[pair.old[0]].id);
    const news = pair.new.map((u) => this.newBlocks.get(alignment.newUnits[u].id));
    const from = this.oldLabel(pair.old[0]);
    const change = this.change('split', fillLabel(labels.compareSplitFrom, { from }), from);
    if (!o || news.some((b) => !b)) {
      pair.new.forEach((u, i) => news[i] && this.splits.set(u, { ...whollyBlock('ins', news[i]!, this.ctx), change }));
      return;
    }
    const blocks = news as ViewBlock[];
    if (isTextual(o) && blocks.every(isTextual)) {
      const pieces = diffInlineSplit(
        o.content,
        blocks.map((b) => b.content),
        this.marks,
      );
      blocks.forEach((b, i) => {
        const last = i === blocks.length - 1;
        const children = diffBlocks(last ? o.children : [], b.children, this.ctx);
        this.splits.set(pair.new[i], { ...b, content: pieces[i], children, change } as ViewBlock);
      });
      return;
    }
    const [first, ...rest] = blocks;
    this.splits.set(pair.new[0], { ...diffBlock(o, first, this.ctx)[0], change });
    rest.forEach((b, i) => this.splits.set(pair.new[i + 1], { ...whollyBlock('ins', b, this.ctx), change }));
  }

  /** An old block with no place in the new text, where it stood: removed, or the old place of a moved block. */
  private ghost(u: number, reason: 'removed' | 'moved-away'): ViewBlock[] {
    const { alignment, labels } = this;
    const o = this.oldBlocks.get(alignment.oldUnits[u].id);
    if (!o) return [];
    const from = this.oldLabel(u);
    if (reason === 'removed') return [whollyBlock('del', o, this.ctx, this.change('removed', fillLabel(labels.compareRemovedFrom, { from }), from))];
    const pair = alignment.pairOfOld[u]!;
    const to = this.newRefs.label(alignment.newUnits[pair.new[0]].id);
    return [whollyBlock('del', o, this.ctx, this.change('moved-away', fillLabel(labels.compareMovedTo, { to }), from, this.moves.get(pair) ?? null))];
  }

  /** The title of an old section the new text no longer has, as a deleted line where the section began. */
  private oldTitle(section: number): ViewBlock {
    const old = this.oldText.sections[section];
    const title: ViewInline[] = old.title ?? [{ type: 'text', value: old.titleText ?? '' }];
    return {
      kind: 'paragraph',
      id: OLD_PREFIX + old.id,
      lang: old.lang,
      marker: null,
      content: wholly('del', [{ type: 'strong', children: title }], this.marks),
      children: [],
      change: this.change('removed', this.labels.compareSectionRemoved),
    };
  }
}

type Textual = Extract<ViewBlock, { kind: 'numbered' | 'paragraph' }>;

function isTextual(b: ViewBlock): b is Textual {
  return b.kind === 'numbered' || b.kind === 'paragraph';
}

/** The contents of merged paragraphs, one after the other, a space between. */
function joinContent(list: ReadonlyArray<readonly ViewInline[]>): ViewInline[] {
  return list.flatMap((c, i) => (i ? [{ type: 'text' as const, value: ' ' }, ...c] : [...c]));
}

/** The blocks of a diff, the top one marked with the paragraph's change (the others carry their own). */
function marked(blocks: ViewBlock[], change: BlockChange): ViewBlock[] {
  return blocks.map((b) => (b.change ? b : { ...b, change }));
}

function textPart(view: BriefingView): TextPart {
  const part = view.parts.find((p): p is TextPart => p.kind === 'text');
  if (!part) throw new Error(`The view of ${view.id} has no text part`);
  return part;
}

/** The top-level view blocks of the text by the id of the model block they show (a list the view made around an item is `<id>-list`). */
function blocksById(text: TextPart, model: Declaration): Map<string, ViewBlock> {
  const ids = new Set(model.sections.flatMap((s) => s.blocks.map((b) => b.id)));
  const out = new Map<string, ViewBlock>();
  for (const section of text.sections) {
    for (const b of section.blocks) {
      const id = ids.has(b.id) ? b.id : b.id.replace(/-list$/, '');
      out.set(id, b);
    }
  }
  return out;
}

function hasId(block: { id: string; children: ReadonlyArray<{ id: string; children: unknown[] }> }, id: string): boolean {
  return block.id === id || block.children.some((c) => hasId(c as never, id));
}

/** Every block, item and section id of the compare text. */
function anchorsOf(sections: readonly ViewSection[]): Set<string> {
  const out = new Set<string>();
  const item = (i: ViewItem) => {
    out.add(i.id);
    i.children.forEach(block);
  };
  const block = (b: ViewBlock) => {
    out.add(b.id);
    if (b.kind === 'numbered' || b.kind === 'paragraph' || b.kind === 'quote') b.children.forEach(block);
    if (b.kind === 'list') b.items.forEach(item);
  };
  for (const s of sections) {
    out.add(s.id);
    s.blocks.forEach(block);
  }
  return out;
}

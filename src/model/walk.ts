/**
 * The one walker over the model's blocks. Analysis, lint, translation units
 * and the view all visit blocks through it, so they all see the same blocks
 * in the same (source) order.
 */
import type { Block, Declaration, Footnote, Section } from './schema.js';

/** Where a top-level block stands in the document. */
export type Part = 'background' | 'text' | 'footnotes';

export interface TopBlock {
  part: Part;
  block: Block;
  /** The section holding it (text part only). */
  section: Section | null;
  /** The footnote holding it (footnotes part only). */
  footnote: Footnote | null;
  /** Index of the block in its section, background or footnote. */
  index: number;
}

/** Top-level blocks in reading order: background, then the text section by section, then the footnotes. */
export function* topBlocks(model: Pick<Declaration, 'background' | 'sections' | 'footnotes'>): Generator<TopBlock> {
  for (let i = 0; i < model.background.length; i++) yield { part: 'background', block: model.background[i], section: null, footnote: null, index: i };
  for (const section of model.sections) {
    for (let i = 0; i < section.blocks.length; i++) yield { part: 'text', block: section.blocks[i], section, footnote: null, index: i };
  }
  for (const footnote of model.footnotes) {
    for (let i = 0; i < footnote.blocks.length; i++) yield { part: 'footnotes', block: footnote.blocks[i], section: null, footnote, index: i };
  }
}

/**
 * Visit a block and its descendants depth-first, in source order. `visit`
 * gets the block, its parent (null at the top) and its depth (0 at the top);
 * returning false skips the block's children.
 */
export function walkBlock(
  block: Block,
  visit: (block: Block, parent: Block | null, depth: number) => boolean | void,
  parent: Block | null = null,
  depth = 0,
): void {
  if (visit(block, parent, depth) === false) return;
  for (const child of block.children) walkBlock(child, visit, block, depth + 1);
}

/** Visit every block of the model (top-level blocks and their descendants) in reading order. */
export function walkModel(
  model: Pick<Declaration, 'background' | 'sections' | 'footnotes'>,
  visit: (block: Block, top: TopBlock, parent: Block | null, depth: number) => boolean | void,
): void {
  for (const top of topBlocks(model)) walkBlock(top.block, (b, parent, depth) => visit(b, top, parent, depth));
}

/** A list item (numbered or bullet) rather than a block it holds. */
export function isItem(block: Block): boolean {
  return block.kind === 'numbered' || block.kind === 'bullet';
}

/**
 * Run phase: mdast block content -> model blocks. One recursive shape for
 * numbered paragraphs, sub-items, tables, quotes, code and raw HTML.
 */
import type { BlockContent, DefinitionContent, ListItem, Paragraph as MdParagraph, RootContent } from 'mdast';
import type { Block, Position, BlockKind } from './schema.js';
import { toInlines, inlineText, collapse, type Definitions } from './inline.js';
import { htmlToText } from './raw-html.js';

/** Deeper nesting than this is flattened (its text is kept, its structure is not). */
export const MAX_DEPTH = 32;

export interface BlockContext {
  defs: Definitions;
  /** The decoded source, to read list-item numbers as written. */
  source: string;
  /** Called when nesting is cut at MAX_DEPTH. */
  onTooDeep?: (position: Position) => void;
}

const ZERO: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

export function positionOf(node: {
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
}): Position {
  const p = node.position;
  if (!p) return ZERO;
  return {
    start: { line: p.start.line, column: p.start.column, offset: p.start.offset ?? 0 },
    end: { line: p.end.line, column: p.end.column, offset: p.end.offset ?? 0 },
  };
}

function base(id: string, kind: BlockKind, position: Position): Block {
  return { id, kind, number: null, text: '', content: [], children: [], position };
}

/** Whole text of a block: its own content, then its children, in reading order. */
export function blockText(p: Block): string {
  const parts: string[] = [];
  if (p.kind === 'table' && p.table) {
    for (const cell of p.table.header) parts.push(inlineText(cell));
    for (const row of p.table.rows) for (const cell of row) parts.push(inlineText(cell));
  } else if (p.kind === 'code') {
    parts.push(p.value ?? '');
  } else if (p.kind === 'html') {
    parts.push(htmlToText(p.value ?? ''));
  } else {
    parts.push(inlineText(p.content));
  }
  for (const c of p.children) parts.push(c.text);
  return collapse(parts.join(' '));
}

function finish(p: Block): Block {
  p.text = blockText(p);
  return p;
}

/** A bold (or bold-italic) opening: `**RECOGNISING** the…` or `**Climate:** We…`. */
export function leadOf(p: MdParagraph): string | null {
  const first = p.children[0];
  if (!first) return null;
  if (first.type === 'strong' || (first.type === 'emphasis' && first.children[0]?.type === 'strong')) {
    const text = collapse(inlineText(toInlines([first], new Map())));
    return text || null;
  }
  return null;
}

/** Convert one mdast block into a model block; `id` is decided by the caller. */
export function toBlock(node: RootContent | BlockContent | DefinitionContent, id: string, ctx: BlockContext, depth = 0): Block | null {
  const position = positionOf(node);
  switch (node.type) {
    case 'paragraph': {
      const p = base(id, 'plain', position);
      p.content = toInlines(node.children, ctx.defs);
      p.lead = leadOf(node);
      return finish(p);
    }
    case 'heading': {
      const p = base(id, 'heading', position);
      p.depth = node.depth;
      p.content = toInlines(node.children, ctx.defs);
      return finish(p);
    }
    case 'list': {
      const p = base(id, 'list', position);
      p.ordered = Boolean(node.ordered);
      p.children = listItems(node.children, node.ordered ? (node.start ?? 1) : null, id, ctx, depth + 1);
      return finish(p);
    }
    case 'table': {
      const p = base(id, 'table', position);
      const [head, ...rows] = node.children;
      p.table = {
        align: (node.align ?? []).map((a) => a ?? null),
        header: head ? head.children.map((c) => toInlines(c.children, ctx.defs)) : [],
        rows: rows.map((r) => r.children.map((c) => toInlines(c.children, ctx.defs))),
      };
      return finish(p);
    }
    case 'code': {
      const p = base(id, 'code', position);
      p.value = node.value;
      p.lang = node.lang ?? null;
      return finish(p);
    }
    case 'html': {
      const p = base(id, 'html', position);
      p.value = node.value;
      return finish(p);
    }
    case 'blockquote': {
      const p = base(id, 'quote', position);
      p.children = childBlocks(node.children, id, ctx, depth + 1);
      return finish(p);
    }
    case 'thematicBreak':
      return finish(base(id, 'rule', position));
    default:
      return null;
  }
}

/** Convert children blocks; beyond MAX_DEPTH they are flattened into one plain paragraph of text. */
export function childBlocks(
  children: readonly (RootContent | BlockContent | DefinitionContent)[],
  parentId: string,
  ctx: BlockContext,
  depth: number,
): Block[] {
  if (depth > MAX_DEPTH) return [flatten(children, `${parentId}-b1`, ctx)];
  const out: Block[] = [];
  for (const child of children) {
    const block = toBlock(child, `${parentId}-b${out.length + 1}`, ctx, depth);
    if (block) out.push(block);
  }
  return out;
}

function flatten(children: readonly (RootContent | BlockContent | DefinitionContent)[], id: string, ctx: BlockContext): Block {
  const first = children[0];
  const last = children[children.length - 1];
  const position: Position = first && last ? { start: positionOf(first).start, end: positionOf(last).end } : ZERO;
  ctx.onTooDeep?.(position);
  const text: string[] = [];
  const stack: unknown[] = [...children].reverse();
  // Iterative walk: recursion this deep is what we are protecting against.
  while (stack.length) {
    const n = stack.pop() as { type: string; value?: string; alt?: string; children?: unknown[] };
    if (n.type === 'html') text.push(htmlToText(n.value ?? ''));
    else if (typeof n.value === 'string') text.push(n.value);
    else if (n.type === 'image' || n.type === 'imageReference') text.push(n.alt ?? '');
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    text.push(' ');
  }
  const p = base(id, 'plain', position);
  p.content = [{ type: 'text', value: collapse(text.join('')) }];
  return finish(p);
}

/**
 * The number written in front of an ordered list item. CommonMark numbers a
 * list from its start (`6. … 8. …` renders as 6, 7); a declaration keeps the
 * number the drafters typed, so read it from the source.
 */
export function writtenNumber(item: ListItem, fallback: number, source: string): number {
  const offset = item.position?.start.offset;
  if (offset == null) return fallback;
  const m = /^[ \t>]*(\d{1,9})[.)]/.exec(source.slice(offset, offset + 32));
  return m ? Number(m[1]) : fallback;
}

/** Items of a nested list. Ordered items keep their written number. */
export function listItems(items: readonly ListItem[], start: number | null, parentId: string, ctx: BlockContext, depth: number): Block[] {
  return items.map((item, index) => {
    const id = `${parentId}-i${index + 1}`;
    const number = start == null ? null : writtenNumber(item, start + index, ctx.source);
    return listItem(item, id, number, ctx, depth);
  });
}

/**
 * One list item: its first paragraph is the content; nested lists give their
 * items (ids `-i1`, `-i2`… across all the item's lists) and every other block
 * a block (ids `-b1`…), all in one array in source order.
 */
export function listItem(item: ListItem, id: string, number: number | null, ctx: BlockContext, depth: number): Block {
  const p = base(id, number == null ? 'bullet' : 'numbered', positionOf(item));
  p.number = number;
  if (depth > MAX_DEPTH) {
    p.children = [flatten(item.children, `${id}-b1`, ctx)];
    return finish(p);
  }
  const children = [...item.children];
  if (children[0]?.type === 'paragraph') {
    const first = children.shift() as MdParagraph;
    p.content = toInlines(first.children, ctx.defs);
    p.lead = leadOf(first);
  }
  let itemCount = 0;
  let blockCount = 0;
  for (const child of children) {
    if (child.type === 'list') {
      const nested = listItems(child.children, child.ordered ? (child.start ?? 1) : null, id, ctx, depth + 1);
      // Keep ids unique when one item holds several lists.
      for (const n of nested) {
        itemCount++;
        renumberIds(n, `${id}-i${itemCount}`);
      }
      p.children.push(...nested);
    } else {
      const block = toBlock(child, `${id}-b${blockCount + 1}`, ctx, depth + 1);
      if (block) {
        blockCount++;
        p.children.push(block);
      }
    }
  }
  if (item.checked != null) p.content.unshift({ type: 'text', value: item.checked ? '[x] ' : '[ ] ' });
  return finish(p);
}

function renumberIds(p: Block, id: string): void {
  if (p.id === id) return;
  const old = p.id;
  const walk = (q: Block) => {
    q.id = id + q.id.slice(old.length);
    q.children.forEach(walk);
  };
  walk(p);
}

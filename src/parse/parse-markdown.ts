/**
 * Parse phase, step 2: text -> mdast, with GFM (tables, footnotes,
 * strikethrough, autolinks) and YAML front matter. Large texts are parsed in
 * pieces cut at top-level block boundaries and joined, which keeps parse time
 * linear in the size of the text; positions are those of the whole text.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent } from 'mdast';
import { splitBlocks, definitionBlocks, definitionsFor } from './split-blocks.js';
import { limitNesting } from './limit-nesting.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Texts below this size are parsed in one go. */
export const CHUNKED_ABOVE = 48 * 1024;

type Positioned = {
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
  children?: Positioned[];
};

function shift(node: Positioned, lines: number, offset: number): void {
  const stack: Positioned[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.position) {
      n.position.start.line += lines;
      n.position.end.line += lines;
      if (n.position.start.offset != null) n.position.start.offset += offset;
      if (n.position.end.offset != null) n.position.end.offset += offset;
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
}

export function parseMarkdown(source: string, options: { chunked?: boolean } = {}): Root {
  // Same length as the source: positions and offsets are unchanged.
  const text = limitNesting(source);
  if (options.chunked === false || text.length < CHUNKED_ABOVE) return processor.parse(text) as Root;
  const pieces = splitBlocks(text);
  if (pieces.length === 1) return processor.parse(text) as Root;
  // Definitions are document-wide: give every piece a copy, then drop the copies.
  const definitions = definitionBlocks(text);
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
  for (const [index, piece] of pieces.entries()) {
    const own = piece.text.length;
    const needed = index < pieces.length - 1 ? definitionsFor(piece.text, definitions) : '';
    const source = needed ? `${piece.text}\n\n${needed}\n` : piece.text;
    const tree = processor.parse(source) as Root;
    const kept = tree.children.filter((c: RootContent) => (c.position?.start.offset ?? 0) < own);
    for (const c of kept) shift(c as Positioned, piece.line - 1, piece.offset);
    root.children.push(...kept);
  }
  const lines = text.split('\n');
  root.position!.end = { line: lines.length, column: lines[lines.length - 1].length + 1, offset: text.length };
  return root;
}

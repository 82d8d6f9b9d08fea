/**
 * Inline content as Markdown text, both ways. PO msgids and msgstrs, the
 * `--emit-markdown` output and the XLIFF original data all go through this
 * one serializer (remark-stringify with fixed options), so the syntax a
 * translator sees is canonical:
 *
 *   _emphasis_   **strong**   ~~deleted~~   `code`   [link text](url "title")
 *   ![alt text](image.png)   [^label] (footnote reference)
 *   a backslash at the end of a line (`\` + newline) is a hard line break;
 *   raw inline HTML (`<sup>`…) is kept as written.
 */
import { unified } from 'unified';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, PhrasingContent, Definition } from 'mdast';
import type { Inline } from '../model/schema.js';
import { toInlines, type Definitions } from '../model/inline.js';
import { toMdastPhrasing as toPhrasing } from '../model/to-mdast.js';
import { parseMarkdown } from '../parse/parse-markdown.js';

/** The options every briefpack Markdown output uses. */
export const STRINGIFY_OPTIONS: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: false,
};

const serializer = unified().use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkStringify, STRINGIFY_OPTIONS).freeze();

/** Stringify phase: an mdast root -> Markdown text. */
export function stringifyMarkdown(tree: Root): string {
  return serializer.stringify(tree);
}

/** Stringify phase: inline content -> canonical Markdown inline syntax (no trailing newline). */
export function inlineMarkdown(nodes: readonly Inline[]): string {
  if (nodes.length === 0) return '';
  const out = stringifyMarkdown({ type: 'root', children: [{ type: 'paragraph', children: toPhrasing(nodes) }] });
  return out.replace(/\n+$/, '');
}

/**
 * Parse phase: Markdown inline syntax (a msgstr) -> model inline nodes.
 * The text is read as the body of one paragraph: a translation that starts
 * with `1.` or `#` stays text, footnote references resolve without their
 * definitions. Block structure inside the string (a list after a line
 * break) is flattened into lines.
 */
export function parseInlineMarkdown(markdown: string): Inline[] {
  if (markdown === '') return [];
  // An escaped "!" first keeps the line a paragraph (no list, heading or code block can start it)
  // and, being punctuation, leaves the flanking of a following `_` or `*` as it was.
  const labels = new Set<string>();
  for (const m of markdown.matchAll(/\[\^([^\]\s]+)\]/g)) labels.add(m[1]);
  const definitions = [...labels].map((l) => `[^${l}]: -`).join('\n\n');
  const tree = parseMarkdown(`\\!${markdown}${definitions ? `\n\n${definitions}` : ''}`);
  const defs: Definitions = new Map();
  for (const node of tree.children) if (node.type === 'definition') defs.set(node.identifier.toLowerCase(), node as Definition);
  const blocks = tree.children.filter((n) => n.type !== 'definition' && n.type !== 'footnoteDefinition');
  const out: Inline[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) out.push({ type: 'text', value: '\n' });
    out.push(...toInlines(phrasingOf(block), defs));
  });
  const first = out[0];
  if (first?.type === 'text' && first.value.startsWith('!')) {
    first.value = first.value.slice(1);
    if (first.value === '') out.shift();
  }
  return mergeTexts(out);
}

function phrasingOf(node: RootContent): PhrasingContent[] {
  if (node.type === 'paragraph' || node.type === 'heading') return node.children;
  if ('children' in node && Array.isArray(node.children)) {
    const parts: PhrasingContent[] = [];
    (node.children as RootContent[]).forEach((child, i) => {
      if (i > 0) parts.push({ type: 'text', value: '\n' });
      parts.push(...phrasingOf(child));
    });
    return parts;
  }
  if ('value' in node && typeof node.value === 'string') return [{ type: 'text', value: node.value }];
  return [];
}

function mergeTexts(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of list) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else if (node.type !== 'text' || node.value !== '') out.push(node);
  }
  return out;
}

/**
 * Run phase: mdast phrasing content -> model inline nodes, and their plain text.
 */
import type { PhrasingContent, Definition } from 'mdast';
import type { Inline } from './schema.js';
import { htmlToText, nonTextRuns } from './raw-html.js';

export type Definitions = Map<string, Definition>;

/** Inline nesting (emphasis in links in emphasis…) deeper than this is kept as plain text. */
export const MAX_INLINE_DEPTH = 32;

export function toInlines(nodes: readonly PhrasingContent[], defs: Definitions, depth = 0): Inline[] {
  const out: Inline[] = [];
  // `<script>alert(1)</script>` arrives as three siblings; the middle one is code, not text.
  const runs = nonTextRuns(nodes);
  for (let i = 0; i < nodes.length; i++) {
    const end = runs.get(i);
    if (end !== undefined) {
      out.push({
        type: 'html',
        value: nodes
          .slice(i, end + 1)
          .map((n) => flatText(n, true))
          .join(''),
        flagged: true,
      });
      i = end;
    } else out.push(...toInline(nodes[i], defs, depth + 1));
  }
  return mergeTexts(out);
}

/**
 * The text of a phrasing subtree, walked without recursion (it may be
 * thousands deep): raw HTML as written (`raw`), or reduced to its text.
 */
function flatText(node: PhrasingContent, raw = false): string {
  const parts: string[] = [];
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop() as { type: string; value?: unknown; alt?: string | null; children?: unknown[] };
    if (n.type === 'html' && typeof n.value === 'string' && !raw) parts.push(htmlToText(n.value));
    else if (typeof n.value === 'string') parts.push(n.value);
    else if (n.type === 'image' || n.type === 'imageReference') parts.push(n.alt ?? '');
    else if (n.type === 'break') parts.push(' ');
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return parts.join('');
}

function toInline(node: PhrasingContent, defs: Definitions, depth: number): Inline[] {
  if (depth > MAX_INLINE_DEPTH && 'children' in node) return [{ type: 'text', value: flatText(node) }];
  switch (node.type) {
    case 'text':
      return [{ type: 'text', value: node.value }];
    case 'emphasis':
    case 'strong':
    case 'delete':
      return [{ type: node.type, children: toInlines(node.children, defs, depth) }];
    case 'inlineCode':
      return [{ type: 'inlineCode', value: node.value }];
    case 'break':
      return [{ type: 'break' }];
    case 'link':
      return [{ type: 'link', url: node.url, title: node.title ?? null, children: toInlines(node.children, defs, depth) }];
    case 'linkReference': {
      const def = defs.get(node.identifier.toLowerCase());
      const children = toInlines(node.children, defs, depth);
      return def ? [{ type: 'link', url: def.url, title: def.title ?? null, children }] : children;
    }
    case 'image':
      return [{ type: 'image', url: node.url, alt: node.alt ?? '', title: node.title ?? null }];
    case 'imageReference': {
      const def = defs.get(node.identifier.toLowerCase());
      return def ? [{ type: 'image', url: def.url, alt: node.alt ?? '', title: def.title ?? null }] : [{ type: 'text', value: node.alt ?? '' }];
    }
    case 'footnoteReference':
      return [{ type: 'footnoteReference', identifier: node.identifier, label: node.label ?? node.identifier }];
    case 'html':
      return [{ type: 'html', value: node.value, flagged: true }];
    default: {
      const value = (node as { value?: unknown }).value;
      return typeof value === 'string' ? [{ type: 'text', value }] : [];
    }
  }
}

function mergeTexts(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of list) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else out.push(node);
  }
  return out;
}

/** Plain text of inline content (html reduced to its text; images to their alt text). */
export function inlineText(nodes: readonly Inline[]): string {
  let s = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        s += node.value;
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
        s += inlineText(node.children);
        break;
      case 'image':
        s += node.alt;
        break;
      case 'break':
        s += ' ';
        break;
      case 'html':
        s += htmlToText(node.value);
        break;
      case 'footnoteReference':
        break;
    }
  }
  return s;
}

/** Collapse every run of white space (NBSP and U+3000 included) to one space. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Run phase: mdast phrasing content -> model inline nodes, and their plain text.
 */
import type { PhrasingContent, Definition } from 'mdast';
import type { Inline } from './schema.js';
import { htmlToText } from '../util/html-text.js';

export type Definitions = Map<string, Definition>;

export function toInlines(nodes: readonly PhrasingContent[], defs: Definitions): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) out.push(...toInline(node, defs));
  return mergeTexts(out);
}

function toInline(node: PhrasingContent, defs: Definitions): Inline[] {
  switch (node.type) {
    case 'text':
      return [{ type: 'text', value: node.value }];
    case 'emphasis':
    case 'strong':
    case 'delete':
      return [{ type: node.type, children: toInlines(node.children, defs) }];
    case 'inlineCode':
      return [{ type: 'inlineCode', value: node.value }];
    case 'break':
      return [{ type: 'break' }];
    case 'link':
      return [{ type: 'link', url: node.url, title: node.title ?? null, children: toInlines(node.children, defs) }];
    case 'linkReference': {
      const def = defs.get(node.identifier.toLowerCase());
      const children = toInlines(node.children, defs);
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

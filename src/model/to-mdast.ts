/**
 * Model inline nodes -> mdast phrasing nodes (the way back to the unified
 * ecosystem: Markdown output, and hast through mdast-util-to-hast).
 */
import type { PhrasingContent } from 'mdast';
import type { Inline } from './schema.js';

/** Model inline nodes -> mdast phrasing nodes. */
export function toMdastPhrasing(nodes: readonly Inline[]): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    switch (node.type) {
      case 'text':
        return { type: 'text', value: node.value };
      case 'emphasis':
      case 'strong':
      case 'delete':
        return { type: node.type, children: toMdastPhrasing(node.children) } as PhrasingContent;
      case 'inlineCode':
        return { type: 'inlineCode', value: node.value };
      case 'link':
        return { type: 'link', url: node.url, title: node.title, children: toMdastPhrasing(node.children) } as PhrasingContent;
      case 'image':
        return { type: 'image', url: node.url, alt: node.alt, title: node.title };
      case 'footnoteReference':
        return { type: 'footnoteReference', identifier: node.identifier, label: node.label };
      case 'break':
        return { type: 'break' };
      case 'html':
        return { type: 'html', value: node.value };
    }
  });
}

/**
 * View inline content -> HTML, one handler per node kind (in the manner of
 * mdast-util-to-hast's `handlers`). The view has decided every target and
 * every word; this only maps nodes to elements, and hast-util-to-html
 * escapes the text.
 */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { ViewImage, ViewInline } from '../../view/types.js';

/** The view node of kind T (several kinds share one shape: emphasis, strong…). */
type NodeOf<T extends ViewInline['type']> = ViewInline extends infer N ? (N extends { type: infer U } ? (T extends U ? N : never) : never) : never;

type Handler<T extends ViewInline['type']> = (node: NodeOf<T>, all: (nodes: readonly ViewInline[]) => ElementContent[]) => ElementContent | ElementContent[];

const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });

export const handlers: { [T in ViewInline['type']]: Handler<T> } = {
  text: (node) => ({ type: 'text', value: node.value }),
  emphasis: (node, all) => el('em', {}, all(node.children)),
  strong: (node, all) => el('strong', {}, all(node.children)),
  delete: (node, all) => el('del', {}, all(node.children)),
  superscript: (node, all) => el('sup', {}, all(node.children)),
  subscript: (node, all) => el('sub', {}, all(node.children)),
  code: (node) => el('code', {}, [{ type: 'text', value: node.value }]),
  link: (node, all) => el('a', { href: node.href }, all(node.children)),
  xref: (node, all) => el('a', { href: `#${node.target}` }, all(node.children)),
  image: (node) =>
    node.image
      ? el('img', { src: dataUri(node.image), alt: node.alt, ...size(node.image) }, [])
      : el('span', { className: ['img-alt'] }, [{ type: 'text', value: node.alt }]),
  noteRef: (node) => el('sup', { className: ['fnref'] }, [el('a', { href: `#${node.note}`, id: node.anchor }, [{ type: 'text', value: String(node.number) }])]),
  break: () => el('br', {}, []),
  term: (node, all) => el('abbr', { title: node.expansion }, all(node.children)),
  // Compare packs: underlined and struck through, not colour alone, and said aloud ("inserted: …").
  ins: (node, all) => el('ins', { className: ['chg'] }, [srText(`${node.label}: `), ...all(node.children)]),
  del: (node, all) => el('del', { className: ['chg'] }, [srText(`${node.label}: `), ...all(node.children)]),
};

/** Words for screen readers only. */
function srText(value: string): Element {
  return el('span', { className: ['visually-hidden', 'chg-sr'] }, [{ type: 'text', value }]);
}

function all(nodes: readonly ViewInline[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    const result = (handlers[node.type] as Handler<typeof node.type>)(node as never, all);
    if (Array.isArray(result)) out.push(...result);
    else out.push(result);
  }
  return out;
}

/** Inline content as an HTML string. */
export function inlineHtml(nodes: readonly ViewInline[]): string {
  if (nodes.length === 0) return '';
  // Plain text needs none of the machinery (most of a declaration is plain text).
  if (nodes.length === 1 && nodes[0].type === 'text') return escapeText(nodes[0].value);
  return toHtml(all(nodes));
}

export function dataUri(image: ViewImage): string {
  return `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

function size(image: ViewImage): Element['properties'] {
  return image.width && image.height ? { width: image.width, height: image.height } : {};
}

/** Text as HTML, the way hast-util-to-html writes it. */
export function escapeText(value: string): string {
  return value.replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'));
}

/**
 * The one raw-HTML policy of every format. Raw HTML in a source is parsed by
 * a real HTML parser (hast-util-raw / hast-util-from-html, parse5 inside), so
 * tags split across Markdown nodes (`12`, `<sup>`, `th`, `</sup>`) pair up as
 * a browser pairs them. Only allow-listed elements survive; script-like
 * elements go with their content; other elements are dropped but keep their
 * text. `dropped` hears of everything removed (lint reports it, once); the
 * view maps what is left to its own inline nodes, so every format shows the
 * same words.
 */
import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { raw } from 'hast-util-raw';
import { toText } from 'hast-util-to-text';
import { toHast } from 'mdast-util-to-hast';
import type { RuleId } from '../diagnostics/rules.js';
import type { Inline } from './schema.js';
import { toMdastPhrasing } from './to-mdast.js';
import { linkTarget } from './urls.js';

export type Dropped = (rule: Extract<RuleId, 'html-dropped' | 'unsafe-link'>, reason: string) => void;

/** Phrasing elements kept from raw HTML anywhere. */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);
/** Flow elements kept from raw HTML blocks only. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'hr',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
]);

/**
 * Elements whose content is code or embedded media, never words of the
 * declaration: dropped with their content everywhere, and left out of the
 * model's plain text.
 */
export const NON_TEXT_ELEMENTS = [
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'textarea',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'svg',
  'math',
] as const;
const NON_TEXT = new Set<string>(NON_TEXT_ELEMENTS);

/** Attributes kept, per element ('*' for all), as hast property names. */
const ATTRIBUTES: Record<string, Set<string>> = {
  '*': new Set(['lang', 'dir', 'title']),
  a: new Set(['href']),
  td: new Set(['colSpan', 'rowSpan']),
  th: new Set(['colSpan', 'rowSpan']),
  ol: new Set(['start', 'reversed']),
  li: new Set(['value']),
  time: new Set(['dateTime']),
  data: new Set(['value']),
};

const OPENS_NON_TEXT = new RegExp(`^<(${NON_TEXT_ELEMENTS.join('|')})(?=[\\s/>])[^>]*>$`, 'i');

/**
 * Inline raw HTML comes from Markdown in pieces: `<script>`, the text
 * `alert(1)`, `</script>` are three siblings. For each sibling that opens a
 * non-text element (and is not closed in the same piece), the index of the
 * sibling that closes it, so the model can keep the run as one piece. (A
 * regular expression is enough here: it only looks at one whole tag per
 * piece, which is how micromark splits inline HTML.)
 */
export function nonTextRuns(nodes: ReadonlyArray<{ type: string; value?: unknown }>): Map<number, number> {
  const runs = new Map<number, number>();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type !== 'html' || typeof n.value !== 'string') continue;
    const open = OPENS_NON_TEXT.exec(n.value.trim());
    if (!open || /\/>$/.test(n.value.trim())) continue;
    const close = new RegExp(`^<\\/${open[1]}\\s*>$`, 'i');
    const j = nodes.findIndex((m, k) => k > i && m.type === 'html' && typeof m.value === 'string' && close.test(m.value.trim()));
    if (j > i) {
      runs.set(i, j);
      i = j;
    }
  }
  return runs;
}

const textCache = new Map<string, string>();

/** The readable text of a raw HTML fragment: non-text elements and comments left out, references decoded. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  // Pieces such as `<sup>` and `</sup>` repeat across a document.
  const hit = textCache.get(html);
  if (hit !== undefined) return hit;
  const tree = fromHtml(html, { fragment: true });
  const text = toText(stripNonText(tree), { whitespace: 'normal' });
  if (textCache.size > 10_000) textCache.clear();
  textCache.set(html, text);
  return text;
}

function stripNonText<T extends Nodes>(node: T): T {
  if ('children' in node) {
    node.children = (node.children as RootContent[]).filter(
      (c) => !(c.type === 'element' && NON_TEXT.has(c.tagName)) && c.type !== 'comment',
    ) as typeof node.children;
    for (const c of node.children) stripNonText(c as Nodes);
  }
  return node;
}

/**
 * Resolve the `raw` nodes of a hast tree (as mdast-util-to-hast leaves them
 * with allowDangerousHtml) and keep what the allow-list allows. `block`
 * allows flow elements too (raw HTML blocks).
 */
export function resolveRawHtml(tree: Root, block: boolean, dropped: Dropped): ElementContent[] {
  const parsed = raw(tree) as Root;
  // The paragraph mdast-util-to-hast wraps inline content in is ours, not the source's.
  const children = parsed.children.flatMap((n) => (n.type === 'element' && n.tagName === 'p' && !block ? n.children : [n]));
  return allowList(children, block, dropped);
}

/** Marks a slot in text: `\uE000<n>\uE001` stands for the n-th node kept out of the HTML parse. */
export const SLOT = /\uE000(\d+)\uE001/g;

/**
 * Inline content that holds raw HTML, parsed and allow-listed. Images and
 * footnote references are not HTML of the source: they are kept out of the
 * parse as numbered slots in the text (see SLOT) and returned in `slots`.
 */
export function inlineHtml(content: readonly Inline[], dropped: Dropped): { nodes: ElementContent[]; slots: Inline[] } {
  const slots: Inline[] = [];
  const hold = (nodes: readonly Inline[]): Inline[] =>
    nodes.map((n) => {
      if (n.type === 'image' || n.type === 'footnoteReference') {
        slots.push(n);
        return { type: 'text', value: `\uE000${slots.length - 1}\uE001` };
      }
      return 'children' in n ? ({ ...n, children: hold(n.children) } as Inline) : n;
    });
  const paragraph = toHast({ type: 'paragraph', children: toMdastPhrasing(hold(content)) }, { allowDangerousHtml: true }) as unknown as Element;
  return { nodes: resolveRawHtml({ type: 'root', children: [paragraph] }, false, dropped), slots };
}

/** A raw HTML block, parsed and allow-listed. */
export function rawHtmlBlock(html: string, dropped: Dropped): ElementContent[] {
  return allowList(fromHtml(html, { fragment: true }).children, true, dropped);
}

function allowList(nodes: readonly RootContent[], block: boolean, dropped: Dropped): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push(node);
    else if (node.type === 'comment') dropped('html-dropped', 'An HTML comment was dropped');
    else if (node.type === 'doctype') dropped('html-dropped', 'A doctype in raw HTML was dropped');
    else if (node.type === 'element') {
      const name = node.tagName;
      if (NON_TEXT.has(name)) {
        dropped('html-dropped', node.children.length ? `Raw HTML <${name}> was dropped with its content` : `Raw HTML <${name}> was dropped`);
        continue;
      }
      const children = allowList(node.tagName === 'template' ? [] : node.children, block, dropped);
      if (!(INLINE_TAGS.has(name) || (block && BLOCK_TAGS.has(name)))) {
        dropped('html-dropped', `Raw HTML <${name}> is not on the allow-list and was dropped (its text is kept)`);
        for (const [property] of Object.entries(node.properties ?? {})) {
          if (/^on/i.test(property))
            dropped('html-dropped', `Attribute \`${property.toLowerCase()}\` on raw HTML <${name}> is not on the allow-list and was dropped`);
        }
        out.push(...children);
        continue;
      }
      out.push(keepAttributes({ ...node, children }, dropped));
    }
  }
  return out;
}

function keepAttributes(element: Element, dropped: Dropped): Element {
  const properties: Element['properties'] = {};
  const own = ATTRIBUTES[element.tagName];
  for (const [property, value] of Object.entries(element.properties ?? {})) {
    if (!(own?.has(property) || ATTRIBUTES['*'].has(property))) {
      dropped('html-dropped', `Attribute \`${attributeName(property)}\` on raw HTML <${element.tagName}> is not on the allow-list and was dropped`);
      continue;
    }
    if (property === 'href') {
      const target = linkTarget(String(value));
      if (target.kind === 'unsafe') {
        dropped('unsafe-link', `A link to ${target.reason} was removed (its text is kept)`);
        continue;
      }
    }
    properties[property] = value;
  }
  // A link whose target was removed is no link: keep its text only.
  const tagName = element.tagName === 'a' && properties.href === undefined ? 'span' : element.tagName;
  return { ...element, tagName, properties };
}

/** `onClick` -> `onclick`, `dataFoo` -> `data-foo`, `ariaLabel` -> `aria-label`. */
function attributeName(property: string): string {
  if (/^on[A-Z]/.test(property)) return property.toLowerCase();
  if (/^(data|aria)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return property.toLowerCase();
}

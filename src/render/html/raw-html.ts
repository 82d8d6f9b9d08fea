/**
 * Run phase: raw HTML from a source -> hast, through an allow-list.
 *
 * hast-util-raw (and a real HTML parser) is not a runtime dependency, so raw
 * fragments are tokenized here and only allow-listed elements and attributes
 * become hast elements. Everything else is dropped and reported. The result
 * still goes through hast-util-sanitize afterwards: this is the first of two
 * filters, and the one that can say what it removed.
 *
 * Inline raw HTML arrives one tag per mdast node (`12`, `<sup>`, `th`,
 * `</sup>`), so tags are paired across the siblings of one parent.
 */
import type { Element, ElementContent, Properties } from 'hast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { unsafeUrlReason } from './urls.js';

export type DropRule = 'html-dropped' | 'unsafe-link';
/** Called once for every removed tag, attribute, comment or link. */
export type Dropped = (rule: DropRule, reason: string) => void;

/** Phrasing elements kept from raw HTML anywhere. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);
/** Flow elements kept from raw HTML blocks only (they cannot sit inside a `<p>`). */
const BLOCK_TAGS = new Set([
  'p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]);
const VOID_TAGS = new Set(['br', 'hr', 'wbr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'param', 'source', 'track']);
/** Dropped together with their content (the same set util/html-text.ts leaves out of the text). */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'svg', 'math']);

/** Attribute name in HTML -> hast property name, per element ('*' for all). */
const ATTRIBUTES: Record<string, Record<string, string>> = {
  '*': { lang: 'lang', dir: 'dir', title: 'title' },
  a: { href: 'href' },
  td: { colspan: 'colSpan', rowspan: 'rowSpan' },
  th: { colspan: 'colSpan', rowspan: 'rowSpan' },
  ol: { start: 'start', reversed: 'reversed' },
  li: { value: 'value' },
  time: { datetime: 'dateTime' },
  data: { value: 'value' },
};

type Token =
  | { type: 'text'; value: string }
  | { type: 'start'; name: string; attributes: Array<[string, string]>; selfClosing: boolean }
  | { type: 'end'; name: string }
  | { type: 'comment' }
  | { type: 'declaration'; value: string };

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Split a raw fragment into tags, comments and decoded text. */
export function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) tokens.push({ type: 'text', value: decodeEntities(text) });
    text = '';
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    i = lt;
    if (html.startsWith('<!--', i)) {
      flush();
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      tokens.push({ type: 'comment' });
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      flush();
      const end = html.indexOf('>', i);
      const stop = end < 0 ? html.length : end + 1;
      tokens.push({ type: 'declaration', value: html.slice(i, Math.min(stop, i + 40)) });
      i = stop;
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      text += '<';
      i++;
      continue;
    }
    flush();
    const name = m[2].toLowerCase();
    if (m[1]) tokens.push({ type: 'end', name });
    else {
      const attributes: Array<[string, string]> = [];
      for (const a of m[3].matchAll(ATTRIBUTE)) attributes.push([a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? '')]);
      tokens.push({ type: 'start', name, attributes, selfClosing: Boolean(m[4]) });
    }
    i = m.index + m[0].length;
  }
  flush();
  return tokens;
}

/** Decode character references the way a browser would in text (named, decimal, hex). */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (m, ref: string) => {
    if (ref[0] !== '#') {
      const decoded = decodeNamedCharacterReference(ref);
      return decoded === false ? m : decoded;
    }
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
    return invalid ? '\uFFFD' : String.fromCodePoint(code);
  });
}

type Item = ElementContent | { type: 'token'; token: Token };

/**
 * Replace every `raw` node under `children` with allow-listed hast, pairing
 * start and end tags among siblings. `block` allows flow elements too.
 */
export function resolveRaw(children: readonly (ElementContent | { type: 'raw'; value: string })[], block: boolean, dropped: Dropped): ElementContent[] {
  const items: Item[] = [];
  for (const child of children) {
    if (child.type === 'raw') for (const token of tokenize(child.value)) items.push({ type: 'token', token });
    else {
      if (child.type === 'element') child.children = resolveRaw(child.children, block, dropped);
      items.push(child);
    }
  }
  if (!items.some((item) => item.type === 'token')) return items as ElementContent[];

  const out: ElementContent[] = [];
  // Open elements with the tag name their end tag will carry (a removed link becomes a span).
  const open: Array<{ element: Element; name: string }> = [];
  const append = (node: ElementContent) => (open.length ? open[open.length - 1].element.children : out).push(node);
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item.type !== 'token') {
      append(item);
      continue;
    }
    const token = item.token;
    switch (token.type) {
      case 'text':
        append({ type: 'text', value: token.value });
        break;
      case 'comment':
        dropped('html-dropped', 'An HTML comment was dropped');
        break;
      case 'declaration':
        dropped('html-dropped', `Raw HTML \`${token.value}\` was dropped`);
        break;
      case 'end': {
        // An end tag without its start tag was dropped with its start tag, or is stray.
        let at = open.length - 1;
        while (at >= 0 && open[at].name !== token.name) at--;
        if (at >= 0) open.length = at;
        break;
      }
      case 'start': {
        const { name } = token;
        if (DROP_WITH_CONTENT.has(name)) {
          const end = token.selfClosing || VOID_TAGS.has(name) ? -1 : findEnd(items, index + 1, name);
          dropped('html-dropped', end > 0 ? `Raw HTML <${name}> was dropped with its content` : `Raw HTML <${name}> was dropped`);
          if (end > 0) index = end;
          break;
        }
        if (!(INLINE_TAGS.has(name) || (block && BLOCK_TAGS.has(name)))) {
          dropped('html-dropped', `Raw HTML <${name}> is not on the allow-list and was dropped (its text is kept)`);
          break;
        }
        const element = toElement(name, token.attributes, dropped);
        append(element);
        if (!token.selfClosing && !VOID_TAGS.has(name)) open.push({ element, name });
        break;
      }
    }
  }
  return out;
}

/** Index of the end tag that closes `name`, among the raw tokens after `from`; -1 when it is never closed. */
function findEnd(items: Item[], from: number, name: string): number {
  for (let i = from; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'token' && item.token.type === 'end' && item.token.name === name) return i;
  }
  return -1;
}

function toElement(name: string, attributes: Array<[string, string]>, dropped: Dropped): Element {
  const properties: Properties = {};
  const own = ATTRIBUTES[name] ?? {};
  let tagName = name;
  for (const [attribute, value] of attributes) {
    const property = own[attribute] ?? ATTRIBUTES['*'][attribute];
    if (!property) {
      dropped('html-dropped', `Attribute \`${attribute}\` on raw HTML <${name}> is not on the allow-list and was dropped`);
      continue;
    }
    if (property === 'href') {
      const unsafe = unsafeUrlReason(value);
      if (unsafe) {
        dropped('unsafe-link', `A link to ${unsafe} was removed (its text is kept)`);
        continue;
      }
    }
    properties[property] = property === 'reversed' ? true : value;
  }
  // A link whose target was removed is no link: keep its text only.
  if (name === 'a' && properties.href === undefined) tagName = 'span';
  return { type: 'element', tagName, properties, children: [] };
}

/**
 * XML for translation files. Reading: `xast-util-from-xml` (a strict
 * XML 1.0 parser, `@rgrove/parse-xml`, that keeps every node's position)
 * gives the tree; this module adds what a translation file needs on top:
 * the policy (UTF-8 only, no DOCTYPE), namespaces, and line and column for
 * every element and every error. Writing: the one escaper of everything
 * l10n writes as XML.
 *
 * No DTD is ever read and no entity other than the five predefined ones and
 * character references is expanded (the parser does not process DTDs, and a
 * DOCTYPE is refused anyway): no external entities, no entity expansion.
 */
import { fromXml } from 'xast-util-from-xml';
import type { Element as XastElement, ElementContent, Root } from 'xast';

export interface XmlElement {
  type: 'element';
  /** Qualified name as written (`mda:metadata`). */
  name: string;
  /** Local part of the name. */
  local: string;
  /** Namespace URI, or null when the element is in no namespace. */
  ns: string | null;
  /** Attributes by qualified name as written (`id`, `xml:space`). */
  attrs: Map<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}

export interface XmlText {
  type: 'text';
  value: string;
}

export type XmlNode = XmlElement | XmlText;

/** A well-formedness error, with where it happened. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Characters XML 1.0 forbids anywhere in a document. */
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Scope = Map<string, string | null>;

/** Parse phase: XML text -> element tree. Throws XmlError on the first well-formedness error. */
export function parseXml(input: string): XmlElement {
  // The parser says "Invalid character"; name the character.
  const bad = ILLEGAL_CHAR.exec(input);
  if (bad) throw errorAt(input, bad.index, `Character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
  let tree: Root;
  try {
    tree = fromXml(input);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause as { pos?: unknown; message?: unknown } | undefined;
    if (typeof cause?.pos !== 'number' || typeof cause.message !== 'string') throw error;
    // parse-xml counts its position in code points; strings index UTF-16 units.
    const offset = codePointsToOffset(input, cause.pos);
    // A DOCTYPE is refused, whatever else is wrong after it (an entity it would have declared).
    const doctype = input.indexOf('<!DOCTYPE');
    if (doctype >= 0 && doctype < offset) throw errorAt(input, doctype, DOCTYPE_REFUSED);
    throw errorAt(input, offset, parserMessage(cause.message));
  }
  let root: XastElement | null = null;
  for (const node of tree.children) {
    if (node.type === 'doctype') throw errorAtNode(node, DOCTYPE_REFUSED);
    if (node.type === 'instruction' && node.name === 'xml') {
      const encoding = /encoding="([^"]*)"/.exec(node.value)?.[1];
      if (encoding && !/^utf-?8$/i.test(encoding)) throw errorAtNode(node, `The file declares encoding "${encoding}"; only UTF-8 is read`);
    }
    if (node.type === 'element') root = node;
  }
  // The parser fails a document without a root element, so this is only for the type checker.
  if (!root) throw new XmlError('The file holds no XML element', 1, 1);
  return element(root, new Map([['xml', XML_NS]]));
}

const DOCTYPE_REFUSED = 'A DOCTYPE is not allowed in a translation file';

/** An xast element -> ours: namespaces resolved, text and CDATA merged, comments and processing instructions dropped. */
function element(node: XastElement, scope: Scope): XmlElement {
  const attrs = new Map<string, string>();
  let ownScope = scope;
  for (const [k, v] of Object.entries(node.attributes)) {
    const value = v ?? '';
    attrs.set(k, value);
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (ownScope === scope) ownScope = new Map(scope);
      ownScope.set(k === 'xmlns' ? '' : k.slice(6), k === 'xmlns' && value === '' ? null : value);
    }
  }
  const { name } = node;
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  if (prefix && !ownScope.has(prefix)) throw errorAtNode(node, `Namespace prefix "${prefix}" is not declared`);
  for (const k of attrs.keys()) {
    const c = k.indexOf(':');
    if (c > 0 && k.slice(0, c) !== 'xmlns' && !ownScope.has(k.slice(0, c))) throw errorAtNode(node, `Namespace prefix "${k.slice(0, c)}" is not declared`);
  }
  const start = node.position!.start;
  const el: XmlElement = { type: 'element', name, local, ns: ownScope.get(prefix) ?? null, attrs, children: [], line: start.line, column: start.column };
  let text = '';
  for (const child of node.children as ElementContent[]) {
    if (child.type === 'text' || child.type === 'cdata') text += child.value;
    else if (child.type === 'element') {
      if (text) el.children.push({ type: 'text', value: text });
      text = '';
      el.children.push(element(child, ownScope));
    }
  }
  if (text) el.children.push({ type: 'text', value: text });
  return el;
}

/** The parser's message without the place and excerpt it appends (we give the place as line and column). */
function parserMessage(message: string): string {
  return message.replace(/ \(line \d+, column \d+\)\n[\s\S]*$/, '');
}

function codePointsToOffset(s: string, codePoints: number): number {
  let offset = 0;
  for (let i = 0; i < codePoints && offset < s.length; i++) {
    const c = s.charCodeAt(offset);
    offset += c >= 0xd800 && c <= 0xdbff && offset + 1 < s.length ? 2 : 1;
  }
  return offset;
}

/** Line and column (1-based, UTF-16 units) of an offset; CRLF, CR and LF each end a line, as for node positions. */
function errorAt(s: string, offset: number, message: string): XmlError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return new XmlError(message, line, offset - lineStart + 1);
}

function errorAtNode(node: { position?: { start: { line: number; column: number } } }, message: string): XmlError {
  return new XmlError(message, node.position?.start.line ?? 1, node.position?.start.column ?? 1);
}

/** Child elements of `el` in namespace `ns` with local name `local` (any name when omitted). */
export function childElements(el: XmlElement, ns: string | null, local?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element' && c.ns === ns && (local == null || c.local === local));
}

/** All text inside an element, in document order. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.type === 'text' ? c.value : textOf(c))).join('');
}

// ---- writing ---------------------------------------------------------------

/*
 * Kept hand-written: xast-util-to-xml (with stringify-entities) writes `&` and
 * `<` as `&#x26;` and `&#x3C;`, leaves `>` as it is and silently drops control
 * characters, so every XLIFF file briefpack has written (and translators hold)
 * would change bytes, and `<cp hex>` could not be written. This is the one
 * escaper of all XML that l10n writes.
 */

const TEXT_SPECIAL = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;
const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
const reference = (c: string) => REFERENCES[c];

/**
 * Escape for XML. `text`: content (`<`, `&`, and `>` so `]]>` can never
 * appear); `attribute`: a value in double quotes, also keeping as references
 * the white space that attribute normalization would eat. Characters XML
 * cannot hold at all become U+FFFD (content that must keep them writes
 * `<cp hex>` through `splitIllegal` first).
 */
export function escapeXml(value: string, where: 'text' | 'attribute'): string {
  const legal = removeIllegal(value);
  return where === 'text' ? legal.replace(TEXT_SPECIAL, reference) : legal.replace(ATTRIBUTE_SPECIAL, reference);
}

const ILLEGAL_GLOBAL = new RegExp(ILLEGAL_CHAR.source, 'g');

/** Replace characters XML cannot hold at all by U+FFFD. */
function removeIllegal(s: string): string {
  return ILLEGAL_CHAR.test(s) ? s.replace(ILLEGAL_GLOBAL, '\uFFFD') : s;
}

/** Split text into runs XML can hold and single characters it cannot (written as XLIFF `<cp hex=…/>`). */
export function splitIllegal(s: string): Array<{ text: string } | { code: number }> {
  if (!ILLEGAL_CHAR.test(s)) return s ? [{ text: s }] : [];
  const out: Array<{ text: string } | { code: number }> = [];
  const re = new RegExp(ILLEGAL_CHAR.source, 'g');
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m.index > last) out.push({ text: s.slice(last, m.index) });
    out.push({ code: m[0].charCodeAt(0) });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last) });
  return out;
}

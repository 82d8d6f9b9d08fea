/**
 * XML for translation files. Reading: `@rgrove/parse-xml` (a strict
 * XML 1.0 parser, the one under xast-util-from-xml) gives the tree with the
 * offset of every node; this module adds what a translation file needs on
 * top: the policy (UTF-8 only, no DOCTYPE), namespaces, and line and column
 * for every element and every error. Writing: the one escaper of everything
 * l10n writes as XML.
 *
 * No DTD is ever read and no entity other than the five predefined ones and
 * character references is expanded (the parser does not process DTDs, and a
 * DOCTYPE is refused anyway): no external entities, no entity expansion.
 */
import { parseXml as parseXmlDocument, type XmlDocument, type XmlElement as ParsedElement } from '@rgrove/parse-xml';

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
  let doc: XmlDocument;
  try {
    doc = parseXmlDocument(input, { includeOffsets: true, preserveDocumentType: true, preserveXmlDeclaration: true });
  } catch (error) {
    if (error instanceof RangeError) throw TOO_DEEP();
    const { pos, message } = error as { pos?: unknown; message?: unknown };
    if (typeof pos !== 'number' || typeof message !== 'string') throw error;
    // parse-xml counts its position in code points; strings index UTF-16 units.
    const offset = codePointsToOffset(input, pos);
    // A DOCTYPE is refused, whatever else is wrong after it (an entity it would have declared).
    const doctype = input.indexOf('<!DOCTYPE');
    if (doctype >= 0 && doctype < offset) throw errorAt(input, doctype, DOCTYPE_REFUSED);
    const reason = parserMessage(message);
    throw errorAt(input, startOfCulprit(input, offset, reason), reason);
  }
  const lines = new Lines(input);
  let root: ParsedElement | null = null;
  for (const node of doc.children) {
    if (node.type === 'doctype') throw lines.error(node.start, DOCTYPE_REFUSED);
    if (node.type === 'xmldecl') {
      const { encoding } = node as unknown as { encoding: string | null };
      if (encoding && !/^utf-?8$/i.test(encoding)) throw lines.error(node.start, `The file declares encoding "${encoding}"; only UTF-8 is read`);
    }
    if (node.type === 'element') root = node as ParsedElement;
  }
  // The parser fails a document without a root element, so this is only for the type checker.
  if (!root) throw new XmlError('The file holds no XML element', 1, 1);
  try {
    return element(root, new Map([['xml', XML_NS]]), lines);
  } catch (error) {
    throw error instanceof RangeError ? TOO_DEEP() : error;
  }
}

const DOCTYPE_REFUSED = 'A DOCTYPE is not allowed in a translation file';
/** Thousands of nested elements exhaust the stack of the (recursive) parser: a malformed file, not a crash. */
const TOO_DEEP = () => new XmlError('Elements are nested too deeply to read', 1, 1);

/**
 * The parser stops after what it could not read: point at its start, where
 * the diagnostic is useful, as for every other error: the `&` of a bad
 * reference, the name of a repeated attribute.
 */
function startOfCulprit(input: string, offset: number, message: string): number {
  if (/^(Unterminated reference|Invalid character reference|Character reference resolves)/.test(message)) {
    const amp = input.lastIndexOf('&', offset - 1);
    return amp >= 0 ? amp : offset;
  }
  const duplicate = /^Duplicate attribute: (\S+)$/.exec(message);
  if (duplicate) {
    // Attribute values hold no `<`: the tag starts at the last one.
    const tag = Math.max(0, input.lastIndexOf('<', offset));
    let at = offset;
    for (const m of input.slice(tag, offset).matchAll(/\s([^\s=]+)\s*=/g)) if (m[1] === duplicate[1]) at = tag + m.index + 1;
    return at;
  }
  return offset;
}

/** A parsed element -> ours: namespaces resolved, text and CDATA merged, comments and processing instructions dropped. */
function element(node: ParsedElement, scope: Scope, lines: Lines): XmlElement {
  const attrs = new Map<string, string>();
  let ownScope = scope;
  for (const k in node.attributes) {
    const value = node.attributes[k];
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
  if (prefix && !ownScope.has(prefix)) throw lines.error(node.start, `Namespace prefix "${prefix}" is not declared`);
  for (const k of attrs.keys()) {
    const c = k.indexOf(':');
    if (c > 0 && k.slice(0, c) !== 'xmlns' && !ownScope.has(k.slice(0, c))) throw lines.error(node.start, `Namespace prefix "${k.slice(0, c)}" is not declared`);
  }
  const { line, column } = lines.at(node.start);
  const el: XmlElement = { type: 'element', name, local, ns: ownScope.get(prefix) ?? null, attrs, children: [], line, column };
  let text = '';
  for (const child of node.children) {
    // CDATA comes as text (the parser's default); comments and processing instructions are dropped.
    if (child.type === 'text') text += (child as { text: string }).text;
    else if (child.type === 'element') {
      if (text) el.children.push({ type: 'text', value: text });
      text = '';
      el.children.push(element(child as ParsedElement, ownScope, lines));
    }
  }
  if (text) el.children.push({ type: 'text', value: text });
  return el;
}

/** Line and column (1-based, UTF-16 units) of offsets; CRLF, CR and LF each end a line. */
class Lines {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (const m of text.matchAll(/\r\n?|\n/g)) this.starts.push(m.index + m[0].length);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  error(offset: number, message: string): XmlError {
    const { line, column } = this.at(offset);
    return new XmlError(message, line, column);
  }
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

function errorAt(s: string, offset: number, message: string): XmlError {
  return new Lines(s).error(offset, message);
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

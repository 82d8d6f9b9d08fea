/**
 * Parse phase: an XLIFF 2.x file -> TranslationFile. Reads what briefpack
 * writes and what XLIFF 2 CAT tools return (groups, segment states, target
 * `order`, `sc`/`ec` pairs, `cp`). XLIFF 1.2 and non-XLIFF XML are refused
 * as malformed, with the line of the offending element.
 */
import { parseXml, XmlError, childElements, textOf, type XmlElement, type XmlNode } from './xml.js';
import { decodeUtf8, type ReadResult, type TranslationDocument, type TranslationEntry, type TranslationProblem, type XliffPart } from './translation-file.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Note categories briefpack writes. */
export const NOTE_HASH = 'briefpack-source-hash';
export const NOTE_STALE = 'briefpack-stale';
export const NOTE_LOCATION = 'location';
export const NOTE_DNT = 'do-not-translate';

/** `<file id>` must be an XML NMTOKEN: characters a file name may hold but an NMTOKEN may not become `_`. */
export function xliffFileId(documentId: string): string {
  return documentId.replace(/[^\p{L}\p{N}._:-]/gu, '_') || '_';
}

class XliffStructureError extends Error {
  constructor(
    message: string,
    readonly el: { line: number; column: number },
  ) {
    super(message);
  }
}

/** Parse phase: XLIFF bytes (or text) -> translation entries keyed by unit id, per `<file>`. */
export function readXliff(input: Uint8Array | string, path: string): ReadResult {
  const text = decodeUtf8(input);
  if (text == null) return malformed(`${path} is not valid UTF-8`, 1, 1);
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) return malformed(`Not well-formed XML: ${error.message}`, error.line, error.column);
    throw error;
  }
  if (root.local !== 'xliff') return malformed(`The root element is <${root.name}>, not <xliff>`, root.line, root.column);
  if (root.ns !== XLIFF_NS) {
    const version = root.attrs.get('version');
    const hint =
      version && /^1\./.test(version) ? `XLIFF ${version} is not read; export XLIFF 2.0 or 2.1 from your tool` : `<xliff> must be in the namespace ${XLIFF_NS}`;
    return malformed(hint, root.line, root.column);
  }
  const version = root.attrs.get('version') ?? '';
  if (!/^2\.\d+$/.test(version)) return malformed(`XLIFF version "${version}" is not 2.x`, root.line, root.column);
  const problems: TranslationProblem[] = [];
  const documents: TranslationDocument[] = [];
  try {
    const files = childElements(root, XLIFF_NS, 'file');
    if (files.length === 0) throw new XliffStructureError('<xliff> holds no <file>', root);
    for (const file of files) {
      const entries = new Map<string, TranslationEntry>();
      const id = file.attrs.get('id');
      if (!id) throw new XliffStructureError('<file> has no id', file);
      collectUnits(file, entries);
      documents.push({ id, original: file.attrs.get('original') ?? null, entries });
    }
  } catch (error) {
    if (error instanceof XliffStructureError) return malformed(error.message, error.el.line, error.el.column);
    throw error;
  }
  return {
    file: { path, format: 'xliff', language: root.attrs.get('trgLang') ?? null, sourceLanguage: root.attrs.get('srcLang') ?? null, documents },
    problems,
  };

  function malformed(reason: string, line: number, column: number): ReadResult {
    return { file: null, problems: [{ ruleId: 'translation-malformed', reason, line, column }] };
  }
}

function collectUnits(container: XmlElement, entries: Map<string, TranslationEntry>): void {
  for (const el of childElements(container, XLIFF_NS)) {
    if (el.local === 'group') collectUnits(el, entries);
    else if (el.local === 'unit') {
      const entry = readUnit(el);
      const previous = entries.get(entry.id);
      if (previous) throw new XliffStructureError(`Unit id "${entry.id}" appears twice (first on line ${previous.line})`, el);
      entries.set(entry.id, entry);
    }
  }
}

function readUnit(unit: XmlElement): TranslationEntry {
  const id = unit.attrs.get('id');
  if (!id) throw new XliffStructureError('<unit> has no id', unit);
  let hash: string | null = null;
  let staleNote = false;
  for (const notes of childElements(unit, XLIFF_NS, 'notes')) {
    for (const note of childElements(notes, XLIFF_NS, 'note')) {
      const category = note.attrs.get('category');
      if (category === NOTE_HASH) hash = textOf(note).trim() || null;
      else if (category === NOTE_STALE) staleNote = true;
    }
  }
  const data = new Map<string, string>();
  for (const od of childElements(unit, XLIFF_NS, 'originalData')) {
    for (const d of childElements(od, XLIFF_NS, 'data')) {
      const dataId = d.attrs.get('id');
      if (!dataId) throw new XliffStructureError('<data> has no id', d);
      data.set(dataId, inlineChars(d));
    }
  }
  const parts: XliffPart[] = [];
  for (const el of childElements(unit, XLIFF_NS)) {
    if (el.local !== 'segment' && el.local !== 'ignorable') continue;
    const [source, ...moreSources] = childElements(el, XLIFF_NS, 'source');
    if (!source || moreSources.length) throw new XliffStructureError(`<${el.local}> in unit ${id} must hold exactly one <source>`, el);
    const targets = childElements(el, XLIFF_NS, 'target');
    if (targets.length > 1) throw new XliffStructureError(`<${el.local}> in unit ${id} holds more than one <target>`, targets[1]);
    const target = targets[0];
    const orderAttr = target?.attrs.get('order');
    if (orderAttr != null && !/^[1-9]\d*$/.test(orderAttr)) throw new XliffStructureError(`order="${orderAttr}" is not a positive number`, target);
    parts.push({
      kind: el.local,
      source: source.children,
      target: target ? target.children : null,
      order: orderAttr ? Number(orderAttr) : null,
      state: el.local === 'segment' ? (el.attrs.get('state') ?? null) : null,
      line: el.line,
      column: el.column,
    });
  }
  if (!parts.some((p) => p.kind === 'segment')) throw new XliffStructureError(`Unit ${id} has no <segment>`, unit);
  const segments = parts.filter((p) => p.kind === 'segment');
  const translated = segments.every((p) => p.target && hasContent(p.target));
  const stillInitial = segments.some((p) => (p.state ?? 'initial') === 'initial');
  return {
    id,
    line: unit.line,
    column: unit.column,
    hash,
    fuzzy: staleNote && stillInitial,
    source: parts.map((p) => plainWithData(p.source, data)).join(''),
    previousSource: null,
    target: translated ? { kind: 'xliff', parts, data } : null,
  };
}

/** Text of a node list with `<cp>` resolved (for `<data>`). */
function inlineChars(el: XmlElement): string {
  return el.children.map((c) => (c.type === 'text' ? c.value : c.local === 'cp' ? cpChar(c) : '')).join('');
}

export function cpChar(el: XmlElement): string {
  const hex = el.attrs.get('hex') ?? '';
  if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) throw new XliffStructureError(`<cp hex="${hex}"> is not a code point`, el);
  return String.fromCodePoint(parseInt(hex, 16));
}

function hasContent(nodes: XmlNode[]): boolean {
  return nodes.some((n) => (n.type === 'text' ? n.value.trim() !== '' : n.local === 'cp' || n.local === 'ph' || hasContent(n.children)));
}

/** Source text as the file holds it, codes written with their original data (briefpack writes Markdown there). */
function plainWithData(nodes: XmlNode[], data: Map<string, string>): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    else if (n.local === 'cp') out += cpChar(n);
    else if (n.local === 'ph' || n.local === 'sc' || n.local === 'ec') out += data.get(n.attrs.get('dataRef') ?? '') ?? n.attrs.get('equiv') ?? '';
    else if (n.local === 'pc') {
      out += data.get(n.attrs.get('dataRefStart') ?? '') ?? n.attrs.get('equivStart') ?? '';
      out += plainWithData(n.children, data);
      out += data.get(n.attrs.get('dataRefEnd') ?? '') ?? n.attrs.get('equivEnd') ?? '';
    } else out += plainWithData(n.children, data);
  }
  return out;
}

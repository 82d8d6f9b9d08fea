/**
 * Run phase (docx): a reference document (`docx.referenceDoc` in
 * briefpack.yaml, `--reference-doc`), used as pandoc's `--reference-doc` is.
 *
 * The Word file takes from it:
 * - the definition of every style it shares with the pack (`w:style`, matched
 *   by `w:styleId`, then by `w:name` as Word writes localized ids), with the
 *   reference styles those are based on or linked to;
 * - the document defaults (`w:docDefaults`);
 * - the theme part, when what it takes refers to theme fonts or colours;
 * - the page setup (size, orientation, margins) of the last `w:sectPr` of
 *   its document part, which `pageGeometry` lays every section out on.
 *
 * Styles the reference lacks keep ours. What is content rather than look
 * stays the pack's: the language (`w:lang`) and the East Asian font of the
 * defaults when the reference names none, the list numbering (`w:numPr` of a
 * reference style points into the reference's numbering part, so it is
 * dropped), the right-to-left default of an Arabic pack, and which style is
 * the default of its type. The parts are read and written with xast
 * (xast-util-from-xml, xast-util-to-xml); the result depends only on the two
 * documents, so the bytes are reproducible.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { Element, ElementContent, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import type { PageMargins, ReferencePage } from './page.js';

const W_MAIN = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';

/** What the Word file takes from a reference document. */
export interface ReferenceDoc {
  /** The `w:styles` element of its styles part, or null when it has none. */
  styles: Element | null;
  /** The page setup of its last section, or null when it has none. */
  page: ReferencePage | null;
  /** The text of its theme part, or null when it has none. */
  theme: string | null;
}

/** A reference document briefpack cannot use; the message completes "The reference document …". */
export class ReferenceProblem extends Error {
  override name = 'ReferenceProblem';
}

/** Read a reference .docx (or .dotx): its styles, theme and page setup. */
export function readReference(bytes: Uint8Array): ReferenceDoc {
  let rels: Record<string, Uint8Array>;
  try {
    rels = unzipSync(bytes, { filter: (f) => f.name.endsWith('.rels') });
  } catch {
    throw new ReferenceProblem('is not a .docx file (it is not a zip archive)');
  }
  const main = relationshipTarget(rels, '', 'officeDocument') ?? 'word/document.xml';
  const stylesName = relationshipTarget(rels, main, 'styles') ?? `${folderOf(main)}styles.xml`;
  const themeName = relationshipTarget(rels, main, 'theme');
  const wanted = new Set([main, stylesName, ...(themeName ? [themeName] : [])]);
  const parts = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  if (!parts[main] && !parts[stylesName]) throw new ReferenceProblem('is not a Word document: it has neither a document part nor a styles part');

  const styles = parts[stylesName] ? wordRoot(parsePart(parts[stylesName], stylesName), 'w:styles', stylesName) : null;
  const document = parts[main] ? wordRoot(parsePart(parts[main], main), 'w:document', main) : null;
  return {
    styles,
    page: document ? pageOf(document) : null,
    theme: themeName && parts[themeName] ? strFromU8(parts[themeName]) : null,
  };
}

/** The result of taking a reference's styles into ours. */
export interface MergedStyles {
  xml: string;
  /** Whether what was taken refers to the theme (theme fonts or colours), so the reference's theme part goes with it. */
  usesTheme: boolean;
}

/**
 * Our styles part with the reference's definitions in place of ours.
 * `rtl`: the pack reads right to left (`w:bidi` in the paragraph defaults).
 */
export function mergeStyles(ourXml: string, reference: Element, options: { rtl: boolean }): MergedStyles {
  const tree = fromXml(ourXml);
  const root = rootOf(tree);
  if (!root || root.name !== 'w:styles') throw new Error('styles.xml has no w:styles root');
  const ours = kids(root, 'w:style');
  const theirs = kids(reference, 'w:style');

  const byId = new Map<string, Element>();
  const byName = new Map<string, Element>();
  for (const r of theirs) {
    const id = attr(r, 'w:styleId');
    if (id && !byId.has(id)) byId.set(id, r);
    const key = nameKey(r);
    if (key && !byName.has(key)) byName.set(key, r);
  }

  // Ours -> theirs: by id first, then (for those left) by name and type.
  const match = new Map<Element, Element>();
  const used = new Set<Element>();
  for (const s of ours) {
    const r = byId.get(attr(s, 'w:styleId') ?? '');
    if (r && typeOf(r) === typeOf(s) && !used.has(r)) {
      match.set(s, r);
      used.add(r);
    }
  }
  for (const s of ours) {
    if (match.has(s)) continue;
    const key = nameKey(s);
    const r = key ? byName.get(key) : undefined;
    if (r && !used.has(r)) {
      match.set(s, r);
      used.add(r);
    }
  }
  /** Reference style id -> the id it has in our file. */
  const ids = new Map<string, string>();
  for (const [s, r] of match) ids.set(attr(r, 'w:styleId') ?? '', attr(s, 'w:styleId') ?? '');
  const ourIds = new Set(ours.map((s) => attr(s, 'w:styleId') ?? ''));

  // The reference styles the taken ones are based on, continue with or link to, that our file lacks.
  const extra = new Set<Element>();
  const queue = [...match.values()];
  while (queue.length) {
    const r = queue.shift()!;
    for (const ref of STYLE_REFS) {
      const v = attr(kid(r, ref), 'w:val');
      if (!v || ids.has(v) || ourIds.has(v)) continue;
      const dep = byId.get(v);
      if (!dep || used.has(dep)) continue;
      used.add(dep);
      extra.add(dep);
      queue.push(dep);
    }
  }

  const defaults = kid(root, 'w:docDefaults');
  const ourLang = path(defaults, 'w:rPrDefault', 'w:rPr', 'w:lang') ?? path(ours.find(isDefaultParagraph), 'w:rPr', 'w:lang');
  const taken: Element[] = [];
  const take = (r: Element, s: Element | null): Element => {
    const el = imported(r, s, ids);
    if (s && isDefaultParagraph(s) && ourLang) setRunProperty(ensureChild(el, 'w:rPr', STYLE_AFTER_RPR), clean(ourLang));
    taken.push(el);
    return el;
  };
  root.children = root.children.map((c) => (c.type === 'element' && match.has(c) ? take(match.get(c)!, c) : c));
  for (const r of theirs) if (extra.has(r)) root.children.push(take(r, null));

  const theirDefaults = kid(reference, 'w:docDefaults');
  if (theirDefaults) {
    const d = importedDefaults(theirDefaults, defaults ?? null);
    taken.push(d);
    if (defaults) root.children = root.children.map((c) => (c === defaults ? d : c));
    else root.children.unshift(d);
  }
  if (options.rtl) bidiDefaults(root);
  mergeNamespaces(root, reference);

  return { xml: toXml(tree, { closeEmptyElements: true, tightClose: true }), usesTheme: taken.some(refersToTheme) };
}

// ---------------------------------------------------------------------------
// Styles and defaults taken from the reference

const STYLE_REFS = ['w:basedOn', 'w:next', 'w:link'] as const;

/** Children of `w:style` that follow `w:rPr` (CT_Style). */
const STYLE_AFTER_RPR = ['w:tblPr', 'w:trPr', 'w:tcPr', 'w:tblStylePr'];
/** Children of `w:rPr` that follow `w:lang` (CT_RPr; extension elements such as w14:* come last). */
const RPR_AFTER_LANG = ['w:eastAsianLayout', 'w:specVanish', 'w:oMath'];
/** Children of `w:pPr` that follow `w:bidi` (CT_PPrBase, then CT_PPr). */
const PPR_AFTER_BIDI = [
  'w:adjustRightInd',
  'w:snapToGrid',
  'w:spacing',
  'w:ind',
  'w:contextualSpacing',
  'w:mirrorIndents',
  'w:suppressOverlap',
  'w:jc',
  'w:textDirection',
  'w:textAlignment',
  'w:textboxTightWrap',
  'w:outlineLvl',
  'w:divId',
  'w:cnfStyle',
  'w:rPr',
  'w:sectPr',
  'w:pPrChange',
];

/** A reference style as our file holds it: our id, type and default flag, its ids mapped to ours, no list numbering, no language. */
function imported(r: Element, ours: Element | null, ids: ReadonlyMap<string, string>): Element {
  const el = clean(r);
  delete el.attributes['w:default'];
  if (ours) {
    el.attributes['w:type'] = typeOf(ours);
    el.attributes['w:styleId'] = attr(ours, 'w:styleId') ?? '';
    const isDefault = attr(ours, 'w:default');
    if (isDefault) el.attributes['w:default'] = isDefault;
  }
  for (const ref of STYLE_REFS) {
    const k = kid(el, ref);
    const v = attr(k, 'w:val');
    if (k && v && ids.has(v)) k.attributes['w:val'] = ids.get(v)!;
  }
  // A reference style's list numbering points into the reference's numbering part, which the file does not hold.
  removeChildren(kid(el, 'w:pPr'), 'w:numPr');
  // The language is the pack's (the defaults and Normal carry it).
  removeChildren(kid(el, 'w:rPr'), 'w:lang');
  return el;
}

/** The reference's document defaults, with the pack's language and, where the reference names none, its East Asian font. */
function importedDefaults(theirs: Element, ours: Element | null): Element {
  const d = clean(theirs);
  const ourRun = path(ours, 'w:rPrDefault', 'w:rPr');
  const lang = kid(ourRun, 'w:lang');
  const eastAsia = attr(kid(ourRun, 'w:rFonts'), 'w:eastAsia');
  if (!lang && !eastAsia) return d;
  const rPrDefault = ensureChild(d, 'w:rPrDefault', ['w:pPrDefault']);
  const rPr = ensureChild(rPrDefault, 'w:rPr', []);
  if (lang) setRunProperty(rPr, clean(lang));
  if (eastAsia) {
    const fonts = kid(rPr, 'w:rFonts');
    if (!fonts) rPr.children.unshift(element('w:rFonts', { 'w:eastAsia': eastAsia }));
    else if (!attr(fonts, 'w:eastAsia') && !attr(fonts, 'w:eastAsiaTheme')) fonts.attributes['w:eastAsia'] = eastAsia;
  }
  return d;
}

/** `w:bidi` in the paragraph defaults: every paragraph runs from the right. */
function bidiDefaults(root: Element): void {
  const defaults = kid(root, 'w:docDefaults') ?? element('w:docDefaults', {});
  if (!root.children.includes(defaults)) root.children.unshift(defaults);
  const pPr = ensureChild(ensureChild(defaults, 'w:pPrDefault', []), 'w:pPr', []);
  if (!kid(pPr, 'w:bidi')) insertBefore(pPr, element('w:bidi', {}), PPR_AFTER_BIDI);
}

/** `w:lang` in a run's properties, in place of any there. */
function setRunProperty(rPr: Element, lang: Element): void {
  const at = rPr.children.findIndex((c) => c.type === 'element' && c.name === 'w:lang');
  if (at >= 0) rPr.children[at] = lang;
  else insertBefore(rPr, lang, RPR_AFTER_LANG, (name) => !name.startsWith('w:')); // extension elements (w14:…) come after the schema's own
}

/** Namespace declarations and ignorable prefixes of the reference's styles part that ours lacks, for the elements taken from it. */
function mergeNamespaces(root: Element, reference: Element): void {
  for (const [name, value] of Object.entries(reference.attributes)) {
    if (name.startsWith('xmlns:') && !(name in root.attributes) && value != null) root.attributes[name] = value;
  }
  const ignorable = (el: Element) => (attr(el, 'mc:Ignorable') ?? '').split(/\s+/).filter(Boolean);
  if (!root.attributes['xmlns:mc']) return;
  const prefixes = [...ignorable(root)];
  for (const p of ignorable(reference)) if (!prefixes.includes(p) && root.attributes[`xmlns:${p}`]) prefixes.push(p);
  if (prefixes.length) root.attributes['mc:Ignorable'] = prefixes.join(' ');
}

/** Whether an element refers to the theme: theme fonts (`w:asciiTheme`…), theme colours (`w:themeColor`, `w14:schemeClr`…). */
function refersToTheme(el: Element): boolean {
  if (/schemeClr$/i.test(el.name)) return true;
  if (Object.keys(el.attributes).some((name) => /theme/i.test(name.slice(name.indexOf(':') + 1)))) return true;
  return el.children.some((c) => c.type === 'element' && refersToTheme(c));
}

// ---------------------------------------------------------------------------
// Page setup

/** The page setup of the last section: the body's own `w:sectPr` (or the last section break's). */
function pageOf(document: Element): ReferencePage | null {
  const body = kid(document, 'w:body');
  const own = kids(body, 'w:sectPr').at(-1);
  const sect = own ?? descendants(document, 'w:sectPr', 'w:sectPrChange').at(-1);
  if (!sect) return null;
  const size = kid(sect, 'w:pgSz');
  const margin = kid(sect, 'w:pgMar');
  const page: ReferencePage = { margins: {} };
  const width = twips(attr(size, 'w:w'));
  const height = twips(attr(size, 'w:h'));
  const code = twips(attr(size, 'w:code'));
  const orient = attr(size, 'w:orient');
  if (width != null && width > 0) page.width = width;
  if (height != null && height > 0) page.height = height;
  if (code != null) page.code = code;
  if (orient === 'landscape' || orient === 'portrait') page.orientation = orient;
  for (const side of ['top', 'right', 'bottom', 'left', 'header', 'footer', 'gutter'] as const satisfies ReadonlyArray<keyof PageMargins>) {
    const v = twips(attr(margin, `w:${side}`));
    if (v != null) page.margins[side] = v;
  }
  return page;
}

const UNIT_TWIPS: Record<string, number> = { mm: 1440 / 25.4, cm: 1440 / 2.54, in: 1440, pt: 20, pc: 240, pi: 240 };

/** A twips value: a number, or a universal measure ("2.54cm", "72pt"). */
function twips(value: string | undefined): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$/.exec(value ?? '');
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (m[2] ? UNIT_TWIPS[m[2]] : 1));
}

// ---------------------------------------------------------------------------
// Package and tree helpers

/** The target of the first relationship of `type` from `source` ('' for the package), as a part name. */
function relationshipTarget(rels: Record<string, Uint8Array>, source: string, type: string): string | null {
  const relsName = source ? `${folderOf(source)}_rels/${source.slice(folderOf(source).length)}.rels` : '_rels/.rels';
  const bytes = rels[relsName];
  if (!bytes) return null;
  let root: Element | null;
  try {
    root = rootOf(fromXml(strFromU8(bytes)));
  } catch {
    throw new ReferenceProblem(`has a malformed ${relsName}`);
  }
  for (const r of kids(root, 'Relationship')) {
    if (attr(r, 'TargetMode') === 'External' || !(attr(r, 'Type') ?? '').endsWith(`/${type}`)) continue;
    const target = attr(r, 'Target');
    if (target) return resolvePart(folderOf(source), target);
  }
  return null;
}

function folderOf(name: string): string {
  return name.slice(0, name.lastIndexOf('/') + 1);
}

/** A relationship target (relative to `folder`, or absolute from the package root) as a part name. */
function resolvePart(folder: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

function parsePart(bytes: Uint8Array, name: string): Root {
  try {
    return fromXml(strFromU8(bytes));
  } catch (error) {
    throw new ReferenceProblem(`has a malformed ${name} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

/** The root element of a WordprocessingML part, which must be `expected` in the transitional namespace. */
function wordRoot(tree: Root, expected: string, name: string): Element {
  const root = rootOf(tree);
  if (root?.attributes['xmlns:w'] === W_STRICT) throw new ReferenceProblem('is a Strict Open XML document; save it in Word as "Word Document (*.docx)"');
  if (!root || root.name !== expected || root.attributes['xmlns:w'] !== W_MAIN)
    throw new ReferenceProblem(`has a ${name} that is not a WordprocessingML ${expected} part`);
  return root;
}

function rootOf(tree: Root): Element | null {
  return (tree.children.find((c) => c.type === 'element') as Element | undefined) ?? null;
}

function kids(el: Element | null | undefined, name: string): Element[] {
  return el ? el.children.filter((c): c is Element => c.type === 'element' && c.name === name) : [];
}

function kid(el: Element | null | undefined, name: string): Element | undefined {
  return kids(el, name)[0];
}

function path(el: Element | null | undefined, ...names: string[]): Element | undefined {
  let at = el ?? undefined;
  for (const n of names) at = kid(at, n);
  return at;
}

/** Descendants named `name`, in document order, not looking inside `skip`. */
function descendants(el: Element, name: string, skip: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (c.type !== 'element' || c.name === skip) continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

function attr(el: Element | null | undefined, name: string): string | undefined {
  const v = el?.attributes[name];
  return v == null ? undefined : String(v);
}

function typeOf(style: Element): string {
  return attr(style, 'w:type') ?? 'paragraph';
}

/** The default paragraph style (Normal). */
function isDefaultParagraph(style: Element | undefined): boolean {
  return !!style && typeOf(style) === 'paragraph' && ['1', 'true', 'on'].includes(attr(style, 'w:default') ?? '');
}

/** Type and name of a style, as Word compares built-in names ("heading 1" and "Heading 1" are one style). */
function nameKey(style: Element): string | null {
  const name = attr(kid(style, 'w:name'), 'w:val');
  return name ? `${typeOf(style)}\u0000${name.trim().replace(/\s+/g, ' ').toLowerCase()}` : null;
}

function element(name: string, attributes: Record<string, string>, children: ElementContent[] = []): Element {
  return { type: 'element', name, attributes, children };
}

/** A deep copy without source positions. */
function clean<T extends Element>(el: T): T {
  const copy = (n: ElementContent): ElementContent => {
    if (n.type === 'element') return { type: 'element', name: n.name, attributes: { ...n.attributes }, children: n.children.map(copy) };
    const { position: _position, ...rest } = n;
    return rest as ElementContent;
  };
  return copy(el) as T;
}

function removeChildren(el: Element | undefined, name: string): void {
  if (el) el.children = el.children.filter((c) => !(c.type === 'element' && c.name === name));
}

/** The child named `name`, made (before the first of `following`, or last) when missing. */
function ensureChild(el: Element, name: string, following: readonly string[]): Element {
  const found = kid(el, name);
  if (found) return found;
  const made = element(name, {});
  insertBefore(el, made, following);
  return made;
}

/** Insert `child` before the first child named in `following` (or matching `after`), else at the end. */
function insertBefore(el: Element, child: Element, following: readonly string[], after?: (name: string) => boolean): void {
  const at = el.children.findIndex((c) => c.type === 'element' && (following.includes(c.name) || (after?.(c.name) ?? false)));
  if (at < 0) el.children.push(child);
  else el.children.splice(at, 0, child);
}

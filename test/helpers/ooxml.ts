/**
 * A small reader for the XML parts of an OOXML package, for structural tests:
 * unzip with fflate, parse each part into a plain element tree (no DTDs, no
 * entities beyond the five XML ones and character references, which is all
 * docx and Office write), and query it by element name.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
}
export type XmlNode = XmlElement | string;

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e],
  );
}

/** Parse an XML document; throws on mismatched tags, so it also checks the part is well formed. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], parent: null };
  let current = root;
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let last = 0;
  for (const m of xml.matchAll(token)) {
    if (m.index !== last) throw new Error(`XML: unexpected text at ${last}: ${xml.slice(last, last + 40)}`);
    last = m.index + m[0].length;
    const [, cdata, closing, name, attrText, selfClosing, text] = m;
    if (cdata !== undefined) current.children.push(cdata);
    else if (text !== undefined) current.children.push(decode(text));
    else if (name !== undefined) {
      if (closing) {
        if (current.name !== name) throw new Error(`XML: </${name}> closes <${current.name}>`);
        current = current.parent!;
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name, attrs, children: [], parent: current };
      current.children.push(el);
      if (!selfClosing) current = el;
    }
  }
  if (last !== xml.length) throw new Error(`XML: trailing text at ${last}`);
  if (current !== root) throw new Error(`XML: <${current.name}> never closed`);
  const top = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (top.length !== 1) throw new Error(`XML: ${top.length} root elements`);
  return top[0];
}

/** Every descendant element named `name`, in document order. */
export function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function first(el: XmlElement, name: string): XmlElement | undefined {
  return all(el, name)[0];
}

/** The nearest ancestor named `name`. */
export function ancestor(el: XmlElement, name: string): XmlElement | null {
  for (let p = el.parent; p; p = p.parent) if (p.name === name) return p;
  return null;
}

/** The text a reader sees: `w:t` contents, tabs as \t, breaks as \n. */
export function textOf(el: XmlElement): string {
  let s = '';
  const walk = (e: XmlElement) => {
    if (e.name === 'w:t') s += e.children.filter((c): c is string => typeof c === 'string').join('');
    else if (e.name === 'w:tab' && e.parent?.name === 'w:r') s += '\t';
    else if (e.name === 'w:br') s += '\n';
    else if (e.name === 'w:instrText') return;
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(el);
  return s;
}

/** The paragraph style id of a `w:p` (undefined for Normal). */
export function styleOf(p: XmlElement): string | undefined {
  const pPr = p.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:pPr');
  const style = pPr?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:pStyle');
  return style?.attrs['w:val'];
}

/** The parts of an OOXML package as text (XML and .rels parts only). */
export function unzipParts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

/**
 * The numbers Word shows for numbered paragraphs, computed from numbering.xml
 * the way Word counts: one counter per list (`w:num`) and level, starting at
 * the level's start override (or the abstract level's start), deeper levels
 * restarting after a shallower item of the same list.
 */
export function listNumbers(document: XmlElement, numbering: XmlElement): Array<{ p: XmlElement; numId: string; level: number; value: number; text: string }> {
  const abstracts = new Map(all(numbering, 'w:abstractNum').map((a) => [a.attrs['w:abstractNumId'], a]));
  const nums = new Map(all(numbering, 'w:num').map((n) => [n.attrs['w:numId'], n]));
  const startOf = (numId: string, level: number): number => {
    const num = nums.get(numId);
    if (!num) throw new Error(`numId ${numId} is not defined`);
    const override = all(num, 'w:lvlOverride').find((o) => o.attrs['w:ilvl'] === String(level));
    const start = override && first(override, 'w:startOverride');
    if (start) return Number(start.attrs['w:val']);
    const abstract = abstracts.get(first(num, 'w:abstractNumId')!.attrs['w:val']);
    const lvl = abstract && all(abstract, 'w:lvl').find((l) => l.attrs['w:ilvl'] === String(level));
    const s = lvl && first(lvl, 'w:start');
    return s ? Number(s.attrs['w:val']) : 0;
  };
  const counters = new Map<string, number[]>();
  const out: Array<{ p: XmlElement; numId: string; level: number; value: number; text: string }> = [];
  for (const p of all(document, 'w:p')) {
    const numPr = first(p, 'w:numPr');
    if (!numPr || ancestor(numPr, 'w:pPr')?.parent !== p) continue;
    const numId = first(numPr, 'w:numId')!.attrs['w:val'];
    const level = Number(first(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0);
    if (numId === '0') continue;
    const c = counters.get(numId) ?? [];
    const value = c[level] === undefined ? startOf(numId, level) : c[level] + 1;
    c[level] = value;
    c.length = level + 1; // deeper levels restart
    counters.set(numId, c);
    out.push({ p, numId, level, value, text: textOf(p) });
  }
  return out;
}

/** The character data directly inside an element (field instructions, property values). */
export function ownText(el: XmlElement | undefined): string {
  return el ? el.children.filter((c): c is string => typeof c === 'string').join('') : '';
}

/** Every part name of an OOXML package (media included). */
export function partNames(bytes: Uint8Array): string[] {
  return Object.keys(unzipSync(bytes));
}

/** The bytes of one part of an OOXML package. */
export function partBytes(bytes: Uint8Array, name: string): Uint8Array | undefined {
  return unzipSync(bytes, { filter: (f) => f.name === name })[name];
}

/**
 * Import (docx): the XML parts of a Word package as xast trees, and the few
 * queries the importer needs. Parts are parsed with xast-util-from-xml, which
 * keeps each node's offsets, so the importer can splice the original text
 * instead of re-serializing it.
 */
import { fromXml } from 'xast-util-from-xml';
import type { Element, Root } from 'xast';
import { strFromU8 } from 'fflate';

export type { Element } from 'xast';

export function parseXmlPart(bytes: Uint8Array | undefined): Root | null {
  if (!bytes) return null;
  return fromXml(strFromU8(bytes));
}

/** The root element of a parsed part. */
export function rootElement(tree: Root | null): Element | null {
  if (!tree) return null;
  return (tree.children.find((c) => c.type === 'element') as Element | undefined) ?? null;
}

/** Child elements, optionally only those named `name`. */
export function kids(el: Element | null | undefined, name?: string): Element[] {
  if (!el) return [];
  const out: Element[] = [];
  for (const c of el.children) if (c.type === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function kid(el: Element | null | undefined, name: string): Element | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.type === 'element' && c.name === name) return c;
  return undefined;
}

/** The first element reached by a path of child names. */
export function path(el: Element | null | undefined, ...names: string[]): Element | undefined {
  let at: Element | undefined = el ?? undefined;
  for (const n of names) at = kid(at, n);
  return at;
}

export function attr(el: Element | null | undefined, name: string): string | undefined {
  const v = el?.attributes[name];
  return v == null ? undefined : String(v);
}

/** `w:val` of a child element. */
export function val(el: Element | null | undefined, name: string): string | undefined {
  return attr(kid(el, name), 'w:val');
}

/** Every descendant element named `name`, in document order. */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (c.type !== 'element') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The text Word shows for an element: `w:t`, tabs, breaks; field instructions and deleted text are not text. */
export function wordText(el: Element): string {
  let s = '';
  const walk = (e: Element) => {
    if (e.name === 'w:t') {
      for (const c of e.children) if (c.type === 'text') s += c.value;
      return;
    }
    if (e.name === 'w:tab') s += '\t';
    else if (e.name === 'w:br' || e.name === 'w:cr') s += '\n';
    else if (e.name === 'w:noBreakHyphen') s += '\u2011';
    if (e.name === 'w:instrText' || e.name === 'w:del' || e.name === 'w:delText' || e.name === 'w:pPr' || e.name === 'w:rPr') return;
    for (const c of e.children) if (c.type === 'element') walk(c);
  };
  walk(el);
  return s;
}

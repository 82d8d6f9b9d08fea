/**
 * SVG as pdfmake may draw it into a PDF/A-1b file (run phase helper).
 * pdfmake draws SVG with svg-to-pdfkit, which would
 * - read any file an `<image href>` names, outside every access policy, and
 *   embed it (with its alpha channel as a soft mask);
 * - write a transparency group for opacity, clipping and masks, and an
 *   ExtGState with alpha for `fill-opacity` and the like: PDF/A-1 forbids
 *   transparency;
 * - make a link annotation of any `<a href>`, whatever its scheme.
 * So the SVG is parsed (with xmldoc, pdfmake's own SVG reader) and written
 * again without those: an embedded PNG or JPEG data URL is kept (a PNG drawn
 * on white), any other image is dropped; opacity, clipping, masks, filters
 * and patterns are dropped (what they cover is drawn opaque, in full); links
 * keep their content and lose their target. Null: not an SVG pdfmake can read.
 */
import { createRequire } from 'node:module';
import { jpegFits, pdfaPng } from './png.js';

interface XmlNode {
  type: 'element' | 'text' | 'cdata' | 'comment';
}
interface XmlElement extends XmlNode {
  name: string;
  attr: Record<string, string>;
  children: XmlNode[];
  toString(options?: { compressed?: boolean; preserveWhitespace?: boolean }): string;
}

const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake/package.json'));
const { XmlDocument } = fromPdfmake('xmldoc') as { XmlDocument: new (xml: string) => XmlElement };

/** Presentation attributes (and style properties) that make svg-to-pdfkit write transparency. */
const DROPPED_PROPERTIES = new Set(['opacity', 'fill-opacity', 'stroke-opacity', 'stop-opacity', 'mask', 'clip-path', 'filter']);
/** Elements dropped with their content: transparency, scripts, styles svg-to-pdfkit does not read anyway. */
const DROPPED_ELEMENTS = new Set(['mask', 'clippath', 'filter', 'pattern', 'script', 'style', 'foreignobject']);

export function pdfaSvg(text: string): string | null {
  let doc: XmlElement;
  try {
    doc = new XmlDocument(text);
  } catch {
    return null;
  }
  if (doc.name !== 'svg') return null;
  clean(doc);
  return doc.toString({ compressed: true, preserveWhitespace: true });
}

function clean(element: XmlElement): void {
  for (const name of Object.keys(element.attr)) {
    const key = name.toLowerCase();
    if (DROPPED_PROPERTIES.has(key) || key.startsWith('on')) delete element.attr[name];
    else if (key === 'style') element.attr[name] = cleanStyle(element.attr[name]);
  }
  const tag = element.name.toLowerCase().replace(/^svg:/, '');
  if (tag === 'a') {
    delete element.attr.href;
    delete element.attr['xlink:href'];
  }
  if (tag === 'image') {
    const href = safeImage(element.attr.href ?? element.attr['xlink:href'] ?? '');
    delete element.attr.href;
    delete element.attr['xlink:href'];
    if (href) element.attr.href = href;
  }
  element.children = element.children.filter((child) => {
    if (child.type !== 'element') return child.type !== 'comment';
    const el = child as XmlElement;
    const name = el.name.toLowerCase().replace(/^svg:/, '');
    if (DROPPED_ELEMENTS.has(name)) return false;
    clean(el);
    // An image that cannot be embedded is dropped.
    return name !== 'image' || Boolean(el.attr.href);
  });
}

function cleanStyle(style: string): string {
  return style
    .split(';')
    .filter((declaration) => !DROPPED_PROPERTIES.has(declaration.split(':')[0].trim().toLowerCase()))
    .join(';');
}

/** An image inside an SVG: a PNG or JPEG data URL, made PDF/A-safe; null for anything else (a file, a URL). */
function safeImage(href: string): string | null {
  const m = /^\s*data:image\/(png|jpeg|jpg);base64,([a-z0-9+/=\s]+)$/i.exec(href);
  if (!m) return null;
  const bytes = new Uint8Array(Buffer.from(m[2], 'base64'));
  const kind = m[1].toLowerCase() === 'png' ? 'png' : 'jpeg';
  const safe = kind === 'png' ? pdfaPng(bytes) : jpegFits(bytes) ? bytes : null;
  return safe ? `data:image/${kind};base64,${Buffer.from(safe).toString('base64')}` : null;
}

import { deflateSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Element as XastElement } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import type { Declaration } from '../../src/model/schema.js';
import type { ViewOptions } from '../../src/view/index.js';
import type { BriefingView } from '../../src/view/types.js';
import { renderDocx } from '../../src/render/docx/index.js';
import type { RenderContext } from '../../src/render/context.js';
import { renderContext, viewOf } from './compile.js';

/** 2025-08-04T00:00:00Z, the seed's date (the epoch `viewFor` gives every view). */
export const EPOCH = 1754265600;

export interface DocxOptions {
  /** Change the model before its view is built. */
  mutate?: (model: Declaration) => void;
  /** View options (parts, organization, marking…). */
  view?: Partial<ViewOptions>;
  /** Render context fields (theme…). */
  ctx?: Partial<RenderContext>;
}

/** Compile a source, build its view and render its DOCX, with the file that collected the renderer's diagnostics. */
export async function docxOf(path: string, options: DocxOptions = {}): Promise<{ view: BriefingView; bytes: Uint8Array; ctx: RenderContext }> {
  const view = viewOf(path, options.mutate, options.view);
  const ctx = renderContext(path, options.ctx);
  return { view, bytes: await renderDocx(view, ctx), ctx };
}

/** The parts of a zipped package, by path, in the zip's order: what `repack` takes, from a file docx has zipped. */
export async function partsOfZip(zipped: Promise<Uint8Array | Buffer>): Promise<Map<string, Uint8Array>> {
  return new Map(Object.entries(unzipSync(new Uint8Array(await zipped))));
}

/** A PNG of `width` x `height` pixels of one colour, made with zlib (no image library). */
export function tinyPng(width: number, height: number, rgb: [number, number, number] = [31, 56, 100]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

// ---------------------------------------------------------------------------
// Reference documents (issue 13, `docx.referenceDoc`): a template made from
// `briefpack print-default`, its parts edited as xast trees.

/** A copy of a .docx with some XML parts edited in place (each edit gets the part's root element). */
export function editDocx(bytes: Uint8Array, edits: Record<string, (root: XastElement) => void>): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, edit] of Object.entries(edits)) {
    if (!parts[name]) throw new Error(`editDocx: no ${name} in the package`);
    const tree = fromXml(strFromU8(parts[name]));
    const root = tree.children.find((c): c is XastElement => c.type === 'element');
    if (!root) throw new Error(`editDocx: ${name} has no root element`);
    edit(root);
    parts[name] = strToU8(toXml(tree, { closeEmptyElements: true, tightClose: true }));
  }
  return zipSync(parts);
}

function xastKid(el: XastElement, name: string): XastElement | undefined {
  return el.children.find((c): c is XastElement => c.type === 'element' && c.name === name);
}

/** The `w:style` of `id` in a styles part's root. */
export function styleElement(styles: XastElement, id: string): XastElement {
  const style = styles.children.find((c): c is XastElement => c.type === 'element' && c.name === 'w:style' && c.attributes['w:styleId'] === id);
  if (!style) throw new Error(`no style ${id}`);
  return style;
}

/** Children of w:rPr that follow w:color (CT_RPr). */
const AFTER_COLOR = [
  'w:spacing',
  'w:w',
  'w:kern',
  'w:position',
  'w:sz',
  'w:szCs',
  'w:highlight',
  'w:u',
  'w:effect',
  'w:bdr',
  'w:shd',
  'w:fitText',
  'w:vertAlign',
  'w:rtl',
  'w:cs',
  'w:em',
  'w:lang',
];

/** Give a style of a styles part another font and/or colour, as Word writes them. */
export function restyle(styles: XastElement, id: string, run: { font?: string; color?: string }): void {
  const style = styleElement(styles, id);
  let rPr = xastKid(style, 'w:rPr');
  if (!rPr) {
    rPr = { type: 'element', name: 'w:rPr', attributes: {}, children: [] };
    const at = style.children.findIndex((c) => c.type === 'element' && ['w:tblPr', 'w:trPr', 'w:tcPr', 'w:tblStylePr'].includes(c.name));
    style.children.splice(at < 0 ? style.children.length : at, 0, rPr);
  }
  const set = (name: string, attributes: Record<string, string>, after: string[]) => {
    const el: XastElement = { type: 'element', name, attributes, children: [] };
    const found = rPr.children.findIndex((c) => c.type === 'element' && c.name === name);
    if (found >= 0) rPr.children[found] = el;
    else {
      const at = rPr.children.findIndex((c) => c.type === 'element' && (after.includes(c.name) || !c.name.startsWith('w:')));
      rPr.children.splice(at < 0 ? rPr.children.length : at, 0, el);
    }
  };
  // w:rFonts comes first in w:rPr, after a w:rStyle only.
  const afterFonts = rPr.children.flatMap((c) => (c.type === 'element' && c.name !== 'w:rStyle' ? [c.name] : []));
  if (run.font) set('w:rFonts', { 'w:ascii': run.font, 'w:hAnsi': run.font, 'w:cs': run.font }, afterFonts);
  if (run.color) set('w:color', { 'w:val': run.color }, AFTER_COLOR);
}

/** Remove styles from a styles part. */
export function dropStyles(styles: XastElement, ...ids: string[]): void {
  styles.children = styles.children.filter((c) => !(c.type === 'element' && c.name === 'w:style' && ids.includes(String(c.attributes['w:styleId']))));
}

/** Set the page of the last section of a document part (`w:pgSz`, `w:pgMar`), as Word's Page Setup does. */
export function setPage(document: XastElement, size: Record<string, string>, margins: Record<string, string>): void {
  const body = xastKid(document, 'w:body')!;
  const sect = body.children.filter((c): c is XastElement => c.type === 'element' && c.name === 'w:sectPr').at(-1)!;
  for (const [name, attributes] of [
    ['w:pgSz', size],
    ['w:pgMar', margins],
  ] as const) {
    const el = xastKid(sect, name)!;
    el.attributes = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`w:${k}`, v]));
  }
}

/**
 * The template the reference-document tests make: Normal and Heading 1 in
 * other faces (installed, so LibreOffice uses them) and colours, no Caption,
 * landscape Letter pages.
 */
export const RESTYLED = {
  body: { font: 'DejaVu Sans Mono', color: '7030A0' },
  heading: { font: 'DejaVu Serif Condensed', color: '00B050' },
  dropped: 'Caption',
  size: { w: '15840', h: '12240', orient: 'landscape' },
  margins: { top: '1000', right: '1100', bottom: '1200', left: '1300', header: '500', footer: '600', gutter: '0' },
} as const;

/** `template` (print-default's reference document) restyled as RESTYLED says. */
export function restyledReference(template: Uint8Array): Uint8Array {
  return editDocx(template, {
    'word/styles.xml': (s) => {
      restyle(s, 'Normal', RESTYLED.body);
      restyle(s, 'Heading1', RESTYLED.heading);
      dropStyles(s, RESTYLED.dropped);
    },
    'word/document.xml': (d) => setPage(d, RESTYLED.size, RESTYLED.margins),
  });
}

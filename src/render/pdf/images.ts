/**
 * The view's embedded images as pdfmake nodes (run phase helper): PNG and
 * JPEG as `image` nodes naming an entry of the definition's `images` (a data
 * URL, so pdfmake never opens a file or a URL, and an image shown twice is
 * embedded once); SVG as an `svg` node holding the SVG text (made safe for
 * PDF/A and the access policies, see svg.ts). An image pdfmake
 * could not lay out (an SVG without a size, a damaged PNG, a CMYK JPEG) gives
 * null, and the caller shows the alt text instead.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ViewImage } from '../../view/types.js';
import { jpegFits, pdfaPng } from './png.js';
import { pdfaSvg } from './svg.js';
import type { Node } from './types.js';

const require = createRequire(import.meta.url);

/** pdfmake's own SVG reader (xmldoc): what it cannot read here, it could not lay out. */
const SVGMeasure = (require('pdfmake/js/SVGMeasure') as { default: new () => { measureSVG(svg: string): { width?: number; height?: number } } }).default;

/** CSS pixels to points. */
const PX = 0.75;

/** The largest box an image may take. */
export interface ImageBox {
  maxWidth: number;
  maxHeight: number;
}

type Prepared = { kind: 'raster'; key: string; dataUrl: string } | { kind: 'svg'; svg: string; width: number; height: number } | null;

/** Images prepared once per process (the view shares the bytes of an image between documents). */
const prepared = new WeakMap<Uint8Array, Prepared>();

export class ImageStore {
  /** The definition's `images`: data URLs by key. */
  readonly images: Record<string, string> = {};

  /** The node of an image, at its own size (CSS pixels as points) but never larger than `box`; null when it cannot be embedded. */
  node(image: ViewImage, box: ImageBox): Node | null {
    const ready = this.prepare(image);
    if (!ready) return null;
    // pdfmake keeps the picture's own ratio: it takes the width, then shrinks to maxWidth and maxHeight.
    const limits = { maxWidth: box.maxWidth, maxHeight: box.maxHeight };
    if (ready.kind === 'svg') return { svg: ready.svg, width: (image.width ?? ready.width) * PX, ...limits };
    this.images[ready.key] = ready.dataUrl;
    return { image: ready.key, ...(image.width ? { width: image.width * PX } : {}), ...limits };
  }

  private prepare(image: ViewImage): Prepared {
    if (prepared.has(image.bytes)) return prepared.get(image.bytes)!;
    let ready: Prepared = null;
    if (image.mediaType === 'image/svg+xml') ready = svgOf(image);
    else {
      const bytes = image.mediaType === 'image/png' ? pdfaPng(image.bytes) : jpegFits(image.bytes) ? image.bytes : null;
      if (bytes) {
        const key = `image-${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}`;
        ready = { kind: 'raster', key, dataUrl: `data:${image.mediaType};base64,${Buffer.from(bytes).toString('base64')}` };
      }
    }
    prepared.set(image.bytes, ready);
    return ready;
  }
}

function svgOf(image: ViewImage): Prepared {
  const svg = pdfaSvg(
    Buffer.from(image.bytes)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  );
  if (!svg) return null;
  let size: { width?: number; height?: number };
  try {
    size = new SVGMeasure().measureSVG(svg);
  } catch {
    return null;
  }
  // pdfmake needs both from the SVG itself (its width and height, or its viewBox).
  const width = positive(size.width);
  const height = positive(size.height);
  if (!width || !height) return null;
  return { kind: 'svg', svg, width, height };
}

function positive(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

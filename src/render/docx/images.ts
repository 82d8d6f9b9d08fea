/**
 * Run phase (docx): images. The view has decided which images are embedded
 * (their bytes) and which show their alt text; here they become Word
 * drawings, scaled down to the width they stand in.
 *
 * Word wants a raster fallback beside an SVG image (for applications that
 * cannot draw SVG). It is made with resvg (`@resvg/resvg-js`, a prebuilt
 * binary from npm), loaded only when the view holds an SVG: about 20 ms to
 * load, a few ms per image, and 40-50 ms more for an image that sets text
 * (the Noto Serif files from npm are read, never the system's fonts, so the
 * PNG is the same on every machine). Should resvg not load or not read the
 * SVG, the image shows its alt text, as any image that cannot be embedded.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ImageRun } from 'docx';
import type { ViewImage } from '../../view/types.js';
import { TWIPS_PER_PX } from './page.js';

export type PreparedImage =
  | { type: 'png' | 'jpg'; data: Uint8Array; width: number; height: number }
  | { type: 'svg'; data: Uint8Array; fallback: Uint8Array; width: number; height: number };

/** Prepared images by view image; null: shown as alt text. */
export type ImageSet = Map<ViewImage, PreparedImage | null>;

/** The size a replaced element without one gets in CSS (and so in the HTML pack). */
const DEFAULT_SIZE = { width: 300, height: 150 };
/** The fallback is drawn at twice the largest size it can be shown at, for print. */
const RASTER_SCALE = 2;

export async function prepareImages(images: readonly ViewImage[], textWidthTwips: number): Promise<ImageSet> {
  const out: ImageSet = new Map();
  const maxPx = Math.round(textWidthTwips / TWIPS_PER_PX);
  let rasterizer: Rasterizer | null | undefined;
  for (const image of images) {
    if (image.mediaType === 'image/png' || image.mediaType === 'image/jpeg') {
      const size = image.width && image.height ? { width: image.width, height: image.height } : DEFAULT_SIZE;
      out.set(image, { type: image.mediaType === 'image/png' ? 'png' : 'jpg', data: image.bytes, ...size });
      continue;
    }
    rasterizer ??= await loadRasterizer();
    out.set(image, rasterizer ? svgImage(image, rasterizer, maxPx) : null);
  }
  return out;
}

/** An ImageRun no wider than `maxWidthPx` nor taller than `maxHeightPx`, keeping its proportions. */
export function imageRun(image: PreparedImage, alt: string, box: { maxWidthPx: number; maxHeightPx?: number }): ImageRun {
  const scale = Math.min(1, box.maxWidthPx / image.width, box.maxHeightPx ? box.maxHeightPx / image.height : 1);
  const transformation = { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
  const altText = { name: alt || 'image', description: alt, title: alt };
  if (image.type === 'svg') return new ImageRun({ type: 'svg', data: image.data, fallback: { type: 'png', data: image.fallback }, transformation, altText });
  return new ImageRun({ type: image.type, data: image.data, transformation, altText });
}

interface Rasterizer {
  /** A PNG of the SVG at `scale` times the size it is shown at (its own, or `size` when the view knows it), at most `maxPx` wide when shown. */
  render(svg: Uint8Array, size: { width: number; height: number } | null, maxPx: number): { png: Uint8Array; width: number; height: number } | null;
}

type ResvgModule = typeof import('@resvg/resvg-js');

async function loadRasterizer(): Promise<Rasterizer | null> {
  let resvg: ResvgModule;
  try {
    resvg = await import('@resvg/resvg-js');
  } catch {
    return null;
  }
  let fonts: string[] | undefined;
  return {
    render(svg, size, maxPx) {
      try {
        const text = Buffer.from(svg).toString('utf8');
        const setsText = /<text\b/i.test(text);
        if (setsText) fonts ??= serifFiles();
        const font =
          setsText && fonts?.length
            ? {
                loadSystemFonts: false,
                fontFiles: fonts,
                defaultFontFamily: 'Noto Serif',
                serifFamily: 'Noto Serif',
                sansSerifFamily: 'Noto Serif',
                monospaceFamily: 'Noto Serif',
              }
            : { loadSystemFonts: false };
        // The size resvg reads (width/height, else the viewBox) when the view has none.
        const natural =
          size ??
          (() => {
            const probe = new resvg.Resvg(text, { font: { loadSystemFonts: false } });
            return probe.width && probe.height ? { width: probe.width, height: probe.height } : DEFAULT_SIZE;
          })();
        const width = Math.max(1, Math.round(Math.min(natural.width, maxPx) * RASTER_SCALE));
        const png = new resvg.Resvg(text, { font, fitTo: { mode: 'width', value: width } }).render().asPng();
        return { png: new Uint8Array(png), ...natural };
      } catch {
        return null;
      }
    },
  };
}

function svgImage(image: ViewImage, rasterizer: Rasterizer, maxPx: number): PreparedImage | null {
  const size = image.width && image.height ? { width: image.width, height: image.height } : null;
  const raster = rasterizer.render(image.bytes, size, maxPx);
  return raster ? { type: 'svg', data: image.bytes, fallback: raster.png, width: raster.width, height: raster.height } : null;
}

function serifFiles(): string[] {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif/package.json'));
    return ['400Regular/NotoSerif_400Regular.ttf', '700Bold/NotoSerif_700Bold.ttf'].map((f) => join(dir, f));
  } catch {
    return [];
  }
}

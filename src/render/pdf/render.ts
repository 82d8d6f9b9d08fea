/**
 * renderPdf (run phase: model -> PDF bytes). Lays the document definition
 * out with pdfmake in a fresh pdfmake instance per document: URLs denied,
 * local files limited to the font folders, fonts served from memory.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type { Declaration } from '../../model/schema.js';
import type { RenderContext } from '../context.js';
import { definitionWithFonts, type PdfOptions } from './document.js';
import { FontSet } from './fonts.js';
import { finishPdfA, type PdfKitDocument } from './pdfa.js';
import type { DocDefinition } from './types.js';

const require = createRequire(import.meta.url);

interface PdfMake {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: DocDefinition): { getStream(): Promise<PdfKitDocument> };
}

/** pdfmake's Node entry exports one shared instance; each document gets its own (same class) so fonts and policies never leak between documents. */
const shared = require('pdfmake') as PdfMake;
const PdfMakeClass = shared.constructor as new () => PdfMake;

export async function renderPdf(model: Declaration, ctx: RenderContext, options: PdfOptions = {}): Promise<Uint8Array> {
  const fonts = options.fonts ?? new FontSet(ctx.file, options.fontsDir);
  const { definition } = definitionWithFonts(model, ctx, fonts);
  return layoutPdf(definition, fonts);
}

/** Lay out a definition whose fonts are all in `fonts`, and return the PDF bytes. */
export async function layoutPdf(definition: DocDefinition, fonts: FontSet): Promise<Uint8Array> {
  const pdfmake = new PdfMakeClass();
  for (const file of fonts.files()) {
    if (!pdfmake.virtualfs.existsSync(file.vfsKey)) pdfmake.virtualfs.writeFileSync(file.vfsKey, file.buffer);
  }
  pdfmake.setFonts(fonts.descriptors());
  pdfmake.setUrlAccessPolicy(() => false);
  const folders = fonts.folders().map((dir) => (dir.endsWith(sep) ? dir : dir + sep));
  pdfmake.setLocalAccessPolicy((path) => folders.some((dir) => path.startsWith(dir)));
  const doc = await pdfmake.createPdf(definition).getStream();
  return finishPdfA(doc);
}

/**
 * renderPdf (run phase: briefing view -> PDF bytes). Lays the document
 * definition out with pdfmake in a fresh pdfmake instance per document: URLs
 * denied, local files limited to the font folders (images arrive as data
 * URLs), fonts served from memory (a memory file system of the document's
 * own).
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type { BriefingView } from '../../view/types.js';
import type { RenderContext } from '../context.js';
import { applyBidi } from './bidi.js';
import { buildDocDefinition } from './document.js';
import { FontSet } from './fonts.js';
import { inlineNamedStyles } from './inline-styles.js';
import { finishPdfA, streamPdfA, type PdfKitDocument } from './pdfa.js';
import './pdfkit-writes.js';
import type { DocDefinition } from './types.js';

const require = createRequire(import.meta.url);

interface VirtualFs {
  existsSync(name: string): boolean;
  readFileSync(name: string, options?: string | { encoding?: string }): Uint8Array | string;
  writeFileSync(name: string, content: Uint8Array | string): void;
}

interface PdfMake {
  virtualfs: VirtualFs;
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: DocDefinition): { getStream(): Promise<PdfKitDocument> };
}

/** pdfmake's Node entry exports one shared instance; each document gets its own (same class) so fonts and policies never leak between documents. */
const shared = require('pdfmake') as PdfMake;
const PdfMakeClass = shared.constructor as new () => PdfMake;

export async function renderPdf(view: BriefingView, ctx: RenderContext): Promise<Uint8Array> {
  const fonts = new FontSet(ctx.file, ctx.fontsDir);
  return layoutPdf(buildDocDefinition(view, ctx, { fonts }), fonts);
}

/** renderPdf, handing the bytes to `write` a piece at a time as pdfkit makes them instead of returning them whole. */
export async function renderPdfTo(view: BriefingView, ctx: RenderContext, write: (chunk: Uint8Array) => void): Promise<void> {
  const fonts = new FontSet(ctx.file, ctx.fontsDir);
  // The definition is made inside (no frame here holds it): pdfmake lets it go once laid out, before the pages are drawn.
  await laidOut(
    () => buildDocDefinition(view, ctx, { fonts }),
    fonts,
    (doc) => streamPdfA(doc, write),
    write,
  );
}

/** Lay out a definition whose fonts are all in `fonts`, and return the PDF bytes. */
export async function layoutPdf(definition: DocDefinition, fonts: FontSet): Promise<Uint8Array> {
  return laidOut(() => definition, fonts, finishPdfA);
}

/**
 * `definition` is made here, first (it fills `fonts`), and no frame keeps it
 * once pdfmake has it: pdfmake lets it go after the layout, before the pages
 * are drawn. `sink`: where pdfkit hands the bytes as it makes them, pages
 * included (pdfkit-writes.ts); else they wait in the stream until `finish`
 * reads them.
 */
async function laidOut<T>(
  definition: () => DocDefinition,
  fonts: FontSet,
  finish: (doc: PdfKitDocument) => Promise<T>,
  sink: ((chunk: Uint8Array) => void) | null = null,
): Promise<T> {
  let made: DocDefinition | null = applyBidi(inlineNamedStyles(definition()));
  const pdfmake = new PdfMakeClass();
  pdfmake.virtualfs = new DocumentFiles(fonts.files(), sink);
  pdfmake.setFonts(fonts.descriptors());
  pdfmake.setUrlAccessPolicy(() => false);
  const folders = fonts.folders().map((dir) => (dir.endsWith(sep) ? dir : dir + sep));
  pdfmake.setLocalAccessPolicy((path) => folders.some((dir) => path.startsWith(dir)));
  try {
    const output = pdfmake.createPdf(made);
    made = null;
    const doc = await output.getStream();
    return await finish(doc);
  } catch (error) {
    // A font style loaded during layout that could not be read: the font-load error, whatever pdfmake made of it.
    throw fonts.failure ?? error;
  }
}

/**
 * pdfmake's memory file system for one document: its fonts (each read on
 * first use) and nothing else, instead of pdfmake's process-wide one, so
 * nothing another document or library wrote there is ever seen.
 */
class DocumentFiles implements VirtualFs {
  private readonly written = new Map<string, Uint8Array | string>();

  constructor(
    private readonly fonts: Map<string, () => Uint8Array>,
    /** The streamed PDF's sink, read by pdfkit-writes.ts through the document's `virtualfs`. */
    readonly sink: ((chunk: Uint8Array) => void) | null = null,
  ) {}

  existsSync(name: string): boolean {
    return this.fonts.has(name) || this.written.has(name);
  }

  readFileSync(name: string, options?: string | { encoding?: string }): Uint8Array | string {
    const font = this.fonts.get(name);
    const content = font ? font() : this.written.get(name);
    if (content === undefined) throw new Error(`File '${name}' not found in virtual file system`);
    const encoding = typeof options === 'object' ? options.encoding : options;
    return encoding && typeof content !== 'string' ? Buffer.from(content).toString(encoding as BufferEncoding) : content;
  }

  writeFileSync(name: string, content: Uint8Array | string): void {
    this.written.set(name, content);
  }
}

/**
 * The briefing PDF emitter (run phase: model -> PDF bytes), built on pdfmake.
 * Re-exports only; the code lives beside this file:
 * document.ts (model -> document definition), blocks.ts and inline.ts (text),
 * annexes.ts, fonts.ts and glyph-runs.ts (faces and fallback),
 * font-sharing.ts (one parse of each font per process, lookups skipped when
 * they cannot apply), inline-styles.ts (named styles copied onto nodes before
 * layout), pdfa.ts and render.ts (layout, PDF/A finishing).
 */
export { renderPdf, layoutPdf } from './render.js';
export { buildDocDefinition, documentInfo, PART_IDS, type PdfOptions } from './document.js';
export { FontSet, FontLoadError, mainFaceFor, FACES } from './fonts.js';
export type { DocDefinition } from './types.js';

/**
 * The briefing PDF emitter (run phase: briefing view -> PDF bytes), built on
 * pdfmake. Re-exports only; the code lives beside this file:
 * document.ts (view -> document definition, running header and footer),
 * state.ts (what the handlers share), cover.ts, parts.ts, headings.ts,
 * blocks.ts, inline.ts and annexes.ts (one handler per view node kind),
 * images.ts and png.ts (embedded images, PDF/A-safe), theme.ts (page and
 * look), fonts.ts and glyph-runs.ts (faces and fallback), font-sharing.ts
 * (one parse of each font per process, lookups skipped when they cannot
 * apply), inline-styles.ts (named styles copied onto nodes before layout),
 * pdfa.ts and render.ts (layout, PDF/A finishing).
 */
export { renderPdf, renderPdfTo, layoutPdf } from './render.js';
export { buildDocDefinition, documentInfo, type PdfOptions } from './document.js';
export { FontSet, FontLoadError, mainFaceFor, faceNamed, FACES } from './fonts.js';
export type { DocDefinition } from './types.js';

/**
 * Is the pdfmake patch there? (run phase helper). Tagging, footnotes at the
 * foot of the page, soft hyphens, justification between words, leaders and
 * East Asian line breaking come from patches/pdfmake+0.3.11.patch, which
 * patch-package applies on install. An install where it did not run (a user's
 * `npm install briefpack`: patches/ is not shipped) has pdfmake as released:
 * the PDF is then made untagged, as PDF/A-1b, with notes at the end, ragged
 * right and without hyphenation, and the render says so (an info message).
 *
 * The check reads the files of pdfmake that `require('pdfmake')` loads for
 * the patch's marker comment, `pdfmake#942` (the pdfmake issue it answers),
 * once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The files of pdfmake's Node build the patch changes. */
export const PATCHED_FILES = [
  'DocMeasure.js',
  'DocPreprocessor.js',
  'DocumentContext.js',
  'ElementWriter.js',
  'LayoutBuilder.js',
  'Line.js',
  'Printer.js',
  'Renderer.js',
  'TextBreaker.js',
  'TextInlines.js',
  'helpers/packedInlines.js',
];

const PATCH_MARKER = 'pdfmake#942';

/** Do these sources (of the patched files) all carry the marker? */
export function hasPatchMarker(sources: readonly string[]): boolean {
  return sources.length > 0 && sources.every((code) => code.includes(PATCH_MARKER));
}

let patched: boolean | undefined;

/** True when the pdfmake this process loads is the patched one. */
export function pdfmakePatched(): boolean {
  if (patched === undefined) {
    try {
      const dir = require.resolve('pdfmake/js/LayoutBuilder.js').replace(/LayoutBuilder\.js$/, '');
      patched = hasPatchMarker(PATCHED_FILES.map((file) => readFileSync(dir + file, 'utf8')));
    } catch {
      patched = false;
    }
  }
  return patched;
}

/** The info a render without the patch reports (once per document). */
export const UNPATCHED_MESSAGE =
  'pdfmake is not patched (patches/pdfmake+0.3.11.patch did not run on install): the PDF is untagged PDF/A-1b, with notes at the end, ragged right and without hyphenation';

/**
 * The shared inputs of the requested formats, checked once per document
 * before any renderer runs (so `check` and `build` report the same, once):
 * the HTML templates folder (one that does not compile fails the document;
 * a file that overrides nothing is a warning) and, for the PDF, the text
 * face of the document's language (a font file missing or unreadable is a
 * `font-load` error). Returns false when the document cannot build.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtinTemplateNames, isProblem, loadTemplates } from '../render/html/templates.js';
import { nearest } from '../util/nearest.js';
import { FontSet, mainFaceFor } from '../render/pdf/fonts.js';
import { DocumentFailed } from '../diagnostics/report.js';
import type { BuildOptions } from './options.js';

export function checkAssets(file: VFile, options: BuildOptions, language: string): boolean {
  let ok = true;
  if (options.check || options.formats.includes('pdf')) {
    try {
      new FontSet(file).family(mainFaceFor(language));
    } catch (error) {
      if (!(error instanceof DocumentFailed)) throw error;
      ok = false;
    }
  }
  if (options.check || options.formats.includes('html')) {
    const templates = loadTemplates(options.templatesDir);
    if (isProblem(templates)) {
      const message = report(
        file,
        templates.rule,
        templates.reason,
        templates.line ? { line: templates.line, column: templates.column ?? 1 } : undefined,
        'error',
      );
      if (templates.path) message.file = templates.path;
      ok = false;
    } else if (options.templatesDir) unknownTemplates(file, options.templatesDir);
  }
  return ok;
}

/** A file in the templates folder that overrides nothing is most likely misspelt: say so, with the nearest real name. */
function unknownTemplates(file: VFile, dir: string): void {
  const known = builtinTemplateNames();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    if (!/\.(hbs|css)$/.test(name) || known.includes(name)) continue;
    const near = nearest(name, known);
    const message = report(
      file,
      'template-unknown',
      `The template ${name} overrides no built-in template and is not used${near ? `; did you mean ${near}?` : ''}`,
    );
    message.file = join(dir, name);
  }
}

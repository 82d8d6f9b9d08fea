/**
 * The shared inputs of the requested formats, checked once per document
 * before any renderer runs (so `check` and `build` report the same, once):
 * the HTML templates folder. Returns false when the document cannot build.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { isProblem, loadTemplates } from '../render/html/templates.js';
import type { BuildOptions } from './options.js';

export function checkAssets(file: VFile, options: BuildOptions): boolean {
  let ok = true;
  if (options.check || options.formats.includes('html')) {
    const templates = loadTemplates(options.templatesDir);
    if (isProblem(templates)) {
      const message = report(file, templates.rule, templates.reason, templates.line ? { line: templates.line, column: templates.column ?? 1 } : undefined, 'error');
      if (templates.path) message.file = templates.path;
      ok = false;
    }
  }
  return ok;
}

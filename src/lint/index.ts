/**
 * Lint stage (run phase): every content diagnostic about a compiled model,
 * in the manner of remark-lint rules. It runs once per source, before any
 * renderer, so `check` and `build` report the same problems, each once.
 * Renderers report only their own failures (a font that cannot load).
 */
import type { VFile } from 'vfile';
import type { Declaration } from '../model/schema.js';
import { checkAcronyms } from './acronyms.js';
import { checkInlines } from './links.js';
import { checkContent, checkNumbering } from './numbering.js';
import { clauseLanguage } from '../analyze/index.js';
import { report } from '../diagnostics/report.js';

export interface LintOptions {
  /** Folder local images are read from: the source's folder. */
  imageFolder: string;
  /** The title was made from the file name (no front matter title, no # heading). */
  titleFromFile: boolean;
}

export function lintModel(model: Declaration, file: VFile, options: LintOptions): void {
  checkNumbering(model, file);
  checkContent(model, file, options.titleFromFile);
  checkInlines(model, file, { imageFolder: options.imageFolder });
  checkAcronyms(model, file);
  if (!clauseLanguage(model.meta.language)) {
    report(
      file,
      'analysis-language',
      `Commitments are found in English, French and Spanish texts; this text is in "${model.meta.language}", so its commitments annex lists none (add data/verbs.${model.meta.language.split('-')[0]}.yaml to analyse it)`,
      { line: 1, column: 1 },
    );
  }
}

export { checkNumbering, checkContent, MAX_PARAGRAPH_NUMBER } from './numbering.js';

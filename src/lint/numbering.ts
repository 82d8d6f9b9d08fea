/**
 * Lint rules on the whole text: paragraph numbering, empty documents,
 * missing titles.
 */
import type { VFile } from 'vfile';
import type { Declaration } from '../model/schema.js';
import { report } from '../diagnostics/report.js';

/** Largest paragraph number accepted; longer numbers are typos or junk. */
export const MAX_PARAGRAPH_NUMBER = 99999;

export function checkNumbering(model: Pick<Declaration, 'sections'>, file: VFile): void {
  let previous: number | null = null;
  const seen = new Map<number, string>();
  for (const section of model.sections) {
    for (const p of section.blocks) {
      if (p.number == null) continue;
      const place = p.position.start;
      if (p.number === 0) report(file, 'numbering-zero', 'Paragraph is numbered 0; numbering starts at 1', place);
      if (p.number > MAX_PARAGRAPH_NUMBER) {
        // Already an error; a gap warning on top (and on the next number) would only repeat it.
        report(file, 'numbering-too-large', `Paragraph number ${p.number} is larger than ${MAX_PARAGRAPH_NUMBER}`, place);
        continue;
      }
      const first = seen.get(p.number);
      if (first) report(file, 'numbering-duplicate', `Paragraph number ${p.number} is used twice (first at ${first})`, place);
      else seen.set(p.number, `line ${place.line}`);
      if (!first && previous != null && p.number !== previous + 1) {
        report(file, 'numbering-gap', `Paragraph ${p.number} follows ${previous}`, place);
      }
      previous = p.number;
    }
  }
}

export function checkContent(model: Pick<Declaration, 'sections' | 'background' | 'meta'>, file: VFile, titleFromFile: boolean): void {
  const hasText = model.sections.some((s) => s.blocks.some((p) => p.text !== '' || p.kind === 'table')) || model.sections.some((s) => s.title);
  if (!hasText) {
    report(
      file,
      'empty-document',
      model.background.length
        ? 'The document has a background note but no text: the background runs from `# Background` to the next `#` heading, so put a `#` heading (such as the title) before the text'
        : 'The document has no text',
      { line: 1, column: 1 },
    );
  }
  if (titleFromFile) {
    report(file, 'missing-title', `No title in the front matter and no # heading; using "${model.meta.title}" from the file name`, { line: 1, column: 1 });
  }
}

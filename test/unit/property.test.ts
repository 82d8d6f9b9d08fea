/** Property tests over arbitrary Markdown with arbitrary front matter. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileSource } from '../../src/pipeline/compile.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords } from '../helpers/words.js';
import { arbitraryMarkdown } from '../helpers/arbitrary-markdown.js';
import { modelText } from '../helpers/model-text.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

function lineCount(text: string): number {
  return text.replace(/\r\n?/g, '\n').split('\n').length;
}

describe('arbitrary Markdown', () => {
  it('never throws, keeps every body word, and points diagnostics inside the source', () => {
    fc.assert(
      fc.property(arbitraryMarkdown, (markdown) => {
        const result = compileSource('prop.md', new TextEncoder().encode(markdown), { keepOnError: true });
        const lines = lineCount(markdown);
        for (const m of result.file.messages) {
          if (m.line == null) continue;
          expect(m.line).toBeGreaterThanOrEqual(1);
          expect(m.line).toBeLessThanOrEqual(lines);
          expect(m.column ?? 1).toBeGreaterThanOrEqual(1);
        }
        if (result.model) expect(missingWords(sourceBodyText(markdown), modelText(result.model))).toEqual([]);
      }),
      { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20251127) },
    );
  });
});

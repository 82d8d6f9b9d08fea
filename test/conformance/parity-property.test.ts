/**
 * Cross-format parity, as a property (fast-check) over arbitrary valid
 * declarations with arbitrary content (test/helpers/arbitrary-declaration.ts):
 * the HTML page, the DOCX (word/document.xml, and footnotes.xml for notes)
 * and the PDF (pdftotext, and its outline) of one model show
 * - the same headings, in the same order (every section title, in model order);
 * - the same paragraph numbers, in the same order (the numbers of the source);
 * - every word of the source (sourceBodyText, missingWords): no word lost.
 * The builds must not throw either. The words lost are counted and printed.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';
import { loadLabels } from '../../src/view/labels.js';
import type { RenderContext } from '../../src/render/context.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords, words } from '../helpers/words.js';
import { arbitraryValidDeclaration } from '../helpers/arbitrary-declaration.js';
import { readDocx, readHtml, readPdf, type ReadBack } from '../helpers/format-text.js';

const RUNS = Number(process.env.PARITY_RUNS ?? 30);
const SEED = Number(process.env.PROPERTY_SEED ?? 20251127);
const work = mkdtempSync(join(tmpdir(), 'briefpack-parity-'));
const tally = { documents: 0, words: 0, wordsLost: 0, headings: 0, numbers: 0 };

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  console.log(
    `cross-format parity: ${tally.documents} documents in HTML, DOCX and PDF; ${tally.words} source words each, ${tally.wordsLost} words lost; ` +
      `${tally.headings} headings and ${tally.numbers} paragraph numbers matched in order`,
  );
});

function context(model: Declaration, path: string): RenderContext {
  return { labels: loadLabels(model.meta.language), epoch: 1754265600, version: '0.0.0-test', templatesDir: null, file: new VFile({ path }) };
}

/** Title words of each section that has a title, in model order. */
function sectionTitles(model: Declaration): string[][] {
  return model.sections.filter((s) => s.title && words(s.title).length).map((s) => words(s.title!));
}

/** Are the titles found in `headings` in order (each after the one before)? Returns the first missing one. */
function missingHeading(titles: string[][], headings: string[]): string | null {
  const list = headings.map((h) => words(h).join(' '));
  let from = 0;
  for (const t of titles) {
    const at = list.findIndex((h, i) => i >= from && h === t.join(' '));
    if (at < 0) return t.join(' ');
    from = at + 1;
  }
  return null;
}

describe('cross-format parity (HTML, DOCX, PDF)', () => {
  it('same headings, same paragraph numbers in the same order, every source word, in every format', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryValidDeclaration, async (markdown) => {
        k++;
        const path = join(work, `parity-${k}.md`);
        const compiled = compileSource(path, Buffer.from(markdown));
        expect(compiled.model, compiled.file.messages.map(String).join('\n')).not.toBeNull();
        const model = compiled.model!;
        const numbered = model.sections.flatMap((s) => s.paragraphs).filter((p) => p.kind === 'numbered' && p.number != null);
        const ids = numbered.map((p) => p.id);
        const expectedNumbers = numbered.map((p) => p.number);

        const html = await renderHtml(model, context(model, path));
        const docx = await renderDocx(model, context(model, path));
        const pdfPath = join(work, `parity-${k}.pdf`);
        writeFileSync(pdfPath, await renderPdf(model, context(model, path)));

        const formats: Record<string, ReadBack> = {
          html: readHtml(html, ids),
          docx: readDocx(docx, ids),
          pdf: readPdf(pdfPath, numbered.map((p) => ({ id: p.id, number: p.number!, text: p.text }))),
        };
        const body = sourceBodyText(markdown);
        const titles = sectionTitles(model);
        for (const [name, read] of Object.entries(formats)) {
          const lost = missingWords(body, read.text);
          tally.wordsLost += lost.length;
          expect(lost, `${name} lost words\n${markdown}`).toEqual([]);
          expect(missingHeading(titles, read.headings), `${name} headings ${JSON.stringify(read.headings)}\n${markdown}`).toBeNull();
          expect(ids.map((id) => read.numbers.get(id)), `${name} paragraph numbers\n${markdown}`).toEqual(expectedNumbers);
        }
        tally.documents++;
        tally.words += words(body).length;
        tally.headings += titles.length;
        tally.numbers += expectedNumbers.length;
        rmSync(pdfPath, { force: true });
      }),
      // Each run renders three formats: report the first failure as it is, without shrinking for minutes.
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(tally.documents).toBe(RUNS);
  }, 1_800_000);
});

/**
 * Property tests (fast-check) over whole sources with arbitrary front matter
 * (test/helpers/arbitrary-declaration.ts):
 * (a) the build never throws: buildDocument, every format, resolves with no
 *     internal error, and fails exactly when an error is reported;
 * (b) every diagnostic's position lies inside the source;
 * (d) translation round trip: extract, copy every source into its target,
 *     translate back: the same model (words, numbers, inline content), in PO
 *     and in XLIFF.
 * Cross-format parity (c) needs pdftotext: test/conformance/parity.test.ts.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocument } from '../../src/project/build-document.js';
import { FORMAT_NAMES } from '../../src/project/formats.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { extractTemplates, translateModel, translatedMarkdown, listUnits } from '../../src/l10n/index.js';
import type { Declaration } from '../../src/model/schema.js';
import { buildOptions } from '../helpers/build-options.js';
import { arbitraryDeclaration, arbitraryValidDeclaration } from '../helpers/arbitrary-declaration.js';
import { fillPo, fillXliff, translationsWith, freshFile, visibleText, numbers, removeTempFolders } from '../helpers/l10n.js';
import { words } from '../helpers/words.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 250);
const ROUND_TRIPS = Number(process.env.PROPERTY_ROUND_TRIPS ?? 100);
const SEED = Number(process.env.PROPERTY_SEED ?? 20251127);
const runs: Record<string, number> = {};

const work = mkdtempSync(join(tmpdir(), 'briefpack-build-property-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeTempFolders();
  console.log(
    `build properties: ${Object.entries(runs)
      .map(([k, v]) => `${v} runs of ${k}`)
      .join(', ')}`,
  );
});

/** Lines of the text as briefpack reads it (BOM dropped, CRLF and CR read as LF). */
function linesOf(markdown: string): string[] {
  return markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

describe('build properties over arbitrary sources', () => {
  it('(a) never throws, (b) puts every diagnostic inside the source', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryDeclaration, async (markdown) => {
        k++;
        const source = join(work, 'src', 'doc.md');
        rmSync(join(work, 'src'), { recursive: true, force: true });
        rmSync(join(work, 'out'), { recursive: true, force: true });
        mkdirSync(join(work, 'src'), { recursive: true });
        writeFileSync(source, markdown);
        const result = await buildDocument(source, buildOptions(join(work, 'out'), { formats: FORMAT_NAMES, translationsDir: join(work, 'no-translations') }));
        const shown = result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`).join('\n');
        // (a)
        expect(
          result.diagnostics.filter((d) => d.ruleId === 'internal-error'),
          shown,
        ).toEqual([]);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(result.status, shown).toBe(errors.length ? 'failed' : 'built');
        if (result.status === 'built')
          expect(result.artifacts.map((a) => a.path.split('.').pop()).sort()).toEqual(['docx', 'html', 'json', 'pdf', 'pot', 'xlf']);
        // (b)
        const lines = linesOf(markdown);
        for (const d of result.diagnostics) {
          expect(d.file, shown).toBe(source);
          if (d.line == null) continue;
          const where = `${d.line}:${d.column} ${d.ruleId}\n${shown}`;
          expect(d.line, where).toBeGreaterThanOrEqual(1);
          expect(d.line, where).toBeLessThanOrEqual(lines.length);
          expect(d.column ?? 1, where).toBeGreaterThanOrEqual(1);
          expect(d.column ?? 1, where).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
          if (d.endLine != null) {
            expect(d.endLine, where).toBeGreaterThanOrEqual(d.line);
            expect(d.endLine, where).toBeLessThanOrEqual(lines.length);
            expect(d.endColumn ?? 1, where).toBeLessThanOrEqual(lines[d.endLine - 1].length + 1);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    runs['buildDocument (every format) on arbitrary sources'] = k;
  }, 1_200_000);
});

describe('translation round trip over arbitrary sources', () => {
  // Positions are where the source said; everything else must come back the same.
  const strip = (m: Declaration) =>
    JSON.parse(JSON.stringify([m.meta.title, m.textTitle, m.background, m.sections, m.footnotes], (key, v) => (key === 'position' ? undefined : v)));

  it('(d) extract, copy source to target, translate: the same words, numbers and content, via PO and XLIFF', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(arbitraryValidDeclaration, arbitraryDeclaration), async (markdown) => {
        const path = join(work, 'round-trip.md');
        const model = compileSource(path, Buffer.from(markdown), { keepOnError: true }).model;
        if (!model) return;
        k++;
        const files = extractTemplates(model, { lang: 'ko' });
        for (const [ext, text] of [
          ['po', fillPo(files.po!)],
          ['xlf', fillXliff(files.translatedXliff!)],
        ] as const) {
          const dir = translationsWith('ko', `${model.id}.${ext}`, text);
          const file = freshFile(path);
          const { model: translated, coverage } = await translateModel(model, 'ko', { translationsDir: dir, file });
          const messages = file.messages.map(String).join('\n');
          expect(file.messages.filter((m) => m.fatal === true).map(String), `${ext}\n${markdown}`).toEqual([]);
          expect(coverage.translated, `${ext}: ${messages}`).toBe(coverage.total);
          expect(coverage.total).toBe(listUnits(model).length);
          expect(words(visibleText(translated)), ext).toEqual(words(visibleText(model)));
          expect(numbers(translated), ext).toEqual(numbers(model));
          expect(strip(translated), ext).toEqual(strip(model));
          // The translated Markdown reads back into the same text. (Not with raw HTML: remark-stringify
          // writes `1\. <script>…` as `1. <script>…`, which CommonMark reads as an HTML block; reported.)
          if (markdown.includes('<')) continue;
          const back = compileSource(path, Buffer.from(translatedMarkdown(translated)), { keepOnError: true }).model!;
          expect(numbers(back), `${ext} Markdown`).toEqual(numbers(model));
          expect(
            words(visibleText(back)).filter((w) => w !== 'ko'),
            `${ext} Markdown`,
          ).toEqual(words(visibleText(model)).filter((w) => w !== 'ko'));
        }
      }),
      { numRuns: ROUND_TRIPS, seed: SEED + 1 },
    );
    runs['translation round trips (PO and XLIFF each)'] = k;
  }, 1_200_000);
});

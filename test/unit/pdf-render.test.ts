/**
 * The briefing PDF laid out by pdfmake: the seed renders to a PDF/A-1b file,
 * the same model gives the same bytes, and a generated document of more than
 * 100 pages builds with the page count its footer announces.
 */
import { describe, expect, it } from 'vitest';
import { buildDocDefinition, FontSet, layoutPdf, renderPdf } from '../../src/render/pdf/index.js';
import { modelOf } from '../helpers/compile.js';
import { SEED } from '../helpers/paths.js';
import { generatedModel, pageCount, pdfContext } from '../helpers/pdf.js';

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

describe('renderPdf on the seed', () => {
  const model = modelOf(SEED);

  it('writes a PDF 1.4 file with PDF/A identification, an outline and named destinations', async () => {
    const start = performance.now();
    const bytes = await renderPdf(model, pdfContext(model));
    const ms = performance.now() - start;
    console.log(`seed PDF: ${ms.toFixed(0)} ms, ${pageCount(bytes)} pages, ${bytes.length} bytes`);
    const pdf = latin1(bytes);
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain('/GTS_PDFA1');
    expect(pdf).toMatch(/\/Outlines \d+ 0 R/);
    expect(pdf).toMatch(/\/Lang \(en\)/);
    expect(pageCount(bytes)).toBeGreaterThanOrEqual(8);
  });

  it('gives identical bytes for the same model and context', async () => {
    const a = await renderPdf(model, pdfContext(model));
    const b = await renderPdf(model, pdfContext(model));
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('takes its dates from the context epoch', async () => {
    const ctx = { ...pdfContext(model), epoch: 1_700_000_000 };
    const pdf = latin1(await renderPdf(model, ctx));
    expect(pdf).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>');
    expect(pdf).toContain('<xmp:ModifyDate>2023-11-14T22:13:20Z</xmp:ModifyDate>');
  });

  it('escapes the metadata packet, so a title with & and < stays valid XML', async () => {
    const tricky = modelOf(SEED);
    tricky.meta.title = 'Trade & <Investment>';
    const pdf = latin1(await renderPdf(tricky, pdfContext(tricky)));
    expect(pdf).toContain('<rdf:li xml:lang="x-default">Trade &amp; &lt;Investment&gt;</rdf:li>');
  });
});

describe('pdfmake access policies', () => {
  const model = modelOf(SEED);

  async function layoutWith(extra: Record<string, unknown>, images?: Record<string, string>): Promise<unknown> {
    const ctx = pdfContext(model);
    const fonts = new FontSet(ctx.file);
    const definition = buildDocDefinition(model, ctx, { fonts });
    definition.content.push(extra);
    if (images) Object.assign(definition, { images });
    return layoutPdf(definition, fonts).then(
      () => 'rendered',
      (error: Error) => error.message,
    );
  }

  it('denies every URL', async () => {
    expect(await layoutWith({ image: 'chart' }, { chart: 'https://example.invalid/chart.png' })).toMatch(/Access to URL denied/);
  });

  it('denies local files outside the font folders', async () => {
    expect(await layoutWith({ image: '/etc/passwd' })).toMatch(/Access to local file denied/);
  });
});

describe('a generated document of more than 100 pages', () => {
  it('builds, with as many pages as its footer counts', async () => {
    const model = generatedModel(12, 10);
    const ctx = pdfContext(model);
    const fonts = new FontSet(ctx.file);
    const definition = buildDocDefinition(model, ctx, { fonts });
    // pdfmake calls the footer with (page, pageCount) once the layout is known.
    let announced = 0;
    const footer = definition.footer;
    definition.footer = (page, pages) => {
      announced = Math.max(announced, pages);
      return footer(page, pages);
    };
    const start = performance.now();
    const bytes = await layoutPdf(definition, fonts);
    const seconds = (performance.now() - start) / 1000;
    const pages = pageCount(bytes);
    console.log(`generated PDF: ${pages} pages in ${(seconds * 1000).toFixed(0)} ms, ${(pages / seconds).toFixed(0)} pages/s`);
    expect(pages).toBeGreaterThanOrEqual(100);
    expect(pages).toBe(announced);
    expect(latin1(bytes)).toMatch(new RegExp(`/Count ${pages}\\b`));
  });
});

/**
 * The briefing PDF laid out by pdfmake: the seed renders to a PDF/A-1b file,
 * the same view gives the same bytes, images are embedded (the logo, local
 * PNG and SVG images), Letter pages come from the theme, and a generated
 * document of more than 100 pages builds with the page count its footer
 * announces.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildDocDefinition, FontSet, layoutPdf, renderPdf } from '../../src/render/pdf/index.js';
import { DEFAULT_THEME } from '../../src/render/context.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { FIXTURES, SEED } from '../helpers/paths.js';
import { generatedView, pageCount, pngImage } from '../helpers/pdf.js';

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** The MediaBox of every page. */
function mediaBoxes(pdf: string): string[] {
  return [...pdf.matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number).join(' '));
}

describe('renderPdf on the seed', () => {
  const view = viewOf(SEED);

  it('writes a PDF 1.4 file with PDF/A identification, an outline and named destinations', async () => {
    const start = performance.now();
    const bytes = await renderPdf(view, renderContext(SEED));
    const ms = performance.now() - start;
    console.log(`seed PDF: ${ms.toFixed(0)} ms, ${pageCount(bytes)} pages, ${bytes.length} bytes`);
    const pdf = latin1(bytes);
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain('/GTS_PDFA1');
    expect(pdf).toMatch(/\/Outlines \d+ 0 R/);
    expect(pdf).toMatch(/\/Lang \(en\)/);
    expect(pageCount(bytes)).toBeGreaterThanOrEqual(8);
    expect(new Set(mediaBoxes(pdf))).toEqual(new Set(['0 0 595.28 841.89']));
    expect(pdf).not.toContain('/Subtype /Image');
  });

  it('gives identical bytes for the same view and context', async () => {
    const a = await renderPdf(view, renderContext(SEED));
    const b = await renderPdf(viewOf(SEED), renderContext(SEED));
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('takes its dates from the view', async () => {
    const pdf = latin1(await renderPdf(viewOf(SEED, undefined, { epoch: 1_700_000_000 }), renderContext(SEED)));
    expect(pdf).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>');
    expect(pdf).toContain('<xmp:ModifyDate>2023-11-14T22:13:20Z</xmp:ModifyDate>');
  });

  it('escapes the metadata packet, so a title with & and < stays valid XML', async () => {
    const tricky = viewOf(SEED, (m) => (m.meta.title = 'Trade & <Investment>'));
    const pdf = latin1(await renderPdf(tricky, renderContext(SEED)));
    expect(pdf).toContain('<rdf:li xml:lang="x-default">Trade &amp; &lt;Investment&gt;</rdf:li>');
  });

  it('lays Letter pages out when the theme asks', async () => {
    const pdf = latin1(await renderPdf(view, renderContext(SEED, { theme: { ...DEFAULT_THEME, page: 'Letter' } })));
    expect(new Set(mediaBoxes(pdf))).toEqual(new Set(['0 0 612 792']));
  });
});

describe('images in the PDF', () => {
  it('embeds the logo on the cover as an image XObject without a soft mask', async () => {
    const view = viewOf(SEED, undefined, { organization: { name: 'Ministry of Foreign Affairs', logo: pngImage(120, 40, { alpha: true }) } });
    const pdf = latin1(await renderPdf(view, renderContext(SEED)));
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(1);
    expect(pdf).not.toContain('/SMask');
  });

  it('embeds the local PNG and SVG images of a source, the same bytes every time', async () => {
    const path = join(FIXTURES, 'pdf-images', 'images.md');
    const bytes = await renderPdf(viewOf(path), renderContext(path));
    const pdf = latin1(bytes);
    // The PNG is an image XObject; the SVG is drawn as vector paths.
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(1);
    expect(pdf).not.toContain('/SMask');
    const again = await renderPdf(viewOf(path), renderContext(path));
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
  });
});

describe('pdfmake access policies', () => {
  const view = viewOf(SEED);

  async function layoutWith(extra: Record<string, unknown>, images?: Record<string, string>): Promise<unknown> {
    const ctx = renderContext(SEED);
    const fonts = new FontSet(ctx.file);
    const definition = buildDocDefinition(view, ctx, { fonts });
    definition.content.push(extra);
    if (images) Object.assign(definition.images, images);
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
    const view = generatedView(12, 10);
    const ctx = renderContext('generated.md');
    const fonts = new FontSet(ctx.file);
    const definition = buildDocDefinition(view, ctx, { fonts });
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

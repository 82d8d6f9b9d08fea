/**
 * The pdfmake patch keeps word pieces packed while nothing reads them
 * (issue 18, memory at the edges; pdfmake's helpers/packedInlines.js):
 * - a packed list unpacks to objects with the same properties, in the same
 *   order, with the same values (numbers to the sign of zero, objects by
 *   identity), and runs of one style share a template;
 * - measured paragraphs and the lines of finished pages are packed during a
 *   real build, and the PDF is byte for byte the one made without packing;
 * - a rendered page lets go of its items, and a laid-out node keeps only its
 *   first position;
 * - pdfkit keeps no buffer of a written object, and no dictionary of a
 *   written link annotation (src/render/pdf/pdfkit-writes.ts);
 * - during layout a node keeps one position per page it is on, not one per
 *   line;
 * - a streamed PDF (renderPdfTo, what a build uses) hands its bytes over a
 *   piece at a time, pages while the rest is still being rendered, and they
 *   are the bytes renderPdf returns; a build stages them as they come.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { renderPdf, renderPdfTo } from '../../src/render/pdf/index.js';
import { buildDocument } from '../../src/project/build-document.js';
import { renderSingle } from '../../src/project/single.js';
import { buildOptions } from '../helpers/build-options.js';
import { installed } from '../../src/render/pdf/pdfkit-writes.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { PDFMAKE_DIR } from '../helpers/pdfmake-tagging.js';
import { FIXTURES, SEED } from '../helpers/paths.js';
import { generatedView, pageCount } from '../helpers/pdf.js';

const require = createRequire(import.meta.url);

interface Packed {
  refs: unknown[];
  numbers: number[];
  length: number;
}
interface PackModule {
  PackedInlines: new (...args: never[]) => Packed;
  packInlines(inlines: object[]): Packed;
  unpackInlines(packed: Packed): Record<string, unknown>[];
  forgetTemplates(): void;
  PACK_AFTER_INLINES: number;
  PACK_AFTER_PAGES: number;
}
interface Page {
  items: unknown[];
}
interface LineClass {
  prototype: { pack(): void; inlines: object[] };
  new (maxWidth: number): { pack(): void; inlines: object[]; addInline(inline: object): void };
}

const pack = require(join(PDFMAKE_DIR, 'js', 'helpers', 'packedInlines.js')) as PackModule;
const Line = (require(join(PDFMAKE_DIR, 'js', 'Line.js')) as { default: LineClass }).default;
const original = { packInlines: pack.packInlines, linePack: Line.prototype.pack, afterInlines: pack.PACK_AFTER_INLINES, afterPages: pack.PACK_AFTER_PAGES };

afterEach(() => {
  pack.packInlines = original.packInlines;
  Line.prototype.pack = original.linePack;
  pack.PACK_AFTER_INLINES = original.afterInlines;
  pack.PACK_AFTER_PAGES = original.afterPages;
});

/** Count what a build packs: measured words and lines. */
function countPacking(): { words: number; lines: number } {
  const counts = { words: 0, lines: 0 };
  pack.packInlines = (inlines) => {
    counts.words += inlines.length;
    return original.packInlines(inlines);
  };
  Line.prototype.pack = function (this: { pack(): void }) {
    counts.lines++;
    original.linePack.call(this);
  };
  return counts;
}

/** Word pieces as pdfmake's TextInlines.measure leaves them, then as layout does. */
function words(): Record<string, unknown>[] {
  const font = { name: 'font' };
  const style = { color: 'black' };
  const tag = { type: 'P' };
  const otherTag = { type: 'Link' };
  const inline = (text: string, width: number, extra: Record<string, unknown> = {}) => ({
    text,
    _styleKey: style,
    font,
    fontSize: 10.5,
    color: '#1a1a1a',
    decoration: null,
    opacity: 1,
    sup: false,
    _tag: tag,
    width,
    height: 13.2,
    leadingCut: 0,
    trailingCut: text.endsWith(' ') ? 2.73 : 0,
    ...extra,
  });
  return [
    inline('We ', 15.5, { x: 0 }),
    inline('welcome ', 40.25, { x: 15.5, justifyShift: 1.5 }),
    inline('the ', 17, { x: -0, justifyShift: 1.5 }),
    inline('WTO', 25.125, { x: 72.75, _tag: otherTag, linkToDestination: 'g-wto' }),
    inline(', ', 3, { x: 97.875, noNewLine: true }),
    inline('and ', 18, { x: Number.NaN, lineEnd: true, footnote: { id: 'n1' } }),
    inline('', 0, { x: undefined, fontSize: 6.09, sup: true }),
  ];
}

describe('packed inlines', () => {
  it('unpack to the same properties, in the same order, with the same values', () => {
    const inlines = words();
    const packed = pack.packInlines(inlines);
    expect(packed).toBeInstanceOf(pack.PackedInlines);
    expect(packed.length).toBe(inlines.length);
    const back = pack.unpackInlines(packed);
    expect(back).toHaveLength(inlines.length);
    back.forEach((inline, i) => {
      expect(Object.keys(inline), `inline ${i}`).toEqual(Object.keys(inlines[i]));
      for (const key of Object.keys(inlines[i])) {
        expect(Object.is(inline[key], inlines[i][key]), `${i}.${key}`).toBe(true);
      }
    });
    // a fresh object each time, never the packed one
    expect(back[0]).not.toBe(inlines[0]);
    expect(pack.unpackInlines(packed)[1]).not.toBe(back[1]);
  });

  it('shares one template across a run of one style; words keep their text, numbers, tag and link', () => {
    const inlines = words();
    const packed = pack.packInlines(inlines);
    const templates = new Set(packed.refs.filter((ref) => typeof ref === 'object' && ref !== null && 'base' in (ref as object)));
    // "the " differs from "welcome " only in its numbers: same template; "WTO" has a link
    expect(templates.size).toBeLessThan(inlines.length);
    expect(packed.refs).toContain('g-wto');
    // width, x, trailingCut and justifyShift per word, as numbers
    expect(packed.numbers).toContain(40.25);
    expect(packed.numbers).toContain(1.5);
    pack.forgetTemplates();
  });

  it('a line packs its inlines and unpacks them on the next read', () => {
    const line = new Line(400);
    for (const inline of words().slice(0, 3)) line.addInline(inline);
    const before = line.inlines.map((inline) => ({ ...inline }));
    line.pack();
    expect((line as unknown as { _inl: unknown })._inl).toBeNull();
    expect(line.inlines).toEqual(before);
    expect((line as unknown as { _packed: unknown })._packed).toBeNull();
  });
});

describe('packing in a build', () => {
  it('packs nothing of a document of ordinary length, and a long one from its 20,000th word and 41st page', async () => {
    const counts = countPacking();
    await renderPdf(viewOf(SEED), renderContext(SEED));
    expect(counts).toEqual({ words: 0, lines: 0 });
    const long = generatedView(12, 40);
    const pdf = await renderPdf(long, renderContext('long.md'));
    expect(pageCount(Buffer.from(pdf))).toBeGreaterThan(41);
    expect(counts.words).toBeGreaterThan(0);
    expect(counts.lines).toBeGreaterThan(0);
  });

  it('packs measured paragraphs and the lines of finished pages, and the PDF is the same byte for byte', async () => {
    const path = join(FIXTURES, 'pdf-features', 'input.md');
    // every word and every page, even in these short documents
    pack.PACK_AFTER_INLINES = 0;
    pack.PACK_AFTER_PAGES = 0;
    const counts = countPacking();
    const packed = Buffer.from(await renderPdf(viewOf(SEED), renderContext(SEED)));
    const packedFixture = Buffer.from(await renderPdf(viewOf(path), renderContext(path)));
    expect(counts.words).toBeGreaterThan(3000);
    expect(counts.lines).toBeGreaterThan(100);

    // the same documents with nothing packed: measured inlines stay arrays, lines stay as they are
    pack.packInlines = (inlines) => inlines as unknown as Packed;
    Line.prototype.pack = () => {};
    const plain = Buffer.from(await renderPdf(viewOf(SEED), renderContext(SEED)));
    const plainFixture = Buffer.from(await renderPdf(viewOf(path), renderContext(path)));
    expect(packed.equals(plain)).toBe(true);
    expect(packedFixture.equals(plainFixture)).toBe(true);
  });

  it('a rendered page lets go of its items', async () => {
    const Renderer = (require(join(PDFMAKE_DIR, 'js', 'Renderer.js')) as { default: { prototype: { renderPages(pages: Page[]): void } } }).default;
    const renderPages = Renderer.prototype.renderPages;
    let seen: Array<{ before: number; after: () => number }> = [];
    Renderer.prototype.renderPages = function (this: unknown, pages: Page[]) {
      seen = pages.map((page) => ({ before: page.items.length, after: () => page.items.length }));
      return renderPages.call(this, pages);
    };
    try {
      await renderPdf(viewOf(SEED), renderContext(SEED));
    } finally {
      Renderer.prototype.renderPages = renderPages;
    }
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((page) => page.before > 0 && page.after() === 0)).toBe(true);
  });

  it('a laid-out node keeps only its first position (what a page reference reads)', async () => {
    const LayoutBuilder = (require(join(PDFMAKE_DIR, 'js', 'LayoutBuilder.js')) as { default: { prototype: Record<string, unknown> } }).default;
    const layoutDocument = LayoutBuilder.prototype.layoutDocument as (
      this: { linearNodeList: Array<{ positions?: unknown[] }> },
      ...args: unknown[]
    ) => unknown;
    let lengths: number[] = [];
    let resets = 0;
    LayoutBuilder.prototype.layoutDocument = function (this: { linearNodeList: Array<{ positions?: unknown[]; resetXY?: unknown }> }, ...args: unknown[]) {
      const pages = layoutDocument.apply(this, args);
      lengths = this.linearNodeList.map((node) => node.positions?.length ?? 0);
      // the closure that puts a node back for another layout pass goes too
      resets = this.linearNodeList.filter((node) => node.resetXY !== undefined).length;
      return pages;
    };
    try {
      await renderPdf(viewOf(SEED), renderContext(SEED));
    } finally {
      LayoutBuilder.prototype.layoutDocument = layoutDocument;
    }
    expect(lengths.length).toBeGreaterThan(100);
    expect(resets).toBe(0);
    expect(Math.max(...lengths)).toBe(1);
    expect(lengths.filter((n) => n === 1).length).toBeGreaterThan(100);
  });
});

describe('the definition', () => {
  it('is let go once laid out: nothing holds it while the pages are drawn', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const PdfMake = (require('pdfmake') as object).constructor as { prototype: { createPdf(definition: object): unknown } };
    const Renderer = (require(join(PDFMAKE_DIR, 'js', 'Renderer.js')) as { default: { prototype: { renderPages(pages: Page[]): void } } }).default;
    const createPdf = PdfMake.prototype.createPdf;
    const renderPages = Renderer.prototype.renderPages;
    // a WeakRef keeps its target to the end of the job that made it: the layout starts in a new one
    const Printer = (require(join(PDFMAKE_DIR, 'js', 'Printer.js')) as { default: { prototype: { resolveUrls(definition: object): Promise<unknown> } } })
      .default;
    const resolveUrls = Printer.prototype.resolveUrls;
    Printer.prototype.resolveUrls = async function (this: unknown, made: object) {
      await resolveUrls.call(this, made);
      await new Promise((resolve) => setImmediate(resolve));
    };
    let definition: WeakRef<object> | null = null;
    let heldWhenDrawn: boolean | null = null;
    PdfMake.prototype.createPdf = function (this: unknown, made: object) {
      definition = new WeakRef(made);
      return createPdf.call(this, made);
    };
    Renderer.prototype.renderPages = function (this: unknown, pages: Page[]) {
      gc();
      heldWhenDrawn = definition?.deref() !== undefined;
      return renderPages.call(this, pages);
    };
    try {
      await renderPdfTo(viewOf(SEED), renderContext(SEED), () => {});
    } finally {
      PdfMake.prototype.createPdf = createPdf;
      Renderer.prototype.renderPages = renderPages;
      Printer.prototype.resolveUrls = resolveUrls;
    }
    expect(definition).not.toBeNull();
    expect(heldWhenDrawn).toBe(false);
  });
});

describe('structure elements', () => {
  it('are ended and written out once the page of their last content is drawn, not all at the end', async () => {
    const Renderer = (require(join(PDFMAKE_DIR, 'js', 'Renderer.js')) as { default: { prototype: { renderPages(pages: Page[]): void } } }).default;
    const renderPages = Renderer.prototype.renderPages;
    type Element = { _flushed: boolean };
    const elements: Element[] = [];
    // per page: elements made so far, and how many of them were written out when the page began
    const atPageStart: Array<{ made: number; written: number }> = [];
    let writtenWhenRendered = -1;
    Renderer.prototype.renderPages = function (this: { pdfDocument: Record<string, (...args: unknown[]) => unknown> }, pages: Page[]) {
      const doc = this.pdfDocument;
      const struct = doc.struct;
      const addPage = doc.addPage;
      doc.struct = function (this: unknown, ...args: unknown[]) {
        const el = struct.apply(this, args) as Element;
        elements.push(el);
        return el;
      };
      doc.addPage = function (this: unknown, ...args: unknown[]) {
        atPageStart.push({ made: elements.length, written: elements.filter((el) => el._flushed).length });
        return addPage.apply(this, args);
      };
      try {
        return renderPages.call(this, pages);
      } finally {
        doc.struct = struct;
        doc.addPage = addPage;
        writtenWhenRendered = elements.filter((el) => el._flushed).length;
      }
    };
    try {
      await renderPdf(viewOf(SEED), renderContext(SEED));
    } finally {
      Renderer.prototype.renderPages = renderPages;
    }
    expect(atPageStart.length).toBeGreaterThan(5);
    expect(elements.length).toBeGreaterThan(200);
    // by the last page, most elements made on earlier pages are already written
    const last = atPageStart[atPageStart.length - 1];
    expect(last.written).toBeGreaterThan(last.made * 0.8);
    // and every one is, once the last page is drawn (before the document ends)
    expect(writtenWhenRendered).toBe(elements.length);
  });
});

describe("pdfkit's written objects", () => {
  it('keep no buffer, and a link annotation no dictionary; a page keeps its dictionary', async () => {
    expect(installed).toBe(true);
    const PDFDocument = createRequire(require.resolve('pdfmake'))('pdfkit') as new (options: object) => {
      page: { annotations: Array<{ data: object; buffer: unknown[] }>; dictionary: { data: { Type?: string } } };
      link(x: number, y: number, w: number, h: number, url: string): void;
      on(event: string, listener: (...args: unknown[]) => void): void;
      end(): void;
    };
    const doc = new PDFDocument({ compress: false, font: null });
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.on('data', () => {});
    doc.link(10, 10, 50, 10, 'https://example.org/');
    const page = doc.page;
    const [annotation] = page.annotations;
    expect(annotation.data).toEqual({});
    expect(Object.isFrozen(annotation.buffer) && annotation.buffer.length === 0).toBe(true);
    doc.end();
    await done;
    expect(page.dictionary.data.Type).toBe('Page');
  });
});

describe('positions during layout', () => {
  it('a node keeps one position per page it is on: a paragraph of several lines on one page has one', async () => {
    const LayoutBuilder = (require(join(PDFMAKE_DIR, 'js', 'LayoutBuilder.js')) as { default: { prototype: Record<string, unknown> } }).default;
    type Node = { positions: Array<{ pageNumber: number }> };
    const processLeaf = LayoutBuilder.prototype.processLeaf as (this: { writer: { addLine(line: unknown): unknown } }, node: Node) => void;
    const leaves: Array<{ lines: number; pages: number[] }> = [];
    LayoutBuilder.prototype.processLeaf = function (this: { writer: { addLine(line: unknown): unknown } }, node: Node) {
      const writer = this.writer;
      const addLine = writer.addLine;
      let lines = 0;
      writer.addLine = function (this: unknown, line: unknown) {
        lines++;
        return addLine.call(this, line);
      };
      try {
        processLeaf.call(this, node);
      } finally {
        writer.addLine = addLine;
      }
      leaves.push({ lines, pages: node.positions.map((p) => p.pageNumber) });
    };
    let pdf: Uint8Array;
    try {
      pdf = await renderPdf(generatedView(3, 30), renderContext('long.md'));
    } finally {
      LayoutBuilder.prototype.processLeaf = processLeaf;
    }
    expect(pageCount(Buffer.from(pdf))).toBeGreaterThan(5);
    const long = leaves.filter((leaf) => leaf.lines > 2);
    expect(long.length).toBeGreaterThan(20);
    // never two positions in a row on one page; a paragraph across a page break has two
    expect(leaves.every((leaf) => leaf.pages.every((page, i) => i === 0 || page !== leaf.pages[i - 1]))).toBe(true);
    expect(long.filter((leaf) => leaf.pages.length === 1).length).toBeGreaterThan(20);
    expect(leaves.some((leaf) => leaf.pages.length === 2 && leaf.pages[1] === leaf.pages[0] + 1)).toBe(true);
  });
});

describe('a streamed PDF', () => {
  it('hands over the bytes renderPdf returns, a piece at a time, pages while the rest is rendered', async () => {
    const Renderer = (require(join(PDFMAKE_DIR, 'js', 'Renderer.js')) as { default: { prototype: { renderPages(pages: Page[]): void } } }).default;
    const renderPages = Renderer.prototype.renderPages;
    const pieces: Uint8Array[] = [];
    let piecesWhenRendered = -1;
    Renderer.prototype.renderPages = function (this: unknown, pages: Page[]) {
      const result = renderPages.call(this, pages);
      piecesWhenRendered = pieces.length;
      return result;
    };
    const view = generatedView(12, 40);
    try {
      await renderPdfTo(view, renderContext('long.md'), (chunk) => pieces.push(Buffer.from(chunk)));
    } finally {
      Renderer.prototype.renderPages = renderPages;
    }
    const whole = Buffer.from(await renderPdf(view, renderContext('long.md')));
    expect(Buffer.concat(pieces).equals(whole)).toBe(true);
    expect(piecesWhenRendered).toBeGreaterThan(1);
    expect(pieces.length).toBeGreaterThan(piecesWhenRendered);
  });

  it('a build stages the pieces as they come: the file, its size and hash are those of the PDF made in memory', async () => {
    const base = mkdtempSync(join(tmpdir(), 'briefpack-stream-'));
    try {
      const out = join(base, 'out');
      const built = await buildDocument(SEED, buildOptions(out, { formats: ['html', 'pdf'] }));
      expect(built.status).toBe('built');
      const id = built.id;
      const file = readFileSync(join(out, id, `${id}.pdf`));
      // the same document made in memory, as `build x.md -o x.pdf` makes it
      const options = buildOptions(out, { formats: ['pdf'] });
      const single = await renderSingle(SEED, readFileSync(SEED), 'pdf', options);
      expect(file.equals(Buffer.from(single.data as Uint8Array))).toBe(true);
      const artifact = built.artifacts.find((a) => a.path === `${id}/${id}.pdf`)!;
      expect(artifact.bytes).toBe(file.length);
      expect(artifact.sha256).toBe(createHash('sha256').update(file).digest('hex'));
      expect(built.artifacts.map((a) => a.path)).toEqual([`${id}/${id}.html`, `${id}/${id}.pdf`]);
      // nothing staged is left behind
      expect(readdirSync(join(out, id)).filter((name) => name.startsWith('.briefpack-tmp-'))).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

/**
 * The briefing PDF read back by real clients from Debian packages, for the
 * seed, every corpus declaration and every test fixture:
 * qpdf (structure), pdffonts (embedded, subset), pdfinfo (metadata, pages),
 * pdftotext (nothing lost; the seed's paragraph numbers 1–14 in order),
 * PDFBox Preflight (PDF/A-1b). A project's look (issue 13): the marking at
 * the top and the bottom of every page, the logo and organization on page 1
 * (pdfimages), Letter pages, a part switched off. Page 1 and the first text
 * page are rendered with pdftoppm into test-artifacts/pdf/ for visual review.
 * Documents are built in-process (renderPdf on the view), not through dist/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { renderPdf } from '../../src/render/pdf/index.js';
import { DEFAULT_THEME, type RenderContext } from '../../src/render/context.js';
import { ALL_PARTS, type ViewOptions } from '../../src/view/build-view.js';
import type { BriefingView } from '../../src/view/types.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { renderContext, viewFor } from '../helpers/compile.js';
import { CORPUS, FIXTURES, ROOT, SEED } from '../helpers/paths.js';
import { missingWords, words } from '../helpers/words.js';
import { embeddedAlts, hasCommand, missingPreflightJars, pdffonts, pdfinfo, pdftotext, pngImage, preflight, run } from '../helpers/pdf.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'pdf');
const TOOLS = ['qpdf', 'pdffonts', 'pdfinfo', 'pdftotext', 'pdftoppm', 'pdfimages', 'java'];

const corpus = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .sort()
      .map((f) => join(CORPUS, f))
  : [];
const fixtures = readdirSync(FIXTURES)
  .sort()
  .flatMap((d) => {
    const dir = join(FIXTURES, d);
    const md = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
    return md.length ? [join(dir, md.sort()[0])] : [];
  });

interface Built {
  source: string;
  pdf: string;
  name: string;
  view: BriefingView;
  /** Opening words of the first paragraph of the text, to find the first text page. */
  opening: string | null;
}

/** Compile and render one source into test-artifacts/pdf/<name>.pdf; null when the source does not compile (an error fixture). */
async function build(source: string, name: string, options: Partial<ViewOptions> = {}, ctx: Partial<RenderContext> = {}): Promise<Built | null> {
  const result = compileSource(source, readFileSync(source));
  if (!result.model) return null;
  const view = viewFor(result.model, { version: '0.1.0', ...options });
  const bytes = await renderPdf(view, renderContext(source, ctx));
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(pdf, bytes);
  const first = result.model.sections.flatMap((s) => s.blocks).find((p) => p.text.trim());
  const opening = first ? first.text.split(/\s+/).slice(0, 4).join(' ') : null;
  return { source, pdf, name, view, opening };
}

/** Render page 1 and the first page of the text (after cover and contents) to PNG at 60 dpi. */
function checkSnapshots(b: Built): void {
  const pages = Number(pdfinfo(b.pdf).Pages);
  let textPage = 3;
  if (b.opening) {
    for (let p = 3; p <= pages; p++) {
      const text = pdftotext(b.pdf, '-layout', '-f', String(p), '-l', String(p)).replace(/\s+/g, ' ');
      if (text.includes(b.opening)) {
        textPage = p;
        break;
      }
    }
  }
  for (const page of [1, textPage]) {
    const out = join(ARTIFACTS, `${b.name}-page-${page}`);
    const r = run('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', b.pdf, out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(`${out}.png`).subarray(1, 4).toString()).toBe('PNG');
  }
}

function checkStructure(b: Built): void {
  const qpdf = run('qpdf', ['--check', b.pdf]);
  expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
  expect(qpdf.stdout).toContain('No syntax or stream encoding errors');

  const fonts = pdffonts(b.pdf);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) {
    expect(f.emb, `${f.name} embedded`).toBe(true);
    expect(f.sub, `${f.name} subset`).toBe(true);
    expect(f.name).toMatch(/^[A-Z]{6}\+/);
  }

  const info = pdfinfo(b.pdf);
  expect(info.Title).toBe(b.view.info.title);
  expect(info.Creator).toBe('briefpack 0.1.0');
  expect(info.Producer).toBe('briefpack 0.1.0');
  expect(info.CreationDate).toBeTruthy();
  expect(info.ModDate).toBeTruthy();
  expect(info['Metadata Stream']).toBe('yes');
  expect(info['Page size']).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)/);
  expect(info['PDF version']).toBe('1.4');
  expect(Number(info.Pages)).toBeGreaterThanOrEqual(4);
}

function checkNothingLost(b: Built): void {
  // -layout keeps line-end hyphens ("non-" / "governmental"); the default mode would join them into one word.
  const text = pdftotext(b.pdf, '-layout');
  // An embedded image shows a picture, not its alt text.
  const alts = embeddedAlts(b.view).flatMap(words).join(' ');
  expect(missingWords(sourceBodyText(readFileSync(b.source, 'utf8')), `${text} ${alts}`)).toEqual([]);
}

/** The text of each page, as lines without blank ones. */
function pageLines(b: Built): string[][] {
  const pages = Number(pdfinfo(b.pdf).Pages);
  return Array.from({ length: pages }, (_, i) =>
    pdftotext(b.pdf, '-layout', '-f', String(i + 1), '-l', String(i + 1))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

function checkPreflight(b: Built): void {
  const result = preflight(b.pdf);
  expect(result.valid, result.output).toBe(true);
}

describe('PDF conformance', () => {
  beforeAll(() => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  it('has the Debian clients it needs (poppler-utils, qpdf, libpdfbox2-java, libactivation-java, libjaxb-api-java)', () => {
    expect(TOOLS.filter((t) => !hasCommand(t))).toEqual([]);
    expect(missingPreflightJars()).toEqual([]);
  });

  describe('the seed', () => {
    let b: Built;
    beforeAll(async () => {
      b = (await build(SEED, 'seed'))!;
    });

    it('passes qpdf, pdffonts and pdfinfo', () => checkStructure(b));
    it('holds every word of the source', () => checkNothingLost(b));
    it('passes PDFBox Preflight for PDF/A-1b', () => checkPreflight(b));

    it('starts its paragraphs with the numbers 1 to 14, in order', () => {
      const text = pdftotext(b.pdf, '-layout');
      const numbers = [...text.matchAll(/^\s{0,16}(\d{1,3})\.\s+\S/gm)].map((m) => Number(m[1]));
      expect(numbers).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    });

    it('renders page 1 and the first text page to PNG for review', () => checkSnapshots(b));
  });

  describe.each(corpus.map((f) => [basename(f), f]))('corpus %s', (name, source) => {
    let b: Built;
    beforeAll(async () => {
      b = (await build(source, `corpus-${basename(name, '.md')}`))!;
    });

    it('passes qpdf, pdffonts and pdfinfo', () => checkStructure(b));
    it('holds every word of the source', () => checkNothingLost(b));
    it('passes PDFBox Preflight for PDF/A-1b', () => checkPreflight(b));
    it('renders page 1 and the first text page to PNG for review', () => checkSnapshots(b));
  });

  describe("a project's look: marking, logo, organization, Letter pages, no commitments annex", () => {
    let b: Built;
    beforeAll(async () => {
      b = (await build(
        SEED,
        'project-look',
        {
          marking: 'RESTRICTED',
          organization: { name: 'Ministry of Foreign Affairs', logo: pngImage(160, 48, { alpha: true }) },
          parts: { ...ALL_PARTS, annexes: { commitments: false, glossary: true, instruments: true } },
        },
        { theme: { ...DEFAULT_THEME, page: 'Letter', colors: { accent: '#0a7b3e' } } },
      ))!;
    });

    it('has Letter pages and passes qpdf and Preflight', () => {
      expect(pdfinfo(b.pdf)['Page size']).toMatch(/^612 x 792 pts \(letter\)/);
      const qpdf = run('qpdf', ['--check', b.pdf]);
      expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
      checkPreflight(b);
    });

    it('prints the marking centred at the top and the bottom of every page', () => {
      const pages = pageLines(b);
      expect(pages.length).toBeGreaterThanOrEqual(4);
      for (const [i, lines] of pages.entries()) {
        expect(lines[0], `page ${i + 1} top`).toBe('RESTRICTED');
        expect(lines[lines.length - 1], `page ${i + 1} bottom`).toBe('RESTRICTED');
      }
      // Centred: the word's middle is the middle of the page (612 pt wide).
      const bbox = run('pdftotext', ['-bbox', '-f', '2', '-l', '2', b.pdf, '-']).stdout;
      const marks = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">RESTRICTED<\/word>/g)];
      expect(marks).toHaveLength(2);
      for (const m of marks) expect((Number(m[1]) + Number(m[2])) / 2).toBeCloseTo(306, 0);
    });

    it('shows the logo and the organization on page 1', () => {
      const images = run('pdfimages', ['-list', b.pdf])
        .stdout.split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.trim().split(/\s+/));
      expect(images.map((cols) => cols[0])).toEqual(['1']);
      expect(images[0][3]).toBe('160');
      expect(images[0][4]).toBe('48');
      expect(pageLines(b)[0]).toContain('Ministry of Foreign Affairs');
    });

    it('has no commitments annex, in the contents or the body', () => {
      const text = pdftotext(b.pdf, '-layout');
      expect(text).not.toContain(b.view.labels.commitments);
      expect(text).toContain(b.view.labels.glossary);
    });
  });

  it('finds the corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(fixtures.map((f) => [basename(join(f, '..')), f]))('fixture %s', (name, source) => {
    let b: Built | null;
    beforeAll(async () => {
      b = await build(source, `fixture-${name}`);
    });

    it('holds every word of the source and passes Preflight', () => {
      if (!b) return; // an error fixture: no model, no PDF
      checkNothingLost(b);
      checkPreflight(b);
    });
  });
});

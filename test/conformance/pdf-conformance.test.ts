/**
 * The briefing PDF read back by real clients from Debian packages, for the
 * seed, every corpus declaration and every test fixture:
 * qpdf (structure), pdffonts (embedded, subset), pdfinfo (metadata, pages),
 * pdftotext (nothing lost; the seed's paragraph numbers 1–14 in order),
 * PDFBox Preflight (PDF/A-1b). Page 1 and the first text page are rendered
 * with pdftoppm into test-artifacts/pdf/ for visual review.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { renderPdf } from '../../src/render/pdf/index.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { CORPUS, FIXTURES, ROOT, SEED } from '../helpers/paths.js';
import { missingWords } from '../helpers/words.js';
import { hasCommand, missingPreflightJars, pdffonts, pdfinfo, pdftotext, pdfContext, preflight, run } from '../helpers/pdf.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'pdf');
const TOOLS = ['qpdf', 'pdffonts', 'pdfinfo', 'pdftotext', 'pdftoppm', 'java'];

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
  title: string | null;
  /** Opening words of the first paragraph of the text, to find the first text page. */
  opening: string | null;
}

/** Compile and render one source into test-artifacts/pdf/<name>.pdf; null when the source does not compile (an error fixture). */
async function build(source: string, name: string): Promise<Built | null> {
  const result = compileSource(source, readFileSync(source));
  if (!result.model) return null;
  const bytes = await renderPdf(result.model, pdfContext(result.model, source));
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(pdf, bytes);
  const first = result.model.sections.flatMap((s) => s.paragraphs).find((p) => p.text.trim());
  const opening = first ? first.text.split(/\s+/).slice(0, 4).join(' ') : null;
  return { source, pdf, name, title: result.model.meta.title, opening };
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
  if (b.title) expect(info.Title).toBe(b.title);
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
  expect(missingWords(sourceBodyText(readFileSync(b.source, 'utf8')), text)).toEqual([]);
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

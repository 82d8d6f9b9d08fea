/**
 * The briefing PDF read back by real clients from Debian packages, for the
 * seed, the seed's Korean pack, every corpus declaration and every test fixture:
 * qpdf (structure), pdffonts (embedded, subset), pdfinfo (metadata, pages),
 * pdftotext (nothing lost, every word whole; the seed's paragraph numbers
 * 1–14 in order), PDFBox Preflight (PDF/A-1b rules, which a PDF/A-1a file
 * must meet too), and the tags (issue 17): pdfinfo "Tagged: yes", the element
 * types the source calls for (`pdfinfo -struct`), every word of the source in
 * reading order and no page furniture (`pdfinfo -struct-text`), the
 * structure tree walked with qpdf --json (every marked-content sequence in
 * the ParentTree and its element, or an Artifact; /Lang). A project's look (issue 13): the marking at
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
import {
  checkWithQpdf,
  embeddedAlts,
  hasCommand,
  missingPreflightJars,
  missingWordsInOrder,
  pdffonts,
  pdfinfo,
  pdftotext,
  pngImage,
  preflight,
  run,
  structText,
  structTypes,
  withoutFootnoteDefinitions,
} from '../helpers/pdf.js';
import { translateModel } from '../../src/l10n/index.js';
import { pageLabel } from '../../src/view/format.js';
import type { ViewBlock } from '../../src/view/types.js';
import { VFile } from 'vfile';

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
  // The default mode joins a word broken at a soft hyphen ("coop-" / "eration"); a compound's own
  // hyphen ending a line is drawn as U+2010, which it keeps ("Asia‐" / "Pacific").
  const text = pdftotext(b.pdf);
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

/** The element types the view of a source calls for. */
function expectedTypes(view: BriefingView): string[] {
  const types = new Set<string>(['Document', 'H1', 'P']);
  const block = (b: ViewBlock): void => {
    if (b.kind === 'list') {
      types.add('L').add('LI');
      for (const item of b.items) item.children.forEach(block);
    }
    if (b.kind === 'table' && b.rows.length + b.head.length) types.add('Table').add('TR').add('TD');
    if (b.kind === 'heading') types.add('H2');
    if ('children' in b) b.children.forEach(block);
  };
  for (const part of view.parts) {
    if (part.kind === 'text') {
      if (part.sections.some((s) => s.title)) types.add('H2');
      part.sections.forEach((s) => s.blocks.forEach(block));
    }
    if (part.kind === 'background') part.blocks.forEach(block);
    if (part.kind === 'notes' && part.notes.length) types.add('Note');
    if (part.kind === 'annexes' && part.annexes.length) types.add('H2').add('Table').add('TR').add('TD');
  }
  if (embeddedAlts(view).some(Boolean)) types.add('Figure');
  if (view.contents) types.add('TOC').add('TOCI');
  return [...types];
}

/** Tags (issue 17): pdfinfo, pdfinfo -struct and -struct-text, the qpdf walk. */
function checkTagged(b: Built, markdown = readFileSync(b.source, 'utf8')): void {
  const info = pdfinfo(b.pdf);
  expect(info.Tagged).toBe('yes');
  const types = structTypes(b.pdf);
  for (const type of expectedTypes(b.view)) expect(types.has(type), `${type} in pdfinfo -struct`).toBe(true);
  // Every word of the source in reading order (notes, printed at the foot of their page, anywhere).
  const text = words(structText(b.pdf));
  const alts = embeddedAlts(b.view).flatMap(words);
  const source = withoutFootnoteDefinitions(markdown);
  expect(
    missingWordsInOrder(
      words(sourceBodyText(source.text)).filter((w) => !alts.includes(w)),
      text,
    ),
  ).toEqual([]);
  expect(missingWords(sourceBodyText(source.notes), text.join(' '))).toEqual([]);
  // No page furniture: the page label of the footer is never read.
  const pages = Number(info.Pages);
  const label = words(pageLabel(b.view.labels, b.view.lang, pages, pages)).join(' ');
  expect(text.join(' ')).not.toContain(label);
  const walk = checkWithQpdf(b.pdf);
  expect(walk.mcids).toBeGreaterThan(0);
}

function checkPreflight(b: Built): void {
  const result = preflight(b.pdf);
  expect(result.valid, result.output).toBe(true);
}

describe('PDF conformance', () => {
  beforeAll(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // test/conformance/pdf-pages.test.ts keeps its pages for review in review/
    for (const entry of readdirSync(ARTIFACTS)) if (entry !== 'review') rmSync(join(ARTIFACTS, entry), { recursive: true, force: true });
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
    it('passes PDFBox Preflight (PDF/A-1 rules) as a PDF/A-1a + PDF/UA-1 file', () => {
      checkPreflight(b);
      const xmp = readFileSync(b.pdf, 'latin1');
      expect(xmp).toMatch(/<pdfaid:part>1<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
      expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    });
    it('is tagged: H1/H2, P, Table/TR/TD, TOC; every word in reading order; the qpdf walk', () => checkTagged(b));

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

  describe("the seed's Korean pack (translations/ko)", () => {
    let b: Built;
    beforeAll(async () => {
      const compiled = compileSource(SEED, readFileSync(SEED));
      const file = new VFile({ path: SEED });
      const { model } = await translateModel(compiled.model!, 'ko', { translationsDir: join(ROOT, 'translations'), file });
      const view = viewFor(model, { version: '0.1.0' });
      const pdf = join(ARTIFACTS, 'seed-ko.pdf');
      writeFileSync(pdf, await renderPdf(view, renderContext(SEED)));
      b = { source: SEED, pdf, name: 'seed-ko', view, opening: null };
    });

    it('is tagged, with /Lang ko and the untranslated units in their own language', () => {
      const info = pdfinfo(b.pdf);
      expect(info.Tagged).toBe('yes');
      const types = structTypes(b.pdf);
      for (const type of ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TD', 'TOC', 'TOCI']) expect(types.has(type), type).toBe(true);
      const walk = checkWithQpdf(b.pdf);
      expect(walk.mcids).toBeGreaterThan(100);
      // /Lang of the catalog, and of the elements of untranslated units (pdfinfo -struct does not print it).
      const bytes = readFileSync(b.pdf, 'latin1');
      const catalog = /\/Type \/Catalog[^]*?>>/.exec(bytes)![0];
      expect(catalog).toMatch(/\/Lang \(ko\)/);
      const untranslated = b.view.parts.some((p) => p.kind === 'text' && p.sections.some((s) => s.lang || s.blocks.some((x) => x.lang)));
      if (untranslated) expect(bytes).toMatch(/\/S \/P[^>]*\/Lang \(en\)|\/Lang \(en\)[^>]*\/S \/P/);
    });

    it('passes PDFBox Preflight', () => checkPreflight(b));

    it('never starts a line with "·" (UAX #14 tailored: the cover title "디지털·AI")', () => {
      const text = pdftotext(b.pdf, '-layout');
      expect(text).toContain('·');
      for (const line of text.split('\n')) expect(line.trim().startsWith('·'), line).toBe(false);
    });

    it('renders its cover to PNG for review', () => {
      const out = join(ARTIFACTS, 'seed-ko-page-1');
      expect(run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', b.pdf, out]).status).toBe(0);
    });
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

    it('is tagged: the elements its source calls for, every word in reading order, the qpdf walk', () => {
      if (!b) return;
      checkTagged(b);
    });
  });
});

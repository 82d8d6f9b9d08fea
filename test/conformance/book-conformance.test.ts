/**
 * Issue 16, acceptance: a book of the seed and two corpus texts, with a
 * brief (test/fixtures-book/), built as `briefpack build --pack` builds it,
 * read back by the programs people open it with.
 *
 * - Every word of each document and of the brief: HTML DOM text (Chromium),
 *   pdftotext, pandoc -f docx.
 * - PDF: the outline (qpdf --json) has one entry per document with its
 *   sections under it; the contents' page numbers are the pages where each
 *   document starts (a new page, under its own running header); page
 *   numbers run on through the book.
 * - DOCX: LibreOffice opens it (to PDF), its contents field is prefilled,
 *   each document is a Word section with its own header.
 * - HTML: axe-core reports no violation; every link of the brief reaches
 *   its target in Chromium; the merged glossary and the instruments matrix.
 * - Bad packs (a broken link in the brief, a missing document, a duplicate
 *   document id) each give a diagnostic with file:line:column, from the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords, words } from '../helpers/words.js';
import { pdftotext } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { loadConfig } from '../../src/project/config.js';
import { buildPack } from '../../src/project/build-pack.js';
import { DEFAULT_SETTINGS } from '../../src/project/settings.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../src/parse/decode-source.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const location: any;

const BOOK = join(ROOT, 'test', 'fixtures-book');
const BRIEF = join(BOOK, 'brief.md');
const DOCUMENTS = [SEED, join(CORPUS, 'apec-2023-golden-gate-declaration.md'), join(CORPUS, 'g7-2023-hiroshima-ai-process-leaders-statement.md')];
const TITLES = [
  'Digital and AI Transition for the Prosperity and Sustainable Growth of All',
  '2023 APEC Leaders’ Golden Gate Declaration',
  'G7 Leaders’ Statement on the Hiroshima AI Process',
];
const SEED_SECTIONS = [
  'Background note',
  'Preface',
  'Activating digital and AI innovation to solve socio-economic challenges',
  'Strengthening digital connectivity for all',
  'Creating a safe, secure, and trustworthy digital and AI ecosystem',
  'Conclusion',
];
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'book');

const out = mkdtempSync(join(tmpdir(), 'bp-book-conformance-'));
const profile = mkdtempSync(join(tmpdir(), 'bp-book-lo-'));
const file = (ext: string) => join(out, 'packs', 'apec-2025-ministerial', `apec-2025-ministerial.${ext}`);

/** Words of the sources the reader lacks, but for a word it read as two at a change of baseline (as docx-conformance). */
function missingRead(source: string, read: string): string[] {
  const list = words(read);
  const joined = new Set(list.slice(1).map((w, i) => list[i] + w));
  return missingWords(source, read).filter((w) => !joined.has(w));
}

const sources = [BRIEF, ...DOCUMENTS];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;

beforeAll(async () => {
  const [pack] = loadConfig(join(BOOK, 'briefpack.yaml')).packs;
  const result = await buildPack(pack, {
    out,
    formats: ['html', 'pdf', 'docx'],
    langs: 'auto',
    translationsDir: join(out, 'none'),
    templatesDir: null,
    maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
    emitMarkdown: false,
    minTranslated: null,
    cache: false,
    pack: DEFAULT_SETTINGS,
  });
  expect(result.status, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBe('built');
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (never download a browser)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  url = pathToFileURL(file('html')).href;
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: true });
  page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

describe('every word of each document and of the brief', () => {
  it.each(sources.map((s) => [s.split('/').pop()!, s]))('is in the HTML DOM text, in pdftotext and in pandoc: %s', async (_name, path) => {
    const source = sourceBodyText(readFileSync(path, 'utf8'));
    expect(words(source).length).toBeGreaterThan(100);
    const dom = (await page.evaluate(() => document.body.textContent)) as string;
    expect(missingWords(source, dom)).toEqual([]);
    expect(missingWords(source, pdftotext(file('pdf')))).toEqual([]);
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', file('docx')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(missingRead(source, plain)).toEqual([]);
  });
});

interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}

describe('the PDF', () => {
  const outline = () =>
    (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file('pdf')], { encoding: 'utf8' })) as { outlines: Outline[] }).outlines;
  const pages = () => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file('pdf')], { encoding: 'utf8' }))![1]);
  const pageText = (n: number) => pdftotext(file('pdf'), '-layout', '-f', String(n), '-l', String(n));
  const firstLine = (text: string) =>
    text
      .split('\n')
      .find((l) => l.trim())!
      .trim();

  it('passes qpdf --check', () => {
    expect(execFileSync('qpdf', ['--check', file('pdf')], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
  });

  it('has one outline entry per document, with its sections under it', () => {
    const top = outline();
    const entries = TITLES.map((title) => top.filter((o) => o.title === title));
    expect(entries.map((e) => e.length)).toEqual([1, 1, 1]);
    const titles = (o: Outline): string[] => o.kids.flatMap((k) => [k.title, ...titles(k)]);
    expect(titles(entries[0][0])).toEqual(SEED_SECTIONS);
    // The brief and the annexes are entries of their own, around the documents.
    expect(top.map((o) => o.title)).toEqual(['Brief for the Minister: APEC Digital and AI Ministerial Meeting', ...TITLES, 'Annexes']);
    expect(top[0].kids.map((k) => k.title)).toEqual(['Purpose', 'Key messages', 'Lines to take', 'If asked']);
  });

  it("shows in its contents the pages where the documents start: new pages, under each document's own running header", () => {
    const contents = pageText(2).split('\n');
    const total = pages();
    const starts = outline()
      .filter((o) => TITLES.includes(o.title))
      .map((o) => o.destpageposfrom1);
    TITLES.forEach((title, i) => {
      const line = contents.find((l) => l.includes(title.slice(0, 40)))!;
      expect(line, title).toBeTruthy();
      const listed = Number(/(\d+)\s*$/.exec(line)?.[1]);
      expect(listed, title).toBe(starts[i]);
      const text = pageText(listed);
      // The running header is the document's own, and it was not on the page before.
      expect(firstLine(text).startsWith(title.slice(0, 40)), firstLine(text)).toBe(true);
      expect(firstLine(pageText(listed - 1)).startsWith(title.slice(0, 40))).toBe(false);
      // The page opens with the document's cover block.
      expect(text.replace(/\s+/g, ' ')).toContain(title.slice(0, 30));
      expect(listed).toBeLessThanOrEqual(total);
    });
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('numbers its pages on through the book', () => {
    const total = pages();
    for (let n = 2; n <= total; n++) expect(pageText(n)).toContain(`Page ${n} of ${total}`);
  });
});

describe('the DOCX', () => {
  const parts = () => unzipSync(new Uint8Array(readFileSync(file('docx'))));
  const xml = (name: string) => strFromU8(parts()[name]);

  it('opens in LibreOffice, its contents prefilled with every document', () => {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', profile, file('docx')],
      { stdio: 'pipe', timeout: 300_000 },
    );
    const pdf = join(profile, 'apec-2025-ministerial.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // The contents as LibreOffice shows them (the field's prefilled result): after "Contents", before the brief.
    const contents = text.slice(text.indexOf('Contents'), text.indexOf('Purpose', text.indexOf('If asked')));
    for (const title of TITLES) expect(contents.replace(/\s+/g, ' ')).toContain(title.slice(0, 40));
    for (const path of sources) expect(missingRead(sourceBodyText(readFileSync(path, 'utf8')), text)).toEqual([]);
    writeFileSync(join(ARTIFACTS, 'book-docx.txt'), text);
  });

  it('holds a TOC field whose result lists the book', () => {
    const doc = xml('word/document.xml');
    const begin = doc.indexOf('TOC \\h');
    expect(begin).toBeGreaterThan(0);
    // The TOC field's result runs to its own end (the PAGEREF fields inside it nest).
    let depth = 1;
    let end = -1;
    for (const m of doc.slice(begin).matchAll(/w:fldCharType="(begin|end)"/g)) {
      depth += m[1] === 'begin' ? 1 : -1;
      if (depth === 0) {
        end = begin + m.index;
        break;
      }
    }
    const result = doc.slice(doc.indexOf('w:fldCharType="separate"', begin), end);
    const shown = result.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const title of ['Purpose', ...TITLES, 'Annexes']) expect(shown).toContain(title);
  });

  it('gives each document a Word section of its own, on a new page, under its own header', () => {
    const doc = xml('word/document.xml');
    const sections = [...doc.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    // The cover, the contents and brief, three documents, the annexes.
    expect(sections).toHaveLength(6);
    const rels = xml('word/_rels/document.xml.rels');
    const headerOf = (sectPr: string) => {
      const id = /<w:headerReference [^>]*r:id="([^"]+)"/.exec(sectPr)?.[1];
      const target = id
        ? (new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1])
        : null;
      return target ? xml(`word/${target}`).replace(/<[^>]+>/g, '') : '';
    };
    TITLES.forEach((title, i) => {
      expect(headerOf(sections[2 + i])).toContain(title);
      expect(sections[2 + i]).toMatch(/<w:type w:val="nextPage"\/>/);
    });
    expect(headerOf(sections[1])).toContain('APEC Digital and AI Ministerial Meeting');
  });
});

describe('the HTML page in Chromium', () => {
  it('passes axe-core WCAG 2.1 A and AA', async () => {
    const axeContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: true });
    try {
      const axePage = await axeContext.newPage();
      await axePage.goto(url, { waitUntil: 'load' });
      await axePage.addScriptTag({ content: AXE });
      const violations = await axePage.evaluate(async () => {
        const result = await (window as any).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        });
        return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length}) ${JSON.stringify(v.nodes.slice(0, 3).map((n: any) => n.target))}`);
      });
      expect(violations).toEqual([]);
      await axePage.screenshot({ path: join(ARTIFACTS, 'book.png') });
    } finally {
      await axeContext.close();
    }
  });

  it('takes every link of the brief to its target', async () => {
    const hrefs = (await page.$$eval('#brief--text a[href^="#"]:not(.permalink)', (links: any[]) => links.map((a) => a.getAttribute('href')))) as string[];
    expect(hrefs.length).toBe(11);
    for (const href of hrefs) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click(`#brief--text a[href="${href}"]:not(.permalink)`);
      expect(await page.evaluate(() => location.hash)).toBe(href);
      const shown = await page.evaluate((id: string) => {
        const el = document.getElementById(id);
        if (!el) return 'missing';
        const r = el.getBoundingClientRect();
        const atEnd = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;
        return r.top >= -1 && r.top < window.innerHeight && (r.top <= 40 || atEnd) ? 'in view' : `at ${r.top}`;
      }, href.slice(1));
      expect(shown, href).toBe('in view');
    }
  });

  it('shows the merged glossary with each acronym once, and an instrument two documents cite under both', async () => {
    const acronyms = (await page.$$eval('#annex-glossary dfn', (d: any[]) => d.map((x) => x.textContent.trim()))) as string[];
    expect(acronyms.length).toBeGreaterThan(10);
    expect(new Set(acronyms).size).toBe(acronyms.length);
    const cells = (await page.evaluate(() => {
      const row = [...document.querySelectorAll('#annex-instruments tbody tr')].find(
        (tr: any) => tr.querySelector('th').textContent.trim() === 'APEC Internet and Digital Economy Roadmap',
      ) as any;
      return row ? [...row.querySelectorAll('td')].map((td: any) => td.querySelectorAll('a').length) : null;
    })) as number[] | null;
    expect(cells).not.toBeNull();
    expect(cells![0]).toBeGreaterThan(0);
    expect(cells![1]).toBeGreaterThan(0);
    expect(cells![2]).toBe(0);
  });
});

describe('bad packs, from the command line', () => {
  /** A project with the seed, a brief and the given project file; `briefpack build` in it. */
  function build(yaml: string, brief = '# Brief\n\nRead [¶ 1](seed#p1).\n'): { code: number; lines: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'bp-book-bad-'));
    mkdirSync(join(dir, 'source'));
    writeFileSync(join(dir, 'source', 'seed.md'), readFileSync(SEED));
    writeFileSync(join(dir, 'source', 'seed-copy.md'), readFileSync(SEED));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'seed.md'), readFileSync(SEED));
    writeFileSync(join(dir, 'brief.md'), brief);
    writeFileSync(join(dir, 'briefpack.yaml'), yaml);
    const r = runCli(['build', '--pack', 'p', '--format', 'html', '--level', 'error'], { cwd: dir, timeout: 300_000 });
    return { code: r.code, lines: r.stderr.split('\n').filter((l) => /^\S+:\d+:\d+ error /.test(l)) };
  }

  it('a broken link in the brief', () => {
    const r = build(
      'packs:\n  - id: p\n    title: P\n    brief: brief.md\n    documents: [source/seed.md]\n',
      '# Brief\n\nRead [¶ 1](seed#p1)\nand [¶ 99](seed#p99).\n',
    );
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(
      expect.stringMatching(/^brief\.md:4:5 error The link seed#p99 points at no paragraph, section or note of seed .*pack-link-broken$/),
    );
  });

  it('a missing document', () => {
    const r = build('packs:\n  - id: p\n    title: P\n    brief: brief.md\n    documents:\n      - source/seed.md\n      - source/gone.md\n');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^briefpack\.yaml:7:9 error Document source\/gone\.md of pack `p` does not exist\s+config-file$/)]);
  });

  it('a duplicate document id', () => {
    const r = build('packs:\n  - id: p\n    title: P\n    brief: brief.md\n    documents:\n      - source/seed.md\n      - other/seed.md\n');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^briefpack\.yaml:7:9 error Document id `seed` is already in pack `p` .*config-duplicate$/)]);
  });
});

/**
 * Compare packs read back by real clients: the Word file's tracked changes
 * through pandoc (accepting them gives exactly the new text's words,
 * rejecting them the old text's) and LibreOffice (it sees the tracked
 * changes; a page it renders is saved for review); the HTML page in
 * Chromium (axe-core: no WCAG 2.1 A/AA violation; the switch between the
 * changes and the clean new text works without script); the PDF (the
 * summary comes first). The real year-on-year pairs of test/pairs build a
 * compare pack through the command line, `briefpack verify` passes, and
 * their summary tables are printed (and saved under test-artifacts/compare/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { VFile } from 'vfile';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';
import { loadLabels } from '../../src/view/labels.js';
import type { ChangesPart } from '../../src/view/types.js';
import { comparePack, summaryText, type ComparedTexts, type CompareOutput } from '../../src/compare/index.js';
import { CORPUS, ROOT } from '../helpers/paths.js';
import { words } from '../helpers/words.js';

// Browser globals used inside page.evaluate callbacks (the project compiles without the DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: any): any;

const PAIRS = join(ROOT, 'test', 'pairs');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'compare');
const CHROMIUM = '/usr/bin/chromium';
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const EPOCH = 1754265600;

function compile(path: string, text = readFileSync(path, 'utf8')): Declaration {
  const result = compileSource(path, new TextEncoder().encode(text));
  if (!result.model) throw new Error(`${path} did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

/**
 * The APEC declaration edited five ways at once: a paragraph deleted, one
 * moved, a word changed, "We encourage" made "We urge", a paragraph added.
 */
function editedApec(): { old: Declaration; new: Declaration } {
  const path = join(CORPUS, 'apec-2023-golden-gate-declaration.md');
  const source = readFileSync(path, 'utf8');
  const model = compile(path, source);
  const blocks = model.sections.flatMap((s) => s.blocks);
  const slice = (id: string) => {
    const b = blocks.find((x) => x.id === id)!;
    return { start: b.position.start.offset, end: b.position.end.offset };
  };
  // Edits from the end of the text to its start, so the offsets before each one stay true.
  const edits: Array<{ at: number; remove: number; insert: string }> = [];
  const p14 = slice('p14');
  edits.push({ at: p14.start, remove: 0, insert: `${source.slice(slice('p4').start, slice('p4').end)}\n\n` });
  const encourage = source.indexOf('We encourage');
  edits.push({ at: encourage, remove: 'We encourage'.length, insert: 'We urge' });
  const p7 = slice('p7');
  const word = /\bimportant\b|\bsustainable\b|\bstrengthen\b/.exec(source.slice(p7.start, p7.end));
  if (word) edits.push({ at: p7.start + word.index, remove: word[0].length, insert: 'indispensable' });
  edits.push({
    at: slice('p6').start,
    remove: 0,
    insert: 'The working group on alpine rail freight will report on tunnel maintenance schedules and the noise standards of night trains.\n\n',
  });
  edits.push({ at: slice('p4').start, remove: slice('p5').start - slice('p4').start, insert: '' });
  edits.push({ at: slice('p2').start, remove: slice('p3').start - slice('p2').start, insert: '' });
  let text = source;
  for (const e of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
  return { old: model, new: compile(path, text) };
}

interface Pack {
  name: string;
  old: Declaration;
  new: Declaration;
  compared: ComparedTexts;
  files: Map<string, string>;
}

const work = mkdtempSync(join(tmpdir(), 'briefpack-compare-'));
const profile = mkdtempSync(join(tmpdir(), 'briefpack-lo-compare-'));
const packs = new Map<string, Pack>();

async function build(name: string, oldModel: Declaration, newModel: Declaration): Promise<Pack> {
  const { outputs, ...compared } = await comparePack(oldModel, newModel, {
    formats: ['html', 'pdf', 'docx', 'json'],
    view: { labels: loadLabels(newModel.meta.language), epoch: EPOCH, version: 'test', imageFolder: ROOT },
    render: { file: new VFile({ path: newModel.source.path }), templatesDir: null },
  });
  const files = new Map<string, string>();
  for (const o of outputs as CompareOutput[]) {
    const path = join(work, `${name}.${o.name.split('.').slice(-1)[0]}`);
    writeFileSync(path, o.data);
    files.set(o.name.split('.').slice(-1)[0], path);
  }
  const pack = { name, old: oldModel, new: newModel, compared, files };
  packs.set(name, pack);
  return pack;
}

/**
 * The index of the page where the text part starts: the page after the one
 * that holds the last table of the summary (the text starts a page), which
 * shows the text's heading.
 */
function firstTextPage(pages: string[], pack: Pack): number {
  const summary = pack.compared.view.parts[0] as ChangesPart;
  const lastTable = words(summary.tables[summary.tables.length - 1].heading).join(' ');
  const text = pack.compared.view.parts.find((p) => p.kind === 'text');
  const heading = text?.kind === 'text' ? words(text.headingText).join(' ') : '';
  const end = pages.findIndex((p) => words(p).join(' ').includes(lastTable));
  if (
    end < 0 ||
    !words(pages[end + 1] ?? '')
      .join(' ')
      .includes(heading)
  )
    return -1;
  return end + 1;
}

/** Words of a text's sections (titles and blocks), in reading order: what its text part says. */
function textWords(model: Declaration): string[] {
  return model.sections.flatMap((s) => [...(s.title ? words(s.title) : []), ...s.blocks.flatMap((b) => words(b.text))]);
}

/** The words pandoc reads in the text part of a compare DOCX (after its heading), list markers left out. */
function pandocTextWords(docx: string, mode: 'accept' | 'reject', heading: string): string[] {
  const plain = execFileSync('pandoc', ['-f', 'docx', `--track-changes=${mode}`, '-t', 'plain', '--wrap=none', docx], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = plain.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading.trim());
  expect(start, `the text part's heading "${heading}" is a line of pandoc's output`).toBeGreaterThan(0);
  return lines
    .slice(start + 1)
    .map((l) => l.replace(/^\s*(\d+[.)]|[-*•◦▪])\s+/, ''))
    .flatMap((l) => words(l));
}

const PAIR_NAMES = ['cri', 'quad', 'apec-edited'] as const;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await build('cri', compile(join(PAIRS, 'cri-2023-joint-statement.md')), compile(join(PAIRS, 'cri-2024-joint-statement.md')));
  await build('quad', compile(join(PAIRS, 'quad-2021-09-joint-statement.md')), compile(join(PAIRS, 'quad-2023-05-joint-statement.md')));
  const apec = editedApec();
  await build('apec-edited', apec.old, apec.new);
  for (const name of ['cri', 'quad']) {
    const summary = packs.get(name)!.compared.view.parts[0] as ChangesPart;
    writeFileSync(join(ARTIFACTS, `${name}.summary.md`), summaryText(summary));
  }
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

describe('the DOCX through pandoc: Accept gives the new text, Reject the old', () => {
  it.each(PAIR_NAMES)('%s', (name) => {
    const pack = packs.get(name)!;
    const heading = pack.compared.view.parts.find((p) => p.kind === 'text')!;
    const headingText = heading.kind === 'text' ? heading.headingText : '';
    expect(pandocTextWords(pack.files.get('docx')!, 'accept', headingText)).toEqual(textWords(pack.new));
    expect(pandocTextWords(pack.files.get('docx')!, 'reject', headingText)).toEqual(textWords(pack.old));
  });

  it('the edited APEC text holds every kind of mark: insertion, deletion and a move', () => {
    const xml = execFileSync('unzip', ['-p', packs.get('apec-edited')!.files.get('docx')!, 'word/document.xml'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const tag of ['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo', 'w:moveFromRangeStart', 'w:moveToRangeStart']) expect(xml).toContain(`<${tag} `);
    const statuses = packs.get('apec-edited')!.compared.comparison.paragraphs.map((p) => p.status);
    expect(statuses).toEqual(expect.arrayContaining(['removed', 'moved', 'changed', 'added']));
  });
});

describe('the DOCX in LibreOffice', () => {
  const rendered = new Map<string, string>();
  beforeAll(() => {
    const docx = PAIR_NAMES.map((n) => packs.get(n)!.files.get('docx')!);
    const out = join(work, 'lo');
    mkdirSync(out, { recursive: true });
    const soffice = (format: string) =>
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', out, ...docx], {
        stdio: 'pipe',
        timeout: 300_000,
      });
    soffice('fodt');
    soffice('pdf');
    for (const name of PAIR_NAMES) rendered.set(name, join(out, name));
  }, 600_000);

  it.each(PAIR_NAMES)('sees the tracked changes of %s', (name) => {
    const fodt = readFileSync(`${rendered.get(name)}.fodt`, 'utf8');
    expect(fodt).toContain('<text:tracked-changes');
    const regions = fodt.match(/<text:changed-region /g) ?? [];
    expect(regions.length).toBeGreaterThan(2);
    expect(fodt).toMatch(/<text:insertion>/);
    expect(fodt).toMatch(/<text:deletion>/);
    expect(fodt).toMatch(/<dc:creator>briefpack<\/dc:creator>/);
  });

  it('renders pages with the changes shown, saved for review', () => {
    for (const name of PAIR_NAMES) {
      const pdf = `${rendered.get(name)}.pdf`;
      expect(existsSync(pdf)).toBe(true);
      // The first page of the text part: the first page whose text holds the text's heading on a line of its own.
      const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
      const page = firstTextPage(pages, packs.get(name)!) + 1;
      expect(page).toBeGreaterThan(1);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        pdf,
        join(ARTIFACTS, `${name}.docx-libreoffice-text`),
      ]);
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, `${name}.docx-libreoffice-summary`)]);
      expect(existsSync(join(ARTIFACTS, `${name}.docx-libreoffice-text.png`))).toBe(true);
    }
  });
});

describe('the HTML page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(PAIR_NAMES)('%s: no axe-core violation (WCAG 2.1 A and AA), nothing loaded', async (name) => {
    const url = pathToFileURL(packs.get(name)!.files.get('html')!).href;
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (target === url || target.startsWith('data:')) return route.continue();
      requests.push(target);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: AXE });
    for (const mode of ['changes', 'clean']) {
      await page.click(`label[for="cmp-view-${mode}"]`);
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        });
        return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length}) ${JSON.stringify(v.nodes.slice(0, 3).map((n: any) => n.target))}`);
      });
      expect(violations, mode).toEqual([]);
    }
    expect(requests).toEqual([]);
    await context.close();
  });

  it.each(PAIR_NAMES)('%s: the switch shows the changes or the clean new text, without script', async (name) => {
    const pack = packs.get(name)!;
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(pack.files.get('html')!).href, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    // The page's words as shown, in the text part (paragraph numbers aside: Word and the model keep them out of the words too).
    await page.evaluate(() => {
      for (const num of document.querySelectorAll('.para > .num')) num.style.display = 'none';
    });
    const shown = () => page.locator('#text').innerText();
    const changes = words(await shown());
    await page.screenshot({ path: join(ARTIFACTS, `${name}.html-changes.png`), fullPage: false });
    await page.click('label[for="cmp-view-clean"]');
    const clean = words(await shown());
    await page.locator('#text').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `${name}.html-clean.png`), fullPage: false });
    const heading = pack.compared.view.parts.find((p) => p.kind === 'text');
    const headingWords = heading?.kind === 'text' ? words(heading.headingText) : [];
    expect(clean).toEqual([...headingWords, ...textWords(pack.new)]);
    expect(changes.length).toBeGreaterThan(clean.length);
    // Insertions are underlined, deletions struck through: not colour alone.
    await page.click('label[for="cmp-view-changes"]');
    const decorations = await page.evaluate(() => {
      const ins = document.querySelector('#text ins.chg');
      const del = document.querySelector('#text del.chg');
      return [ins && getComputedStyle(ins).textDecorationLine, del && getComputedStyle(del).textDecorationLine];
    });
    expect(decorations).toEqual(['underline', 'line-through']);
    await context.close();
  });
});

describe('the PDF', () => {
  it.each(PAIR_NAMES)('%s opens with the summary table', (name) => {
    const pack = packs.get(name)!;
    const pages = execFileSync('pdftotext', ['-layout', pack.files.get('pdf')!, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
    const labels = loadLabels('en') as unknown as Record<string, string>;
    const first = pages[0];
    expect(first).toContain(labels.changes);
    expect(first).toContain(`${labels.compareOld}:`);
    expect(first).toContain(labels.compareParagraphs);
    expect(first.indexOf(labels.compareParagraphs)).toBeGreaterThan(first.indexOf(labels.compareOld));
    // The text starts after the summary, on a page of its own.
    expect(firstTextPage(pages, pack)).toBeGreaterThan(0);
  });
});

describe('the command line on the real pairs', () => {
  it.each([
    ['cri', 'cri-2023-joint-statement.md', 'cri-2024-joint-statement.md'],
    ['quad', 'quad-2021-09-joint-statement.md', 'quad-2023-05-joint-statement.md'],
  ])('%s: briefpack compare writes the four files into the manifest, briefpack verify passes, the summary is printed', (name, older, newer) => {
    const out = join(work, `cli-${name}`);
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) },
        maxBuffer: 64 * 1024 * 1024,
      });
    const printed = cli('compare', join('test', 'pairs', older), join('test', 'pairs', newer), '--out', out, '--level', 'error');
    const id = newer.replace(/\.md$/, '');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Array<{ path: string; source: { path: string } }> };
    expect(manifest.artifacts.map((a) => a.path).sort()).toEqual(['docx', 'html', 'json', 'pdf'].map((ext) => `${id}/${id}.compare.${ext}`));
    expect(manifest.artifacts.every((a) => a.source.path === join('test', 'pairs', newer))).toBe(true);
    cli('verify', out);
    expect(printed).toContain('## Paragraphs');
    expect(printed).toContain('## Commitments');
    console.log(`\n${name}: briefpack compare ${older} ${newer}\n\n${printed}`);
    // The same bytes as the in-process pack (one view, decided once).
    const json = JSON.parse(readFileSync(join(out, id, `${id}.compare.json`), 'utf8')) as { counts: unknown };
    expect(json.counts).toEqual(packs.get(name)!.compared.comparison.counts);
  });
});

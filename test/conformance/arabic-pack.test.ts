/**
 * The Arabic pack (issue 19) in HTML and DOCX, judged by real clients: the
 * seed with its Arabic translation (translations/ar/) built by the CLI.
 * - HTML: `dir="rtl"` on the page, right-to-left in Chromium's computed
 *   style, axe-core WCAG 2.1 A/AA with no violation.
 * - DOCX: `w:bidi` in the paragraph defaults (every paragraph from the
 *   right; code and untranslated English paragraphs turn it off) and the
 *   Arabic language as the runs' complex-script default;
 *   LibreOffice opens it (converted to PDF), `pdftotext` of that PDF holds
 *   the Arabic words of the translation, and its first text page is saved
 *   as PNG for review (test-artifacts/arabic/).
 * (The PDF is judged in pdf-arabic.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser } from 'playwright-core';
import { ROOT, SEED } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: any): any;

const ID = basename(SEED, '.md');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'arabic');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'bp-arabic-'));
const out = join(work, 'out', ID);
let browser: Browser;

/** The Arabic words of the translation's msgstr lines (letters of the Arabic block, vowel marks dropped). */
function arabicWords(): string[] {
  const po = readFileSync(join(ROOT, 'translations', 'ar', `${ID}.po`), 'utf8');
  // msgstr and its continuation lines (a long string starts with msgstr "" and goes on line by line).
  const strings: string[] = [];
  let inMsgstr = false;
  for (const line of po.split('\n')) {
    if (line.startsWith('msgstr ')) inMsgstr = true;
    else if (!line.startsWith('"')) inMsgstr = false;
    if (inMsgstr) strings.push(line.replace(/^msgstr /, '').slice(1, -1));
  }
  return [
    ...new Set(
      strings
        .join(' ')
        .replace(/[\u064B-\u065F\u0670]/g, '')
        .match(/[\u0621-\u064A]{2,}/g) ?? [],
    ),
  ];
}

beforeAll(async () => {
  mkdirSync(join(work, 'source'), { recursive: true });
  cpSync(SEED, join(work, 'source', `${ID}.md`));
  cpSync(join(ROOT, 'translations', 'ar'), join(work, 'translations', 'ar'), { recursive: true });
  const built = runCli(['build', 'source', '--format', 'html,docx', '--lang', 'ar'], { cwd: work, timeout: 300_000 });
  expect(built.code, built.stderr).toBe(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
}, 360_000);

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the Arabic pack', () => {
  it('HTML: dir="rtl", right to left in Chromium, and no axe violation', async () => {
    const file = join(out, `${ID}.ar.html`);
    expect(readFileSync(file, 'utf8')).toMatch(/<html lang="ar" dir="rtl">/);
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      const direction = await page.evaluate(() => getComputedStyle(document.querySelector('main')).direction);
      expect(direction).toBe('rtl');
      await page.screenshot({ path: join(ARTIFACTS, 'arabic-html.png') });
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        });
        return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('DOCX: w:bidi paragraph defaults and Arabic runs; LibreOffice renders it with the Arabic words', () => {
    const docx = join(out, `${ID}.ar.docx`);
    const styles = strFromU8(unzipSync(readFileSync(docx))['word/styles.xml']);
    expect(styles).toMatch(/<w:pPrDefault><w:pPr><w:bidi\/>/);
    expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang [^>]*w:bidi="ar-SA"/);

    const pdfDir = join(work, 'lo');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', pdfDir, docx], {
      timeout: 240_000,
      stdio: 'pipe',
    });
    const pdf = join(
      pdfDir,
      readdirSync(pdfDir).find((f) => f.endsWith('.pdf'))!,
    );
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/[\u064B-\u065F\u0670]/g, '');
    const words = arabicWords();
    const found = words.filter((w) => text.includes(w));
    expect(words.length).toBeGreaterThan(100);
    // LibreOffice shapes with the system's DejaVu Sans, and poppler extracts its lam-alef ligature in
    // visual order ("األصلي" for "الأصلي"): 152 of 185 words came back whole when this was written,
    // and 19 of the 33 others hold lam-alef (the rest were not traced). Recorded, with a floor.
    console.log(`Arabic words found in LibreOffice's PDF: ${found.length} of ${words.length}`);
    expect(found.length / words.length).toBeGreaterThan(0.75);
    execFileSync('pdftoppm', ['-r', '60', '-f', '3', '-l', '3', '-png', pdf, join(ARTIFACTS, 'arabic-docx-libreoffice')]);
  }, 300_000);
});

/**
 * The HTML page in a real browser (Debian's chromium, driven by
 * playwright-core): no console error, no network request, no axe violation
 * (WCAG 2.1 A/AA), working contents links and permalinks, annexes on new
 * pages in print, and a screenshot of each page for visual review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SEED, CORPUS, FIXTURES, ROOT } from '../helpers/paths.js';
import { pageOf } from '../helpers/html-page.js';

// Browser globals used inside page.evaluate callbacks: the project compiles
// without the DOM lib, and a lib reference here would add it for every file.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const location: any;
declare function getComputedStyle(element: any): any;
type HTMLElement = any;
type HTMLAnchorElement = any;

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
const ARTIFACTS = join(ROOT, 'test-artifacts', 'html');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** [name for artifacts, source path] */
const sources: Array<readonly [string, string]> = [
  [basename(SEED, '.md'), SEED],
  ['xss', join(FIXTURES, 'xss', 'input.md')],
  ...readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => [basename(f, '.md'), join(CORPUS, f)] as const),
];

let browser: Browser;
const out = mkdtempSync(join(tmpdir(), 'briefpack-html-browser-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (never download a browser)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
});

interface Watch {
  requests: string[];
  blocked: string[];
  errors: string[];
  dialogs: string[];
}

/** A context that refuses and records every request that is not the page file or a data: URI. */
async function openPage(url: string, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: options.bypassCSP ?? false, javaScriptEnabled: true });
  const watch: Watch = { requests: [], blocked: [], errors: [], dialogs: [] };
  await context.route('**/*', async (route) => {
    const target = route.request().url();
    if (target === url.replace(/#.*$/, '') || target.startsWith('data:')) return route.continue();
    watch.blocked.push(target);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(String(e)));
  page.on('dialog', async (d) => {
    watch.dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, watch };
}

async function inView(page: Page, id: string): Promise<boolean> {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const atEnd = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;
    // Scrolled to the top of the viewport (scroll-margin aside), or as far as the page goes.
    return r.top >= -1 && r.top < window.innerHeight && (r.top <= 40 || atEnd);
  }, id);
}

describe.each(sources)('%s', (name, source) => {
  let url: string;
  let page: Page;
  let context: BrowserContext;
  let watch: Watch;

  beforeAll(async () => {
    const { html } = await pageOf(source);
    const path = join(out, `${name}.html`);
    writeFileSync(path, html);
    url = pathToFileURL(path).href;
    ({ page, context, watch } = await openPage(url));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('loads with no console error, no network request and nothing run', async () => {
    expect(watch.errors).toEqual([]);
    expect(watch.blocked).toEqual([]);
    expect(watch.requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  });

  it('saves screenshots for review', async () => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    const first = await page.evaluate(() => document.querySelector('.para')?.id ?? null);
    if (first) {
      await page.locator(`#${first}`).scrollIntoViewIfNeeded();
      await page.hover(`#${first}`);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-text.png`) });
    }
    await page.evaluate(() => document.getElementById('annex-commitments')!.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS, `${name}-annexes.png`) });
    expect(existsSync(join(ARTIFACTS, `${name}.png`))).toBe(true);
  });

  it('scrolls to every contents target', async () => {
    const hrefs = await page.$$eval('nav a', (links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const href of hrefs) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click(`nav a[href="${href}"]`);
      expect(await page.evaluate(() => location.hash)).toBe(href);
      expect(await inView(page, href.slice(1)), href).toBe(true);
    }
  });

  it('shows paragraph permalinks on hover and focus, and they scroll to their paragraph', async () => {
    const ids = await page.$$eval('.para', (paras) => paras.map((p) => p.id));
    if (!ids.length) return;
    const sample = [...new Set([ids[0], ids[Math.floor(ids.length / 2)], ids[ids.length - 1]])];
    for (const id of sample) {
      const link = page.locator(`#${id} > .permalink`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(1, 1);
      expect(await link.evaluate((a) => getComputedStyle(a).opacity)).toBe('0');
      // Reach it from the keyboard (Shift+Tab, Tab), so the browser shows the focus ring as it would to a keyboard user.
      await link.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      expect(await link.evaluate((a) => a === document.activeElement && a.matches(':focus-visible'))).toBe(true);
      expect(await link.evaluate((a) => getComputedStyle(a).opacity)).toBe('1');
      expect(await link.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.evaluate((id) => {
        // Put the paragraph near the bottom, so following its permalink has to scroll.
        const el = document.getElementById(id)!;
        window.scrollTo(0, Math.max(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight + 60));
      }, id);
      await page.hover(`#${id}`);
      expect(await link.evaluate((a) => getComputedStyle(a).opacity)).toBe('1');
      await link.click();
      expect(await page.evaluate(() => location.hash)).toBe(`#${id}`);
      expect(await inView(page, id), id).toBe(true);
    }
  });

  it('has a skip link that appears on focus and leads to the text', async () => {
    await page.goto(url, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement as HTMLAnchorElement;
      return { cls: a.className, href: a.getAttribute('href'), top: a.getBoundingClientRect().top };
    });
    expect(skip.cls).toBe('skip-link');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await inView(page, skip.href!.slice(1))).toBe(true);
  });

  it('puts each annex on a new page in print, hides navigation, keeps numbers', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const print = await page.evaluate(() => ({
        annexes: [...document.querySelectorAll('.annex')].map((a) => [a.id, getComputedStyle(a).breakBefore]),
        nav: getComputedStyle(document.querySelector('nav')!).display,
        permalinks: [...document.querySelectorAll('.permalink')].every((a) => getComputedStyle(a).display === 'none'),
        numbers: [...document.querySelectorAll('.para > .num')].every((n) => getComputedStyle(n).display !== 'none' && n.getBoundingClientRect().width > 0),
      }));
      expect(print.annexes).toEqual([
        ['annex-commitments', 'page'],
        ['annex-glossary', 'page'],
        ['annex-instruments', 'page'],
      ]);
      expect(print.nav).toBe('none');
      expect(print.permalinks).toBe(true);
      expect(print.numbers).toBe(true);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('passes axe-core WCAG 2.1 A and AA', async () => {
    // CSP forbids every script, axe's included: this one context bypasses it.
    const axe = await openPage(url, { bypassCSP: true });
    try {
      await axe.page.addScriptTag({ content: AXE });
      const violations = await axe.page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> };
          }
        ).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        });
        return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
      });
      expect(violations).toEqual([]);
      expect(axe.watch.blocked).toEqual([]);
    } finally {
      await axe.context.close();
    }
  });
});

/**
 * Issue 7, acceptance 5: `briefpack serve` in a real browser (Debian's
 * chromium via playwright-core). The page is served with a reload script;
 * editing the source rebuilds it and the open page reloads with the new text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLI } from '../helpers/paths.js';
import { projectCopy } from '../helpers/out-tree.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

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
const SEED = 'apec-2025-digital-ai-ministerial';

let dir: string;
let server: ChildProcess;
let stderr = '';
let url: string;
let browser: Browser;

/** Resolves with the URL of the `serving <out> at <url>` line, printed after the first build. */
function startServe(): Promise<string> {
  return new Promise((resolve, reject) => {
    server = spawn(process.execPath, [CLI, 'serve', 'source', '--port', '0', '--format', 'html,json', '--jobs', '1'], {
      cwd: dir,
      env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server.stderr!.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      const m = /^serving out at (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(stderr);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`briefpack serve exited with ${code}:\n${stderr}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (never download a browser)`);
  dir = projectCopy('bp-serve-');
  url = await startServe();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode == null) server.kill('SIGTERM');
});

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // The reload script's event stream answers at once; once it has, an edit can be seen.
  const connected = page.waitForResponse((r) => r.url().endsWith('/__briefpack/events'));
  await page.goto(new URL(path, url).href);
  await connected;
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

describe('briefpack serve', () => {
  it('serves the built page with the reload script, an index at /, and nothing outside out/', async () => {
    const page = await openPage(`${SEED}/${SEED}.html`);
    expect(await page.locator('script[src="/__briefpack/reload.js"]').count()).toBe(1);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
    // The file on disk keeps its strict CSP and has no script.
    expect(readFileSync(join(dir, 'out', SEED, `${SEED}.html`), 'utf8')).not.toContain('<script');
    const index = await browser.newPage();
    await index.goto(url);
    expect(await index.locator(`a[href="/${SEED}/${SEED}.html"]`).count()).toBe(1);
    await index.close();
    expect((await fetch(new URL('/..%2f..%2fpackage.json', url))).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(new URL('/%zz', url))).status).toBe(404);
  });

  it('reloads the open page with the new text after the source is edited', async () => {
    const page = await openPage(`${SEED}/${SEED}.html`);
    await page.evaluate(() => {
      window.__beforeEdit = true;
    });
    const marker = 'Ministers welcomed the live reload of briefing packs';
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(marker);

    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    const sourcePath = join(dir, 'source', `${SEED}.md`);
    writeFileSync(sourcePath, readFileSync(sourcePath, 'utf8').trimEnd() + `\n\n${marker}.\n`);
    await reloaded;

    // A new document (the flag set before the edit is gone) showing the edit.
    await page.waitForFunction((text: string) => document.body && document.body.innerText.includes(text), marker, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__beforeEdit ?? false)).toBe(false);
    expect(stderr).toMatch(new RegExp(`^built source/${SEED}\\.md `, 'm'));
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  }, 180_000);
});

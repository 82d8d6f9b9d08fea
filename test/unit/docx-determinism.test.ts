/**
 * The same source gives the same DOCX bytes: twice in one process (docx's
 * id counters and random relationship ids must not leak through), and in a
 * child process under another time zone (zip dates must not follow TZ) —
 * images included (media names, drawing ids, the SVG's PNG fallback).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxOf, tinyPng } from '../helpers/docx.js';
import { FIXTURES, ROOT, SEED } from '../helpers/paths.js';
import { zipDate } from '../../src/render/docx/repack.js';

const FEATURES = join(FIXTURES, 'docx-features', 'input.md');
const work = mkdtempSync(join(tmpdir(), 'briefpack-docx-determinism-'));
const IMAGES = join(work, 'images.md');

beforeAll(() => {
  writeFileSync(join(work, 'chart.png'), tinyPng(300, 120));
  writeFileSync(
    join(work, 'diagram.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#1f3864"/><text x="20" y="60" font-size="30" fill="#fff">Pledges</text></svg>',
  );
  writeFileSync(
    IMAGES,
    '---\ntitle: "Images"\nmarking: "RESTRICTED"\n---\n\n# Images\n\n1. A chart ![Chart](chart.png) and a diagram ![Diagram](diagram.svg).[^n]\n\n[^n]: A note with the chart ![Chart](chart.png).\n',
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function renderIn(tz: string, path: string): Uint8Array {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'render-docx-cli.ts'), path], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Uint8Array(out);
}

/** DOS date and time of every local file header of a zip. */
function zipStamps(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: string[] = [];
  for (let i = 0; i + 30 <= zip.length;) {
    if (view.getUint32(i, true) !== 0x04034b50) break;
    const time = view.getUint16(i + 10, true);
    const date = view.getUint16(i + 12, true);
    out.push(`${(date >> 9) + 1980}-${(date >> 5) & 15}-${date & 31} ${time >> 11}:${(time >> 5) & 63}`);
    const size = view.getUint32(i + 18, true);
    i += 30 + view.getUint16(i + 26, true) + view.getUint16(i + 28, true) + size;
  }
  return out;
}

describe('docx determinism', () => {
  it('renders byte-identical files twice in one process', async () => {
    for (const path of [SEED, FEATURES, IMAGES]) {
      const a = (await docxOf(path)).bytes;
      const b = (await docxOf(path)).bytes;
      expect(Buffer.from(a).equals(Buffer.from(b)), path).toBe(true);
    }
  });

  it('renders byte-identical files under TZ=Asia/Seoul in another process', async () => {
    // Should this process already run at UTC+9, the comparison is made with UTC instead.
    const other = new Date(2025, 0, 1).getTimezoneOffset() === -540 ? 'UTC' : 'Asia/Seoul';
    for (const path of [SEED, FEATURES, IMAGES]) {
      const here = (await docxOf(path)).bytes;
      const there = renderIn(other, path);
      expect(there.length).toBe(here.length);
      expect(Buffer.from(there).equals(Buffer.from(here)), path).toBe(true);
    }
  });

  it('dates every zip entry at noon of the epoch day, whatever the time zone', async () => {
    const stamps = zipStamps((await docxOf(SEED)).bytes);
    expect(stamps.length).toBeGreaterThan(10);
    expect(new Set(stamps)).toEqual(new Set(['2025-8-4 12:0']));
    const d = zipDate(1754265600);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2025, 7, 4, 12]);
    expect(zipDate(0).getFullYear()).toBe(1980);
  });
});

/**
 * Atomic outputs: build the seed and the shared corpus, SIGKILL the build at
 * 50 moments spread over its duration by a seeded PRNG (every fourth kill
 * instead the moment a temporary file appears, to land inside a write;
 * builds that end before their moment do not count), and check after each
 * kill that out/ holds only complete files from before or after:
 * - every file is byte-for-byte one a complete build writes (builds are
 *   deterministic; the seed alternates between two versions, so a file may
 *   be from either), and passes its format's own check (PDF ends with
 *   %%EOF and qpdf accepts it, DOCX is a readable zip, JSON parses, HTML
 *   ends with </html>, XLIFF and PO are whole);
 * - temporary files (`.briefpack-tmp-*`) may be left, and the next complete
 *   build removes them; `briefpack verify` then passes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { filesUnder } from '../helpers/bad-inputs.js';
import { privateDist, type PrivateDist } from '../helpers/private-dist.js';

const KILLS = Number(process.env.KILLS ?? 50);
const SEED_VALUE = Number(process.env.KILL_SEED ?? 20251127);
const TEMP = '.briefpack-tmp-';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with KILL_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Manifest {
  artifacts: Array<{ path: string; sha256: string; bytes: number }>;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Why a file is not a complete file of its type, or null. */
function incomplete(path: string, data: Buffer): string | null {
  const text = () => data.toString('utf8');
  if (data.length === 0) return 'empty';
  if (path.endsWith('.pdf')) {
    if (!data.subarray(0, 5).equals(Buffer.from('%PDF-'))) return 'no %PDF- header';
    if (!/%%EOF\s*$/.test(data.subarray(-64).toString('latin1'))) return 'does not end with %%EOF';
    return null;
  }
  if (path.endsWith('.docx')) {
    try {
      const parts = unzipSync(new Uint8Array(data));
      if (!parts['[Content_Types].xml'] || !parts['word/document.xml']) return 'zip without [Content_Types].xml or word/document.xml';
      if (!strFromU8(parts['word/document.xml']).trimEnd().endsWith('</w:document>')) return 'word/document.xml is cut';
    } catch (error) {
      return `zip central directory unreadable: ${(error as Error).message}`;
    }
    return null;
  }
  if (path.endsWith('.json')) {
    try {
      JSON.parse(text());
    } catch (error) {
      return `JSON does not parse: ${(error as Error).message}`;
    }
    return null;
  }
  if (path.endsWith('.html')) return /<\/html>\s*$/.test(text()) ? null : 'does not end with </html>';
  if (path.endsWith('.xlf')) return /<\/xliff>\s*$/.test(text()) ? null : 'does not end with </xliff>';
  if (path.endsWith('.pot') || path.endsWith('.po')) return /^msgid ""$/m.test(text()) && text().endsWith('\n') ? null : 'no PO header or cut short';
  return null;
}

function runBuild(cli: string, work: string, args: string[]): { code: number | null; stderr: string; ms: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, 'build', ...args], { cwd: work, encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, stderr: r.stderr, ms: performance.now() - started };
}

describe('atomic outputs under SIGKILL', () => {
  let dist: PrivateDist;
  let work: string;
  const seedA = readFileSync(SEED, 'utf8');
  // Version B of the seed: one more paragraph, so its outputs differ from A's.
  const seedB = `${seedA.trimEnd()}\n\n15. We note that this paragraph exists only in the second version of the text, to tell the two builds apart.\n`;
  const sources = () => [
    'src',
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => join(CORPUS, f)),
  ];
  const common = ['--out', 'out', '--translations', join(ROOT, 'translations'), '--jobs', '2', '--quiet'];
  const known = new Map<string, Set<string>>();
  const manifests = new Set<string>();
  let duration = 0;
  let durationCached = 0;

  const useSeed = (text: string) => writeFileSync(join(work, 'src', 'apec-2025-digital-ai-ministerial.md'), text);

  beforeAll(() => {
    dist = privateDist();
    work = mkdtempSync(join(tmpdir(), 'briefpack-kill-'));
    mkdirSync(join(work, 'src'));
    // Reference builds of both versions, each into its own folder.
    for (const [name, text] of [
      ['ref-b', seedB],
      ['ref-a', seedA],
    ] as const) {
      useSeed(text);
      const r = runBuild(dist.cli, work, [...sources(), ...common.map((a) => (a === 'out' ? name : a)), '--no-cache']);
      expect(r.code, r.stderr).toBe(0);
      duration = Math.max(duration, r.ms);
      const manifestText = readFileSync(join(work, name, 'manifest.json'), 'utf8');
      manifests.add(manifestText);
      for (const a of (JSON.parse(manifestText) as Manifest).artifacts) {
        if (!known.has(a.path)) known.set(a.path, new Set());
        known.get(a.path)!.add(a.sha256);
      }
    }
    // out/ starts as a complete build of version A; a cached build (only the seed changed) is timed both ways.
    const r = runBuild(dist.cli, work, [...sources(), ...common]);
    expect(r.code, r.stderr).toBe(0);
    for (const text of [seedB, seedA]) {
      useSeed(text);
      const c = runBuild(dist.cli, work, [...sources(), ...common]);
      expect(c.code, c.stderr).toBe(0);
      durationCached = Math.max(durationCached, c.ms);
    }
  }, 1_800_000);

  afterAll(() => {
    dist?.remove();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(`survives ${KILLS} kills at random moments`, async () => {
    const random = prng(SEED_VALUE);
    let landed = 0;
    let midWrite = 0;
    let finished = 0;
    let attempts = 0;
    const delays: number[] = [];
    // Until KILLS kills have landed in a running build (a build may finish before its moment comes).
    while (landed < KILLS && attempts < KILLS * 4) {
      const i = attempts++;
      useSeed(i % 2 === 0 ? seedB : seedA);
      const cached = i % 3 === 0;
      // Most kills at a moment drawn across the whole build, from process start-up to the last
      // writes; every fourth the moment a temporary file appears, to land inside a write.
      const onTemp = i % 4 === 3;
      const delay = Math.round((0.02 + 0.93 * random()) * (cached ? durationCached : duration));
      const args = [dist.cli, 'build', ...sources(), ...common, ...(cached ? [] : ['--no-cache'])];
      const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        const child = spawn(process.execPath, args, { cwd: work, stdio: 'ignore' });
        const watchers: FSWatcher[] = [];
        const kill = () => child.kill('SIGKILL');
        const timer = onTemp ? setTimeout(kill, (cached ? durationCached : duration) * 2) : setTimeout(kill, delay);
        if (onTemp) {
          for (const dir of [
            join(work, 'out'),
            ...readdirSync(join(work, 'out'), { withFileTypes: true })
              .filter((d) => d.isDirectory())
              .map((d) => join(work, 'out', d.name)),
          ]) {
            watchers.push(
              watch(dir, (_, name) => {
                if (name && String(name).includes(TEMP)) kill();
              }),
            );
          }
        }
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          for (const w of watchers) w.close();
          resolve({ code, signal });
        });
      });
      if (outcome.signal !== 'SIGKILL') {
        expect(outcome.code, `build ${i} ended on its own`).toBe(0);
        finished++;
        continue;
      }
      landed++;
      if (!onTemp) delays.push(delay);

      // Only complete files from before or after.
      const problems: string[] = [];
      const files = filesUnder(join(work, 'out'));
      // The cache holds entries and, under nlp/, the tag cache: every file of it, at any depth.
      const cache = filesUnder(join(work, 'out', '.cache')).map((f) => `.cache/${f}`);
      if ([...files, ...cache].some((f) => f.includes(TEMP))) midWrite++;
      for (const f of files) {
        if (f.split('/').pop()!.startsWith(TEMP)) continue;
        const data = readFileSync(join(work, 'out', f));
        const why = incomplete(f, data);
        if (why) problems.push(`${f}: ${why}`);
        if (f === 'manifest.json') {
          if (!manifests.has(data.toString('utf8'))) problems.push("manifest.json is neither version's manifest");
        } else if (!known.get(f)?.has(sha256(data))) problems.push(`${f}: not a file any complete build writes`);
      }
      for (const f of cache.filter((c) => !c.includes(TEMP))) {
        const why = incomplete(f, readFileSync(join(work, 'out', f)));
        if (why) problems.push(`${f}: ${why}`);
      }
      expect(problems, `kill ${landed} (build ${i}) ${onTemp ? 'on a temporary file' : `after ${delay} ms`}`).toEqual([]);
    }
    const survived = landed;

    // The next complete build removes what the kills left and verifies.
    useSeed(seedA);
    const final = runBuild(dist.cli, work, [...sources(), ...common]);
    expect(final.code, final.stderr).toBe(0);
    const left = [...filesUnder(join(work, 'out')), ...filesUnder(join(work, 'out', '.cache'))].filter((f) => f.includes(TEMP));
    expect(left).toEqual([]);
    const verify = spawnSync(process.execPath, [dist.cli, 'verify', 'out'], { cwd: work, encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    expect(manifests.has(readFileSync(join(work, 'out', 'manifest.json'), 'utf8'))).toBe(true);
    // qpdf agrees that every PDF is whole.
    for (const f of filesUnder(join(work, 'out')).filter((p) => p.endsWith('.pdf'))) {
      const q = spawnSync('qpdf', ['--check', join(work, 'out', f)], { encoding: 'utf8' });
      expect(q.status, `${f}: ${q.stdout}${q.stderr}`).toBe(0);
    }

    const sorted = [...delays].sort((a, b) => a - b);
    console.log(
      `kill test: ${survived} of ${KILLS} kills survived, every one landed in a running build (${attempts} builds started, ${finished} finished before their moment); ` +
        `${midWrite} kills left temporary files, which the next build removed; full build ${Math.round(duration)} ms (cached ${Math.round(durationCached)} ms), ` +
        `timed kills at ${sorted[0]}–${sorted[sorted.length - 1]} ms (seed ${SEED_VALUE})`,
    );
    expect(survived).toBe(KILLS);
  }, 3_600_000);
});

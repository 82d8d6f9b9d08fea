/**
 * npx tsx bench/edges.ts — issue 18's memory targets, each a whole build of
 * the CLI under GNU time (peak RSS, wall and CPU time), with the default
 * caps (no NODE_OPTIONS, no BRIEFPACK_WORKER_HEAP_MB):
 *
 * - a 2 MB paragraph on one line (a text pasted without line breaks):
 *   refused up front with `input-too-large` (target: ≤ 30 s, ≤ 1.5 GB, never a crash);
 * - a 5 MB text, full pack (target: ≤ 1.5 GB peak);
 * - 100,000 paragraphs, full pack, PDF and DOCX included (target: builds
 *   within the default caps).
 *
 * Prints the figures; with BENCH_JSON=<file>, writes them there too (npm run
 * bench puts them in its table). A benchmark, not a test: it asserts nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnce, type Run } from './measure.js';
import { generateDeclaration } from '../test/helpers/generate.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'bp-bench-edges-'));
const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', SOURCE_DATE_EPOCH: '1754265600' };
delete env.NODE_OPTIONS;
delete env.BRIEFPACK_WORKER_HEAP_MB;
const noTranslations = join(work, 'no-translations');
mkdirSync(noTranslations);
const only = process.env.BENCH_EDGES?.split(',');
const results: Record<string, Run & { note: string; files: string[] }> = {};

function measure(name: string, source: string, target: string): void {
  if (only && !only.includes(name)) return;
  const out = join(work, `${name}-out`);
  const run = runOnce(process.execPath, [CLI, 'build', source, '--out', out, '--no-cache', '--quiet', '--jobs', '1', '--translations', noTranslations], {
    env,
  });
  let files: string[] = [];
  try {
    files = readdirSync(join(out, name)).sort();
  } catch {
    // Nothing written (a refused source).
  }
  const gb = (run.rssMb ?? NaN) / 1024;
  results[name] = {
    ...run,
    files,
    note: `exit ${run.code}, ${files.length} files, peak ${gb.toFixed(2)} GB, CPU ${((run.cpuMs ?? NaN) / 1000).toFixed(1)} s; ${target}`,
  };
  console.log(`${name}: ${(run.ms / 1000).toFixed(1)} s wall, ${results[name].note}`);
  rmSync(out, { recursive: true, force: true });
}

const words = ['we', 'commit', 'to', 'strengthen', 'cooperation', 'on', 'trade', 'and', 'the', 'digital', 'economy'];
let line = '';
for (let i = 0; line.length < 2 * 1024 * 1024; i++) line += `${words[(i * 7) % words.length]} `;
writeFileSync(join(work, 'giant.md'), `# Pasted without line breaks\n\n${line}\n`);
measure('giant', join(work, 'giant.md'), 'target: refused (input-too-large) in ≤ 30 s and ≤ 1.5 GB');

writeFileSync(join(work, 'five.md'), generateDeclaration({ bytes: 5 * 1024 * 1024, seed: 5 }));
measure('five', join(work, 'five.md'), 'target ≤ 1.5 GB');

// Unnumbered, in 100 parts of 1,000 (paragraph numbers stop at 99,999).
const paragraphs = ['---', 'title: One Hundred Thousand Paragraphs', '---', ''];
for (let part = 1; part <= 100; part++) {
  paragraphs.push(`## Part ${part}`, '');
  for (let i = 1; i <= 1000; i++) paragraphs.push(`We welcome progress on item ${(part - 1) * 1000 + i} of the work programme.`, '');
}
writeFileSync(join(work, 'paragraphs.md'), paragraphs.join('\n'));
measure('paragraphs', join(work, 'paragraphs.md'), 'target: builds within the default caps');

if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2) + '\n');
rmSync(work, { recursive: true, force: true });

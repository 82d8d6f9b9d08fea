/**
 * npx tsx bench/compare.ts — the speed of `briefpack compare` on two ~130 KB
 * communiqués: the G7 Hiroshima Leaders' Communiqué (test/corpus) against a
 * copy edited the ways the compare tests edit texts (paragraphs deleted,
 * inserted, moved and split, words changed, "We encourage" made "We urge").
 *
 * Prints, for the full compare pack (alignment, clauses, the compare view,
 * then HTML, PDF, DOCX and JSON), the median wall time of several warm runs
 * in one process, with the CPU time beside it (on a loaded machine the wall
 * time grows, the CPU time much less), and the share of each step. Compiling
 * the two sources (parse, model, analysis) is shown apart: `briefpack build`
 * has the models already when a source names its `previous:` text.
 * A benchmark, not a test: it asserts nothing. BENCH_RUNS=n changes the
 * number of runs (default 5). The budget is 2 s for the pack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { VFile } from 'vfile';
import { compileSource } from '../src/pipeline/compile.js';
import type { Declaration } from '../src/model/schema.js';
import { loadLabels } from '../src/view/labels.js';
import { align, buildCompareView, compareClauses, comparePack, comparisonOf, type CompareFormat } from '../src/compare/index.js';
import { renderHtml } from '../src/render/html/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { renderDocx } from '../src/render/docx/index.js';

const ROOT = join(import.meta.dirname, '..');
const PATH = join(ROOT, 'test', 'corpus', 'g7-2023-hiroshima-leaders-communique.md');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_MS = 2000;

/** The communiqué edited: every tenth paragraph deleted, one moved, one inserted, one split, words changed, "We encourage" made "We urge". */
function edited(source: string, model: Declaration): string {
  const blocks = model.sections.flatMap((s) => s.blocks);
  type Edit = { at: number; remove: number; insert: string };
  const edits: Edit[] = [];
  const span = (i: number) => ({ start: blocks[i].position.start.offset, end: blocks[i].position.end.offset });
  // Deleted: every tenth paragraph from the fifth.
  for (let i = 5; i < blocks.length - 2; i += 10) edits.push({ at: span(i).start, remove: span(i + 1).start - span(i).start, insert: '' });
  // Moved: the third paragraph, to just before the last but two.
  const moved = span(3);
  edits.push({ at: moved.start, remove: span(4).start - moved.start, insert: '' });
  edits.push({ at: span(blocks.length - 3).start, remove: 0, insert: `${source.slice(moved.start, moved.end)}\n\n` });
  // Inserted.
  edits.push({
    at: span(12).start,
    remove: 0,
    insert: 'The working group on alpine rail freight will report on tunnel maintenance schedules and the noise standards of night trains.\n\n',
  });
  // Words changed, in every seventh paragraph.
  for (let i = 8; i < blocks.length; i += 7) {
    if (i % 10 === 5 || i === 3) continue;
    const { start, end } = span(i);
    const m = /\b(important|sustainable|strengthen|support|continue|global)\b/.exec(source.slice(start, end));
    if (m) edits.push({ at: start + m.index, remove: m[0].length, insert: 'indispensable' });
  }
  // "We encourage" -> "We urge" (each occurrence outside the deleted paragraphs).
  for (const m of source.matchAll(/We encourage\b/g)) {
    if (!edits.some((e) => e.remove > 0 && m.index! >= e.at && m.index! < e.at + e.remove))
      edits.push({ at: m.index!, remove: 'We encourage'.length, insert: 'We urge' });
  }
  edits.sort((a, b) => b.at - a.at || b.remove - a.remove);
  let text = source;
  let last = Infinity;
  for (const e of edits) {
    if (e.at + e.remove > last) continue; // overlapping edits: keep the later one
    text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
    last = e.at;
  }
  return text;
}

function compile(path: string, text: string): Declaration {
  const result = compileSource(path, new TextEncoder().encode(text));
  if (!result.model) throw new Error(`${path} did not compile`);
  return result.model;
}

interface Sample {
  wall: number;
  cpu: number;
}

async function measure<T>(fn: () => Promise<T> | T): Promise<Sample & { value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;

const source = readFileSync(PATH, 'utf8');
const compiledOld = await measure(() => compile(PATH, source));
const newText = edited(source, compiledOld.value);
const compiledNew = await measure(() => compile(PATH, newText));
const oldModel = compiledOld.value;
const newModel = compiledNew.value;
const view = { labels: loadLabels('en'), epoch: 1754265600, version: 'bench', imageFolder: join(ROOT, 'test', 'corpus') };
const render = () => ({ file: new VFile({ path: PATH }), templatesDir: null });
const formats: CompareFormat[] = ['html', 'pdf', 'docx', 'json'];

// Warm up (fonts read, templates compiled, modules loaded), then the runs.
await comparePack(oldModel, newModel, { formats, view, render: render() });
const packs: Sample[] = [];
const steps: Record<string, number[]> = { align: [], clauses: [], view: [], html: [], pdf: [], docx: [] };
for (let i = 0; i < RUNS; i++) {
  const pack = await measure(() => comparePack(oldModel, newModel, { formats, view, render: render() }));
  packs.push(pack);
  // The same work step by step, for the shares.
  const a = await measure(() => align(oldModel, newModel));
  const c = await measure(() => compareClauses(a.value));
  const v = await measure(() => buildCompareView(a.value, comparisonOf(a.value, c.value), c.value, view));
  const h = await measure(() => renderHtml(v.value, render()));
  const p = await measure(() => renderPdf(v.value, render()));
  const d = await measure(() => renderDocx(v.value, render()));
  steps.align.push(a.cpu);
  steps.clauses.push(c.cpu);
  steps.view.push(v.cpu);
  steps.html.push(h.cpu);
  steps.pdf.push(p.cpu);
  steps.docx.push(d.cpu);
}

const last = await comparePack(oldModel, newModel, { formats, view, render: render() });
const counts = last.comparison.counts;
const wall = median(packs.map((p) => p.wall));
const cpu = median(packs.map((p) => p.cpu));
console.log(`briefpack compare: ${oldModel.id} (${(source.length / 1024).toFixed(0)} KB) against an edited copy (${(newText.length / 1024).toFixed(0)} KB)`);
console.log(`  paragraphs ${JSON.stringify(counts.paragraphs)}`);
console.log(`  clauses    ${JSON.stringify(counts.clauses)}`);
console.log(`  machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}, Node ${process.version}`);
console.log('');
console.log(`  compile both sources (once):      ${ms(compiledOld.wall + compiledNew.wall)} wall, ${ms(compiledOld.cpu + compiledNew.cpu)} CPU`);
console.log(`  full compare pack (4 formats):    ${ms(wall)} wall, ${ms(cpu)} CPU  (median of ${RUNS}; budget ${ms(BUDGET_MS)})`);
console.log(
  `  steps, CPU (median): ${Object.entries(steps)
    .map(([k, v]) => `${k} ${ms(median(v))}`)
    .join(', ')}`,
);
console.log('');
console.log(`compare pack: ${Math.round(wall)} ms wall, ${Math.round(cpu)} ms CPU — ${cpu <= BUDGET_MS ? 'within' : 'over'} the ${BUDGET_MS} ms budget (CPU)`);
if (process.env.BENCH_JSON) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.BENCH_JSON, JSON.stringify({ wallMs: Math.round(wall), cpuMs: Math.round(cpu), runs: RUNS, counts }, null, 2) + '\n');
}

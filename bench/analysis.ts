/**
 * In-process time of the analysis stage alone (glossary, instruments,
 * clauses) on the 127 KB G7 Hiroshima communiqué: the source is parsed
 * and modelled once, then `analyze(draft)` runs several times; the median
 * of the warm runs is printed (the first, cold run, which loads the NLP
 * model, is printed apart). Run: `npx tsx bench/analysis.ts [file.md]`.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { VFile } from 'vfile';
import { parseMarkdown } from '../src/parse/parse-markdown.js';
import { toDeclaration } from '../src/model/to-declaration.js';
import { analyze } from '../src/analyze/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = process.argv[2] ?? join(ROOT, 'test', 'corpus', 'g7-2023-hiroshima-leaders-communique.md');
const RUNS = Number(process.env.RUNS ?? 9);

const text = readFileSync(path, 'utf8');
const draft = toDeclaration(parseMarkdown(text), new VFile({ path }), text, 'bench', '0'.repeat(64));

const cold = performance.now();
let model = analyze(draft);
const coldMs = performance.now() - cold;
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const usage = process.cpuUsage();
  model = analyze(draft);
  const used = process.cpuUsage(usage);
  times.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Wall time is what the target is about; CPU time of this thread is printed too, as it suffers less when other processes share the cores.
console.log(
  `analysis of ${path.split('/').pop()} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB): median ${median(times).toFixed(1)} ms over ${RUNS} warm runs ` +
    `(min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; CPU median ${median(cpu).toFixed(1)} ms); ` +
    `cold first run ${coldMs.toFixed(0)} ms (loads the NLP model); ${model.clauses.length} clauses, ${model.glossary.length} glossary entries, ${model.instruments.length} instruments`,
);

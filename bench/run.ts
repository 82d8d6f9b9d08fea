/**
 * npm run bench — briefpack against pandoc, measured in the same run on the
 * same inputs. Prints a table and writes bench/results.json. A benchmark,
 * not a test: it asserts nothing and its figures depend on the machine.
 *
 *  (a) cold, one document: pandoc md->html + md->docx vs briefpack's full pack
 *  (b) a batch of 200 documents: pandoc per document, 2 parallel jobs, vs one briefpack build with 2 workers
 *  (c) no-op rebuild of that batch
 *  (d) scaling: one document of 0.25, 0.5, 1, 2 and 5 MB
 *  (e) peak RSS of each (GNU time)
 *  plus in-process figures: source->model, PDF and DOCX render times, PDF pages/s.
 */
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { repeat, runOnce, runParallel, type Run } from './measure.js';
import { generateDeclaration } from '../test/helpers/generate.js';
import { compileSource } from '../src/pipeline/compile.js';
import { loadLabels } from '../src/view/labels.js';
import { epochFor } from '../src/model/epoch.js';
import type { RenderContext } from '../src/render/context.js';
import { buildView } from '../src/view/build-view.js';
import type { BriefingView } from '../src/view/types.js';
import { imageFolder } from '../src/model/images.js';
import { VFile } from 'vfile';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const CORPUS = join(ROOT, 'test', 'corpus');
const SEED = join(ROOT, 'source', 'apec-2025-digital-ai-ministerial.md');
const QUICK = process.env.BENCH_QUICK === '1';
const REPEAT = QUICK ? 3 : 5;
const work = mkdtempSync(join(tmpdir(), 'bp-bench-'));
const results: Record<string, unknown> = { machine: { cores: (await import('node:os')).availableParallelism(), node: process.version } };
const env = { ...process.env, CI: 'true', SOURCE_DATE_EPOCH: '1754265600' };
// The same work as pandoc: one language. (The seed's Korean pack would double it.)
const noTranslations = join(work, 'no-translations');
mkdirSync(noTranslations);

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
if (!hasPandoc) console.warn('pandoc not found (apt-get install pandoc): pandoc columns are empty');

function pandocPair(input: string, outBase: string): Array<[string, string[]]> {
  return [
    ['pandoc', ['-f', 'markdown', '-t', 'html', '-s', '--metadata', 'pagetitle=x', '-o', `${outBase}.html`, input]],
    ['pandoc', ['-f', 'markdown', '-o', `${outBase}.docx`, input]],
  ];
}

function pandocCold(input: string): Run {
  const out = join(work, 'pandoc-' + basename(input));
  const pair = pandocPair(input, out);
  return repeat(REPEAT, () => {
    const a = runOnce(...pair[0]);
    const b = runOnce(...pair[1]);
    return { ms: a.ms + b.ms, rssMb: Math.max(a.rssMb ?? 0, b.rssMb ?? 0) || null, code: 0 };
  });
}

function briefpackCold(input: string): Run {
  return repeat(REPEAT, () => {
    const out = mkdtempSync(join(work, 'bp-out-'));
    return runOnce(
      process.execPath,
      [CLI, 'build', input, '--out', out, '--no-cache', '--quiet', '--jobs', '1', '--format', 'html,pdf,docx,xliff,po,json', '--translations', noTranslations],
      { env },
    );
  });
}

const fmt = (n: number | null | undefined, digits = 0) => (n == null || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const rows: string[][] = [];
function row(name: string, bp: Run | null, pd: Run | null, note = ''): void {
  rows.push([name, fmt(bp?.ms), fmt(pd?.ms), bp && pd ? fmt(bp.ms / pd.ms, 2) : '—', fmt(bp?.rssMb), fmt(pd?.rssMb), note]);
}

// Inputs.
const communique = existsSync(join(CORPUS, 'g7-2023-hiroshima-leaders-communique.md')) ? join(CORPUS, 'g7-2023-hiroshima-leaders-communique.md') : null;
const synthetic120 = join(work, 'synthetic-communique-120k.md');
writeFileSync(synthetic120, generateDeclaration({ bytes: 120_000, seed: 7 }));
const large = communique ?? synthetic120;

// (a) Cold single document.
console.error('(a) cold single documents…');
const coldSeed = { briefpack: briefpackCold(SEED), pandoc: hasPandoc ? pandocCold(SEED) : null };
const coldLarge = { briefpack: briefpackCold(large), pandoc: hasPandoc ? pandocCold(large) : null };
row('(a) cold, seed: full pack vs html+docx', coldSeed.briefpack, coldSeed.pandoc);
row(`(a) cold, ${Math.round(readFileSync(large).length / 1024)} KB communiqué`, coldLarge.briefpack, coldLarge.pandoc);
results.cold = { seed: coldSeed, communique: coldLarge };

// Issue 18's start-up targets, against pandoc in the same run.
console.error('(s) start-up…');
function pandocHtml(input: string): Run {
  return repeat(REPEAT, () => runOnce(...pandocPair(input, join(work, 'pandoc-html-' + basename(input)))[0]));
}
function briefpackHtml(input: string, out: string | null, cache: boolean): Run {
  return repeat(REPEAT, () => {
    const folder = out ?? mkdtempSync(join(work, 'bp-html-'));
    // With the cache: the build entry goes (as after a template or option change), the tag cache stays.
    if (cache) rmSync(join(folder, '.cache', `${basename(input, '.md')}.json`), { force: true });
    return runOnce(
      process.execPath,
      [CLI, 'build', input, '--out', folder, ...(cache ? [] : ['--no-cache']), '--quiet', '--jobs', '1', '--format', 'html', '--translations', noTranslations],
      { env },
    );
  });
}
const warmOut = mkdtempSync(join(work, 'bp-warm-'));
runOnce(process.execPath, [CLI, 'build', SEED, '--out', warmOut, '--quiet', '--jobs', '1', '--format', 'html', '--translations', noTranslations], { env });
const startup = {
  pandocHtml: hasPandoc ? pandocHtml(SEED) : null,
  htmlCold: briefpackHtml(SEED, null, false),
  htmlWarm: briefpackHtml(SEED, warmOut, true),
  version: repeat(REPEAT, () => runOnce(process.execPath, [CLI, '--version'], { env })),
  node: repeat(REPEAT, () => runOnce(process.execPath, ['-e', '0'], { env })),
};
results.startup = startup;
const cpuNote = (r: Run, p: Run | null) => `CPU ${fmt(r.cpuMs)} ms${p?.cpuMs ? ` vs ${fmt(p.cpuMs)} (×${fmt((r.cpuMs ?? NaN) / p.cpuMs, 2)})` : ''}`;
row('(s) seed --format html, cold (--no-cache)', startup.htmlCold, startup.pandocHtml, `target ≤ 3×; ${cpuNote(startup.htmlCold, startup.pandocHtml)}`);
row('(s) seed --format html, tag cache warm', startup.htmlWarm, startup.pandocHtml, `target ≤ 3×; ${cpuNote(startup.htmlWarm, startup.pandocHtml)}`);
row('(s) seed full pack, cold', coldSeed.briefpack, coldSeed.pandoc, `target ≤ 4×; ${cpuNote(coldSeed.briefpack, coldSeed.pandoc)}`);
row('(s) briefpack --version / node -e 0', startup.version, startup.node, 'start-up floor');

// A batch of 60 real texts, full packs on 2 jobs (BENCH_CORPUS: a folder of more texts; else the distinct real texts in the repository, repeated).
console.error('(r) batch of 60 real texts…');
const realDir = join(work, 'real');
mkdirSync(realDir);
const realTexts = new Map<string, string>();
const realFolders = process.env.BENCH_CORPUS
  ? [process.env.BENCH_CORPUS]
  : ['source', 'test/corpus', 'test/pairs', 'test/gold/texts', 'test/gold-heldout/texts'].map((d) => join(ROOT, d));
for (const dir of realFolders)
  if (existsSync(dir))
    for (const f of readdirSync(dir).sort())
      if (f.endsWith('.md') && f !== 'README.md') {
        const text = readFileSync(join(dir, f), 'utf8');
        if (![...realTexts.values()].includes(text)) realTexts.set(f, text);
      }
const distinct = [...realTexts.values()];
for (let i = 0; i < 60 && distinct.length; i++) writeFileSync(join(realDir, `real-${String(i).padStart(2, '0')}.md`), distinct[i % distinct.length]);
const realFiles = readdirSync(realDir)
  .sort()
  .map((f) => join(realDir, f));
const realPandoc = hasPandoc
  ? await runParallel(
      realFiles.flatMap((f) => pandocPair(f, join(work, 'pandoc-real-' + basename(f)))),
      2,
    )
  : null;
const realBp = runOnce(
  process.execPath,
  [
    CLI,
    'build',
    realDir,
    '--out',
    join(work, 'real-out'),
    '--no-cache',
    '--jobs',
    '2',
    '--quiet',
    '--format',
    'html,pdf,docx,xliff,po',
    '--translations',
    noTranslations,
  ],
  { env },
);
const realHtmlDocx = runOnce(
  process.execPath,
  [
    CLI,
    'build',
    realDir,
    '--out',
    join(work, 'real-out-hd'),
    '--no-cache',
    '--jobs',
    '2',
    '--quiet',
    '--format',
    'html,docx',
    '--translations',
    noTranslations,
  ],
  { env },
);
results.realBatch = { documents: realFiles.length, distinct: distinct.length, fullPack: realBp, htmlDocx: realHtmlDocx, pandoc: realPandoc };
row(
  `(r) ${realFiles.length} real texts (${distinct.length} distinct), full packs, 2 jobs`,
  realBp,
  realPandoc,
  realPandoc ? `throughput ×${fmt(realPandoc.ms / realBp.ms, 2)} of pandoc html+docx (target ≥ 0.7)` : '',
);
row(`(r) the same, html+docx only`, realHtmlDocx, realPandoc, realPandoc ? `throughput ×${fmt(realPandoc.ms / realHtmlDocx.ms, 2)} of pandoc` : '');

// (b) Batch of 200 documents from the sources, fixtures, corpus and synthetic texts of varied sizes.
console.error('(b) batch of 200…');
const batchDir = join(work, 'batch');
mkdirSync(batchDir);
const seeds: string[] = [SEED];
for (const dir of readdirSync(join(ROOT, 'test', 'fixtures'))) {
  const p = join(ROOT, 'test', 'fixtures', dir, 'input.md');
  if (existsSync(p) && !['xss', 'bom', 'crlf'].includes(dir)) seeds.push(p);
}
if (existsSync(CORPUS)) for (const f of readdirSync(CORPUS)) if (f.endsWith('.md') && f !== 'README.md') seeds.push(join(CORPUS, f));
let n = 0;
for (const s of seeds) copyFileSync(s, join(batchDir, `doc-${String(n++).padStart(3, '0')}.md`));
while (n < 200) {
  const bytes = 2_000 + ((n * 7919) % 58_000);
  writeFileSync(join(batchDir, `doc-${String(n).padStart(3, '0')}.md`), generateDeclaration({ bytes, seed: n, title: `Synthetic Statement ${n}` }));
  n++;
}
const batchFiles = readdirSync(batchDir)
  .sort()
  .map((f) => join(batchDir, f));
const batchBytes = batchFiles.reduce((sum, f) => sum + readFileSync(f).length, 0);
const pandocOut = join(work, 'pandoc-batch');
mkdirSync(pandocOut);
const pandocBatch = hasPandoc
  ? await runParallel(
      batchFiles.flatMap((f) => pandocPair(f, join(pandocOut, basename(f)))),
      2,
    )
  : null;
const batchOut = join(work, 'batch-out');
const bpBatch = runOnce(process.execPath, [CLI, 'build', batchDir, '--out', batchOut, '--jobs', '2', '--quiet', '--translations', noTranslations], { env });
row(
  `(b) batch of ${batchFiles.length} (${(batchBytes / 1e6).toFixed(1)} MB), 2 jobs`,
  bpBatch,
  pandocBatch,
  pandocBatch ? `throughput ×${fmt(pandocBatch.ms / bpBatch.ms, 2)} of pandoc` : '',
);
// (c) No-op rebuild.
const noop = runOnce(process.execPath, [CLI, 'build', batchDir, '--out', batchOut, '--jobs', '2', '--quiet', '--translations', noTranslations], { env });
row('(c) no-op rebuild of the batch', noop, null, `${fmt((100 * noop.ms) / bpBatch.ms, 1)}% of the full build`);
results.batch = { documents: batchFiles.length, bytes: batchBytes, briefpack: bpBatch, pandoc: pandocBatch, noop, noopPercent: (100 * noop.ms) / bpBatch.ms };

// Issue 18's memory targets (bench/edges.ts, in its own process; skipped with BENCH_QUICK=1).
if (!QUICK) {
  console.error('(m) memory at the edges…');
  const json = join(work, 'edges.json');
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'edges.ts')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_JSON: json },
    encoding: 'utf8',
  });
  process.stdout.write(run.stdout);
  if (run.status !== 0) process.stderr.write(run.stderr);
  const edges = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Record<string, Run & { note: string }>) : {};
  results.edges = edges;
  for (const [name, label] of [
    ['giant', '(m) 2 MB single-line paragraph'],
    ['five', '(m) 5 MB text, full pack'],
    ['paragraphs', '(m) 100,000 paragraphs, full pack'],
  ] as const)
    if (edges[name]) row(label, edges[name], null, edges[name].note);
}

// (d) Scaling.
console.error('(d) scaling…');
const scaling: Record<string, { briefpack: Run; pandoc: Run | null; modelMs: number }> = {};
// 5 MB is built once, in (m) above, with its peak memory.
const sizes = QUICK ? [0.25, 0.5, 1] : [0.25, 0.5, 1, 2];
for (const mb of sizes) {
  const path = join(work, `scale-${mb}mb.md`);
  const text = generateDeclaration({ bytes: mb * 1e6, seed: 11 });
  writeFileSync(path, text);
  const out = mkdtempSync(join(work, 'scale-out-'));
  const bp = runOnce(process.execPath, [CLI, 'build', path, '--out', out, '--no-cache', '--quiet', '--jobs', '1', '--translations', noTranslations], { env });
  const pd = hasPandoc
    ? (() => {
        const a = runOnce(...pandocPair(path, join(work, `pandoc-scale-${mb}`))[0]);
        const b = runOnce(...pandocPair(path, join(work, `pandoc-scale-${mb}`))[1]);
        return { ms: a.ms + b.ms, rssMb: Math.max(a.rssMb ?? 0, b.rssMb ?? 0), code: 0 };
      })()
    : null;
  const t = performance.now();
  compileSource(path, new TextEncoder().encode(text));
  const modelMs = performance.now() - t;
  scaling[String(mb)] = { briefpack: bp, pandoc: pd, modelMs };
  row(`(d) one document of ${mb} MB`, bp, pd, `model ${fmt(modelMs)} ms (${fmt(mb / (modelMs / 1000), 2)} MB/s)`);
  rmSync(out, { recursive: true, force: true });
}
const half = scaling['0.5'];
// The 5 MB text is built once, by bench/edges.ts (no pandoc run of it).
const five = (results.edges as Record<string, Run> | undefined)?.five;
if (half && five) rows.push(['(d) 5 MB / 0.5 MB time', fmt(five.ms / half.briefpack.ms, 1) + '×', '—', '', '', '', 'target ≤ 12×']);
results.scaling = scaling;

// In-process: source -> model, and the renderers.
console.error('in-process figures…');
function inProcess(path: string, text: string, iterations: number): { ms: number; mbPerS: number } {
  const bytes = new TextEncoder().encode(text);
  compileSource(path, bytes);
  const t = performance.now();
  for (let i = 0; i < iterations; i++) compileSource(path, bytes);
  const ms = (performance.now() - t) / iterations;
  return { ms, mbPerS: bytes.length / 1e6 / (ms / 1000) };
}
const model = {
  seed: inProcess(SEED, readFileSync(SEED, 'utf8'), 20),
  communique: inProcess(large, readFileSync(large, 'utf8'), 5),
  fiveMb: inProcess('five.md', generateDeclaration({ bytes: 5e6, seed: 11 }), 1),
};
results.model = model;
rows.push(['source→model, seed (in-process)', fmt(model.seed.ms, 1), '', '', '', '', `${fmt(model.seed.mbPerS, 2)} MB/s`]);
rows.push(['source→model, communiqué', fmt(model.communique.ms, 1), '', '', '', '', `${fmt(model.communique.mbPerS, 2)} MB/s`]);
rows.push(['source→model, 5 MB', fmt(model.fiveMb.ms, 0), '', '', '', '', `${fmt(model.fiveMb.mbPerS, 2)} MB/s`]);

async function renderTimes(format: 'pdf' | 'docx', path: string, iterations: number): Promise<{ ms: number; bytes: Uint8Array } | null> {
  const modulePath = format === 'pdf' ? '../src/render/pdf/index.js' : '../src/render/docx/index.js';
  let render: (v: BriefingView, c: RenderContext) => Promise<Uint8Array>;
  try {
    const mod = await import(modulePath);
    render = format === 'pdf' ? mod.renderPdf : mod.renderDocx;
  } catch {
    return null;
  }
  const compiled = compileSource(path, readFileSync(path));
  const m = compiled.model!;
  const ctx: RenderContext = { templatesDir: null, file: new VFile({ path }) };
  const view = buildView(m, { labels: loadLabels(m.meta.language), epoch: epochFor(m), version: 'bench', imageFolder: imageFolder(path) });
  let bytes = await render(view, ctx);
  const t = performance.now();
  for (let i = 0; i < iterations; i++) bytes = await render(view, ctx);
  return { ms: (performance.now() - t) / iterations, bytes };
}
const pdfSeed = await renderTimes('pdf', SEED, 5);
const hundred = join(work, 'hundred-pages.md');
writeFileSync(hundred, generateDeclaration({ bytes: 150_000, seed: 3 }));
const pdfHundred = await renderTimes('pdf', hundred, 2);
const pages = pdfHundred
  ? (
      Buffer.from(pdfHundred.bytes)
        .toString('latin1')
        .match(/\/Type\s*\/Page[^s]/g) ?? []
    ).length
  : 0;
const docxSeed = await renderTimes('docx', SEED, 5);
const docxLarge = await renderTimes('docx', large, 3);
results.renderers = {
  pdfSeedMs: pdfSeed?.ms,
  pdfPages: pages,
  pdfPagesPerSecond: pdfHundred ? pages / (pdfHundred.ms / 1000) : null,
  docxSeedMs: docxSeed?.ms,
  docxCommuniqueMs: docxLarge?.ms,
};
rows.push(['PDF render, seed (in-process)', fmt(pdfSeed?.ms, 0), '', '', '', '', '']);
rows.push([
  `PDF layout, ${pages}-page document`,
  fmt(pdfHundred?.ms, 0),
  '',
  '',
  '',
  '',
  `${fmt(pdfHundred ? pages / (pdfHundred.ms / 1000) : null, 0)} pages/s (goal ≥ 110)`,
]);
rows.push(['DOCX render, seed (in-process)', fmt(docxSeed?.ms, 0), '', '', '', '', '']);
rows.push(['DOCX render, communiqué (in-process)', fmt(docxLarge?.ms, 0), '', '', '', '', '']);

// Books (issue 16) and compare (issue 15): their own scripts, each in a fresh process, their figures in the table.
for (const [name, script] of [
  ['book', 'book.ts'],
  ['compare', 'compare.ts'],
] as const) {
  const json = join(work, `${name}.json`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', script)], {
    cwd: ROOT,
    env: { ...process.env, BENCH_JSON: json },
    encoding: 'utf8',
  });
  process.stdout.write(run.stdout);
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    rows.push([`${name} (bench/${script})`, 'failed', '', '', '', '', '']);
    continue;
  }
  const figures = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Record<string, number>) : {};
  results[name] = figures;
  if (name === 'book')
    rows.push([
      'book of 10 texts vs the 10 built one by one',
      fmt(figures.bookMs, 0),
      '',
      '',
      '',
      '',
      `${fmt(figures.ratio, 2)}× the texts one by one (goal ≤ 1.5)`,
    ]);
  else rows.push(['compare pack, two ~130 KB communiqués', fmt(figures.wallMs, 0), '', '', '', '', `CPU ${fmt(figures.cpuMs, 0)} ms (goal ≤ 2000)`]);
}

// Table.
const header = ['measure', 'briefpack ms', 'pandoc ms', 'ratio', 'bp RSS MB', 'pandoc RSS MB', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 6 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote bench/results.json (work folder ${work})`);

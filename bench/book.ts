/**
 * npx tsx bench/book.ts — a book of 10 corpus-size texts against the same
 * 10 texts built one by one (issue 16: the book must build in at most 1.5×
 * the time). Both in this process, one after the other, with the same
 * formats (HTML, PDF, DOCX), no cache and no translation: the texts one by
 * one with buildDocument (as a build with one job does), the book with
 * buildPack (its 10 documents, a short brief, the annexes across them).
 * Prints both figures (the median of REPEAT runs, after a warm-up run of
 * each) and their ratio; with BENCH_JSON=<file>, writes them there too.
 * A benchmark, not a test: it asserts nothing.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { generateDeclaration } from '../test/helpers/generate.js';
import { buildDocument } from '../src/project/build-document.js';
import { buildPack } from '../src/project/build-pack.js';
import { DEFAULT_SETTINGS } from '../src/project/settings.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../src/parse/decode-source.js';
import type { BuildOptions, PackSpec } from '../src/project/options.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'test', 'corpus');
const REPEAT = Number(process.env.BENCH_REPEAT ?? (process.env.BENCH_QUICK === '1' ? 1 : 3));
const FORMATS = ['html', 'pdf', 'docx'];
const work = mkdtempSync(join(tmpdir(), 'bp-bench-book-'));
process.env.SOURCE_DATE_EPOCH ??= '1754265600';

// Ten texts: the seed, the seven corpus texts, and two generated texts of the corpus's median size.
const real = [
  join(ROOT, 'source', 'apec-2025-digital-ai-ministerial.md'),
  ...readFileSync(join(CORPUS, 'expected.json'), 'utf8')
    .match(/"[^"]+\.md"/g)!
    .map((f) => join(CORPUS, JSON.parse(f) as string)),
];
const corpus = [...new Set(real)].slice(0, 8);
const sizes = corpus.map((p) => readFileSync(p).length).sort((a, b) => a - b);
const median = sizes[Math.floor(sizes.length / 2)];
const texts = [...corpus];
for (let i = 0; texts.length < 10; i++) {
  const path = join(work, `generated-${i + 1}.md`);
  writeFileSync(path, generateDeclaration({ bytes: median, seed: 11 + i }));
  texts.push(path);
}
const id = (p: string) => basename(p, '.md');
const briefPath = join(work, 'brief.md');
writeFileSync(
  briefPath,
  [
    '---',
    'title: "Brief: ten texts"',
    '---',
    '',
    '## Purpose',
    '',
    'To read the ten texts together.',
    '',
    '## Key messages',
    '',
    ...texts.map((t, i) => `${i + 1}. Read [${id(t)}](${id(t)}) first.`),
    '',
  ].join('\n'),
);

const options = (out: string): BuildOptions => ({
  out,
  formats: FORMATS,
  langs: [],
  translationsDir: join(work, 'no-translations'),
  templatesDir: null,
  maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
  emitMarkdown: false,
  minTranslated: null,
  cache: false,
  pack: DEFAULT_SETTINGS,
});
const pack: PackSpec = {
  id: 'ten',
  title: 'Ten texts',
  subtitle: 'Briefing pack',
  date: '2025-08-04',
  brief: relative(process.cwd(), briefPath),
  documents: texts.map((t) => relative(process.cwd(), t)),
  compare: {},
  config: { path: 'bench', pack: null, brief: null, documents: texts.map(() => null) },
};

async function separately(): Promise<number> {
  const out = mkdtempSync(join(work, 'one-by-one-'));
  const start = performance.now();
  for (const text of pack.documents) {
    const r = await buildDocument(text, options(out));
    if (r.status !== 'built') throw new Error(`${text}: ${r.status}\n${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  }
  const ms = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  return ms;
}

async function asBook(): Promise<number> {
  const out = mkdtempSync(join(work, 'book-'));
  const start = performance.now();
  const r = await buildPack(pack, options(out));
  if (r.status !== 'built') throw new Error(`book: ${r.status}\n${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  const ms = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  return ms;
}

const medianOf = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

console.log(
  `${texts.length} texts, ${Math.round(texts.reduce((n, t) => n + readFileSync(t).length, 0) / 1024)} KB of Markdown; formats ${FORMATS.join(', ')}; ${REPEAT} run(s) each after a warm-up; ${availableParallelism()} cores`,
);
// Warm-up: modules, fonts, templates and the NLP model loaded once for both.
await separately();
await asBook();
const one: number[] = [];
const book: number[] = [];
for (let i = 0; i < REPEAT; i++) {
  // Alternated, so a slow spell of a shared machine falls on both.
  one.push(await separately());
  book.push(await asBook());
}
const result = {
  texts: texts.length,
  separatelyMs: Math.round(medianOf(one)),
  bookMs: Math.round(medianOf(book)),
  ratio: Number((medianOf(book) / medianOf(one)).toFixed(2)),
  runs: { separately: one.map(Math.round), book: book.map(Math.round) },
};
console.log(`texts built one by one: ${result.separatelyMs} ms`);
console.log(`the same texts as one book: ${result.bookMs} ms`);
console.log(`ratio: ${result.ratio} (the issue asks for at most 1.5)`);
if (process.env.BENCH_JSON) {
  mkdirSync(join(process.env.BENCH_JSON, '..'), { recursive: true });
  writeFileSync(process.env.BENCH_JSON, JSON.stringify(result, null, 2) + '\n');
}
rmSync(work, { recursive: true, force: true });

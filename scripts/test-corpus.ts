/**
 * npm run test:corpus -- <folder>
 *
 * Builds every Markdown file of a folder with the real CLI (all formats) and
 * checks each one: no crash, title and numbered-paragraph count as in the
 * folder's expected.json (when there is one), and nothing lost: every word of
 * the source text is in the model and in the HTML page.
 */
import { readdirSync, readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join, basename } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { sourceBodyText } from '../test/helpers/source-text.js';
import { missingWords } from '../test/helpers/words.js';
import { htmlToText } from '../src/model/raw-html.js';
import type { Declaration } from '../src/model/schema.js';

const folder = process.argv[2];
if (!folder || !existsSync(folder)) {
  console.error('usage: npm run test:corpus -- <folder of Markdown declarations>');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const expected: Record<string, { title: string; numbered_paragraphs: number }> = existsSync(join(folder, 'expected.json'))
  ? JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'))
  : {};
const files = readdirSync(folder)
  .filter((f) => /\.(md|markdown)$/i.test(f) && f.toLowerCase() !== 'readme.md')
  .sort();
const out = mkdtempSync(join(tmpdir(), 'bp-corpus-'));
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [join(root, 'dist/cli/main.js'), 'build', ...files.map((f) => join(folder, f)), '--out', out, '--no-cache', '--quiet'],
  {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const problems: string[] = [];
if (run.status === 70 || /internal-error|\n\s+at /.test(run.stderr)) problems.push(`crash: exit ${run.status}\n${run.stderr}`);
for (const line of run.stderr.split('\n')) if (/ error /.test(line)) problems.push(line);

const rows: string[] = [];
for (const f of files) {
  const id = basename(f).replace(/\.(md|markdown)$/i, '');
  const jsonPath = join(out, id, `${id}.json`);
  if (!existsSync(jsonPath)) {
    problems.push(`${f}: no model was written`);
    continue;
  }
  const model = JSON.parse(readFileSync(jsonPath, 'utf8')) as Declaration;
  const numbered = model.sections.flatMap((s) => s.blocks).filter((p) => p.number != null).length;
  const want = expected[f];
  if (want && want.title !== model.meta.title) problems.push(`${f}: title "${model.meta.title}", expected "${want.title}"`);
  if (want && want.numbered_paragraphs !== numbered) problems.push(`${f}: ${numbered} numbered paragraphs, expected ${want.numbered_paragraphs}`);
  const body = sourceBodyText(readFileSync(join(folder, f), 'utf8'));
  const modelWords = [
    model.textTitle?.text ?? '',
    ...model.background.map((p) => p.text),
    ...model.sections.flatMap((s) => [s.title ?? '', ...s.blocks.map((p) => p.text)]),
    ...model.footnotes.map((n) => n.text),
  ].join(' ');
  const lostModel = missingWords(body, modelWords);
  const htmlPath = join(out, id, `${id}.html`);
  const lostHtml = existsSync(htmlPath) ? missingWords(body, htmlToText(readFileSync(htmlPath, 'utf8').replace(/<style[\s\S]*?<\/style>/, ''))) : [];
  if (lostModel.length) problems.push(`${f}: ${lostModel.length} words lost in the model: ${lostModel.slice(0, 8).join(' ')}`);
  if (lostHtml.length) problems.push(`${f}: ${lostHtml.length} words lost in the HTML: ${lostHtml.slice(0, 8).join(' ')}`);
  rows.push(
    `${f.padEnd(64)} ${String(numbered).padStart(4)} numbered  ${String(model.sections.length).padStart(3)} sections  ${String(model.glossary.length).padStart(4)} acronyms  ${String(model.instruments.length).padStart(3)} instruments  lost ${lostModel.length + lostHtml.length}`,
  );
}
console.log(rows.join('\n'));
console.log(`${files.length} files built in ${seconds} s into ${out}`);
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${files.length - new Set(problems.map((p) => p.split(':')[0])).size} passed, ${new Set(problems.map((p) => p.split(':')[0])).size} failed`);
  process.exit(1);
}
console.log(`${files.length} passed, 0 failed`);

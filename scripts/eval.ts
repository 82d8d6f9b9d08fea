/**
 * `npm run eval`: measure the analysis against the hand-made gold
 * annotations in test/gold/ (see its README). Every `test/gold/*.json` is
 * compiled with the real pipeline from its `source`; the script prints
 * precision, recall and F1 for clauses (actor and verb), strength accuracy,
 * glossary entries with correct expansions and instruments, per text and
 * overall, and writes bench/eval.json. A measurement, not a test: it exits 0
 * whatever the figures. `--errors` also prints the clauses that matched
 * nothing and the gold clauses that were missed.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSource } from '../src/pipeline/compile.js';
import {
  evaluateClauses,
  evaluateGlossary,
  evaluateInstruments,
  overall,
  formatTable,
  type GoldFile,
  type TextResult,
  type EvalReport,
} from './lib/evaluate.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The folder of gold files: test/gold, or the folder given (`npm run eval -- test/gold-heldout`). */
const folderArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const GOLD = folderArg ? resolve(folderArg) : join(ROOT, 'test', 'gold');
const showErrors = process.argv.includes('--errors');

const texts: TextResult[] = [];
const errors: Record<string, unknown> = {};
for (const name of readdirSync(GOLD)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const gold = JSON.parse(readFileSync(join(GOLD, name), 'utf8')) as GoldFile;
  const path = join(ROOT, gold.source);
  const { model, file } = compileSource(path, readFileSync(path), { keepOnError: true });
  if (!model) throw new Error(`${gold.source} did not compile:\n${file.messages.map(String).join('\n')}`);
  const clauses = evaluateClauses(gold.sentences, model.clauses);
  texts.push({
    id: gold.id,
    style: gold.style ?? '',
    clauses: clauses.clauses,
    strength: clauses.strength,
    glossary: evaluateGlossary(gold.glossary, model.glossary),
    instruments: evaluateInstruments(
      gold.instruments,
      model.instruments.map((i) => i.title),
    ),
  });
  if (showErrors) {
    const goldAcronyms = new Map(gold.glossary.map((g) => [g.acronym, g.expansion]));
    errors[gold.id] = {
      falsePositives: clauses.falsePositives,
      falseNegatives: clauses.falseNegatives,
      glossary: model.glossary
        .filter((g) => !goldAcronyms.has(g.acronym) || (goldAcronyms.get(g.acronym) ?? null) !== (g.source === 'reference' ? null : g.expansion))
        .map((g) => `${g.acronym} = ${g.expansion} [${g.source}] (gold: ${goldAcronyms.has(g.acronym) ? goldAcronyms.get(g.acronym) : 'absent'})`),
      glossaryMissed: gold.glossary.filter((g) => !model.glossary.some((m) => m.acronym === g.acronym)).map((g) => g.acronym),
      instrumentsWrong: model.instruments.map((i) => i.title).filter((t) => !gold.instruments.includes(t)),
      instrumentsMissed: gold.instruments.filter((t) => !model.instruments.some((i) => i.title === t)),
    };
  }
}
const report: EvalReport = { texts, overall: overall(texts) };
console.log(formatTable(report));
mkdirSync(join(ROOT, 'bench'), { recursive: true });
const outName = folderArg ? `eval-${GOLD.split('/').pop()}.json` : 'eval.json';
writeFileSync(join(ROOT, 'bench', outName), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten: bench/${outName}`);
if (showErrors) console.log(JSON.stringify(errors, null, 2));

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { VFile } from 'vfile';
import { parseMarkdown } from '../src/parse/parse-markdown.js';
import { toDeclaration } from '../src/model/to-declaration.js';
import { textSentences } from '../src/analyze/segment.js';
import { ClauseFinder } from '../src/analyze/clauses.js';
import { loadLexicon } from '../src/analyze/lexicon.js';
import { loadParties } from '../src/analyze/parties.js';
import { buildGlossary } from '../src/analyze/glossary.js';
import { buildInstruments } from '../src/analyze/instruments.js';
import { textUnits } from '../src/analyze/index.js';
import { tag } from '../src/analyze/nlp.js';
const path = 'test/corpus/g7-2023-hiroshima-leaders-communique.md';
const text = readFileSync(path, 'utf8');
const draft = toDeclaration(parseMarkdown(text), new VFile({ path }), text, 'bench', '0');
const lexicon = loadLexicon(); const parties = loadParties();
tag('warm up');
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const sentences = textSentences(draft.sections.flatMap((s) => s.blocks));
  const tSeg = performance.now() - t; t = performance.now();
  for (const s of sentences) tag(s.text);
  const tTag = performance.now() - t; t = performance.now();
  const f = new ClauseFinder({ lexicon, parties, partyCountries: new Set(), kind: null, title: null }, sentences);
  f.run(sentences);
  const tFind = performance.now() - t; t = performance.now();
  const units = textUnits(draft);
  buildGlossary(units, (x) => lexicon.forms.has(x.toLowerCase()));
  const tGloss = performance.now() - t; t = performance.now();
  buildInstruments(units, { add: [], only: null, ignore: [], exclude: [] });
  const tInst = performance.now() - t;
  console.log({ sentences: sentences.length, tSeg: tSeg.toFixed(0), tTagAll: tTag.toFixed(0), tFind: tFind.toFixed(0), tGloss: tGloss.toFixed(0), tInst: tInst.toFixed(0) });
}
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let r = 0; r < 5; r++) { const sentences = textSentences(draft.sections.flatMap((s) => s.blocks)); new ClauseFinder({ lexicon, parties, partyCountries: new Set(), kind: null, title: null }, sentences).run(sentences); }
const { profile } = await session.post('Profiler.stop');
const counts = new Map<number, number>(); profile.samples!.forEach((s, i) => counts.set(s, (counts.get(s) ?? 0) + (profile.timeDeltas![i] ?? 0)));
const self = new Map<string, number>();
for (const n of profile.nodes) { const k = `${n.callFrame.functionName} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (counts.get(n.id) ?? 0)); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 5000).toFixed(1)}ms ${k}`).join('\n'));

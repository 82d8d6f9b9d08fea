/**
 * The analysis (clauses, glossary, instruments): regression tests for every
 * example of issue 14's "Why", and the third-person communiqué of the gold
 * set. Figures against all gold texts are `npm run eval`'s, not a test's.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource } from '../../src/pipeline/compile.js';
import { nlpStats } from '../../src/analyze/nlp.js';
import { ROOT, CORPUS } from '../helpers/paths.js';
import type { Clause, Declaration } from '../../src/model/schema.js';

// Checked before any text is analysed in this file: importing the pipeline does not load the model.
const loadedAtImport = nlpStats().loaded;

function compile(markdown: string, name = 'x.md'): Declaration {
  const { model, file } = compileSource(name, Buffer.from(markdown), { keepOnError: true });
  if (!model) throw new Error(file.messages.map(String).join('\n'));
  return model;
}

const FRONT = '---\ntitle: "Test"\n---\n\n';

function clausesOf(text: string, frontMatter = FRONT): Clause[] {
  return compile(`${frontMatter}${text}\n`).clauses;
}

const pick = (c: Clause) => [c.actor, c.verb];

describe('language layer', () => {
  it('loads the NLP model only when a text is analysed', () => {
    expect(loadedAtImport).toBe(false);
    clausesOf('1. We must galvanize technological progress.');
    expect(nlpStats().loaded).toBe(true);
  });
});

describe('clauses: the examples of issue 14', () => {
  it('third-person texts get clauses: "The two sides affirmed…", "Both sides decided…", "President Biden welcomed…"', () => {
    const text = [
      '---\ntitle: "Joint Statement between the United States and Viet Nam"\n---\n',
      'The two sides affirmed that the partnership reflects deep ties. Both sides decided to establish an annual dialogue. President Biden welcomed the progress made on trade. They also encouraged further cooperation in education.',
      '',
      'The U.S. side pledged further support for clean energy. Saudi Arabia and the United States reaffirmed their commitment to regional stability. The Chair noted the strong participation of all members.',
    ].join('\n');
    const clauses = compile(text).clauses;
    expect(clauses.map(pick)).toEqual([
      ['The two sides', 'affirm'],
      ['Both sides', 'decide'],
      ['President Biden', 'welcome'],
      ['They', 'encourage'],
      ['The U.S. side', 'pledge'],
      ['The Chair', 'note'],
    ]);
  });

  it('named parties of the title are parties: "Saudi Arabia and the United States"', () => {
    const clauses = compile('---\ntitle: "Joint Statement of Saudi Arabia and the United States"\n---\n\nSaudi Arabia and the United States reaffirmed their commitment to regional stability.\n').clauses;
    expect(clauses.map(pick)).toEqual([['Saudi Arabia and the United States', 'reaffirm']]);
  });

  it('"A year and a half ago, we the leaders of … launched the Indo-Pacific Economic Framework" gives the verb launch, not "the"', () => {
    const clauses = clausesOf('A year and a half ago, we the leaders of Australia, Brunei, Fiji, India, Japan and the United States launched the Indo-Pacific Economic Framework for Prosperity.');
    expect(clauses.map((c) => [c.actor, c.verb, c.strength])).toEqual([['we', 'launch', 'commit']]);
  });

  it('"we have delivered" gives deliver, not "have"', () => {
    const clauses = clausesOf('Since then, we have delivered concrete results for our people.');
    expect(clauses.map(pick)).toEqual([['we', 'deliver']]);
    expect(clauses[0].surface).toBe('have delivered');
  });

  it('"held a meeting" and "all can fully participate" are not commitments', () => {
    expect(clausesOf('We, the Ministers of Trade, held a meeting chaired by Minister Kim in Seoul.')).toEqual([]);
    const clauses = clausesOf('We emphasize the importance of cooperation, ensuring that we all can fully participate in and benefit from the digital economy.');
    expect(clauses.map(pick)).toEqual([['We', 'emphasize']]);
  });

  it('"also encourage" is the verb encourage with the modifier "also"', () => {
    const [c] = clausesOf('We also encourage cooperation among member economies.');
    expect([c.verb, c.modifiers, c.strength, c.surface]).toEqual(['encourage', ['also'], 'encourage', 'also encourage']);
  });

  it('"We will act" is a commitment (modality will)', () => {
    const [c] = clausesOf('We will act to protect the most vulnerable.');
    expect([c.verb, c.modality, c.strength, c.rank, c.negated]).toEqual(['act', 'will', 'commit', 5, false]);
  });

  it('modality and negation follow the scale: intend caps at encourage, may at recognize, negation keeps the strength', () => {
    const clauses = clausesOf('We intend to strengthen our cooperation. We may consider further steps. We will not tolerate impunity. We are deeply concerned by the crisis. We call on all States to act.');
    expect(clauses.map((c) => [c.verb, c.modality, c.negated, c.strength, c.phrase])).toEqual([
      ['strengthen', 'intend', false, 'encourage', null],
      ['consider', 'may', false, 'recognize', null],
      ['tolerate', 'will', true, 'commit', null],
      ['concern', null, false, 'express', null],
      ['call', null, false, 'urge', 'call on'],
    ]);
  });

  it('no clause when the subject is not a party: "IPEF will enhance our ability…", "Only a political agreement … can resolve…"', () => {
    expect(clausesOf('IPEF will enhance our ability to respond to supply chain disruptions.')).toEqual([]);
    expect(clausesOf('Only a political agreement between the parties can resolve the conflict.')).toEqual([]);
  });

  it('narrative verbs (met, held, discussed) give no clause; a future undertaking with one does', () => {
    const text = '---\ntitle: "Joint Statement of Mexico and the United States"\n---\n\nThe two sides met in Washington and held talks. The two sides discussed a program on security. The United States will review the request as quickly as possible.\n';
    expect(compile(text).clauses.map((c) => [c.actor, c.verb, c.strength])).toEqual([['The United States', 'review', 'commit']]);
  });

  it('conjoined verbs: "stressed … and affirmed …" gives two clauses; an infinitive\'s verbs do not', () => {
    const text = '---\ntitle: "Joint Statement of Japan and Korea"\n---\n\nThe two leaders stressed the importance of dialogue and affirmed their support for the initiative. Both sides pledged to create favorable conditions and facilitate trade.\n';
    expect(compile(text).clauses.map(pick)).toEqual([
      ['The two leaders', 'stress'],
      ['The two leaders', 'affirm'],
      ['Both sides', 'pledge'],
    ]);
    expect(clausesOf('We will strengthen digital infrastructure, facilitate access to technology, and ensure that no one is left behind.').map((c) => [c.verb, c.strength])).toEqual([
      ['strengthen', 'commit'],
      ['facilitate', 'commit'],
      ['ensure', 'commit'],
    ]);
  });

  it('UN style: the subject in the preamble, participles (preambular) and operative paragraphs that open with a verb', () => {
    const text = ['*The General Assembly,*', '', '*Recalling* its resolution 2625 (XXV), and *reaffirming* the principles contained therein,', '', '**NOTING WITH CONCERN** the decline in fish stocks,', '', '1. *Decides* to adjourn the session;', '', '2. *Urges* Member States to implement the Agreement;', '', '3. *Deplores* the aggression, and *calls upon* the parties to abide by the Charter.'].join('\n');
    const clauses = clausesOf(text);
    expect(clauses.map((c) => [c.actor, c.verb, c.type])).toEqual([
      ['The General Assembly', 'recall', 'preambular'],
      ['The General Assembly', 'reaffirm', 'preambular'],
      ['The General Assembly', 'note', 'preambular'],
      ['The General Assembly', 'decide', 'operative'],
      ['The General Assembly', 'urge', 'operative'],
      ['The General Assembly', 'deplore', 'operative'],
      ['The General Assembly', 'call', 'operative'],
    ]);
  });

  it('"WE, the Member States …;" and "WE HEREBY COMMIT TO:" frame capital operative items', () => {
    const text = ['**WE,** the Member States of the Association, gathered in Jakarta;', '', '**REAFFIRMING** the importance of the Charter;', '', '**WE HEREBY COMMIT TO:**', '', '1. **EXPAND** cooperation on fisheries; strengthen capacity to combat illegal fishing; and improve maritime awareness;', '', '2. **FURTHER PROMOTE** the stability of the region.'].join('\n');
    expect(clausesOf(text).map((c) => [c.actor, c.verb, c.type])).toEqual([
      ['We', 'reaffirm', 'preambular'],
      ['WE', 'commit', 'operative'],
      ['WE', 'expand', 'operative'],
      ['WE', 'strengthen', 'operative'],
      ['WE', 'improve', 'operative'],
      ['WE', 'promote', 'operative'],
    ]);
  });
});

describe('clauses on the third-person communiqué of the gold set', () => {
  it('every "The two sides / They / Both sides / The two leaders" sentence yields its clauses with the right actor', () => {
    const gold = JSON.parse(readFileSync(join(ROOT, 'test', 'gold', 'us-vietnam-2023-joint-leaders-statement.json'), 'utf8')) as { source: string; sentences: Array<{ text: string; clauses: Array<{ actor: string; verb: string }> }> };
    const path = join(ROOT, gold.source);
    const { model } = compileSource(path, readFileSync(path));
    const targets = gold.sentences.filter((s) => /^(The two sides|They|Both sides|The two leaders)\b/i.test(s.text));
    expect(targets.length).toBeGreaterThan(15);
    const words = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    for (const sentence of targets) {
      const found = model!.clauses.filter((c) => words(c.text).includes(words(sentence.text)) || words(sentence.text).includes(words(c.text)));
      expect(found.map((c) => [c.actor, c.verb]), sentence.text).toEqual(sentence.clauses.map((c) => [c.actor, c.verb]));
    }
  });
});

describe('glossary: the examples of issue 14', () => {
  it('"Indo-Pacific Economic Framework for Prosperity (IPEF)": function words skipped, hyphenated parts counted', () => {
    const g = compile(`${FRONT}We welcome the Indo-Pacific Economic Framework for Prosperity (IPEF). IPEF will deliver benefits.\n`).glossary;
    expect(g.map((e) => [e.acronym, e.expansion, e.source])).toEqual([['IPEF', 'Indo-Pacific Economic Framework for Prosperity', 'text']]);
  });

  it('plural acronyms and lower-case expansions: "memoranda of understanding (MOUs)"', () => {
    const g = compile(`${FRONT}We welcome the signing of several memoranda of understanding (MOUs). The MOUs cover energy.\n`).glossary;
    expect(g.map((e) => [e.acronym, e.expansion])).toEqual([['MOU', 'memoranda of understanding']]);
  });

  it('not acronyms: document codes, Roman numerals, ship prefixes, capitals for emphasis or headings', () => {
    const text = [
      'Recalling resolution ES-11/1 and resolution A/RES/78/1 and resolution 2625 (XXV), the Work Plan IV,',
      '',
      'The visit of the USS Ronald Reagan to Da Nang was welcomed.',
      '',
      '**POLITICAL AND DIPLOMATIC RELATIONS**  ',
      'The two sides affirmed their ties. WE HEREBY COMMIT TO work together.',
    ].join('\n');
    expect(compile(`${FRONT}${text}\n`).glossary.map((e) => e.acronym)).toEqual([]);
  });

  it('an acronym never expanded is listed only when well known, from the reference list', () => {
    const g = compile(`${FRONT}We support the UN and the WTO. We welcome the XYZQ report.\n`).glossary;
    expect(g.map((e) => [e.acronym, e.expansion, e.source, e.definedIn])).toEqual([
      ['UN', 'United Nations', 'reference', null],
      ['WTO', 'World Trade Organization', 'reference', null],
    ]);
  });

  it('the G20 Bali declaration no longer gives a glossary of unexpanded capitals', () => {
    const path = join(CORPUS, 'g20-2022-bali-leaders-declaration.md');
    const { model } = compileSource(path, readFileSync(path));
    expect(model!.glossary.length).toBeLessThan(60);
    expect(model!.glossary.every((g) => g.source === 'text' || g.source === 'reference')).toBe(true);
  });
});

describe('instruments: the examples of issue 14', () => {
  it('keeps codes and years: "UN General Assembly Resolution ES-11/1", "UN Security Council Resolution 2254 (2015)"', () => {
    const model = compile(`${FRONT}We recall UN General Assembly Resolution ES-11/1 and UN Security Council Resolution 2254 (2015), and the United Nations Convention on the Law of the Sea.\n`);
    expect(model.instruments.map((i) => i.title)).toEqual(['UN General Assembly Resolution ES-11/1', 'UN Security Council Resolution 2254 (2015)', 'United Nations Convention on the Law of the Sea']);
  });

  it('a later short form cites the first title', () => {
    const model = compile(`${FRONT}1. We uphold the United Nations Charter.\n\n2. We act in accordance with the UN Charter.\n`);
    expect(model.instruments.map((i) => [i.title, i.paragraphs])).toEqual([['United Nations Charter', ['p1', 'p2']]]);
  });
});

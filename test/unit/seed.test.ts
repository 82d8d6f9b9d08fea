/** Acceptance of the first real source: the 2025 APEC Digital and AI Ministerial Declaration. */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, ROOT, SEED, SEED_RAW } from '../helpers/paths.js';
import { modelOf } from '../helpers/compile.js';
import { numbers, modelText } from '../helpers/model-text.js';
import { schemaErrors } from '../helpers/schema.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords } from '../helpers/words.js';
import { splitSentences } from '../../src/analyze/sentences.js';
import type { Declaration } from '../../src/model/schema.js';

let model: Declaration;
beforeAll(() => {
  model = modelOf(SEED);
});

describe('seed declaration', () => {
  it('has the front matter of the issue', () => {
    expect(model.meta).toMatchObject({
      title: 'Digital and AI Transition for the Prosperity and Sustainable Growth of All',
      kind: 'Ministerial Declaration',
      meeting: 'APEC Digital and AI Ministerial Meeting',
      date: '2025-08-04',
      venue: 'Songdo Convensia, Incheon, Korea',
      chair: 'Bae Kyung-hun, Minister of Science and ICT',
      language: 'en',
    });
  });

  it('has the background note, 5 sections and 14 numbered paragraphs numbered 1 to 14', () => {
    expect(model.background.length).toBe(11);
    expect(model.background[0].text).toMatch(/^The first digital and artificial intelligence \(AI\) Ministerial Meeting/);
    expect(model.sections.map((s) => s.title)).toEqual([
      'Preface',
      'Activating digital and AI innovation to solve socio-economic challenges',
      'Strengthening digital connectivity for all',
      'Creating a safe, secure, and trustworthy digital and AI ecosystem',
      'Conclusion',
    ]);
    expect(numbers(model)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(model.sections.flatMap((s) => s.blocks).map((p) => p.id)).toEqual(Array.from({ length: 14 }, (_, i) => `p${i + 1}`));
  });

  it('keeps every word of the source', () => {
    const body = sourceBodyText(readFileSync(SEED, 'utf8'));
    expect(missingWords(body, modelText(model))).toEqual([]);
    const seed = readFileSync(SEED_RAW, 'utf8');
    expect(missingWords(seed.replace(/^\d+\. /gm, ''), modelText(model))).toEqual([]);
  });

  it('has the glossary of the issue, each acronym with the expansion written in the text', () => {
    const expected: Record<string, string> = {
      ICT: 'Information and Communication Technology',
      APEC: 'Asia-Pacific Economic Cooperation',
      TELWG: 'Telecommunications Working Group',
      DESG: 'Digital Economy Steering Group',
      ABAC: 'APEC Business Advisory Council',
      AIDER: 'APEC Internet and Digital Economy Roadmap',
      BCG: 'Bio-Circular-Green',
    };
    const text = modelText(model);
    for (const [acronym, expansion] of Object.entries(expected)) {
      const entry = model.glossary.find((g) => g.acronym === acronym);
      expect(entry, acronym).toBeDefined();
      expect(entry!.expansion).toBe(expansion);
      expect(text).toContain(`${expansion} (${acronym})`);
    }
    expect(model.glossary.find((g) => g.acronym === 'ICT')!.firstUse).toBe('b2');
  });

  it('has the instruments of the issue, each with the paragraphs that cite it', () => {
    const expected: Record<string, string[]> = {
      'APEC Putrajaya Vision 2040': ['p2'],
      'Aotearoa Action Plan': ['p2'],
      'APEC Internet and Digital Economy Roadmap': ['p2', 'p11', 'p13'],
      'APEC Connectivity Blueprint (2015-2025)': ['p12'],
      'La Serena Roadmap for Women and Inclusive Growth (2019-2030)': ['p12'],
      'APEC Services Competitiveness Roadmap': ['p12'],
      'Bangkok Goals on Bio-Circular-Green (BCG) Economy': ['p12'],
      'Lima Roadmap (2025-2040)': ['p12'],
    };
    expect(Object.fromEntries(model.instruments.map((i) => [i.title, i.paragraphs]))).toEqual(expected);
  });

  it('has a clause with verb and strength for every "we <verb>" of the text', () => {
    // Hand-annotated from the text: paragraph -> the verbs whose subject is "we".
    const expected: Array<[string, string, string]> = [
      ['p2', 'reaffirm', 'encourage'],
      ['p3', 'witness', 'recognize'],
      ['p4', 'believe', 'recognize'],
      ['p4', 'note', 'recognize'],
      ['p5', 'express', 'express'],
      ['p6', 'acknowledge', 'recognize'],
      ['p6', 'urge', 'urge'],
      ['p7', 'encourage', 'encourage'],
      ['p7', 'support', 'encourage'],
      ['p8', 'recognize', 'recognize'],
      ['p8', 'stress', 'urge'],
      ['p8', 'emphasize', 'urge'],
      ['p9', 'believe', 'recognize'],
      ['p9', 'recognize', 'recognize'],
      ['p9', 'recommend', 'encourage'],
      ['p10', 'recognize', 'recognize'],
      ['p10', 'highlight', 'encourage'],
      ['p10', 'support', 'encourage'],
      ['p11', 'express', 'express'],
      ['p11', 'expect', 'encourage'],
      ['p11', 'encourage', 'encourage'],
      ['p12', 'recognize', 'recognize'],
      ['p12', 'note', 'recognize'],
      ['p13', 'recognize', 'recognize'],
      ['p13', 'encourage', 'encourage'],
      ['p13', 'appreciate', 'recognize'],
      ['p14', 'express', 'express'],
      ['p14', 'look', 'express'],
    ];
    for (const [paragraph, verb, strength] of expected) {
      expect(
        model.clauses.some((c) => c.paragraph === paragraph && c.verb === verb && c.strength === strength),
        `${paragraph} ${verb}`,
      ).toBe(true);
    }
    // A phrasal verb keeps its first word as the verb and the whole in `phrase`; every actor of the seed is "we".
    expect(model.clauses.find((c) => c.paragraph === 'p14' && c.verb === 'look')!.phrase).toBe('look forward');
    expect(new Set(model.clauses.map((c) => c.actor.toLowerCase()))).toEqual(new Set(['we']));
    // "held a meeting" (p1) is narration, not a commitment.
    expect(model.clauses.filter((c) => c.paragraph === 'p1')).toEqual([]);
    // And independently of the annotation: every sentence with "we <lower-case word>" has a clause.
    for (const section of model.sections) {
      for (const p of section.blocks) {
        for (const s of splitSentences(p.text)) {
          if (/\bwe\s+(?:\p{Ll}+ly\s+|also\s+)?\p{Ll}/iu.test(s.text)) {
            expect(
              model.clauses.some((c) => c.paragraph === p.id && c.text === s.text),
              `${p.id}: ${s.text}`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('npm start writes a JSON model that validates against the published schema', () => {
    const out = mkdtempSync(join(tmpdir(), 'bp-seed-'));
    execFileSync(process.execPath, [CLI, 'build', SEED, '--format', 'json', '--out', out, '--quiet'], { cwd: ROOT });
    const json = JSON.parse(readFileSync(join(out, 'apec-2025-digital-ai-ministerial', 'apec-2025-digital-ai-ministerial.json'), 'utf8'));
    expect(schemaErrors(json)).toEqual([]);
    expect(json.sections).toHaveLength(5);
  });
});

/**
 * The tag cache (src/project/tag-cache.ts, issue 18 start-up): what the
 * language model said of each sentence is kept in <out>/.cache/nlp/<id>.json,
 * so a rebuild asks the model only about sentences it has not seen. A
 * record must give exactly the analysis the model gives.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSource } from '../../src/pipeline/compile.js';
import { nlpStats, type TagRecord, type TagStore } from '../../src/analyze/nlp.js';
import { buildDocument } from '../../src/project/build-document.js';
import { FileTagStore } from '../../src/project/tag-cache.js';
import { ROOT } from '../helpers/paths.js';
import { buildOptions } from '../helpers/build-options.js';

const work = mkdtempSync(join(tmpdir(), 'bp-tags-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SEED = readFileSync(join(ROOT, 'source', 'apec-2025-digital-ai-ministerial.md'));
const CORPUS = readFileSync(join(ROOT, 'test', 'corpus', 'g7-2023-hiroshima-leaders-communique.md'));

class MapStore implements TagStore {
  readonly map = new Map<string, TagRecord>();
  get(shown: string) {
    return this.map.get(shown);
  }
  set(shown: string, record: TagRecord) {
    this.map.set(shown, record);
  }
}

function analysed(path: string, bytes: Uint8Array, tags?: TagStore) {
  const c = compileSource(path, bytes, { tags, keepOnError: true });
  expect(c.model, String(c.file.messages[0] ?? '')).not.toBeNull();
  const { glossary, instruments, clauses } = c.model!;
  return { glossary, instruments, clauses };
}

describe('tag cache', () => {
  it('gives the same analysis from stored records as from the model, without asking the model again', () => {
    for (const [path, bytes] of [
      ['seed.md', SEED],
      ['g7.md', CORPUS],
    ] as const) {
      const fromModel = analysed(path, bytes);
      const store = new MapStore();
      expect(analysed(path, bytes, store)).toEqual(fromModel);
      expect(store.map.size).toBeGreaterThan(0);
      const asked = nlpStats().sentencesTagged;
      expect(analysed(path, bytes, store)).toEqual(fromModel);
      expect(nlpStats().sentencesTagged, 'the model was asked again').toBe(asked);
    }
  });

  it('a stored record is what is used: a different record changes the analysis', () => {
    const store = new MapStore();
    const honest = analysed('g7.md', CORPUS, store);
    // Every token a noun with a lemma of its own: the clauses the model decided change.
    for (const [shown, record] of store.map) store.map.set(shown, { ...record, pos: record.pos.map(() => 'NOUN'), lemmas: record.lemmas.map(() => 'zzz') });
    expect(analysed('g7.md', CORPUS, store).clauses).not.toEqual(honest.clauses);
  });

  it('keeps one file per document in <out>/.cache/nlp/, read by the next build; --no-cache neither reads nor writes it', async () => {
    const source = join(work, 'seed.md');
    writeFileSync(source, SEED);
    const options = (out: string, cache: boolean, formats = ['json']) => buildOptions(out, { formats, cache });
    const out = join(work, 'out');
    const first = await buildDocument(source, options(out, true));
    expect(first.status).toBe('built');
    const path = join(out, '.cache', 'nlp', 'seed.json');
    expect(existsSync(path)).toBe(true);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { key: string; tags: Record<string, TagRecord> };
    expect(stored.key).toMatch(/^briefpack \S+ wink-nlp \S+ wink-eng-lite-web-model \S+$/);
    expect(Object.keys(stored.tags).length).toBeGreaterThan(0);
    const json = readFileSync(join(out, 'seed', 'seed.json'));

    // Another format: a rebuild of the document, with every sentence found in the file.
    const asked = nlpStats().sentencesTagged;
    const second = await buildDocument(source, options(out, true, ['json', 'html']));
    expect(second.status).toBe('built');
    expect(nlpStats().sentencesTagged).toBe(asked);
    expect(readFileSync(join(out, 'seed', 'seed.json'))).toEqual(json);

    // --no-cache: the model is asked, and no file is written.
    const plain = join(work, 'plain');
    await buildDocument(source, options(plain, false));
    expect(nlpStats().sentencesTagged).toBeGreaterThan(asked);
    expect(existsSync(join(plain, '.cache'))).toBe(false);
    expect(readFileSync(join(plain, 'seed', 'seed.json'))).toEqual(json);
  });

  it('keeps only the sentences the text still has, and ignores a file of another version', () => {
    const path = join(work, 'store.json');
    const a = new FileTagStore(path);
    a.set('One sentence.', { words: ['One', 'sentence', '.'], pos: ['NUM', 'NOUN', 'PUNCT'], lemmas: ['one', 'sentence', '.'] });
    a.set('Two.', { words: ['Two', '.'], pos: ['NUM', 'PUNCT'], lemmas: ['two', '.'] });
    a.save();
    const b = new FileTagStore(path);
    expect(b.get('Two.')?.lemmas).toEqual(['two', '.']);
    b.save();
    expect(Object.keys((JSON.parse(readFileSync(path, 'utf8')) as { tags: object }).tags)).toEqual(['Two.']);

    const stored = JSON.parse(readFileSync(path, 'utf8')) as { key: string };
    writeFileSync(path, JSON.stringify({ ...stored, key: 'briefpack 0.0.0 other' }));
    expect(new FileTagStore(path).get('Two.')).toBeUndefined();
    writeFileSync(path, '{ not json');
    expect(new FileTagStore(path).get('Two.')).toBeUndefined();
  });
});

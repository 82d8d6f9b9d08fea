/**
 * The language layer: wink-nlp with its English "lite web" model, for
 * part-of-speech tags and lemmas (docs/analysis.md says why this library).
 *
 * - wink-nlp itself is bundled with the command line (loading its 23 files
 *   from node_modules cost about 24 ms of a cold build); the model is
 *   loaded on first use only, so commands that never analyse a
 *   text (verify, pack, merge, --help) do not pay for it; only the POS stage
 *   of wink's pipeline runs (sentences are ours, see segment.ts).
 * - A sentence is tokenized here, cheaply; it is tagged by the model only
 *   when a tag or a lemma is first asked for. Most clauses are decided by
 *   the lexicon and closed word classes, so many sentences of a long
 *   communiqué are never tagged.
 * - What the model said of a sentence (its tokens, tags and lemmas) can be
 *   kept in a `TagStore` the caller provides (the build keeps one per
 *   document under <out>/.cache/nlp/): a rebuild then loads the model only
 *   for sentences it has not seen, and most rebuilds not at all. Tagging is
 *   per sentence, so a stored record is exactly what the model would say.
 */
import { createRequire } from 'node:module';
import winkNLP, { type PartOfSpeech, type WinkMethods, type ItsFunction } from 'wink-nlp';
import { winkModel } from './wink-model.js';

export interface Token {
  /** The token as written. */
  readonly text: string;
  readonly lower: string;
  /** Universal POS tag from the model (VERB, NOUN, PROPN, AUX…); tags the sentence on first use. */
  readonly pos: PartOfSpeech;
  /** Offsets in the sentence. */
  readonly start: number;
  readonly end: number;
  readonly index: number;
  /** Holds a letter. */
  readonly word: boolean;
  /** Starts with a capital. */
  readonly cap: boolean;
}

let engine: WinkMethods | null = null;

/** What the model said of one sentence: its tokens, their tags and their lemmas (lower case). */
export interface TagRecord {
  words: string[];
  pos: PartOfSpeech[];
  lemmas: string[];
}

/** Somewhere to keep and find tag records, keyed by the text the model read. */
export interface TagStore {
  get(shown: string): TagRecord | undefined;
  set(shown: string, record: TagRecord): void;
}

let store: TagStore | null = null;

/** Run `fn` with `tags` as the store of tag records (analysis is synchronous, so this is scoped to the call). */
export function withTagStore<T>(tags: TagStore | null | undefined, fn: () => T): T {
  const before = store;
  store = tags ?? null;
  try {
    return fn();
  } finally {
    store = before;
  }
}

/** The versions a stored record depends on: a different model or library may tag differently. */
export function taggerVersion(): string {
  const require = createRequire(import.meta.url);
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return `wink-nlp ${version('wink-nlp')} wink-eng-lite-web-model ${version('wink-eng-lite-web-model')}`;
}

function load(): WinkMethods {
  if (engine) return engine;
  const pipe = ['pos'];
  engine = (winkNLP as unknown as (model: unknown, pipe?: string[]) => WinkMethods)(winkModel(pipe), pipe);
  return engine;
}

let reads = 0;

/** Whether the model has been loaded in this process, and how many sentences it has tagged (for tests and the benchmark). */
export function nlpStats(): { loaded: boolean; sentencesTagged: number } {
  return { loaded: engine !== null, sentencesTagged: reads };
}

/** A tokenized sentence: tokens with offsets; tags and lemmas on demand. */
export interface Tagged {
  text: string;
  tokens: Token[];
  lemma(index: number): string;
  /** Whether the model has tagged this sentence (for tests). */
  readonly taggedByModel: boolean;
}

/** Tokens as the model cuts them: dotted abbreviations whole, "’s" apart, hyphens apart. */
const TOKEN = /[\p{L}\p{N}]+(?:\.(?:\p{L}\.)+)?|['’]s\b|\S/gu;

class Tok implements Token {
  constructor(
    private readonly owner: Sentence,
    readonly text: string,
    readonly lower: string,
    readonly start: number,
    readonly end: number,
    readonly index: number,
    readonly word: boolean,
    readonly cap: boolean,
  ) {}

  get pos(): PartOfSpeech {
    return this.owner.tagAt(this.index);
  }
}

const LETTER = /\p{L}/u;
const CAPITAL = /^\p{Lu}/u;

class Sentence implements Tagged {
  readonly tokens: Token[] = [];
  private tags: PartOfSpeech[] | null = null;
  /** For each of our tokens, the model's token with the same start and length, or -1. */
  private same: number[] = [];
  private record: TagRecord | null = null;

  constructor(
    readonly text: string,
    private readonly shown: string,
  ) {
    for (const m of text.matchAll(TOKEN)) {
      const written = m[0];
      this.tokens.push(
        new Tok(this, written, written.toLowerCase(), m.index!, m.index! + written.length, this.tokens.length, LETTER.test(written), CAPITAL.test(written)),
      );
    }
  }

  get taggedByModel(): boolean {
    return this.tags !== null;
  }

  tagAt(index: number): PartOfSpeech {
    return (this.tags ?? this.tagAll())[index];
  }

  private tagAll(): PartOfSpeech[] {
    const record = store?.get(this.shown) ?? this.read();
    this.record = record;
    const { words, pos } = record;
    // Offsets of the model's tokens, then each of ours takes the tag of the model's token where it starts.
    const starts: number[] = [];
    let at = 0;
    for (const w of words) {
      const start = this.shown.indexOf(w, at);
      starts.push(start < 0 ? at : start);
      at = start < 0 ? at : start + w.length;
    }
    const tags: PartOfSpeech[] = [];
    let k = 0;
    for (const t of this.tokens) {
      while (k + 1 < starts.length && starts[k + 1] <= t.start) k++;
      tags.push(pos[k] ?? 'X');
      this.same.push(starts[k] === t.start && words[k]?.length === t.text.length ? k : -1);
    }
    this.tags = tags;
    return tags;
  }

  /** Ask the model, and keep its answer in the store. */
  private read(): TagRecord {
    const nlp = load();
    reads++;
    const winkTokens = nlp.readDoc(this.shown).tokens();
    const record: TagRecord = {
      words: winkTokens.out() as string[],
      pos: winkTokens.out(nlp.its.pos) as PartOfSpeech[],
      lemmas: (winkTokens.out(nlp.its.lemma as unknown as ItsFunction<string>) as unknown as string[]).map((l) => String(l).toLowerCase()),
    };
    store?.set(this.shown, record);
    return record;
  }

  lemma(index: number): string {
    if (!this.tags) this.tagAll();
    const k = this.same[index] ?? -1;
    return k >= 0 && this.record ? (this.record.lemmas[k] ?? '') : (this.tokens[index]?.lower ?? '');
  }
}

/**
 * Tokenize a sentence for tagging. `shown` is the text the model reads (same
 * length as `text`, e.g. with capitalized openings lowered so that "EXPAND"
 * reads as a verb); token texts and offsets are those of `text`.
 */
export function tag(text: string, shown: string = text): Tagged {
  return new Sentence(text, shown.length === text.length ? shown : text);
}

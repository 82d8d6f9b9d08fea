/**
 * The language layer: wink-nlp with its English "lite web" model, for
 * tokens, part-of-speech tags and lemmas (docs/analysis.md says why this
 * library). The model is loaded on first use only, so commands that never
 * analyse a text (verify, pack, merge, --help) do not pay for it; only the
 * POS stage of wink's pipeline runs (sentences are ours, see segment.ts).
 */
import { createRequire } from 'node:module';
import type { PartOfSpeech, WinkMethods } from 'wink-nlp';

export interface Token {
  /** The token as written. */
  text: string;
  lower: string;
  /** Universal POS tag from the model (VERB, NOUN, PROPN, AUX…). */
  pos: PartOfSpeech;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  index: number;
}

interface Engine {
  nlp: WinkMethods;
}

let engine: Engine | null = null;

function load(): Engine {
  if (engine) return engine;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => WinkMethods;
  const model = require('wink-eng-lite-web-model') as unknown;
  engine = { nlp: winkNLP(model, ['pos']) };
  return engine;
}

/** Whether the model has been loaded in this process (for tests and the benchmark). */
export function nlpLoaded(): boolean {
  return engine !== null;
}

/** A tagged sentence: tokens with offsets, and lemmas on demand. */
export interface Tagged {
  text: string;
  tokens: Token[];
  lemma(index: number): string;
}

/**
 * Tag a sentence. `shown` is the text to tag (same length as `text`, e.g.
 * with capitalized openings lowered so that "EXPAND" reads as a verb); token
 * texts and offsets are those of `text`.
 */
export function tag(text: string, shown: string = text): Tagged {
  const { nlp } = load();
  const its = nlp.its;
  const doc = nlp.readDoc(shown);
  const tokens = doc.tokens();
  const words = tokens.out() as string[];
  const pos = tokens.out(its.pos) as PartOfSpeech[];
  const out: Token[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let start = shown.indexOf(w, at);
    if (start < 0) start = at;
    const end = Math.min(text.length, start + w.length);
    at = end;
    const written = text.slice(start, end);
    out.push({ text: written, lower: written.toLowerCase(), pos: pos[i], start, end, index: i });
  }
  const lemmas = new Map<number, string>();
  return {
    text,
    tokens: out,
    lemma(index: number): string {
      let l = lemmas.get(index);
      if (l === undefined) {
        l = String(tokens.itemAt(index).out(its.lemma as unknown as Parameters<ReturnType<typeof tokens.itemAt>["out"]>[0])).toLowerCase();
        lemmas.set(index, l);
      }
      return l;
    },
  };
}

/**
 * The verb lexicon (data/verbs.yaml): lemmas with their strength, and every
 * written form that maps back to a lemma.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../util/package-root.js';
import type { StrengthName } from '../model/schema.js';

export interface VerbEntry {
  lemma: string;
  strength: StrengthName;
  rank: number;
}

export interface Lexicon {
  /** Lower-case written form (one or more words) -> entry. */
  forms: Map<string, VerbEntry>;
  /** Longest form in words, for multi-word lookups ("look forward"). */
  maxWords: number;
  scale: Record<string, number>;
}

type RawEntry = string | Record<string, { forms?: string[] }>;
interface RawLexicon {
  scale: Record<string, number>;
  verbs: Record<string, RawEntry[]>;
  predicates?: Record<string, string>;
}

const CONSONANT_DOUBLING = /^(commit|regret|submit|admit|permit|omit|refer|prefer|confer|occur|plan|stop|transfer|compel|propel|control|excel|equip)$/;

/** Inflected forms of one word (the first word of a multi-word lemma). */
export function inflect(word: string): string[] {
  const out = new Set<string>([word]);
  const stem = CONSONANT_DOUBLING.test(word) ? word + word[word.length - 1] : word;
  if (word.endsWith('e')) {
    out.add(word + 's').add(word + 'd').add(word.slice(0, -1) + 'ing');
  } else if (/[^aeiou]y$/.test(word)) {
    out.add(word.slice(0, -1) + 'ies').add(word.slice(0, -1) + 'ied').add(word + 'ing');
  } else {
    out.add(/(s|x|z|ch|sh)$/.test(word) ? word + 'es' : word + 's').add(stem + 'ed').add(stem + 'ing');
  }
  for (const form of [...out]) for (const british of britishVariants(form)) out.add(british);
  return [...out];
}

/** British spellings: -ize/-yze -> -ise/-yse, -or -> -our (endeavor), -ored -> -oured. */
export function britishVariants(form: string): string[] {
  const out: string[] = [];
  if (/iz(e|es|ed|ing)$/.test(form)) out.push(form.replace(/iz(e|es|ed|ing)$/, 'is$1'));
  if (/yz(e|es|ed|ing)$/.test(form)) out.push(form.replace(/yz(e|es|ed|ing)$/, 'ys$1'));
  if (/avor(s|ed|ing)?$/.test(form)) out.push(form.replace(/avor(s|ed|ing)?$/, 'avour$1'));
  if (/onor(s|ed|ing)?$/.test(form)) out.push(form.replace(/onor(s|ed|ing)?$/, 'onour$1'));
  return out;
}

let cached: Lexicon | null = null;

export function loadLexicon(path = join(packageRoot(), 'data', 'verbs.yaml')): Lexicon {
  if (cached && path === join(packageRoot(), 'data', 'verbs.yaml')) return cached;
  const raw = parse(readFileSync(path, 'utf8')) as RawLexicon;
  const forms = new Map<string, VerbEntry>();
  let maxWords = 1;
  const add = (form: string, entry: VerbEntry) => {
    const key = form.toLowerCase();
    if (!forms.has(key)) forms.set(key, entry);
    maxWords = Math.max(maxWords, key.split(' ').length);
  };
  for (const [strength, list] of Object.entries(raw.verbs)) {
    const rank = strength === 'other' ? 0 : (raw.scale[strength] ?? 0);
    for (const item of list) {
      const [lemma, extra] = typeof item === 'string' ? [item, {}] : Object.entries(item)[0];
      const entry: VerbEntry = { lemma, strength: strength as StrengthName, rank };
      const [head, ...tail] = lemma.split(' ');
      for (const f of inflect(head)) add([f, ...tail].join(' '), entry);
      for (const f of extra.forms ?? []) add(f, entry);
    }
  }
  for (const [form, lemma] of Object.entries(raw.predicates ?? {})) {
    const target = forms.get(lemma);
    if (target) add(form, target);
  }
  const lexicon = { forms, maxWords, scale: raw.scale };
  cached = lexicon;
  return lexicon;
}

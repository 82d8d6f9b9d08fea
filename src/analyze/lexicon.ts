/**
 * The verb lexicon (data/verbs.yaml): lemmas with their strength, every
 * written form that maps back to a lemma (with its inflection), the verbs
 * that narrate a meeting, and the action verbs.
 */
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { readYamlData } from '../util/precompiled.js';
import type { StrengthName } from '../model/schema.js';

/** How a form is inflected: "decide" base, "decides" third person, "decided" past (or participle), "deciding" -ing, "committed" adjectival. */
export type Inflection = 'base' | 's' | 'past' | 'ing' | 'adj';

export interface VerbEntry {
  /** The lexicon entry as written: "encourage", "call on", "look forward". */
  lemma: string;
  /** Its first word: the clause's verb. */
  verb: string;
  /** The whole entry when it has several words ("call on"), else null. */
  phrase: string | null;
  strength: StrengthName;
  rank: number;
}

export interface FormEntry {
  entry: VerbEntry;
  inflection: Inflection;
}

export interface Lexicon {
  /** Lower-case written form (one or more words) -> entry and inflection. */
  forms: Map<string, FormEntry>;
  /** Longest form in words, for multi-word lookups ("look forward"). */
  maxWords: number;
  scale: Record<string, number>;
  /** Lower-case forms of verbs that narrate a meeting (never a clause) -> lemma. */
  meeting: Map<string, FormEntry>;
  /** Lower-case forms of narration verbs (a clause only as a future undertaking) -> lemma. */
  narration: Map<string, FormEntry>;
  /** Objects that make "welcome" narration ("welcomed a delegation"). */
  visitors: Set<string>;
  /** Objects that keep a meeting verb narration even as an undertaking ("will host the next summit", not "will convene donors"). */
  events: Set<string>;
  /** Lemmas that report work done when written in the past tense ("worked to develop …"): narration. */
  reportedInPast: Set<string>;
  /** Lemmas of action verbs (see data/verbs.yaml). */
  actions: Set<string>;
}

type RawEntry = string | Record<string, { forms?: string[] } | null>;
interface RawLexicon {
  scale: Record<string, number>;
  verbs: Record<string, RawEntry[]>;
  predicates?: Record<string, string>;
  narrative?: { meeting?: RawEntry[]; narration?: RawEntry[]; visitors?: string[]; events?: string[]; reportedInPast?: string[] };
  actions?: string[];
}

const CONSONANT_DOUBLING =
  /^(commit|regret|submit|admit|permit|omit|refer|prefer|confer|occur|plan|stop|transfer|compel|propel|control|excel|equip|abet|deter|rebut|outstrip|ship|step|drop|spur|bar|dispel|expel|patrol|forget|begin)$/;

/** Inflected forms of one word (the first word of a multi-word lemma), with their inflection. */
export function inflections(word: string): Array<[string, Inflection]> {
  const out = new Map<string, Inflection>([[word, 'base']]);
  const stem = CONSONANT_DOUBLING.test(word) ? word + word[word.length - 1] : word;
  const add = (form: string, how: Inflection) => {
    if (!out.has(form)) out.set(form, how);
  };
  if (word.endsWith('ee')) {
    add(word + 's', 's');
    add(word + 'd', 'past');
    add(word + 'ing', 'ing');
  } else if (word.endsWith('e')) {
    add(word + 's', 's');
    add(word + 'd', 'past');
    add(word.slice(0, -1) + 'ing', 'ing');
  } else if (/[^aeiou]y$/.test(word)) {
    add(word.slice(0, -1) + 'ies', 's');
    add(word.slice(0, -1) + 'ied', 'past');
    add(word + 'ing', 'ing');
  } else {
    add(/(s|x|z|ch|sh)$/.test(word) ? word + 'es' : word + 's', 's');
    add(stem + 'ed', 'past');
    add(stem + 'ing', 'ing');
  }
  for (const [form, how] of [...out]) for (const british of britishVariants(form)) add(british, how);
  return [...out];
}

/** Inflected forms of one word (kept for callers that need the forms only). */
export function inflect(word: string): string[] {
  return inflections(word).map(([form]) => form);
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

function entries(list: RawEntry[] | undefined): Array<[string, string[]]> {
  return (list ?? []).map((item) => {
    if (typeof item === 'string') return [item, []];
    const [lemma, extra] = Object.entries(item)[0];
    return [lemma, extra?.forms ?? []];
  });
}

/** How an irregular form listed in `forms` is inflected, guessed from its ending. */
function guessInflection(form: string, lemma: string): Inflection {
  const head = form.split(' ')[0];
  if (head === lemma.split(' ')[0]) return 'base';
  if (head.endsWith('ing')) return 'ing';
  if (/s$/.test(head) && !/ss$/.test(head)) return 's';
  return 'past';
}

let cached: Lexicon | null = null;

export function loadLexicon(path = join(packageRoot(), 'data', 'verbs.yaml')): Lexicon {
  const isDefault = path === join(packageRoot(), 'data', 'verbs.yaml');
  if (cached && isDefault) return cached;
  const raw = readYamlData(path) as RawLexicon;
  const forms = new Map<string, FormEntry>();
  let maxWords = 1;
  const addTo = (map: Map<string, FormEntry>, form: string, value: FormEntry) => {
    const key = form.toLowerCase();
    if (!map.has(key)) map.set(key, value);
    maxWords = Math.max(maxWords, key.split(' ').length);
  };
  const expand = (map: Map<string, FormEntry>, lemma: string, extra: string[], entry: VerbEntry) => {
    const [head, ...tail] = lemma.split(' ');
    for (const [f, how] of inflections(head)) addTo(map, [f, ...tail].join(' '), { entry, inflection: how });
    for (const f of extra) addTo(map, f, { entry, inflection: guessInflection(f, lemma) });
  };
  for (const [strength, list] of Object.entries(raw.verbs)) {
    const rank = strength === 'other' ? 0 : (raw.scale[strength] ?? 0);
    for (const [lemma, extra] of entries(list)) {
      const words = lemma.split(' ');
      const entry: VerbEntry = { lemma, verb: words[0], phrase: words.length > 1 ? lemma : null, strength: strength as StrengthName, rank };
      expand(forms, lemma, extra, entry);
    }
  }
  for (const [form, lemma] of Object.entries(raw.predicates ?? {})) {
    const target = forms.get(lemma);
    if (target) addTo(forms, form, { entry: target.entry, inflection: 'adj' });
  }
  const narrativeMap = (list: RawEntry[] | undefined) => {
    const map = new Map<string, FormEntry>();
    for (const [lemma, extra] of entries(list)) {
      const words = lemma.split(' ');
      const entry: VerbEntry = { lemma, verb: words[0], phrase: words.length > 1 ? lemma : null, strength: 'other', rank: 0 };
      expand(map, lemma, extra, entry);
    }
    return map;
  };
  const lexicon: Lexicon = {
    forms,
    maxWords,
    scale: raw.scale,
    meeting: narrativeMap(raw.narrative?.meeting),
    narration: narrativeMap(raw.narrative?.narration),
    visitors: new Set((raw.narrative?.visitors ?? []).map((v) => v.toLowerCase())),
    events: new Set((raw.narrative?.events ?? []).map((v) => v.toLowerCase())),
    reportedInPast: new Set((raw.narrative?.reportedInPast ?? []).map((v) => v.toLowerCase())),
    actions: new Set((raw.actions ?? []).map((v) => v.toLowerCase())),
  };
  if (isDefault) cached = lexicon;
  return lexicon;
}

/** Rank of a strength name on the lexicon's scale (0 for "other"). */
export function rankOf(lexicon: Lexicon, strength: StrengthName): number {
  return strength === 'other' ? 0 : (lexicon.scale[strength] ?? 0);
}

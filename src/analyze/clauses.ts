/**
 * Analysis: operative clauses ("We (also) <verb> …") and preambular
 * participles ("RECOGNISING …") with their verb strength.
 */
import type { Clause, Block } from '../model/schema.js';
import { splitSentences } from './sentences.js';
import type { Lexicon, VerbEntry } from './lexicon.js';

/** Words that may stand between "we" and the verb. */
const ADVERBS = new Set([
  'also', 'further', 'furthermore', 'again', 'therefore', 'thus', 'hence', 'jointly', 'collectively', 'together', 'all', 'both',
  'each', 'still', 'now', 'hereby', 'today', 'once', 'accordingly', 'too', 'moreover', 'equally', 'similarly', 'likewise',
  'additionally', 'in', 'particular', 'addition', 'turn', 'this', 'regard', 'context', 'not', 'only', 'then', 'indeed',
]);
const MODALS = new Set(['will', 'shall', 'must', 'should', 'can', 'may', 'would', 'could', 'might', 'do', 'did', 'does']);
const AUXILIARIES = new Set(['are', 'remain', 'were', 'have', 'had', 'be', 'been', 'stand', 'continue to', 'am']);

export interface ClauseUnit {
  id: string;
  paragraph: Block;
}

interface Match {
  entry: VerbEntry | null;
  lemma: string;
  surface: string;
}

/** The lexicon form that starts at words[i], longest first. */
function formAt(words: string[], i: number, lexicon: Lexicon): { entry: VerbEntry; n: number } | null {
  for (let n = Math.min(lexicon.maxWords, words.length - i); n >= 1; n--) {
    const entry = lexicon.forms.get(words.slice(i, i + n).join(' ').toLowerCase());
    if (entry) return { entry, n };
  }
  return null;
}

function skippable(w: string): boolean {
  return ADVERBS.has(w) || (w.endsWith('ly') && w.length > 3) || MODALS.has(w) || AUXILIARIES.has(w);
}

/** Read the verb phrase at the start of `words` (after "we"). */
function readVerb(words: string[], lexicon: Lexicon): Match | null {
  const surface: string[] = [];
  for (let i = 0; i < words.length && i < 8; i++) {
    const w = words[i].toLowerCase();
    const form = formAt(words, i, lexicon);
    const verbFollows = () => [1, 2, 3].some((k) => i + k < words.length && formAt(words, i + k, lexicon) && !skippable(words[i + k].toLowerCase()));
    if (form && !(skippable(w) && verbFollows())) {
      return { entry: form.entry, lemma: form.entry.lemma, surface: [...surface, ...words.slice(i, i + form.n)].join(' ') };
    }
    if (skippable(w)) {
      surface.push(words[i]);
      continue;
    }
    if (/^\p{Ll}[\p{Ll}-]*$/u.test(words[i])) return { entry: null, lemma: guessLemma(w), surface: [...surface, words[i]].join(' ') };
    return null;
  }
  return null;
}

/** A rough lemma for verbs outside the lexicon (they are reported as "other"). */
function guessLemma(word: string): string {
  if (word.endsWith('ied')) return word.slice(0, -3) + 'y';
  const stem = word.endsWith('ing') && word.length > 5 ? word.slice(0, -3) : word.endsWith('ed') && word.length > 4 ? word.slice(0, -2) : null;
  if (stem == null) return word;
  if (/([^aeiouls])\1$/.test(stem)) return stem.slice(0, -1);
  if (/([^aeiou][cvgsz]|[aeiou][cvgsz]|[^aeiouw]l|u)$/.test(stem)) return stem + 'e';
  return stem;
}

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** A second verb sharing the subject: "We welcome X and encourage Y". */
const INFINITIVE = /\bto\s+(?!the\b|a\b|an\b|our\b|their\b|its\b|this\b|these\b|those\b|all\b|each\b|every\b|other\b|such\b|both\b)\p{Ll}/u;
const SUBORDINATE = /\b(that|which|who|whom|whose|where|when|while|if|because|including)\b|[;:]/;

function coordinated(rest: string, lexicon: Lexicon): Array<{ entry: VerbEntry; surface: string }> {
  const out: Array<{ entry: VerbEntry; surface: string }> = [];
  const re = /\band\s+((?:also|further|jointly|together)\s+)?(\p{Ll}+(?:\s+\p{Ll}+)?)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) {
    const before = rest.slice(0, m.index);
    if (INFINITIVE.test(before) || SUBORDINATE.test(before)) break;
    const [first, second] = m[2].split(/\s+/);
    const two = second ? lexicon.forms.get(`${first} ${second}`) : undefined;
    const entry = two ?? lexicon.forms.get(first);
    // Only the base form agrees with "we": "and encourage", not "and encouraging".
    if (entry && entry.lemma.split(' ')[0] === first && entry.strength !== 'other') {
      out.push({ entry, surface: `${m[1] ?? ''}${two ? `${first} ${second}` : first}`.trim() });
    }
  }
  return out;
}

/** Find every clause in the text paragraphs (numbered and plain, sub-items included). */
export function findClauses(units: ClauseUnit[], lexicon: Lexicon): Clause[] {
  const clauses: Clause[] = [];
  for (const { id, paragraph } of units) {
    const sentences = splitSentences(paragraph.text);
    // UN style: the paragraph opens with a verb in capitals or bold, the subject
    // implied ("RECOGNISING the…" preambular, "1. URGES Member States…" operative).
    const firstWord = words(paragraph.text)[0] ?? '';
    const emphatic = Boolean(paragraph.lead) || (firstWord.length > 2 && firstWord === firstWord.toUpperCase());
    const opening = emphatic ? lexicon.forms.get(firstWord.toLowerCase()) : undefined;
    if (sentences.length && opening && /^\p{Lu}/u.test(firstWord)) {
      const preambular = /ing$/i.test(firstWord);
      clauses.push({ paragraph: id, actor: 'We', phrase: null, modifiers: [], modality: null, negated: false, verb: opening.lemma, surface: firstWord, strength: opening.strength, rank: opening.rank, text: sentences[0].text, type: preambular ? 'preambular' : 'operative' });
    }
    for (const sentence of sentences) {
      // "we" not preceded by a letter; skip an appositive "We, the Leaders of …, held".
      const re = /(?<![\p{L}])[Ww]e\b(\s*,[^,;]{1,200},)?\s+/gu;
      let m: RegExpExecArray | null;
      while ((m = re.exec(sentence.text))) {
        const rest = sentence.text.slice(m.index + m[0].length);
        const match = readVerb(words(rest.slice(0, 160)), lexicon);
        if (!match) continue;
        clauses.push({
          paragraph: id,
          actor: 'We',
          phrase: null,
          modifiers: [],
          modality: null,
          negated: false,
          verb: match.lemma,
          surface: match.surface,
          strength: match.entry?.strength ?? 'other',
          rank: match.entry?.rank ?? 0,
          text: sentence.text,
          type: 'operative',
        });
        for (const extra of coordinated(rest, lexicon)) {
          clauses.push({ paragraph: id, actor: 'We', phrase: null, modifiers: [], modality: null, negated: false, verb: extra.entry.lemma, surface: extra.surface, strength: extra.entry.strength, rank: extra.entry.rank, text: sentence.text, type: 'operative' });
        }
      }
    }
  }
  return clauses;
}

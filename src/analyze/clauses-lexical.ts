/**
 * Clauses of French and Spanish texts, from a per-language lexicon of the
 * forms declarations write (data/verbs.<lang>.yaml): no tagger, the forms
 * carry person, tense and participle. It finds the first person ("Nous
 * réaffirmons …", "Nous, les ministres …, décidons", "Reafirmamos …") and UN
 * style (a body adopting the text — "L'Assemblée générale," — then
 * participle paragraphs, preambular, and paragraphs opening with a verb,
 * operative). Verbs joined by "et"/"y" with the same subject give a clause
 * each. Future forms carry the modality `will`; a negation before the verb
 * sets `negated`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { readYamlData } from '../util/precompiled.js';
import type { Block, Clause, StrengthName } from '../model/schema.js';
import { splitSentences } from './sentences.js';

interface Form {
  words: string[];
  /** The lemma as the lexicon writes it ("engager", "tenir compte"). */
  lemma: string;
  strength: StrengthName;
  rank: number;
  will: boolean;
  /** A present participle or adjective: a preambular opening in UN style. */
  participle: boolean;
  /** A first-person plural form ("décidons", "nos comprometemos"). */
  first: boolean;
}

export interface LexicalLexicon {
  language: string;
  /** Longest first, so "prie instamment" wins over "prie". */
  forms: Form[];
  firstSubjects: Set<string>;
  /** The language drops the subject: a first-person form alone means "we" (Spanish). */
  firstForms: boolean;
  bodies: string[];
  negation: Set<string>;
  /** Adverbs that may stand between the subject and the verb. */
  adverbs: Set<string>;
}

const SCALE: Record<StrengthName, number> = { commit: 5, urge: 4, encourage: 3, recognize: 2, express: 1, other: 0 };
const ADVERBS: Record<string, string[]> = {
  fr: [
    'également',
    'aussi',
    'donc',
    'pleinement',
    'fermement',
    'vivement',
    'résolument',
    'instamment',
    'en outre',
    'par ailleurs',
    'à nouveau',
    'de nouveau',
    'ensemble',
  ],
  es: ['también', 'asimismo', 'además', 'plenamente', 'firmemente', 'enérgicamente', 'conjuntamente', 'nuevamente', 'por tanto'],
};
const cache = new Map<string, LexicalLexicon | null>();

const norm = (s: string) => s.toLocaleLowerCase('fr').replace(/[’`]/g, "'");
const tokenize = (s: string) => norm(s).match(/[\p{L}\p{M}]+'?|\d+/gu) ?? [];

/** The lexicon of a language, or null when briefpack has none (only English has the tagged analysis). */
export function loadLexicalLexicon(language: string): LexicalLexicon | null {
  const lang = language.toLowerCase().split(/[-_]/)[0];
  if (cache.has(lang)) return cache.get(lang)!;
  const path = join(packageRoot(), 'data', `verbs.${lang}.yaml`);
  let lexicon: LexicalLexicon | null = null;
  if (/^[a-z]{2,3}$/.test(lang) && lang !== 'en' && existsSync(path)) {
    const raw = readYamlData(path) as {
      subjects?: { first?: string[]; firstForms?: boolean; bodies?: string[] };
      negation?: string[];
      verbs: Record<StrengthName, Record<string, string[]>>;
    };
    const forms: Form[] = [];
    for (const [strength, lemmas] of Object.entries(raw.verbs) as Array<[StrengthName, Record<string, string[]>]>) {
      for (const [key, list] of Object.entries(lemmas)) {
        const lemma = key.split('@')[0];
        for (const written of list) {
          const [text, flag] = written.split('@');
          const words = tokenize(text);
          forms.push({
            words,
            lemma,
            strength,
            rank: SCALE[strength],
            will: flag === 'will',
            // A present participle ("Rappelant", "Recordando"), or a form of an adjective lemma ("préoccupé", "conscientes", "ayant examiné"): a preambular opening.
            participle: /(ant|ando|iendo|yendo)$/.test(words[0] ?? '') || !/(er|ir|re|oir|ar)$/.test(lemma.split(/\s+/)[0]),
            first: words[0] === 'nos' || /(ons|mos)$/.test(words[0] ?? ''),
          });
        }
      }
    }
    forms.sort((a, b) => b.words.length - a.words.length);
    lexicon = {
      language: lang,
      forms,
      firstSubjects: new Set((raw.subjects?.first ?? []).map(norm)),
      firstForms: Boolean(raw.subjects?.firstForms),
      bodies: raw.subjects?.bodies ?? [],
      negation: new Set((raw.negation ?? []).map(norm)),
      adverbs: new Set(ADVERBS[lang] ?? []),
    };
  }
  cache.set(lang, lexicon);
  return lexicon;
}

function formAt(words: string[], i: number, lexicon: LexicalLexicon): Form | null {
  for (const f of lexicon.forms) if (f.words.every((w, k) => words[i + k] === w)) return f;
  return null;
}

function clauseOf(
  paragraph: string,
  actor: string,
  form: Form,
  surface: string,
  sentence: string,
  type: Clause['type'],
  negated: boolean,
  modifiers: string[],
): Clause {
  const lemmaWords = form.lemma.split(/\s+/);
  return {
    paragraph,
    actor,
    verb: lemmaWords[0].replace(/^[sl]'/, ''),
    phrase: lemmaWords.length > 1 ? form.lemma : form.words.length > 1 && !form.first ? form.words.join(' ') : null,
    surface,
    modifiers,
    modality: form.will ? 'will' : null,
    negated,
    strength: form.will ? 'commit' : form.strength,
    rank: form.will ? SCALE.commit : form.rank,
    text: sentence,
    type,
  };
}

/** The body a UN-style text opens with ("L'Assemblée générale,"), if any. */
function bodyOf(blocks: readonly Block[], lexicon: LexicalLexicon): string | null {
  for (const b of blocks.slice(0, 4)) {
    const text = b.text.trim();
    for (const body of lexicon.bodies) if (norm(text).startsWith(norm(body)) && /^[^.;]{0,80},?$/.test(text)) return body;
  }
  return null;
}

/** Clauses of the text's top-level blocks (and their list items), in reading order. */
export function findLexicalClauses(blocks: readonly Block[], lexicon: LexicalLexicon): Clause[] {
  const clauses: Clause[] = [];
  const body = bodyOf(blocks, lexicon);
  const firstActor = lexicon.language === 'es' ? 'Nosotros' : 'Nous';
  const visit = (b: Block, top: string) => {
    const sentences = splitSentences(b.text);
    sentences.forEach((s, index) => {
      const matches = [...s.text.matchAll(/[\p{L}\p{M}]+'?|\d+/gu)];
      const written = matches.map((m) => m[0]);
      const at = matches.map((m) => m.index ?? 0);
      const words = written.map(norm);
      // UN style: the paragraph opens with a verb, its subject the body above.
      if (index === 0 && body && /^\p{Lu}/u.test(s.text.trim())) {
        const form = formAt(words, 0, lexicon);
        if (form && !form.first) {
          clauses.push(
            clauseOf(top, body, form, written.slice(0, form.words.length).join(' '), s.text, form.participle ? 'preambular' : 'operative', false, []),
          );
          return;
        }
      }
      // The first person: a subject ("nous"), or (Spanish) a first-person form opening a sentence or a clause.
      for (let i = 0; i < words.length; i++) {
        const subject = lexicon.firstSubjects.has(words[i]);
        const opens = i === 0 || /[;:,]\s*$/.test(s.text.slice(0, at[i]));
        if (!subject && !(lexicon.firstForms && opens)) continue;
        let j = subject ? i + 1 : i;
        // "Nous, les ministres …, décidons": the verb comes after the apposition's closing comma.
        const after = s.text.slice(at[i] + written[i].length);
        if (subject && after.trimStart().startsWith(',')) {
          const open = at[i] + written[i].length + after.indexOf(',');
          const close = s.text.indexOf(',', open + 1);
          if (close < 0 || close - open > 400) continue;
          j = at.findIndex((o) => o > close);
          if (j < 0) continue;
        }
        const modifiers: string[] = [];
        let negated = false;
        let form: Form | null = null;
        for (let k = j; k < Math.min(words.length, j + 6); k++) {
          if (lexicon.negation.has(words[k])) {
            negated = true;
            continue;
          }
          if (words[k] === 'nous' && lexicon.language === 'fr') continue;
          const here = formAt(words, k, lexicon);
          if (here && here.first) {
            form = here;
            j = k;
            break;
          }
          if (lexicon.adverbs.has(words[k])) {
            modifiers.push(written[k]);
            continue;
          }
          break;
        }
        if (!form) continue;
        const actor = subject ? written[i][0].toUpperCase() + written[i].slice(1) : firstActor;
        clauses.push(clauseOf(top, actor, form, written.slice(j, j + form.words.length).join(' '), s.text, 'operative', negated, modifiers));
        // Verbs joined by "et"/"y" share the subject.
        for (let k = j + form.words.length; k < words.length - 1; k++) {
          if (words[k] !== 'et' && words[k] !== 'y') continue;
          const next = words[k + 1] === 'nous' ? k + 2 : k + 1;
          const more = formAt(words, next, lexicon);
          if (more && more.first)
            clauses.push(clauseOf(top, actor, more, written.slice(next, next + more.words.length).join(' '), s.text, 'operative', false, []));
        }
        break;
      }
    });
    for (const c of b.children) if (c.kind === 'numbered' || c.kind === 'bullet' || c.kind === 'plain') visit(c, top);
  };
  for (const b of blocks) visit(b, b.id);
  return clauses;
}

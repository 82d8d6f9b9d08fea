/**
 * Analysis: acronyms (docs/analysis.md). Expansions come from "Full Name
 * (ACR)" — function words may be skipped, hyphenated words count by their
 * parts ("Indo-Pacific" gives I and P), lower-case expansions and plural
 * acronyms ("memoranda of understanding (MOUs)") included — and from
 * "ACR (Full Name)". Uses are capital tokens that are acronyms: not document
 * codes ("ES-11/1", "A/RES/78/1"), Roman numerals, ship prefixes, nor words
 * in capitals for emphasis or in headings. An acronym the text never expands
 * is listed only when it is well known (data/acronyms.yaml), marked as
 * coming from that reference list.
 */
import { join } from 'node:path';
import type { GlossaryEntry } from '../model/schema.js';
import { packageRoot } from '../util/package-root.js';
import { readYamlData } from '../util/precompiled.js';
import { forText } from '../util/bmp-regexp.js';

export interface TextUnit {
  id: string;
  text: string;
  /** A section title or a line that acts as one (wholly bold, no closing stop). */
  heading?: boolean;
}

const STOPWORDS = new Set([
  'of',
  'and',
  'the',
  'for',
  'on',
  'in',
  'to',
  'a',
  'an',
  '&',
  'de',
  'la',
  'du',
  'des',
  'et',
  'at',
  'by',
  'with',
  'le',
  'les',
  'del',
  'y',
  'from',
  'into',
  'its',
  'or',
]);

const ROMAN = /^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;

/**
 * A capital token: letters (capitals, digits, "&"), then optional "-19" or
 * "-RAN" parts, then an optional plural "s". Not inside a word, a dotted
 * abbreviation ("U.S.") or a hyphenated name.
 */
const TOKEN = /\p{Lu}[\p{Lu}\p{N}&]*(?:-(?:\p{Lu}{2,}|\p{N}+))*s?(?![\p{L}\p{N}]|\.\p{L})/gu;
/** What may not stand just before a token: inside a word, a dotted abbreviation or a hyphenated name. */
const NOT_BEFORE = /[\p{L}\p{N}'’.-]/u;

interface Reference {
  acronyms: Map<string, string>;
  /** Stems of numbered series ("COP" for "COP28") -> expansion. */
  series: Map<string, string>;
  prefixes: Set<string>;
  words: Set<string>;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** The reference expansion of a well-known acronym, or of a numbered one of a known series ("COP28" -> "28th Conference of the Parties"). */
export function wellKnown(acronym: string, ref: Reference = loadReference()): string | undefined {
  const direct = ref.acronyms.get(acronym);
  if (direct !== undefined) return direct;
  const m = /^(\p{Lu}+)(\d{1,3})$/u.exec(acronym);
  const stem = m ? ref.series.get(m[1]) : undefined;
  return stem === undefined ? undefined : `${ordinal(Number(m![2]))} ${stem}`;
}

let reference: Reference | null = null;

export function loadReference(path = join(packageRoot(), 'data', 'acronyms.yaml')): Reference {
  if (reference && path === join(packageRoot(), 'data', 'acronyms.yaml')) return reference;
  const raw = readYamlData(path) as {
    acronyms?: Record<string, string>;
    series?: Record<string, string>;
    prefixes?: string[];
    words?: string[];
  };
  const r: Reference = {
    acronyms: new Map(Object.entries(raw.acronyms ?? {}).map(([k, v]) => [String(k), String(v)])),
    series: new Map(Object.entries(raw.series ?? {}).map(([k, v]) => [String(k), String(v)])),
    prefixes: new Set(raw.prefixes ?? []),
    words: new Set(raw.words ?? []),
  };
  if (path === join(packageRoot(), 'data', 'acronyms.yaml')) reference = r;
  return r;
}

/** Capitals an acronym may be: two capitals or more, or a capital and a digit ("G7"); starts with a letter ("5G" is a name). */
export function isAcronym(token: string): boolean {
  const core = token.replace(/-\p{N}+$/u, '');
  if (core.length < 2 || core.length > 12) return false;
  if (!/^\p{Lu}/u.test(core)) return false;
  const capitals = (core.match(/\p{Lu}/gu) ?? []).length;
  const digits = (core.match(/\p{N}/gu) ?? []).length;
  if (capitals < 2 && !(capitals >= 1 && digits >= 1)) return false;
  if (/\p{Ll}/u.test(core)) return false;
  return true;
}

/** "SDGs" -> "SDG", "MOUs" -> "MOU": a plural s after capitals is not part of the acronym. */
export function normalizeAcronym(token: string): string {
  return /\p{Lu}{2,}s$/u.test(token) ? token.slice(0, -1) : token;
}

const NUMBER_WORDS: Record<string, string> = {
  '1': 'one',
  '2': 'two',
  '3': 'three',
  '4': 'four',
  '5': 'five',
  '6': 'six',
  '7': 'seven',
  '8': 'eight',
  '9': 'nine',
  '10': 'ten',
  '11': 'eleven',
  '12': 'twelve',
  '15': 'fifteen',
  '20': 'twenty',
  '30': 'thirty',
  '77': 'seventy-seven',
};

/** What an expansion must supply: the acronym's capitals, and its numbers as words ("G7": g, then "seven"). */
function lettersOf(acronym: string): string[] {
  const out: string[] = [];
  for (const m of acronym.replace(/-/g, '').matchAll(/\p{Lu}|&|\p{N}+/gu)) out.push(/\p{N}/u.test(m[0]) ? `#${m[0]}` : m[0].toLowerCase());
  return out;
}

interface Word {
  word: string;
  start: number;
  end: number;
  /** Hyphenated parts ("Indo-Pacific" -> Indo, Pacific; "U.S." -> U, S). */
  parts: string[];
}

const WORDS = /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{N}'’&]*(?:-\s?[\p{L}\p{N}][\p{L}\p{N}'’&]*)*|&/gu;

/** Words with their hyphenated parts, keeping offsets. */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  const re = forText(WORDS, text);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const word = m[0];
    const parts = /^(?:\p{L}\.){2,}$/u.test(word) ? word.split('.').filter(Boolean) : word.split(/-\s?/).filter(Boolean);
    out.push({ word, start: m.index, end: m.index + word.length, parts });
  }
  return out;
}

/**
 * Can these words spell the letters, in order? Each word (or hyphenated
 * part) gives its first letter and maybe more letters found inside it
 * ("Telecommunications" gives T, E, L); function words may give theirs or
 * be skipped; `skips` content words may be skipped too.
 */
export function spells(letters: string[], words: string[][], skips = 0, inside = true): boolean {
  const parts = words.flat().map((p) => p.toLowerCase());
  const memo = new Map<string, boolean>();
  const go = (li: number, wi: number, left: number): boolean => {
    const key = `${li},${wi},${left}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let ok = false;
    if (wi === parts.length) ok = li === letters.length;
    else {
      const word = parts[wi];
      const stop = STOPWORDS.has(word) || /^\p{N}+$/u.test(word);
      // A number of the acronym: "Seven" or "7" for the 7 of "G7".
      if (li < letters.length && letters[li].startsWith('#')) {
        const n = letters[li].slice(1);
        // "Nutrition for Growth (N4G)", "Business to Business (B2B)": a homophone of the number.
        ok =
          ((word === n || word === NUMBER_WORDS[n] || (n === '4' && word === 'for') || (n === '2' && word === 'to')) && go(li + 1, wi + 1, left)) ||
          (STOPWORDS.has(word) && go(li, wi + 1, left));
        memo.set(key, ok);
        return ok;
      }
      if (stop && go(li, wi + 1, left)) ok = true;
      if (!ok && li < letters.length && word[0] === letters[li]) {
        let pos = 1;
        let l = li + 1;
        if (go(l, wi + 1, left)) ok = true;
        while (inside && !ok && l < letters.length) {
          const found = word.indexOf(letters[l], pos);
          if (found < 0) break;
          pos = found + 1;
          l++;
          if (go(l, wi + 1, left)) ok = true;
        }
      }
      // A content word inside the name that the acronym leaves out ("… Control and Prevention (CDC)").
      if (!ok && !stop && left > 0 && wi > 0) ok = go(li, wi + 1, left - 1);
    }
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0, skips);
}

export interface Expansion {
  acronym: string;
  expansion: string;
  unit: string;
  offset: number;
}

const PAREN_ACRONYM = /^((?:\p{L}\.){2,}\s+)?(\p{Lu}[\p{Lu}\p{N}&]*(?:-(?:\p{Lu}{1,}|\p{N}+))*s?)((?:\s+\p{L}\p{Ll}+){0,3})$/u;

/** The acronym written in a parenthesis ("ICT", "MOUs", "U.S. CDC", "ADMM Plus", "AHA Centre"), with any prefix before it. */
function parenAcronym(inner: string): { acronym: string; prefix: string | null; trailing: string | null } | null {
  const m = forText(PAREN_ACRONYM, inner).exec(inner.trim());
  if (!m) return null;
  const acronym = normalizeAcronym(m[2]);
  if (!isAcronym(acronym) || ROMAN.test(acronym)) return null;
  return { acronym, prefix: m[1]?.trim() ?? null, trailing: m[3].trim() || null };
}

/** Lower-case words that may join the capitalized words of a name, alone or before "the" ("of the", "to the"). */
const NAME_JOINERS = new Set(['of', 'for', 'on', 'in', 'to', 'against', 'de', 'del', 'la', '&']);

/**
 * The proper name that ends a text (just before a parenthesis): capitalized words, joined by "of", "for", "of the",
 * "and" …, with a list of capitalized words closed by "and" or "or" inside ("Safe, Orderly and Regular Migration");
 * at least two capitalized words. "and the" and a list of acronyms ("IMF, FSB and the …") end it.
 */
function nameBefore(before: string): { text: string; start: number } | null {
  if (/[,;:.(\s]$/.test(before.replace(/\s+$/, '')) || !before.trim()) return null;
  const tokens = [...before.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[,&]/gu)];
  const isCap = (w: string) => (/^\p{Lu}/u.test(w) && !/^(?:The|A|An|This|These|Its|Our|Their)$/.test(w)) || /^\d+(?:st|nd|rd|th)?$/.test(w);
  const titleCase = (w: string) => /^\p{Lu}\p{Ll}/u.test(w);
  let start = -1;
  let capitals = 0;
  let listClosed = false;
  let pending: string[] = [];
  for (let k = tokens.length - 1; k >= 0 && tokens.length - k <= 24; k--) {
    const w = tokens[k][0];
    if (!isCap(w)) {
      if (start < 0 || pending.length >= 2) break;
      pending.unshift(w);
      continue;
    }
    if (start >= 0) {
      // The joiners between this word and the name on its right, in reading order.
      const [a, b] = pending;
      const ok =
        pending.length === 0 ||
        (pending.length === 1 &&
          (NAME_JOINERS.has(a) || a === 'and' || a === 'or' || (a === ',' && listClosed && titleCase(w) && titleCase(tokens[start][0])))) ||
        (pending.length === 2 && NAME_JOINERS.has(a) && b === 'the');
      if (!ok) break;
      if (pending.length === 1 && (a === 'and' || a === 'or')) listClosed = true;
    }
    pending = [];
    if (/^\p{Lu}/u.test(w)) capitals++;
    start = k;
  }
  if (start < 0 || capitals < 2) return null;
  const text = before.slice(tokens[start].index!).trim();
  if (/[()]|[.;:]\s/.test(text)) return null;
  return { text, start: tokens[start].index! };
}

/** Find "Full Name (ACR)" and "ACR (Full Name)" in one text. */
export function findExpansions(unit: TextUnit): Expansion[] {
  const out: Expansion[] = [];
  const re = /\(([^()]{1,200})\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(unit.text))) {
    const inner = m[1].trim();
    const from = Math.max(0, m.index - 300);
    let before = unit.text.slice(from, m.index);
    const paren = parenAcronym(inner);
    if (paren) {
      const letters = lettersOf(paren.acronym);
      // "ASEAN Defense Ministerial Meeting Plus (ADMM Plus)": the word after the acronym is not part of what it stands for.
      if (paren.trailing && before.trimEnd().endsWith(` ${paren.trailing}`)) before = before.trimEnd().slice(0, -paren.trailing.length);
      const words = wordsOf(before);
      const maxWords = Math.min(words.length, letters.length * 3 + 4);
      let found: Word[] | null = null;
      // Shortest run of words before the parenthesis that spells the acronym by initials; then with letters from
      // inside words ("Telecommunications Working Group (TELWG)"); then allowing one left-out word.
      const passes: Array<[number, boolean]> =
        letters.length >= 3
          ? [
              [0, false],
              [0, true],
              [1, true],
            ]
          : [
              [0, false],
              [0, true],
            ];
      for (const [skips, inside] of passes) {
        for (let k = words.length - 1; k >= words.length - maxWords && !found; k--) {
          const candidate = words.slice(k);
          if (STOPWORDS.has(candidate[0].word.toLowerCase())) continue;
          if (candidate[0].parts[0][0].toLowerCase() !== letters[0]) continue;
          if (
            spells(
              letters,
              candidate.map((w) => w.parts),
              skips,
              inside,
            )
          )
            found = candidate;
          // "Treaty of Amity and Cooperation in Southeast Asia (TAC)": a closing phrase the acronym leaves out.
          else if (!skips) {
            const tail = candidate.findIndex((w, n) => n > 0 && /^(in|for|of|on)$/i.test(w.word) && candidate.length - n <= 4);
            if (
              tail > 0 &&
              candidate.slice(tail + 1).every((w) => /^\p{Lu}/u.test(w.word)) &&
              spells(
                letters,
                candidate.slice(0, tail).map((w) => w.parts),
                0,
                inside,
              )
            )
              found = candidate;
          }
        }
        if (found) break;
      }
      // No initials match: a name written just before the parenthesis is what the text expands the acronym to, as
      // with an acronym of another language ("Comprehensive Regional Protection and Solutions Framework (MIRPS)") or
      // of a numbered series ("United Nations Climate Change Conference (COP28)").
      if (!found && !paren.prefix && !paren.trailing) {
        const name = nameBefore(before);
        const ref = loadReference();
        if (name && paren.acronym.length >= 3 && !ref.acronyms.has(paren.acronym)) {
          out.push({ acronym: paren.acronym, expansion: name.text, unit: unit.id, offset: from + name.start });
          continue;
        }
      }
      if (found) {
        let first = words.indexOf(found[0]);
        // A proper name goes on to the left: "U.S. International Development Financial Corporation (DFC)",
        // unless the parenthesis writes that prefix itself ("U.S. Center for Disease Control and Prevention (U.S. CDC)").
        if (!paren.prefix && /^\p{Lu}/u.test(found[0].word)) {
          const extends_ = (w: Word) => (/^\p{Lu}\p{Ll}/u.test(w.word) && w.parts.every((p) => /^\p{Lu}/u.test(p))) || /^(?:\p{Lu}\.){2,}$/u.test(w.word);
          while (
            first > 0 &&
            extends_(words[first - 1]) &&
            !/['’]s?$/.test(words[first - 1].word) &&
            !/^(The|A|An|This|These|Our|Its|In|On|At|By|For|Under|With|We)$/.test(words[first - 1].word) &&
            before.slice(words[first - 1].end, words[first].start).trim() === ''
          )
            first--;
        }
        const expansion = before.slice(words[first].start, found[found.length - 1].end);
        out.push({ acronym: paren.acronym, expansion, unit: unit.id, offset: from + words[first].start });
      }
      continue;
    }
    // "ACR (Full Name)"
    const prev = /(\p{Lu}[\p{Lu}\p{N}&]*s?)\s*$/u.exec(before);
    if (prev && /\s/.test(inner)) {
      const acronym = normalizeAcronym(prev[1]);
      if (!isAcronym(acronym)) continue;
      const words = wordsOf(inner);
      if (
        words.length &&
        spells(
          lettersOf(acronym),
          words.map((w) => w.parts),
        )
      )
        out.push({ acronym, expansion: inner, unit: unit.id, offset: m.index });
    }
  }
  return out;
}

/** Spans of capitals written for emphasis or as headings: three capital words in a row, or two with a function word or a long word. */
function emphasisSpans(text: string, known: (token: string) => boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const run = /(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}’'&-]*(?:[\s,;:/&]+\p{Lu}[\p{Lu}’'&-]*)+(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(run)) {
    const words = m[0].split(/[\s,;:/&-]+/).filter(Boolean);
    const functionWord = words.some((w) => /^(AND|OF|THE|TO|FOR|IN|ON|WITH|WE|OUR|ARE|IS|BY|AT|AN?)$/.test(w));
    const unknownLong = words.some((w) => w.replace(/[’']S?$/, '').length >= 5 && !known(w));
    if (words.length >= 2 && (functionWord || unknownLong || words.length >= 4)) spans.push([m.index!, m.index! + m[0].length]);
  }
  return spans;
}

export interface Token {
  acronym: string;
  index: number;
}

/** Acronym tokens of a text, normalized, with document codes, Roman numerals, prefixes and emphasis left out. */
export function findTokens(text: string, known: (token: string) => boolean = () => false, isWord: (token: string) => boolean = () => false): Token[] {
  const ref = loadReference();
  const out: Token[] = [];
  const emphasis = /\p{Lu}{2,}[\s,;:&-]+\p{Lu}{2,}/u.test(text) ? emphasisSpans(text, known) : [];
  for (const m of text.matchAll(forText(TOKEN, text))) {
    const token = m[0];
    const at = m.index!;
    const after = text.slice(at + token.length, at + token.length + 12);
    const before = text[at - 1] ?? '';
    if (before && NOT_BEFORE.test(before)) continue;
    // "US$200 million": a currency sign, not an acronym.
    if (/^[$€£¥]/u.test(after)) continue;
    // Document codes: "ES-11/1", "A/RES/78/1", "S/Agenda/8979" (a slashed chunk with a number; "HIV/AIDS" is two acronyms).
    if (before === '/' || /^(?:-[\p{Lu}\p{N}]+)*\//u.test(after)) {
      let s = at;
      while (s > 0 && /[\p{L}\p{N}./-]/u.test(text[s - 1])) s--;
      let e = at + token.length;
      while (e < text.length && /[\p{L}\p{N}./-]/u.test(text[e])) e++;
      if (/\p{N}/u.test(text.slice(s, e))) continue;
    }
    const acronym = normalizeAcronym(token);
    if (!isAcronym(acronym) || ROMAN.test(acronym)) continue;
    if (ref.words.has(acronym)) continue;
    // "USS Ronald Reagan": a prefix before a name.
    if (ref.prefixes.has(acronym) && /^\s+\p{Lu}\p{Ll}/u.test(after)) continue;
    if (emphasis.some(([s, e]) => at >= s && at < e) && !known(acronym)) continue;
    // Verbs and words in capitals (URGES, NOTING, EXPAND) and long capital words are words, unless expanded or well known.
    if (!known(acronym) && (isWord(acronym) || acronym.replace(/-.*$/, '').length > 6)) continue;
    out.push({ acronym, index: at });
  }
  return out;
}

export interface GlossaryResult {
  entries: GlossaryEntry[];
  /** Acronyms used before the unit that expands them: [acronym, first-use unit, definition unit]. */
  usedBeforeExpansion: Array<[string, string, string]>;
  /** Acronyms never expanded in the text that the reference list knows: [acronym, first-use unit]. */
  unexpanded: Array<[string, string]>;
}

export function buildGlossary(units: TextUnit[], isWord: (token: string) => boolean = () => false): GlossaryResult {
  const ref = loadReference();
  const expansions = new Map<string, Expansion>();
  for (const unit of units) {
    if (!unit.text.includes('(')) continue;
    for (const e of findExpansions(unit)) if (!expansions.has(e.acronym)) expansions.set(e.acronym, e);
  }
  const known = (token: string) => expansions.has(normalizeAcronym(token)) || wellKnown(normalizeAcronym(token), ref) !== undefined;
  const uses = new Map<string, string[]>();
  for (const unit of units) {
    for (const { acronym } of findTokens(unit.text, known, isWord)) {
      const list = uses.get(acronym) ?? [];
      if (list[list.length - 1] !== unit.id) list.push(unit.id);
      uses.set(acronym, list);
    }
  }
  const order = new Map(units.map((u, i) => [u.id, i]));
  const entries: GlossaryEntry[] = [];
  const usedBeforeExpansion: GlossaryResult['usedBeforeExpansion'] = [];
  const unexpanded: GlossaryResult['unexpanded'] = [];
  for (const [acronym, list] of uses) {
    const expansion = expansions.get(acronym) ?? null;
    const firstUse = list[0];
    if (expansion) {
      entries.push({ acronym, expansion: expansion.expansion, firstUse, definedIn: expansion.unit, uses: list, source: 'text' });
      if ((order.get(firstUse) ?? 0) < (order.get(expansion.unit) ?? 0)) usedBeforeExpansion.push([acronym, firstUse, expansion.unit]);
      continue;
    }
    const reference = wellKnown(acronym, ref);
    // Never expanded: listed only when well known, with the reference list's expansion.
    if (reference === undefined) continue;
    entries.push({ acronym, expansion: reference, firstUse, definedIn: null, uses: list, source: 'reference' });
    unexpanded.push([acronym, firstUse]);
  }
  entries.sort((a, b) => a.acronym.localeCompare(b.acronym, 'en'));
  return { entries, usedBeforeExpansion, unexpanded };
}

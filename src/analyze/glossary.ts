/**
 * Analysis: acronyms. Expansions come from "Full Name (ACRONYM)" and
 * "ACRONYM (Full Name)" patterns; uses come from bare capitalized tokens.
 */
import type { GlossaryEntry } from '../model/schema.js';

export interface TextUnit {
  id: string;
  text: string;
}

const STOPWORDS = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'a', 'an', '&', 'de', 'la', 'du', 'des', 'et', 'at', 'by', 'with', 'le', 'les', 'del', 'y']);

/** A capitalized token; isAcronym() decides whether it is one. */
const TOKEN = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}&]*(?![\p{L}\p{N}])/gu;

const ROMAN = /^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;

export function isAcronym(token: string): boolean {
  if (token.length < 2 || token.length > 10) return false;
  const capitals = (token.match(/\p{Lu}/gu) ?? []).length;
  const digits = (token.match(/\p{N}/gu) ?? []).length;
  if (capitals < 2 && !(capitals >= 1 && digits >= 1)) return false;
  if (/\p{Ll}{2}/u.test(token)) return false;
  return true;
}

/** Letters an expansion must supply: the capitals (and digits) of the acronym. */
function lettersOf(acronym: string): string[] {
  return [...acronym].filter((c) => /\p{Lu}/u.test(c)).map((c) => c.toLowerCase());
}

/** Split into words, and hyphenated words into parts, keeping offsets. */
function wordsOf(text: string): Array<{ word: string; start: number; end: number; parts: string[] }> {
  const out: Array<{ word: string; start: number; end: number; parts: string[] }> = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’&-]*|&/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ word: m[0], start: m.index, end: m.index + m[0].length, parts: m[0].split('-').filter(Boolean) });
  return out;
}

/** Can these words spell the letters? Each non-stopword gives its first letter and maybe more letters from inside itself. */
export function spells(letters: string[], words: string[][]): boolean {
  const parts = words.flat();
  const memo = new Map<string, boolean>();
  const go = (li: number, wi: number): boolean => {
    const key = `${li},${wi}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let ok = false;
    if (wi === parts.length) ok = li === letters.length;
    else {
      const word = parts[wi].toLowerCase();
      const stop = STOPWORDS.has(word);
      if (stop && go(li, wi + 1)) ok = true;
      else if (li < letters.length && word[0] === letters[li]) {
        // Take the first letter, then optionally more letters found in order inside the word.
        let pos = 1;
        let l = li + 1;
        if (go(l, wi + 1)) ok = true;
        while (!ok && l < letters.length) {
          const found = word.indexOf(letters[l], pos);
          if (found < 0) break;
          pos = found + 1;
          l++;
          if (go(l, wi + 1)) ok = true;
        }
      }
    }
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

export interface Expansion {
  acronym: string;
  expansion: string;
  unit: string;
  offset: number;
}

/** Find "Full Name (ACR)" and "ACR (Full Name)" in one text. */
export function findExpansions(unit: TextUnit): Expansion[] {
  const out: Expansion[] = [];
  const re = /\(([^()]{1,200})\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(unit.text))) {
    const inner = m[1].trim();
    const before = unit.text.slice(Math.max(0, m.index - 240), m.index);
    const beforeOffset = Math.max(0, m.index - 240);
    if (isAcronym(inner.replace(/s$/, '')) && /^[\p{Lu}\p{N}&\p{Ll}]+$/u.test(inner)) {
      const acronym = normalizeAcronym(inner);
      const letters = lettersOf(acronym);
      const words = wordsOf(before);
      for (let k = words.length - 1; k >= Math.max(0, words.length - 14); k--) {
        const candidate = words.slice(k);
        if (STOPWORDS.has(candidate[0].word.toLowerCase())) continue;
        if (spells(letters, candidate.map((w) => w.parts))) {
          const expansion = before.slice(candidate[0].start, candidate[candidate.length - 1].end);
          out.push({ acronym, expansion, unit: unit.id, offset: beforeOffset + candidate[0].start });
          break;
        }
      }
      continue;
    }
    // "ACR (Full Name)"
    const prev = /(\p{Lu}[\p{Lu}\p{N}&]*s?)\s*$/u.exec(before);
    if (prev && isAcronym(prev[1].replace(/s$/, '')) && /\s/.test(inner)) {
      const acronym = normalizeAcronym(prev[1]);
      const words = wordsOf(inner);
      if (words.length && spells(lettersOf(acronym), words.map((w) => w.parts))) {
        out.push({ acronym, expansion: inner, unit: unit.id, offset: m.index });
      }
    }
  }
  return out;
}

/** "SDGs" -> "SDG": a plural s after capitals is not part of the acronym. */
export function normalizeAcronym(token: string): string {
  return /\p{Lu}{2,}s$/u.test(token) ? token.slice(0, -1) : token;
}

/** Every acronym-like token in a text, normalized. */
export function findTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    if (!isAcronym(token.replace(/s$/, '')) || ROMAN.test(token)) continue;
    out.push(normalizeAcronym(token));
  }
  return out;
}

export interface GlossaryResult {
  entries: GlossaryEntry[];
  /** Acronyms used before the unit that expands them: [acronym, first-use unit, definition unit]. */
  usedBeforeExpansion: Array<[string, string, string]>;
  unexpanded: Array<[string, string]>;
}

/** Capitalized English words that are never acronyms (they appear in UN-style capital leads). */
const COMMON_CAPS = new Set(['WITH', 'AND', 'THE', 'FOR', 'OF', 'TO', 'IN', 'ON', 'AT', 'BY', 'ALL', 'NEW', 'OUR', 'WE', 'NOT', 'ALSO', 'FURTHER', 'DEEP', 'CONCERN', 'FURTHERMORE', 'NOTE', 'ITS', 'THAT', 'THIS', 'AS', 'OR', 'AN', 'IS', 'ARE', 'BE']);

export function buildGlossary(units: TextUnit[], isWord: (token: string) => boolean = () => false): GlossaryResult {
  const expansions = new Map<string, Expansion>();
  for (const unit of units) for (const e of findExpansions(unit)) if (!expansions.has(e.acronym)) expansions.set(e.acronym, e);
  const uses = new Map<string, string[]>();
  for (const unit of units) {
    for (const token of findTokens(unit.text)) {
      // Long all-capital words (RECOGNISING, UNITED) are words, not acronyms, unless the text expands them.
      if (!expansions.has(token) && (token.length > 6 || COMMON_CAPS.has(token) || isWord(token))) continue;
      const list = uses.get(token) ?? [];
      if (list[list.length - 1] !== unit.id) list.push(unit.id);
      uses.set(token, list);
    }
  }
  const order = new Map(units.map((u, i) => [u.id, i]));
  const entries: GlossaryEntry[] = [];
  const usedBeforeExpansion: GlossaryResult['usedBeforeExpansion'] = [];
  const unexpanded: GlossaryResult['unexpanded'] = [];
  for (const [acronym, list] of uses) {
    const expansion = expansions.get(acronym) ?? null;
    const firstUse = list[0];
    entries.push({ acronym, expansion: expansion?.expansion ?? null, firstUse, definedIn: expansion?.unit ?? null, uses: list, source: expansion ? 'text' : null });
    if (!expansion) unexpanded.push([acronym, firstUse]);
    else if ((order.get(firstUse) ?? 0) < (order.get(expansion.unit) ?? 0)) usedBeforeExpansion.push([acronym, firstUse, expansion.unit]);
  }
  entries.sort((a, b) => a.acronym.localeCompare(b.acronym, 'en'));
  return { entries, usedBeforeExpansion, unexpanded };
}

/**
 * Who can be a party to a text (data/parties.yaml): party nouns, titles of
 * persons, bodies and countries with their other names. Also decides, per
 * document, which countries are its parties and whether it is written in the
 * third person.
 */
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { readYamlData } from '../util/precompiled.js';

export interface PartyData {
  nouns: Set<string>;
  nounsOfParty: Set<string>;
  modifiers: Set<string>;
  /** Titles as word arrays, longest first ("Prime Minister" before "Prime"). */
  titles: string[][];
  bodies: string[][];
  /** Names and other names (as words, lower case unless `exact`) -> the country's canonical name. */
  countryNames: Array<{ words: string[]; country: string; exact: boolean }>;
  /** The same, by lower-case first word. */
  countryIndex: Map<string, Array<{ words: string[]; country: string; exact: boolean }>>;
  /** Head nouns of a group that speaks as one ("Initiative", "Coalition"), as written. */
  groups: string[];
  /** Nouns that stand for a group's members ("members"), lower case. */
  memberNouns: Set<string>;
}

/** The group a text speaks for, named in its title ("International Counter Ransomware Initiative"), with its acronyms ("CRI"). */
export interface OwnGroup {
  name: string;
  /** Its head noun, lower case ("initiative"). */
  head: string;
  acronyms: Set<string>;
}

interface RawParties {
  nouns: string[];
  nounsOfParty?: string[];
  modifiers?: string[];
  titles: string[];
  bodies?: string[];
  groups?: string[];
  memberNouns?: string[];
  countries: Record<string, string[] | null>;
}

let cached: PartyData | null = null;

/** Words of a name, as the tokenizer splits them ("U.S." stays one word; "Timor-Leste" is three). */
export function nameWords(name: string): string[] {
  return name.match(/[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu) ?? [];
}

export function loadParties(path = join(packageRoot(), 'data', 'parties.yaml')): PartyData {
  const isDefault = path === join(packageRoot(), 'data', 'parties.yaml');
  if (cached && isDefault) return cached;
  const raw = readYamlData(path) as RawParties;
  const countryNames: PartyData['countryNames'] = [];
  for (const [country, others] of Object.entries(raw.countries)) {
    for (const name of [country, ...(others ?? [])]) {
      // Short names in capitals ("US", "UK", "EU") match only as written: "us" is a pronoun.
      const exact = /^[\p{Lu}.]{2,4}$/u.test(name) && !name.includes('.');
      const words = nameWords(name.replace(/^the\s+/i, '')).map((w) => (exact ? w : w.toLowerCase()));
      countryNames.push({ words, country, exact });
    }
  }
  countryNames.sort((a, b) => b.words.length - a.words.length);
  const words = (list: string[] | undefined) => (list ?? []).map((t) => t.split(/\s+/)).sort((a, b) => b.length - a.length);
  const countryIndex = new Map<string, PartyData['countryNames']>();
  for (const c of countryNames) {
    if (!c.words.length) continue;
    const key = c.words[0].toLowerCase().replace(/\.$/, '');
    countryIndex.set(key, [...(countryIndex.get(key) ?? []), c]);
  }
  const data: PartyData = {
    countryIndex,
    nouns: new Set(raw.nouns.map((n) => n.toLowerCase())),
    nounsOfParty: new Set((raw.nounsOfParty ?? []).map((n) => n.toLowerCase())),
    modifiers: new Set((raw.modifiers ?? []).map((n) => n.toLowerCase())),
    titles: words(raw.titles),
    bodies: words(raw.bodies),
    countryNames,
    groups: raw.groups ?? [],
    memberNouns: new Set((raw.memberNouns ?? []).map((n) => n.toLowerCase())),
  };
  if (isDefault) cached = data;
  return data;
}

/** The country whose name starts at words[i] (words as written), with its length in words. */
export function countryAt(words: readonly string[], i: number, data: PartyData): { country: string; length: number } | null {
  const first = words[i];
  if (first === undefined) return null;
  const candidates = data.countryIndex.get(first.toLowerCase().replace(/\.$/, ''));
  if (!candidates) return null;
  for (const { words: name, country, exact } of candidates) {
    if (!name.length) continue;
    let ok = true;
    for (let k = 0; k < name.length && ok; k++) {
      const w = words[i + k];
      if (w === undefined) ok = false;
      else if (exact) ok = w === name[k];
      else {
        const lw = w.toLowerCase();
        ok = lw === name[k] || lw === name[k].replace(/\.$/, '') || lw + '.' === name[k];
      }
    }
    if (ok) return { country, length: name.length };
  }
  return null;
}

/** Countries named in a string (a title): canonical names. */
export function countriesIn(text: string, data: PartyData): Set<string> {
  const words = nameWords(text).map((w) => w.replace(/[’']s$/, ''));
  const found = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const hit = countryAt(words, i, data);
    if (hit) {
      found.add(hit.country);
      i += hit.length - 1;
    }
  }
  return found;
}

/**
 * The group a text speaks for: a capitalized name in its title that holds a group noun ("International Counter
 * Ransomware Initiative 2024 Joint Statement", "Global Alliance for Clean Water …"), with the acronyms the text
 * expands to that name or the title writes in a parenthesis after it. Null when the title names none.
 */
export function ownGroup(title: string, expansions: ReadonlyArray<{ acronym: string; expansion: string | null }>, data: PartyData): OwnGroup | null {
  if (!title || !data.groups.length) return null;
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heads = data.groups.map((g) => g.split(/\s+/).map(esc).join('\\s+')).join('|');
  // The capitalized run that holds the head noun, with what follows it ("Global Alliance for Clean Water").
  const re = new RegExp(
    `((?:\\p{Lu}[\\p{L}\\p{N}'’-]*\\s+(?:(?:of|for|on|and|the|against)\\s+)*){1,8})(${heads})((?:\\s+(?:(?:of|for|on|and|the|against)\\s+)*\\p{Lu}[\\p{L}'’-]*)*)(?![\\p{L}])`,
    'u',
  );
  const m = re.exec(title.replace(/\s+/g, ' '));
  if (!m) return null;
  const name = `${m[1]}${m[2]}${m[3]}`.trim();
  const norm = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const acronyms = new Set<string>();
  for (const e of expansions) if (e.expansion && norm(e.expansion).split(' ').length >= 2 && norm(name).endsWith(norm(e.expansion))) acronyms.add(e.acronym);
  const paren = /^\s*\((\p{Lu}[\p{Lu}\p{N}]+)\)/u.exec(title.slice(m.index + m[0].length));
  if (paren) acronyms.add(paren[1]);
  return { name, head: m[2].toLowerCase(), acronyms };
}

/**
 * Analysis: instruments the text cites, found as titled references: a run of
 * capitalized words (with "of", "on", "for", "and"… inside, years and
 * "(ACR)" allowed) that holds a keyword such as Vision, Roadmap or Declaration.
 */
import type { Instrument } from '../model/schema.js';
import type { TextUnit } from './glossary.js';

export const KEYWORDS = new Set([
  'Vision', 'Plan', 'Roadmap', 'Blueprint', 'Goals', 'Agenda', 'Declaration', 'Principles', 'Framework', 'Initiative',
  'Strategy', 'Charter', 'Convention', 'Agreement', 'Agreements', 'Accord', 'Accords', 'Treaty', 'Protocol', 'Compact', 'Pact',
  'Programme', 'Program', 'Code', 'Guidelines', 'Consensus', 'Statement', 'Resolution', 'Communiqué', 'Communique',
]);
const CONNECTORS = new Set(['of', 'on', 'for', 'and', 'to', 'in', 'de', 'la', 'the', 'against', '&']);
const MONTHS = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
const TRAILING_DROP = new Set(['No', 'Nos', 'Art', 'Para']);
const LEADING_DROP = new Set(['The', 'This', 'That', 'These', 'Our', 'Such', 'Its', 'Their', 'A', 'An', 'We', 'In', 'Under', 'Through', 'With', 'By', 'As', 'At', 'To', 'For', 'On', 'Recalling', 'Welcoming', 'Building']);

type Token = { text: string; start: number; end: number; kind: 'cap' | 'lower' | 'year' | 'paren' | 'punct' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\((?:\p{Lu}[\p{Lu}\p{N}&]*s?|\d{4}\s*[-–—]\s*\d{4}|\d{4})\)|\d{4}(?:[-–—]\d{2,4})?(?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|&|\S/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const t = m[0];
    const kind: Token['kind'] = t.startsWith('(') && t.length > 2 ? 'paren' : /^\d{4}/.test(t) ? 'year' : /^\p{Lu}/u.test(t) ? 'cap' : /^[\p{Ll}&]/u.test(t) ? 'lower' : 'punct';
    out.push({ text: t.replace(/[.]$/, ''), start: m.index, end: m.index + t.replace(/[.]$/, '').length, kind });
  }
  return out;
}

/** Titled references in one text, as written. */
export function findInstrumentTitles(text: string): string[] {
  const tokens = tokenize(text);
  const found: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i].kind !== 'cap' && tokens[i].kind !== 'year') {
      i++;
      continue;
    }
    // Grow a phrase from i.
    let j = i;
    let last = i;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1];
      if (next.kind === 'cap' || (next.kind === 'year' && j >= i)) {
        j++;
        last = j;
        continue;
      }
      if (next.kind === 'lower' && CONNECTORS.has(next.text)) {
        // "and the" ends a title: it joins two titles, not one.
        const after = tokens[j + 2];
        const afterAfter = tokens[j + 3];
        if (next.text === 'and' && after?.text === 'the') break;
        if (after && MONTHS.has(after.text)) break;
        if (after && (after.kind === 'cap' || (after.text === 'the' && afterAfter?.kind === 'cap' && next.text !== 'and'))) {
          j++;
          continue;
        }
        break;
      }
      if (next.kind === 'paren') {
        const after = tokens[j + 2];
        const isYears = /\d/.test(next.text);
        if (isYears || after?.kind === 'cap') {
          j++;
          last = j;
          continue;
        }
        break;
      }
      break;
    }
    const phrase = tokens.slice(i, last + 1);
    while (phrase.length && TRAILING_DROP.has(phrase[phrase.length - 1].text)) phrase.pop();
    // Drop leading function words and sentence openers.
    while (phrase.length && (LEADING_DROP.has(phrase[0].text) || phrase[0].kind === 'paren' || (phrase[0].kind === 'lower'))) phrase.shift();
    const keywordAt = phrase.findIndex((t) => KEYWORDS.has(t.text));
    if (keywordAt >= 0 && phrase.filter((t) => t.kind === 'cap').length >= 2) {
      found.push(text.slice(phrase[0].start, phrase[phrase.length - 1].end));
    }
    i = last + 1;
  }
  return found;
}

export interface InstrumentOptions {
  /** Titles from front matter: added to (or, with `only`, replacing) those found. */
  add: string[];
  only: string[] | null;
  ignore: string[];
  /** Titles never listed (the document's own kind, e.g. "Ministerial Declaration"). */
  exclude: string[];
}

export function buildInstruments(units: TextUnit[], options: InstrumentOptions): Instrument[] {
  const byTitle = new Map<string, Instrument>();
  const cite = (title: string, unit: string, origin: Instrument['origin']) => {
    const entry = byTitle.get(title) ?? { title, paragraphs: [], origin };
    if (!entry.paragraphs.includes(unit)) entry.paragraphs.push(unit);
    byTitle.set(title, entry);
  };
  const exclude = new Set([...options.exclude, ...options.ignore].map((t) => t.toLowerCase()));
  if (!options.only) {
    for (const unit of units) {
      for (const title of findInstrumentTitles(unit.text)) {
        if (!exclude.has(title.toLowerCase())) cite(title, unit.id, 'text');
      }
    }
  }
  for (const title of options.only ?? options.add) {
    for (const unit of units) if (unit.text.includes(title)) cite(title, unit.id, byTitle.get(title)?.origin ?? 'front-matter');
    if (!byTitle.has(title)) byTitle.set(title, { title, paragraphs: [], origin: 'front-matter' });
  }
  return [...byTitle.values()].sort((a, b) => a.title.localeCompare(b.title, 'en'));
}

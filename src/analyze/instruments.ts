/**
 * Analysis: instruments the text cites (docs/analysis.md), found as titled
 * references: a run of capitalized words (with "of", "on", "for", "and"…
 * inside, years, codes and "(ACR)" allowed) that holds a keyword such as
 * Vision, Roadmap, Declaration or Treaty; resolutions with their numbers and
 * years ("Security Council resolution 2623 (2022)", "UN General Assembly
 * Resolution ES-11/1"); "Minsk agreements". A later short form of a title
 * ("UN Charter" after "United Nations Charter") cites the first.
 */
import type { Instrument } from '../model/schema.js';
import type { TextUnit } from './glossary.js';
import { forText } from '../util/bmp-regexp.js';

export const KEYWORDS = new Set([
  'Vision',
  'Plan',
  'Roadmap',
  'Blueprint',
  'Goals',
  'Agenda',
  'Declaration',
  'Principles',
  'Framework',
  'Strategy',
  'Charter',
  'Convention',
  'Conventions',
  'Agreement',
  'Agreements',
  'Accord',
  'Accords',
  'Treaty',
  'Protocol',
  'Compact',
  'Pact',
  'Programme',
  'Program',
  'Code',
  'Guidelines',
  'Consensus',
  'Statement',
  'Resolution',
  'Communiqué',
  'Communique',
  'Outlook',
  'Act',
  'Memorandum',
  'Annex',
  'Covenant',
  'Arrangement',
]);
const KEYWORD_TEST = new RegExp(`\\b(?:${[...KEYWORDS].join('|')})\\b`);
/** Lower-case words that may join the capitalized words of a title. */
const CONNECTORS = new Set([
  'of',
  'on',
  'for',
  'and',
  'or',
  'to',
  'in',
  'de',
  'la',
  'the',
  'against',
  '&',
  'into',
  'at',
  'concerning',
  'among',
  'towards',
  'with',
  'by',
]);
/** Lower-case determiners inside a title, after a connector ("… of all Migrant Workers and Members of their Families"). */
const INNER_DETERMINERS = new Set(['the', 'all', 'their', 'its']);
/** Words that open a qualifier still inside a title after a comma ("… Trafficking in Persons, especially Women and Children"). */
const INNER_QUALIFIERS = new Set(['especially', 'particularly']);
/** Keywords of treaties that a year alone names ("its 1967 Protocol", "the 1951 Convention"). */
const TREATY_KEYWORDS = new Set(['Protocol', 'Convention', 'Treaty', 'Agreement', 'Accord', 'Charter', 'Covenant']);
/** Plural possessives that belong to a title ("G7 Digital & Tech Ministers’ Statement"), unlike "the United States’ Indo-Pacific Strategy". */
const ROLE_PLURALS = /^(Leaders|Ministers|Heads|Governors|Chairs|Presidents|Parties|Members|Peoples|Women|Workers|Partners|Experts|Officials)['’]$/;
const MONTHS = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
const TRAILING_DROP = new Set(['No', 'Nos', 'Art', 'Para']);
const LEADING_DROP = new Set([
  'The',
  'This',
  'That',
  'These',
  'Our',
  'Such',
  'Its',
  'Their',
  'A',
  'An',
  'We',
  'In',
  'Under',
  'Through',
  'With',
  'By',
  'As',
  'At',
  'To',
  'For',
  'On',
  'Recalling',
  'Welcoming',
  'Building',
  'Including',
  'Together',
  'Along',
  'Alongside',
  'Pursuant',
  'Consistent',
  'According',
  'Following',
  'Further',
  'Noting',
  'Reaffirming',
]);
/** Resolutions as the text names them: "Security Council resolution 2623 (2022)", "resolution 377 A (V)", "UN General Assembly Resolution ES-11/1". */
const RESOLUTION =
  /(?:(?:UN|United Nations)\s+)?(?:(?:General Assembly|Security Council|Human Rights Council|Economic and Social Council)\s+)?\b[Rr]esolutions?\s+(?:[A-Z]+\/)*[A-Z]*-?\d[\w.-]*(?:\/[\w.-]*\w)*(?:\s+[A-Z](?=\s*\())?(?:\s*\((?:\d{4}|[IVXLC]+)\))?/g;
/** "Minsk agreements": one capitalized name and a lower-case plural keyword. */
const NAMED_PLURAL = /(?<![\p{L}\p{N}-])(\p{Lu}\p{Ll}+)\s+(agreements|accords|conventions|protocols)\b/gu;
const GENERIC =
  /^(The|These|Those|All|Other|Such|Relevant|Our|Their|International|Bilateral|Trade|Existing|Multilateral|Regional|Several|Various|Many|New|Previous|Both)$/;

type Token = { text: string; start: number; end: number; kind: 'cap' | 'lower' | 'year' | 'paren' | 'punct' };

/** Tokens of an instrument title (tokenize); compiled through forText, whose comment says why. */
const TOKEN =
  /\((?:\p{Lu}[\p{Lu}\p{N}&]*s?|\d{4}\s*[-–—]\s*\d{4}|\d{4}|\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,3})\)|\d{4}(?:[-–—]\d{2,4})?(?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{N}'’-]*(?:\.\p{Lu})+\.(?:-\p{L}[\p{L}\p{N}'’]*)*|[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*(?:-\s(?=\p{Lu})[\p{L}\p{N}'’-]*)*[\p{L}\p{N}](?:(?<=s)['’])?|[\p{L}\p{N}]|&|\S/gu;
const DOTTED = /(?:\.\p{Lu})+\.(?:-\p{L}[\p{L}\p{N}'’]*)*$/u;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = forText(TOKEN, text);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const t = m[0];
    const kind: Token['kind'] =
      t.startsWith('(') && t.length > 2
        ? 'paren'
        : /^\d{4}/.test(t)
          ? 'year'
          : /^\p{Lu}/u.test(t) || /^\p{N}+\p{Lu}/u.test(t)
            ? 'cap'
            : /^[\p{Ll}&]/u.test(t)
              ? 'lower'
              : 'punct';
    // A full stop ends the token unless it is a dotted abbreviation ("U.S.", "ASEAN-U.S.").
    const written = forText(DOTTED, text).test(t) ? t : t.replace(/[.]$/, '');
    out.push({ text: written, start: m.index, end: m.index + written.length, kind });
  }
  return out;
}

/** Titled references in one text, as written. `isVerb` tells capital verbs of UN-style openings ("NOTE the …"). */
export function findInstrumentTitles(text: string, isVerb: (word: string) => boolean = () => false): string[] {
  const found: Array<{ start: number; title: string }> = [];
  const taken: Array<[number, number]> = [];
  const inTaken = (at: number) => taken.some(([s, e]) => at >= s && at < e);
  const keyword = KEYWORD_TEST.test(text);
  if (!keyword && !/esolution|agreements|accords|conventions|protocols/.test(text)) return [];
  if (text.includes('esolution'))
    for (const m of text.matchAll(RESOLUTION)) {
      if (!/\d/.test(m[0])) continue;
      const title = m[0].trim().replace(/[.,;]$/, '');
      found.push({ start: m.index!, title });
      taken.push([m.index!, m.index! + m[0].length]);
    }
  if (/agreements|accords|conventions|protocols/.test(text))
    for (const m of text.matchAll(NAMED_PLURAL)) {
      if (GENERIC.test(m[1]) || inTaken(m.index!)) continue;
      // Only a name: not a sentence's first word ("Agreements …") nor a capitalized word inside a title.
      const prev = text.slice(Math.max(0, m.index! - 2), m.index!);
      if (/\p{Lu}\p{L}*\s$/u.test(text.slice(Math.max(0, m.index! - 20), m.index!)) || !/\s$/.test(prev)) continue;
      found.push({ start: m.index!, title: m[0] });
    }
  if (keyword) {
    // Titles do not run over a semicolon or a sentence end: only the pieces that hold a keyword are read.
    const piece = /[^;]+?(?:(?<=[\p{Ll}\p{N})”"’]{2}[.!?])(?=\s+\P{Ll})|;|$)/gu;
    for (const m of text.matchAll(piece)) {
      if (!m[0] || !KEYWORD_TEST.test(m[0])) continue;
      titlesIn(m[0], m.index!, isVerb, inTaken, found);
    }
  }
  return found.sort((a, b) => a.start - b.start).map((f) => f.title);
}

/** Capitalized titles holding a keyword in one piece of text (offsets from `offset`). */
function titlesIn(
  text: string,
  offset: number,
  isVerb: (word: string) => boolean,
  taken: (at: number) => boolean,
  found: Array<{ start: number; title: string }>,
): void {
  const inTaken = (at: number) => taken(at + offset);
  const tokens = tokenize(text);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const yearStart = t.kind === 'year' && tokens[i + 1]?.kind === 'cap';
    if ((t.kind !== 'cap' && !yearStart) || inTaken(t.start)) {
      i++;
      continue;
    }
    // Grow a phrase from i.
    let j = i;
    let last = i;
    let connected = false;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1];
      const after = tokens[j + 2];
      const afterAfter = tokens[j + 3];
      if (inTaken(next.start)) break;
      // A list of titles without separators ("… on Ukraine G7 Clean Energy Economy Action Plan"): a new one starts.
      if (next.text === t.text && j > i && tokens[j].kind === 'cap' && tokens.slice(i, j + 1).some((w) => KEYWORDS.has(w.text))) break;
      if (next.kind === 'cap' || (next.kind === 'year' && j >= i)) {
        j++;
        last = j;
        continue;
      }
      if (next.kind === 'lower' && CONNECTORS.has(next.text)) {
        // "and the" joins two titles; so does "and" after a year ("Geneva Conventions of 1949 and …").
        if (
          (next.text === 'and' || next.text === 'or') &&
          (after?.text === 'the' || tokens[j].kind === 'year' || tokens[j].kind === 'paren' || /['’]s$/.test(after?.text ?? ''))
        )
          break;
        // "or" only inside a title already named by its keyword ("… Degrading Treatment or Punishment"), not between two names.
        if (next.text === 'or' && !tokens.slice(i, j + 1).some((w) => KEYWORDS.has(w.text))) break;
        if (after && MONTHS.has(after.text)) break;
        // "by Land, Sea and Air" is inside a title; "by the Leaders", "by 2030" are not.
        if (next.text === 'by' && (!connected || after?.kind !== 'cap' || !(tokens[j + 3]?.text === ',' || tokens[j + 3]?.text === 'and'))) break;
        if (
          after &&
          (after.kind === 'cap' ||
            (after.kind === 'year' && next.text !== 'and' && next.text !== 'or' && !/^\p{Lu}/u.test(afterAfter?.text ?? '')) ||
            (INNER_DETERMINERS.has(after.text) &&
              afterAfter?.kind === 'cap' &&
              next.text !== 'and' &&
              next.text !== 'or' &&
              (after.text === 'the' || next.text === 'of')))
        ) {
          if (next.text !== 'and' && next.text !== 'or') connected = true;
          // "of all", "of their": the determiner goes with the connector.
          j += after.kind === 'lower' && after.text !== 'the' ? 2 : 1;
          continue;
        }
        // "… in accordance with the Charter": a fixed phrase inside a title.
        if (next.text === 'in' && after?.text === 'accordance' && afterAfter?.text === 'with' && connected) {
          j += 3;
          continue;
        }
        break;
      }
      // "Zone of Peace, Freedom and Neutrality", "Other Cruel, Inhuman, or Degrading Treatment": capitalized words listed
      // inside a title, closed by "and" or "or".
      if (next.text === ',' && connected && after?.kind === 'cap') {
        let k = j + 2;
        let closed = false;
        while (k < tokens.length && k - j < 12) {
          const w = tokens[k];
          if (w.kind === 'cap') k++;
          else if (w.text === ',' && (tokens[k + 1]?.kind === 'cap' || tokens[k + 1]?.text === 'and' || tokens[k + 1]?.text === 'or')) k++;
          else if ((w.text === 'and' || (w.text === 'or' && tokens.slice(i, j + 1).some((x) => KEYWORDS.has(x.text)))) && tokens[k + 1]?.kind === 'cap') {
            closed = true;
            k++;
          } else break;
        }
        if (closed) {
          j = k - 1;
          last = j;
          continue;
        }
        break;
      }
      // "… in Persons, especially Women and Children": a qualifier of the title's own.
      if (
        next.text === ',' &&
        connected &&
        after &&
        INNER_QUALIFIERS.has(after.text) &&
        afterAfter?.kind === 'cap' &&
        tokens.slice(i, j + 1).some((w) => KEYWORDS.has(w.text))
      ) {
        j += 2;
        continue;
      }
      if (next.kind === 'paren') {
        // "(2021-2025)" belongs to the title; "(POA) to Implement …" and "(MPAC) 2025" go on; a trailing alias is left out.
        if (/^\(\d/.test(next.text)) {
          j++;
          last = j;
          continue;
        }
        // "Bio-Circular-Green (BCG) Economy" goes on too, but not "Roadmap (ASCR) Mid-Term Review" after a keyword.
        if (
          (after?.kind === 'lower' && CONNECTORS.has(after.text) && after.text !== 'and' && afterAfter?.kind === 'cap') ||
          after?.kind === 'year' ||
          (after?.kind === 'cap' && !KEYWORDS.has(tokens[j].text))
        ) {
          j++;
          continue;
        }
        break;
      }
      break;
    }
    const phrase = tokens.slice(i, last + 1);
    // Trailing function words, "No." and an owner ("… at the WTO’s") are not part of the title.
    while (
      phrase.length &&
      (TRAILING_DROP.has(phrase[phrase.length - 1].text) || phrase[phrase.length - 1].kind === 'lower' || /['’]s$/.test(phrase[phrase.length - 1].text))
    )
      phrase.pop();
    // "… Progress Declaration for the GCM": a closing "for the <acronym>" qualifies the title, it is not part of it.
    {
      const n = phrase.length;
      if (
        n >= 4 &&
        phrase[n - 3].text === 'for' &&
        phrase[n - 2].text === 'the' &&
        /^\p{Lu}[\p{Lu}\p{N}&]+s?$/u.test(phrase[n - 1].text) &&
        phrase.slice(0, n - 3).some((w) => KEYWORDS.has(w.text))
      )
        phrase.splice(n - 3, 3);
    }
    // Drop leading function words, sentence openers, capital verbs ("NOTE the …") and a possessive ("APEC’s Bangkok Goals").
    for (;;) {
      const first = phrase[0];
      if (!first) break;
      if (
        LEADING_DROP.has(first.text) ||
        first.kind === 'paren' ||
        first.kind === 'lower' ||
        (/^\p{Lu}+$/u.test(first.text) && first.text.length > 3 && isVerb(first.text))
      )
        phrase.shift();
      else if (/['’]s$/.test(first.text) && phrase.length > 1 && !ownerNames(phrase, 0)) phrase.shift();
      else break;
    }
    // "the United States’ Indo-Pacific Strategy": the owner is not part of the title; but an owner that names a title
    // opening with its keyword is ("International Labour Organization’s Declaration on Fundamental Principles …").
    const owner = phrase.findIndex(
      (w, n) => n < phrase.length - 1 && /['’]s?$/.test(w.text) && !ROLE_PLURALS.test(w.text) && !KEYWORDS.has(w.text.replace(/['’]s?$/, '')),
    );
    if (owner >= 0 && owner < phrase.findIndex((w) => KEYWORDS.has(w.text.replace(/['’]$/, ''))) && !ownerNames(phrase, owner)) phrase.splice(0, owner + 1);
    const keywordAt = phrase.findIndex((w) => KEYWORDS.has(w.text.replace(/['’]$/, '')));
    const before = text.slice(Math.max(0, (phrase[0]?.start ?? 0) - 12), phrase[0]?.start ?? 0);
    // "This Golden Gate Declaration", "the present resolution": the text itself.
    const self = /\b(?:this|present)\s+$/i.test(before);
    // "its 1967 Protocol", "the 1951 Convention": a year and a treaty keyword name an instrument.
    const yearTreaty = phrase.length === 2 && phrase[0].kind === 'year' && TREATY_KEYWORDS.has(phrase[1].text) && /\b(?:its|their|the)\s+$/i.test(before);
    if (keywordAt >= 0 && !self && (phrase.filter((w) => w.kind === 'cap').length >= 2 || yearTreaty)) {
      found.push({ start: offset + phrase[0].start, title: text.slice(phrase[0].start, phrase[phrase.length - 1].end) });
    }
    i = last + 1;
  }
}

/** The owner at phrase[at] ("X’s") names a title that opens with its keyword ("… Organization’s Declaration on …"): keep it. */
function ownerNames(phrase: readonly Token[], at: number): boolean {
  const next = phrase[at + 1];
  return Boolean(next && KEYWORDS.has(next.text) && /^(?:on|of|for|concerning|against)$/.test(phrase[at + 2]?.text ?? '') && /['’]s$/.test(phrase[at].text));
}

/** A title for comparing mentions: "UN" as "United Nations", parenthesized acronyms, quotes and case left out. */
function titleKey(title: string, expand: ReadonlyMap<string, string> = new Map()): string {
  return title
    .replace(/\((?:\p{Lu}[\p{Lu}\p{N}&]*s?)\)/gu, ' ')
    .replace(/\b\p{Lu}[\p{Lu}\p{N}]+\b/gu, (acronym) => expand.get(acronym) ?? acronym)
    .replace(/\bUN\b/g, 'United Nations')
    .replace(/['’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A later short form of a title already found ("UN Charter" after "United Nations Charter", "Declaration on Friendly Relations" after its full title). */
function shortFormOf(title: string, earlier: ReadonlyArray<{ title: string; key: string }>, expand: ReadonlyMap<string, string>): string | null {
  const key = titleKey(title, expand);
  const words = key.split(' ');
  for (const { title: e, key: ek } of earlier) {
    if (ek === key) return e;
    if (words.length >= 2 && ` ${ek} `.includes(` ${key} `)) return e;
    // Every word in order, opening with the same keyword: "Declaration on Friendly Relations".
    const ew = ek.split(' ');
    let at = 0;
    for (const w of ew) if (w === words[at]) at++;
    if (at === words.length && words.length >= 3 && ew[0] === words[0] && KEYWORDS.has(title.split(' ')[0])) return e;
  }
  return null;
}

export interface InstrumentOptions {
  /** Titles from front matter: added to (or, with `only`, replacing) those found. */
  add: string[];
  only: string[] | null;
  ignore: string[];
  /** Titles never listed (the document's own kind, e.g. "Ministerial Declaration"). */
  exclude: string[];
  /** Capital words that are verbs ("NOTE", "SUPPORT") rather than the start of a title. */
  isVerb?: (word: string) => boolean;
  /** Acronyms the text expands ("CSP" -> "Comprehensive Strategic Partnership"), to tell a short form of a title. */
  expansions?: ReadonlyMap<string, string>;
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
    const titles: Array<{ title: string; key: string }> = [];
    const expand = options.expansions ?? new Map<string, string>();
    // Titles the body cites (not only a heading): a section heading that names a topic ("Holistic Counternarcotics
    // Strategy") is no citation; one the body then cites ("the Los Angeles Declaration") is.
    const inBody = new Set<string>();
    for (const unit of units) {
      for (const title of findInstrumentTitles(unit.text, options.isVerb)) {
        if (exclude.has(title.toLowerCase())) continue;
        const earlier = shortFormOf(title, titles, expand);
        if (!unit.heading) inBody.add(earlier ?? title);
        if (earlier) {
          cite(earlier, unit.id, 'text');
          continue;
        }
        titles.push({ title, key: titleKey(title, expand) });
        cite(title, unit.id, 'text');
      }
    }
    for (const title of [...byTitle.keys()]) if (!inBody.has(title)) byTitle.delete(title);
  }
  for (const title of options.only ?? options.add) {
    for (const unit of units) if (unit.text.includes(title)) cite(title, unit.id, byTitle.get(title)?.origin ?? 'front-matter');
    if (!byTitle.has(title)) byTitle.set(title, { title, paragraphs: [], origin: 'front-matter' });
  }
  return [...byTitle.values()].sort((a, b) => a.title.localeCompare(b.title, 'en'));
}

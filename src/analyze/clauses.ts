/**
 * Analysis: clauses — who states a position, with which verb, how strongly
 * (docs/analysis.md). Sentences come from segment.ts, tokens, tags and
 * lemmas from the language layer (nlp.ts), verb classes from
 * data/verbs.yaml and who can be a party from data/parties.yaml.
 *
 * A clause is a verb whose subject is a party: first person ("We", "We, the
 * Ministers …, reaffirm"), third person ("The two sides", "Both sides",
 * "They", "President Biden", "Saudi Arabia and the United States"), or the
 * subject of a UN-style text, stated once ("The General Assembly,") and
 * implied by every paragraph that opens with a participle (preambular) or a
 * verb (operative). Verbs joined to the first ("stressed … and affirmed …")
 * give a clause each.
 */
import type { Clause, Modality, StrengthName } from '../model/schema.js';
import type { Lexicon, FormEntry, Inflection, VerbEntry } from './lexicon.js';
import { rankOf } from './lexicon.js';
import type { PartyData, OwnGroup } from './parties.js';
import { countryAt } from './parties.js';
import type { TextSentence } from './segment.js';
import { tag, type Tagged, type Token } from './nlp.js';

export interface ClauseOptions {
  lexicon: Lexicon;
  parties: PartyData;
  /** Countries that are parties to this text (named in its title). */
  partyCountries: Set<string>;
  /** Document kind and title, for the implied subject of a UN-style text without a subject line. */
  kind: string | null;
  title: string | null;
  /** The group the text speaks for, named in its title ("International Counter Ransomware Initiative"): its members are parties. */
  group?: OwnGroup | null;
}

/** Adverbs that may stand between a subject and its verb; kept as the clause's modifiers. */
const ADVERBS = new Set([
  'also',
  'further',
  'furthermore',
  'again',
  'therefore',
  'thus',
  'hence',
  'jointly',
  'collectively',
  'together',
  'still',
  'now',
  'hereby',
  'today',
  'accordingly',
  'too',
  'moreover',
  'equally',
  'similarly',
  'likewise',
  'additionally',
  'indeed',
  'once',
  'then',
  'already',
  'hereafter',
  'henceforth',
  'thereby',
  'duly',
  'only',
  'all',
  'both',
  'each',
  'themselves',
  'ourselves',
  'firmly',
  'strongly',
  'highly',
  'deeply',
  'fully',
  'warmly',
  'sincerely',
  'greatly',
  'particularly',
  'especially',
  'specifically',
  'actively',
  'resolutely',
]);
const FUTURE = new Set(['will', 'shall', "'ll", '’ll']);
/** Modalities that make a narration verb an undertaking ("will review the request", "intend to convene donors"). */
const UNDERTAKING = new Set<Modality | null>(['will', 'shall', 'intend', 'aim']);
const MODALS = new Set(['must', 'should', 'can', 'could', 'would', 'might', 'do', 'does', 'did', 'cannot', 'ca', 'wo', 'need']);
const NEGATIONS = new Set(['not', 'never', "n't", 'n’t', 'no longer']);
const HAVE = new Set(['have', 'has', 'had', 'having']);
const BE = new Set([
  'are',
  'is',
  'am',
  'was',
  'were',
  'be',
  'been',
  'being',
  'remain',
  'remains',
  'remained',
  'remaining',
  'stay',
  'stays',
  'stayed',
  'become',
  'became',
  'feel',
  'feels',
  'felt',
]);
/** Words that open a subordinate clause: a subject after them is not the sentence's. */
const SUBORDINATORS = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'whereby',
  'wherein',
  'when',
  'whenever',
  'while',
  'whilst',
  'whether',
  'if',
  'because',
  'although',
  'though',
  'unless',
  'until',
  'as',
  'how',
  'what',
  'why',
  'once',
  'since',
  'whereas',
  'lest',
]);
/** Words before a subject that still leave it the sentence's own ("Today we", "To do so we", "Together, we"). */
const OPENERS = new Set([
  'today',
  'now',
  'together',
  'here',
  'so',
  'then',
  'accordingly',
  'therefore',
  'thus',
  'hence',
  'finally',
  'furthermore',
  'moreover',
  'further',
  'also',
  'again',
  'additionally',
  'likewise',
  'similarly',
  'similarly',
  'indeed',
]);
const DETERMINERS = new Set(['the', 'both', 'our', 'these', 'their', 'all']);
const NUMBERS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'both']);
/** Words after a verb-or-noun that show it is a noun ("support for", "increase in"). */
const NOUN_FOLLOWERS = new Set([
  'of',
  'for',
  'from',
  'in',
  'and',
  'or',
  ',',
  '.',
  ';',
  ':',
  ')',
  'between',
  'among',
  'with',
  'at',
  'by',
  'as',
  'is',
  'are',
  'was',
  'were',
]);
const QUOTES = /^["'“”‘’]$/;
/** Words that are never verbs: read without asking the model. */
const CLOSED = new Set([
  'we',
  'they',
  'it',
  'there',
  'he',
  'she',
  'i',
  'you',
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'by',
  'from',
  'into',
  'and',
  'or',
  'but',
  'nor',
  'our',
  'their',
  'its',
  'his',
  'her',
  'this',
  'these',
  'those',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'all',
  'other',
  'such',
  'including',
  'as',
  'both',
  'each',
  'every',
  'more',
  'most',
  'new',
  'further',
  'also',
  'not',
  'no',
  'any',
  'some',
  'many',
  'through',
  'between',
  'among',
  'across',
  'within',
  'without',
  'towards',
  'toward',
  'against',
  'under',
  'over',
  'about',
  'where',
  'when',
  'while',
  'if',
  'than',
  'so',
  'well',
  'particularly',
  'especially',
  'inclusive',
  'sustainable',
  'open',
  'secure',
  'safe',
  'resilient',
  'global',
  'regional',
  'international',
  'national',
  'economic',
  'social',
  'public',
  'private',
  'digital',
  'other',
  'relevant',
  'effective',
  'fair',
  'free',
  'transparent',
  'equitable',
  'innovative',
  'responsible',
  'trustworthy',
  'reliable',
  'affordable',
  'accessible',
  'human',
  'full',
  'meaningful',
  'strong',
  'clean',
  'green',
  'just',
  'peaceful',
  'prosperous',
  'stable',
  'interoperable',
  'competitive',
  'productive',
  'dynamic',
  'timely',
  'appropriate',
  'necessary',
  'concrete',
  'practical',
  'substantive',
  'mutual',
  'shared',
  'common',
  'joint',
  'bilateral',
  'multilateral',
  'local',
  'environmental',
  'financial',
  'technical',
  'political',
  'cultural',
  'critical',
  'essential',
  'important',
  'key',
  'high',
  'low',
  'long',
  'short',
  'small',
  'large',
  'given',
  'regarding',
  'following',
  'provided',
  'notwithstanding',
  'pending',
  'according',
  'medium',
  'medium-sized',
  'women',
  'girls',
  'people',
  'youth',
  'children',
  'persons',
  'countries',
  'economies',
  'partners',
  'stakeholders',
]);
/** Endings of words that are not verbs. */
const NOT_VERB_ENDING = /(?:tion|sion|ment|ness|ity|ship|ance|ence|ism|ous|ful|less|able|ible|ical|ary|ics|ies)$/;
/** Words that open an object: a joined word outside the lexicon followed by one of them is worth asking the model about ("and echo ASEAN’s calls"). */
const OBJECT_START = new Set([
  'the',
  'a',
  'an',
  'our',
  'their',
  'its',
  'all',
  'this',
  'these',
  'those',
  'each',
  'every',
  'any',
  'further',
  'greater',
  'new',
  'more',
  'to',
  'that',
  'efforts',
  'cooperation',
  'support',
]);
const PREPOSITIONS = new Set([
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'by',
  'from',
  'into',
  'through',
  'between',
  'among',
  'under',
  'over',
  'about',
  'against',
  'towards',
  'toward',
  'within',
  'across',
  'during',
]);

interface Party {
  start: number;
  end: number;
  actor: string;
  /** "we", "they", a party noun phrase, a person, a country, a body. */
  kind: 'we' | 'they' | 'noun' | 'person' | 'country' | 'body';
}

interface VerbHit {
  /** Index of the verb token (first word of a phrase). */
  at: number;
  /** Index after the verb (and its particle). */
  end: number;
  /** First token of the verb group (modal, adverb or the verb). */
  groupStart: number;
  entry: VerbEntry | null;
  lemma: string;
  inflection: Inflection;
  modality: Modality | null;
  negated: boolean;
  modifiers: string[];
  /** The verb narrates the meeting: no clause. */
  narrative: boolean;
}

/** Per-document state while reading sentences in order. */
interface State {
  /** Implied subject of a UN-style text ("The General Assembly", "We"). */
  unActor: string | null;
  /** Actor of a frame line ("WE HEREBY COMMIT TO:") whose items open with a verb. */
  frameActor: string | null;
  /** Modality of the frame line ("we will:"), given to its items. */
  frameModality: Modality | null;
  thirdPerson: boolean;
  /** The previous sentence had a party subject (for "They …"). */
  lastHadParty: boolean;
}

function lower(t: Token | undefined): string {
  return t ? t.lower : '';
}

function isWordToken(t: Token | undefined): boolean {
  return t !== undefined && t.word;
}

function isCapitalized(t: Token | undefined): boolean {
  return t !== undefined && t.cap;
}

function isAcronymToken(t: Token): boolean {
  return t.word && t.text.length > 1 && t.text === t.text.toUpperCase() && /^\p{Lu}/u.test(t.text);
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}

/** A rough lemma when the model gives none (it lemmatizes words it tags as verbs). */
export function guessLemma(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('ied')) return w.slice(0, -3) + 'y';
  let stem: string | null = null;
  if (w.endsWith('ing') && w.length > 5) stem = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) stem = w.slice(0, -2);
  else if (/(ches|shes|sses|xes|zes)$/.test(w)) return w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  if (stem == null) return w;
  if (/([^aeiouls])\1$/.test(stem)) return stem.slice(0, -1);
  if (/([^aeiou][cvgsz]|[aeiou][cvgsz]|[^aeiouw]l|u|at|it)$/.test(stem) && !/(ss|ll)$/.test(stem)) return stem + 'e';
  return stem;
}

/** How a token is inflected, by comparing it with its lemma. */
function inflectionOf(word: string, lemma: string): Inflection {
  const w = word.toLowerCase();
  if (w === lemma) return 'base';
  if (w.endsWith('ing')) return 'ing';
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('ed')) return 's';
  return 'past';
}

export class ClauseFinder {
  private readonly lexicon: Lexicon;
  private readonly parties: PartyData;
  private readonly options: ClauseOptions;
  private readonly group: OwnGroup | null;
  private readonly state: State;
  private readonly candidate: RegExp;
  /** First words of every lexicon and narrative form, and of the multi-word ones. */
  private readonly firstWords = new Set<string>();
  private readonly multiFirstWords = new Set<string>();
  readonly clauses: Clause[] = [];

  constructor(options: ClauseOptions, sentences: readonly TextSentence[]) {
    this.options = options;
    this.lexicon = options.lexicon;
    this.group = options.group ?? null;
    // A group's statement: its members ("members", "CRI members") are parties.
    this.parties = this.group ? { ...options.parties, nouns: new Set([...options.parties.nouns, ...options.parties.memberNouns]) } : options.parties;
    this.state = { unActor: null, frameActor: null, frameModality: null, thirdPerson: false, lastHadParty: false };
    for (const map of [this.lexicon.forms, this.lexicon.meeting, this.lexicon.narration]) {
      for (const key of map.keys()) {
        const space = key.indexOf(' ');
        this.firstWords.add(space < 0 ? key : key.slice(0, space));
        if (space >= 0) this.multiFirstWords.add(key.slice(0, space));
      }
    }
    this.state.thirdPerson = this.detectThirdPerson(sentences);
    this.state.unActor = this.impliedUnActor(sentences);
    const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const nouns = [...this.parties.nouns, ...this.parties.nounsOfParty].map(esc);
    const titles = this.parties.titles.map((t) => t.map(esc).join('\\s+'));
    const bodies = this.parties.bodies.map((t) => t.map(esc).join('\\s+'));
    const countries =
      this.state.thirdPerson || options.partyCountries.size
        ? this.parties.countryNames.filter((c) => this.countryIsParty(c.country)).map((c) => c.words.map(esc).join('\\s*'))
        : [];
    const group = this.group ? [...this.group.acronyms, ...this.groupNouns()].map(esc) : [];
    this.candidate = new RegExp(`(?<![\\p{L}])(?:we|they|${[...nouns, ...titles, ...bodies, ...countries, ...group].join('|')})s?(?![\\p{L}])`, 'iu');
  }

  /** Nouns that stand for the text's own group ("The Initiative", "this coalition"), lower case. */
  private groupNouns(): string[] {
    return this.group ? [...new Set([this.group.head, 'coalition'])] : [];
  }

  /**
   * Third-person texts: at least two sentences whose subject is a party noun phrase ("The two sides …", "Both
   * countries …"), or, in a group's statement, its members or the group ("CRI members hosted …", "members reaffirmed …").
   */
  private detectThirdPerson(sentences: readonly TextSentence[]): boolean {
    const titles = this.parties.titles.map((t) => `${t.join('\\s+').toLowerCase()}s`);
    const nouns = [
      ...[...this.parties.nouns].filter(
        (n) => !['minister', 'official', 'chair', 'presidency', 'country', 'nation', 'government', 'delegation', 'leader', 'side'].includes(n),
      ),
      ...titles,
    ].join('|');
    const re = new RegExp(`^(?:[^,;]{0,80},\\s*)?(?:(?:the|both|our)\\s+(?:(?:two|three|four|five|six|seven|both)\\s+)?|(?:the\\s+)?)(?:${nouns})\\b`, 'i');
    const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const acronyms = this.group ? [...this.group.acronyms].map(esc) : [];
    const members = [...this.parties.memberNouns].map(esc);
    const groupRe = this.group
      ? new RegExp(
          `^(?:[^,;]{0,80},\\s*)?(?:(?:the|this|our)\\s+)?(?:(?:\\d+|\\p{L}+ly|participating|${[...acronyms, 'all'].join('|')})\\s+)*(?:${[...members, ...acronyms, ...this.groupNouns().map(esc)].join('|')})(?![\\p{L}])`,
          'iu',
        )
      : null;
    let n = 0;
    for (const s of sentences) if ((re.test(s.text) || groupRe?.test(s.text)) && !/^(?:[^,;]{0,80},\s*)?(?:all|other|many|some|most)\b/i.test(s.text)) n++;
    return n >= 2;
  }

  /** Subject of a UN-style text without a subject line: from its kind or title, else "We" — only when several paragraphs open with participles. */
  private impliedUnActor(sentences: readonly TextSentence[]): string | null {
    let participles = 0;
    for (const s of sentences) {
      if (!s.first) continue;
      const word = /^[*_]*([\p{L}]+)/u.exec(s.text)?.[1] ?? '';
      const form = this.lexicon.forms.get(word.toLowerCase());
      if (form && form.inflection === 'ing' && /^\p{Lu}/u.test(word)) participles++;
    }
    if (participles < 3) return null;
    const where = `${this.options.kind ?? ''} ${this.options.title ?? ''}`;
    if (/general assembly/i.test(where)) return 'The General Assembly';
    if (/security council/i.test(where)) return 'The Security Council';
    if (/human rights council/i.test(where)) return 'The Human Rights Council';
    return 'We';
  }

  private countryIsParty(country: string): boolean {
    if (this.options.partyCountries.size) return this.options.partyCountries.has(country);
    return this.state.thirdPerson;
  }

  /** Read every sentence in order; clauses accumulate in `clauses`. */
  run(sentences: readonly TextSentence[]): Clause[] {
    for (const sentence of sentences) this.sentence(sentence);
    return this.clauses;
  }

  private sentence(s: TextSentence): void {
    const text = s.text;
    // A UN-style subject line: "The General Assembly," or "WE, the Member States of …;".
    const subjectLine = this.subjectLine(s);
    const opening = s.first && (this.state.unActor != null || this.state.frameActor != null);
    if (!opening && !/\bwe\b/i.test(text) && !this.candidate.test(text)) {
      this.endFrame(s);
      this.state.lastHadParty = false;
      return;
    }
    // Tag with capitalized openings lowered, so that "EXPAND" and "WE HEREBY COMMITTO" read as words.
    const shown = text.replace(
      /^([^\p{L}]*)((?:[\p{Lu}][\p{Lu}’'-]+\s+){0,3}[\p{Lu}][\p{Lu}’'-]+)(?=[\s,:;]|$)/u,
      (_, pre: string, caps: string) => pre + caps.charAt(0) + caps.slice(1).toLowerCase(),
    );
    const tagged = tag(text, shown);
    let hadParty = false;
    let found = 0;
    let verbLed = false;
    if (opening && !subjectLine) {
      const open = this.opening(s, tagged);
      found += open.n;
      verbLed = open.verbLed;
      // A full sentence that does not open with a verb ends a frame's items; an item that opens with a narration verb
      // ("Convene …") or a bullet item that opens with a noun ("Support for …") does not.
      if (s.block.kind === 'bullet') verbLed = true;
      if (!found && !verbLed && this.state.frameActor && /[.!?]["'”’)]*$/.test(text)) this.state.frameActor = null;
    }
    const covered = new Set<number>();
    for (let i = 0; i < tagged.tokens.length; i++) {
      if (covered.has(i)) continue;
      let party = this.partyAt(tagged, i);
      if (!party) continue;
      if (!this.isMainSubject(tagged, party)) {
        i = party.end - 1;
        continue;
      }
      hadParty = true;
      // "the United States and Colombia we committed …": a resumptive pronoun is the subject.
      const resumptive = tagged.tokens[party.end];
      if (party.kind !== 'we' && party.kind !== 'they' && (resumptive?.lower === 'we' || resumptive?.lower === 'they')) {
        party = { start: party.end, end: party.end + 1, actor: resumptive.text, kind: resumptive.lower === 'we' ? 'we' : 'they' };
      }
      const verb = this.verbAfter(tagged, party.end);
      if (!verb) {
        // "With the above in mind, we will:": the items that follow carry the verbs ("we will: (i) support …; (ii) …" in the sentence itself).
        const frame = /^\s*(?:,[^,:;]*,\s*)?(?:(?:also|further|jointly|together|hereby)\s+)*(will|shall|intend to|aim to|commit to)\s*:/i.exec(
          text.slice(tagged.tokens[party.end - 1].end),
        );
        if (frame) {
          const m = frame[1].toLowerCase();
          const modality = m === 'commit to' ? null : m === 'intend to' ? 'intend' : m === 'aim to' ? 'aim' : (m as Modality);
          const colon = tagged.tokens.findIndex((t, k) => k >= party!.end && t.text === ':');
          if (colon === tagged.tokens.length - 1) {
            this.state.frameActor = party.actor;
            this.state.frameModality = modality;
          } else if (colon > 0) found += this.inlineItems(s, tagged, party.actor, colon, modality);
        }
        i = party.end - 1;
        continue;
      }
      for (let k = party.start; k < verb.end; k++) covered.add(k);
      found += this.emit(s, tagged, party.actor, verb, 'operative');
      let conjuncts = this.conjuncts(tagged, verb);
      // "We commit to: (a) promote …; (b) expand …": a lead-in inside the sentence, its items after the colon.
      const colon = verb.narrative ? -1 : this.leadInColon(tagged.tokens, conjuncts.length ? conjuncts[conjuncts.length - 1] : verb);
      if (colon >= 0) conjuncts = conjuncts.filter((c) => c.at < colon);
      for (const c of conjuncts) found += this.emit(s, tagged, party.actor, c, 'operative');
      const last = conjuncts.length ? conjuncts[conjuncts.length - 1] : verb;
      if (colon >= 0) found += this.inlineItems(s, tagged, party.actor, colon, last.modality);
      // A lead-in line: "WE HEREBY COMMIT TO:", "we intend to work together to:" — its items open with their own verb,
      // and take the lead-in's modality ("intend").
      if (/:\s*$/.test(text) && !verb.narrative) {
        this.state.frameActor = party.actor;
        this.state.frameModality = last.modality;
      }
      i = (colon >= 0 ? tagged.tokens.length : last.end) - 1;
    }
    if (subjectLine) {
      this.state.unActor = subjectLine;
      this.state.frameActor = null;
    } else if (!found && !verbLed) this.endFrame(s);
    this.state.lastHadParty = hadParty;
  }

  /** The colon of a lead-in inside a sentence, shortly after its verb ("commit to:", "will work together to:"), with items after it; -1 if none. */
  private leadInColon(tokens: readonly Token[], verb: VerbHit): number {
    for (let k = verb.end; k < tokens.length && k < verb.end + 14; k++) {
      const t = tokens[k];
      if (t.text === ';' || t.text === '.' || t.text === '(' || SUBORDINATORS.has(t.lower)) return -1;
      if (t.text === ':') return k < tokens.length - 1 ? k : -1;
    }
    return -1;
  }

  /** An item label written as text at tokens[i] ("(a)", "b)", "iii)", "2."): the index after it, else i. */
  private afterLabel(tokens: readonly Token[], i: number): number {
    const t = tokens[i];
    if (t?.text === '(' && /^(?:[a-z]|[ivx]{1,4}|\d{1,2})$/.test(lower(tokens[i + 1])) && tokens[i + 2]?.text === ')') return i + 3;
    if (/^(?:[a-z]|[ivx]{1,4}|\d{1,2})$/.test(lower(t)) && (tokens[i + 1]?.text === ')' || (/^\d/.test(t.text) && tokens[i + 1]?.text === '.'))) return i + 2;
    return i;
  }

  /**
   * Items of a lead-in inside a sentence, after its colon and separated by semicolons ("We commit to: (a) promote …;
   * (b) expand …; and (c) strengthen …"): each item that opens with a base-form verb is a clause of the lead-in's
   * party with its modality, as the items of a lead-in line are. None when the first item does not open with a verb.
   */
  private inlineItems(s: TextSentence, tagged: Tagged, actor: string, colon: number, modality: Modality | null): number {
    const tokens = tagged.tokens;
    let n = 0;
    let first = true;
    for (let k = colon + 1; k < tokens.length;) {
      let end = k;
      let depth = 0;
      for (; end < tokens.length; end++) {
        if (tokens[end].text === '(') depth++;
        else if (tokens[end].text === ')') depth = Math.max(0, depth - 1);
        else if (tokens[end].text === ';' && depth === 0) break;
      }
      let j = k;
      if (lower(tokens[j]) === 'and' || lower(tokens[j]) === 'or') j++;
      j = this.afterLabel(tokens, j);
      if (lower(tokens[j]) === 'to' && isWordToken(tokens[j + 1])) j++;
      const modifiers: string[] = [];
      while (j < end - 1 && ADVERBS.has(tokens[j].lower) && isWordToken(tokens[j + 1])) modifiers.push(tokens[j++].text);
      const hit = j < end ? this.verbToken(tagged, j, true) : null;
      const noun = hit?.entry && (lower(tokens[hit.end]) === 'of' || (lower(tokens[hit.end]) === 'for' && tokens[hit.at].pos !== 'VERB'));
      if (hit && hit.inflection === 'base' && !noun) {
        const nar = this.narrativeAt(tokens, hit.at);
        const verb: VerbHit = {
          ...hit,
          groupStart: j - modifiers.length,
          modifiers,
          modality,
          negated: false,
          narrative: Boolean(nar && !this.undertaking(tokens, nar, hit.at, 'will')),
        };
        n += this.emit(s, tagged, actor, verb, 'operative');
        for (const c of this.conjuncts(tagged, verb)) if (c.at < end) n += this.emit(s, tagged, actor, c, 'operative');
      } else if (first) return n;
      first = false;
      k = end + 1;
    }
    return n;
  }

  /** A first sentence that is a plain full sentence (not a verb opening) ends a frame of verb-led items. */
  private endFrame(s: TextSentence): void {
    if (s.first && this.state.frameActor && /[.!?]["'”’)]*$/.test(s.text)) this.state.frameActor = null;
  }

  /** "The General Assembly," / "WE, the Member States …;": the subject of a UN-style text, stated once. */
  private subjectLine(s: TextSentence): string | null {
    if (!s.first) return null;
    const text = s.text.replace(/[*_]/g, '').trim();
    if (!/[,;]$/.test(text)) return null;
    const we = /^(WE|We)\s*,/.exec(text);
    if (we) return 'We';
    const body = /^(The\s+(?:[\p{Lu}][\p{L}-]*\s+){0,4}[\p{Lu}][\p{L}-]*)\s*,$/u.exec(text);
    if (body && this.parties.bodies.some((b) => body[1].endsWith(b.join(' ')))) return body[1].replace(/\s+/g, ' ');
    return null;
  }

  /** UN-style and frame openings: "Recalling …", "1. Decides …", "EXPAND cooperation …". */
  private opening(s: TextSentence, tagged: Tagged): { n: number; verbLed: boolean } {
    const none = { n: 0, verbLed: false };
    const tokens = tagged.tokens;
    let i = 0;
    while (i < tokens.length && !isWordToken(tokens[i])) i++;
    // An item label written as text: "a)", "(b)", "2." (list markers are not words).
    if (tokens[i - 1]?.text === '(' && this.afterLabel(tokens, i - 1) > i - 1) i += 2;
    else i = this.afterLabel(tokens, i);
    // An item written as an infinitive under a lead-in: "To strengthen …".
    if (this.state.frameActor && lower(tokens[i]) === 'to' && isWordToken(tokens[i + 1])) i++;
    const modifiers: string[] = [];
    // "Also demands", "FURTHER PROMOTE", "Recalling also".
    while (i < tokens.length - 1 && ADVERBS.has(tokens[i].lower) && isWordToken(tokens[i + 1])) modifiers.push(tokens[i++].text);
    const hit = this.verbToken(tagged, i, true);
    if (!hit) return none;
    const un = this.state.unActor;
    const frame = this.state.frameActor;
    let type: Clause['type'] = 'operative';
    let actor: string;
    if (hit.inflection === 'ing') {
      if (un) {
        actor = un;
        type = 'preambular';
      } else return none;
    } else if (hit.inflection === 's' && un) actor = un;
    else if (hit.inflection === 'base' && (frame || (un && isAllCaps(tokens[i].text)))) actor = frame ?? un!;
    else return none;
    const item = type === 'operative' && actor === frame;
    // An item that opens with a noun the lexicon also has as a verb ("Support for …", "Launch of …") is not verb-led.
    if (item && hit.entry && (lower(tokens[hit.end]) === 'of' || (lower(tokens[hit.end]) === 'for' && tokens[hit.at].pos !== 'VERB'))) return none;
    // "Recalling also", "Reaffirms further": adverbs after the verb.
    let end = hit.end;
    while (end < tokens.length && ADVERBS.has(tokens[end].lower) && tokens[end].lower !== 'all' && tokens[end].lower !== 'both')
      modifiers.push(tokens[end++].text);
    const modality = item ? this.state.frameModality : null;
    // An item under a lead-in is an undertaking: narration verbs make a clause ("Review the instruments …"), meeting
    // verbs only with an object that is not an event ("Convene donors …", not "Convene a summit …").
    const nar = this.narrativeAt(tokens, hit.at);
    const narrative = Boolean(nar && !this.undertaking(tokens, nar, hit.at, item ? 'will' : modality));
    const verb: VerbHit = {
      ...hit,
      groupStart: modifiers.length && tokens[0] && ADVERBS.has(tokens[0].lower) ? 0 : hit.at,
      modifiers,
      modality,
      negated: false,
      narrative,
    };
    let n = this.emit(s, tagged, actor, verb, type);
    for (const c of this.conjuncts(tagged, verb)) n += this.emit(s, tagged, actor, c, type);
    return { n, verbLed: item };
  }

  /**
   * A narration or meeting verb that is an undertaking, not narration: a narration verb under will, shall, intend
   * or aim ("will review the request"); a meeting verb only when it also has an object that is not an event
   * ("intend to convene donors", "will host refugees"; not "will meet again", "will host the next summit").
   */
  private undertaking(tokens: readonly Token[], nar: { n: number; meeting: boolean }, at: number, modality: Modality | null): boolean {
    if (!UNDERTAKING.has(modality)) return false;
    if (!nar.meeting) return true;
    let k = at + nar.n;
    while (k < tokens.length && (ADVERBS.has(tokens[k].lower) || (/ly$/.test(tokens[k].lower) && tokens[k].pos === 'ADV'))) k++;
    const first = tokens[k];
    if (
      !first ||
      !isWordToken(first) ||
      PREPOSITIONS.has(first.lower) ||
      SUBORDINATORS.has(first.lower) ||
      ['ADP', 'ADV', 'CCONJ', 'SCONJ', 'PART', 'AUX', 'VERB', 'PUNCT'].includes(first.pos)
    )
      return false;
    // The object's noun phrase: up to a preposition, a comma or a verb; hyphenated words ("in-person"), possessives
    // ("Leaders’ Summit") and "and" inside a name ("Ports and Transportation Conference") belong to it.
    for (let e = k; e < tokens.length && e < k + 12; e++) {
      const t = tokens[e];
      if (t.text === '-' || tokens[e + 1]?.text === '-' || tokens[e - 1]?.text === '-' || /^['’]s?$/.test(t.text)) continue;
      if ((t.lower === 'and' || t.lower === '&') && isCapitalized(tokens[e + 1]) && isCapitalized(tokens[e - 1])) continue;
      if (
        !isWordToken(t) ||
        PREPOSITIONS.has(t.lower) ||
        SUBORDINATORS.has(t.lower) ||
        t.lower === 'and' ||
        t.lower === 'or' ||
        (e > k && !t.cap && t.pos === 'VERB')
      )
        break;
      // An event by name: "host the G20 in 2026", "host APEC", "convene COP28".
      if (this.lexicon.events.has(t.lower) || (t.word && /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(t.text))) return false;
    }
    return true;
  }

  /** A verb at tokens[i]: from the lexicon (longest form first), else from the model's tag. */
  private verbToken(
    tagged: Tagged,
    i: number,
    opening = false,
  ): { at: number; end: number; entry: VerbEntry | null; lemma: string; inflection: Inflection } | null {
    const tokens = tagged.tokens;
    const t = tokens[i];
    if (!t || !isWordToken(t)) return null;
    const form = this.formAt(tokens, i);
    if (form) return { at: i, end: i + form.n, entry: form.form.entry, lemma: form.form.entry.verb, inflection: form.form.inflection };
    const narrative = this.narrativeAt(tokens, i);
    if (narrative) return { at: i, end: i + narrative.n, entry: null, lemma: narrative.form.entry.verb, inflection: narrative.form.inflection };
    if (CLOSED.has(t.lower) || (NOT_VERB_ENDING.test(t.lower) && !opening)) return null;
    // "COMMITTO": a verb run into "to".
    if (/to$/i.test(t.text) && t.text.length > 4) {
      const head = this.lexicon.forms.get(t.lower.slice(0, -2));
      if (head && head.inflection === 'base') return { at: i, end: i + 1, entry: head.entry, lemma: head.entry.verb, inflection: 'base' };
    }
    if (t.pos !== 'VERB' && !(opening && t.pos === 'AUX' && !BE.has(t.lower) && !HAVE.has(t.lower))) return null;
    if (!/^[\p{L}-]+$/u.test(t.text)) return null;
    let lemma = tagged.lemma(i);
    if (!lemma || lemma === t.lower)
      lemma = t.lower.endsWith('ing') || t.lower.endsWith('ed') || (t.lower.endsWith('s') && !t.lower.endsWith('ss')) ? guessLemma(t.lower) : t.lower;
    if (!/^[a-z-]+$/.test(lemma)) return null;
    return { at: i, end: i + 1, entry: null, lemma, inflection: inflectionOf(t.text, lemma) };
  }

  /** The lexicon form starting at tokens[i], longest first. */
  private formAt(tokens: readonly Token[], i: number, map: Map<string, FormEntry> = this.lexicon.forms): { form: FormEntry; n: number } | null {
    const t = tokens[i];
    if (!t || !this.firstWords.has(t.lower)) return null;
    if (this.lexicon.maxWords === 1 || !this.multiFirstWords.has(t.lower)) {
      const form = map.get(t.lower);
      return form ? { form, n: 1 } : null;
    }
    for (let n = Math.min(this.lexicon.maxWords, tokens.length - i); n >= 1; n--) {
      const key = tokens
        .slice(i, i + n)
        .map((t) => t.lower)
        .join(' ');
      const form = map.get(key);
      if (form) return { form, n };
    }
    return null;
  }

  private narrativeAt(tokens: readonly Token[], i: number): { form: FormEntry; n: number; meeting: boolean } | null {
    const meeting = this.formAt(tokens, i, this.lexicon.meeting);
    if (meeting) return { ...meeting, meeting: true };
    const narration = this.formAt(tokens, i, this.lexicon.narration);
    return narration ? { ...narration, meeting: false } : null;
  }

  /** A party noun phrase, pronoun, person, country or body starting at tokens[i]. */
  private partyAt(tagged: Tagged, i: number): Party | null {
    const tokens = tagged.tokens;
    const t = tokens[i];
    if (!t || !isWordToken(t)) return null;
    // Only a capitalized word, a determiner, a pronoun or a party noun can open a party.
    if (
      !isCapitalized(t) &&
      !DETERMINERS.has(t.lower) &&
      t.lower !== 'we' &&
      t.lower !== 'they' &&
      !this.parties.nouns.has(t.lower) &&
      !(this.group && (t.lower === 'this' || t.lower === 'our'))
    )
      return null;
    if (t.lower === 'we') return { start: i, end: i + 1, actor: t.text, kind: 'we' };
    if (t.lower === 'they') {
      if (!this.state.thirdPerson || !this.state.lastHadParty) return null;
      // Only a sentence's own opening "They".
      for (let k = 0; k < i; k++) if (isWordToken(tokens[k]) && !OPENERS.has(tokens[k].lower)) return null;
      return { start: i, end: i + 1, actor: t.text, kind: 'they' };
    }
    const first = this.unitAt(tagged, i);
    if (!first) return null;
    let end = first.end;
    let kind = first.kind;
    // "X, Y, and Z" / "X and Y": every member a party.
    for (;;) {
      let k = end;
      if (lower(tokens[k]) === ',') k++;
      if (lower(tokens[k]) === 'and') k++;
      if (k === end || (lower(tokens[end]) === ',' && lower(tokens[end + 1]) !== 'and' && !this.unitAt(tagged, k))) break;
      const next = this.unitAt(tagged, k);
      if (!next) break;
      end = next.end;
      if (next.kind !== kind) kind = 'noun';
    }
    const actor = tagged.text.slice(tokens[i].start, tokens[end - 1].end);
    return { start: i, end, actor, kind };
  }

  /** One member of a party phrase. */
  private unitAt(tagged: Tagged, i: number): { end: number; kind: Party['kind'] } | null {
    const tokens = tagged.tokens;
    const t = tokens[i];
    if (!t || !isWordToken(t)) return null;
    // Bodies of a UN-style text: "The General Assembly" — the text's own subject only.
    if (this.state.unActor && this.state.unActor !== 'We') {
      const words = this.state.unActor.split(' ');
      if (words.every((w, k) => lower(tokens[i + k]) === w.toLowerCase())) return { end: i + words.length, kind: 'body' };
    }
    // The text's own group: its acronym ("CRI continues …"), "The Initiative", "this coalition".
    if (this.group) {
      const next = tokens[i + 1];
      if (this.group.acronyms.has(t.text) && next && /^\p{Ll}/u.test(next.text)) return { end: i + 1, kind: 'body' };
      if (
        (t.lower === 'the' || t.lower === 'this' || t.lower === 'our') &&
        next &&
        this.groupNouns().includes(next.lower) &&
        !/^['’]s?$/.test(lower(tokens[i + 2]))
      ) {
        return { end: i + 2, kind: 'body' };
      }
    }
    // A person: title + name ("President Biden", "General Secretary Nguyen Phu Trong").
    if (this.state.thirdPerson && isCapitalized(t)) {
      for (const title of this.parties.titles) {
        if (!title.every((w, k) => tokens[i + k]?.text === w)) continue;
        let k = i + title.length;
        const nameStart = k;
        while (
          k < tokens.length &&
          k - nameStart < 6 &&
          ((isCapitalized(tokens[k]) && /^[\p{L}.’'-]+$/u.test(tokens[k].text)) ||
            (k > nameStart && /^(de|del|da|van|von|bin|al|la|le)$/.test(tokens[k].text) && isCapitalized(tokens[k + 1])))
        ) {
          if (this.formAt(tokens, k) && k > nameStart) break;
          k++;
        }
        if (k > nameStart) return { end: k, kind: 'person' };
      }
    }
    // A title without a name: "The Prime Minister", "The two Presidents", "Both Foreign Ministers", "The President of Kenya".
    if (this.state.thirdPerson && ['the', 'both'].includes(t.lower)) {
      let k = i + 1;
      if (NUMBERS.has(lower(tokens[k]))) k++;
      for (const title of this.parties.titles) {
        const ok = title.every((w, n) => {
          const tok = tokens[k + n]?.text;
          return tok === w || (n === title.length - 1 && tok === `${w}s`);
        });
        if (!ok) continue;
        let end = k + title.length;
        if (lower(tokens[end]) === 'of') {
          const place = countryAt(this.words(tagged), lower(tokens[end + 1]) === 'the' ? end + 2 : end + 1, this.parties);
          if (!place) break;
          end = (lower(tokens[end + 1]) === 'the' ? end + 2 : end + 1) + place.length;
        }
        if (/^['’]s?$/.test(lower(tokens[end]))) break;
        return { end, kind: 'person' };
      }
    }
    // A country, optionally with a party noun ("The U.S. side") or an organ of its government.
    {
      let k = i;
      if (t.lower === 'the') k++;
      const hit = isCapitalized(tokens[k]) ? countryAt(this.words(tagged), k, this.parties) : null;
      if (hit && this.countryIsParty(hit.country)) {
        let end = k + hit.length;
        const after = tokens[end];
        if (after && /^['’]s?$/.test(after.text)) return null;
        if (after && this.parties.nouns.has(after.lower)) return { end: end + 1, kind: 'noun' };
        // "the U.S. International Development Financial Corporation": capitalized words of an organ.
        if (t.lower === 'the' && isCapitalized(after) && after.pos === 'PROPN') {
          let e = end;
          while (
            e < tokens.length &&
            (isCapitalized(tokens[e]) || (['of', 'for', 'and'].includes(tokens[e].lower) && isCapitalized(tokens[e + 1]))) &&
            !this.formAt(tokens, e)
          )
            e++;
          if (e - end >= 2) return { end: e, kind: 'noun' };
        }
        // "Mexico and the United States", "Vietnam".
        if (!after || !isCapitalized(after) || after.lower === 'and') return { end, kind: 'country' };
        end = k + hit.length;
        return { end, kind: 'country' };
      }
    }
    // A party noun phrase: [the|both|our] [two] [modifiers] noun [of party].
    {
      let k = i;
      let det = false;
      if (DETERMINERS.has(t.lower)) {
        if (t.lower === 'all' && lower(tokens[k + 1]) !== 'the') return null;
        k++;
        if (t.lower === 'all') k++;
        det = true;
      }
      const headStart = k;
      while (k < tokens.length) {
        const w = tokens[k];
        if (this.parties.nouns.has(w.lower) || this.parties.nounsOfParty.has(w.lower)) {
          // "leaders" in "Leaders' Summit" is a modifier, not the head.
          if (/^['’]s?$/.test(lower(tokens[k + 1]))) return null;
          const needsOf = !this.parties.nouns.has(w.lower);
          const next = tokens[k + 1];
          // A head followed by another noun ("the two sides' …", "government officials") moves on.
          if (next && (this.parties.nouns.has(next.lower) || this.parties.nounsOfParty.has(next.lower))) {
            k++;
            continue;
          }
          let end = k + 1;
          if (lower(tokens[end]) === 'of') {
            const of = this.unitAt(tagged, end + 1);
            if (of) end = of.end;
            else if (needsOf) return null;
            else {
              // "The Leaders of ASEAN and the United States": a name after "of".
              let e = end + 1;
              if (lower(tokens[e]) === 'the') e++;
              const s0 = e;
              while (e < tokens.length && (isCapitalized(tokens[e]) || (lower(tokens[e]) === 'and' && isCapitalized(tokens[e + 1])))) e++;
              if (e === s0) return null;
              end = e;
            }
          } else if (needsOf) return null;
          // Bare nouns ("Countries expressed", "Ministers welcomed") only capitalized at the head of a sentence or after "our";
          // a group's members anywhere ("During the Gathering, members reaffirmed").
          const member = this.group !== null && this.parties.memberNouns.has(w.lower);
          if (!det && k === headStart && !member && !(isCapitalized(tokens[k]) && i === this.firstWord(tokens))) return null;
          // "CRI members" are the group's; "ECOWAS members" are not.
          if (member && tokens.slice(headStart, k).some((x) => isAcronymToken(x) && !this.group!.acronyms.has(x.text))) return null;
          return { end, kind: 'noun' };
        }
        const country = w.cap ? countryAt(this.words(tagged), k, this.parties) : null;
        if (country && this.countryIsParty(country.country)) {
          k += country.length;
          continue;
        }
        // "G7 Leaders", "APEC Ministers", "The Co-Chairs".
        const acronym = w.word && w.text.length > 1 && w.text === w.text.toUpperCase() && /^\p{Lu}/u.test(w.text);
        if (
          this.parties.modifiers.has(w.lower) ||
          NUMBERS.has(w.lower) ||
          acronym ||
          (w.lower === 'co' && tokens[k + 1]?.text === '-') ||
          (w.text === '-' && k > headStart) ||
          (w.lower === 'and' && k > headStart)
        ) {
          k++;
          continue;
        }
        // "The 68 members", "Previously participating members".
        if ((/^\d+$/.test(w.text) && det) || (k === headStart && /ly$/.test(w.lower) && this.parties.modifiers.has(lower(tokens[k + 1])) && w.pos === 'ADV')) {
          k++;
          continue;
        }
        // Nouns and adjectives before a head that needs "of <party>" ("the law enforcement agencies of …").
        if (k > i && k - headStart < 4 && /^\p{Ll}/u.test(w.text)) {
          let h = k;
          while (h < tokens.length && h - k < 4 && !this.parties.nounsOfParty.has(tokens[h].lower) && /^\p{Ll}/u.test(tokens[h].text)) h++;
          if (
            this.parties.nounsOfParty.has(lower(tokens[h])) &&
            lower(tokens[h + 1]) === 'of' &&
            tokens.slice(k, h).every((x) => x.pos === 'NOUN' || x.pos === 'ADJ')
          ) {
            k = h;
            continue;
          }
        }
        return null;
      }
    }
    return null;
  }

  private readonly wordCache = new WeakMap<Tagged, string[]>();

  /** Token texts of a tagged sentence, computed once. */
  private words(tagged: Tagged): string[] {
    let w = this.wordCache.get(tagged);
    if (!w) {
      w = tagged.tokens.map((x) => x.text);
      this.wordCache.set(tagged, w);
    }
    return w;
  }

  private firstWord(tokens: readonly Token[]): number {
    let i = 0;
    // A run-in label ("Transparency:") stays before the subject.
    const colon = tokens.findIndex((t, k) => t.text === ':' && k < 8);
    if (colon >= 0) i = colon + 1;
    while (i < tokens.length && !isWordToken(tokens[i])) i++;
    return i;
  }

  /** The subject is the sentence's own: not after a preposition or verb, not inside a subordinate clause. */
  private isMainSubject(tagged: Tagged, party: Party): boolean {
    const tokens = tagged.tokens;
    const i = party.start;
    if (i === 0) return true;
    const prev = tokens[i - 1];
    const p = prev.lower;
    // After a possessive or inside a name: "ASEAN-U.S.", "the Vietnam-U.S. relationship".
    if (prev.text === '-' || (prev.text === '–' && party.kind !== 'we')) {
      if (prev.text === '-') return false;
    }
    // "Saudi Arabia and the United States …": a member of a longer name list is not the subject alone.
    if (p === 'and' && party.kind !== 'we' && tokens[i - 2]?.cap && tokens[i - 2].word) return false;
    // "…, so we can respond …", "… a portal so members can share …": a result clause ("So we …" and "To do so, we" open the sentence's own).
    if (
      p === 'so' &&
      tokens.slice(0, i - 1).some((t) => isWordToken(t) && !OPENERS.has(t.lower)) &&
      !/^(?:do|doing|done|did|does|and|but)$/.test(lower(tokens[i - 2]))
    )
      return false;
    const okPrev =
      !isWordToken(prev) ||
      QUOTES.test(prev.text) ||
      p === 'and' ||
      p === 'but' ||
      OPENERS.has(p) ||
      (!SUBORDINATORS.has(p) && !PREPOSITIONS.has(p) && !CLOSED.has(p) && prev.pos === 'ADV');
    if (!okPrev) {
      // "In this regard we …", "Here in San Francisco we …": an opening phrase with no verb and no comma.
      const first = tokens.findIndex((t) => isWordToken(t));
      const opener = tokens[first];
      const intro = tokens.slice(first, i);
      const introOk =
        opener &&
        (opener.pos === 'ADP' || opener.pos === 'ADV' || OPENERS.has(opener.lower) || (opener.lower === 'to' && intro.length <= 4)) &&
        intro.length <= 8 &&
        !intro.some((t) => SUBORDINATORS.has(t.lower) || (t.pos === 'VERB' && !(opener.lower === 'to')) || t.text === ',');
      if (!introOk) return false;
    }
    if (p === ',' && party.kind !== 'we' && party.kind !== 'they') {
      // "…, the two delegations committed": fine; "Recognizing …, we": fine. A list "X, Y and Z met" is not a subject after its first member.
    }
    // Back to the start of the clause: a subordinator before any comma or semicolon puts the subject in a subordinate clause.
    for (let k = i - 1; k >= 0; k--) {
      const w = tokens[k];
      if (w.text === ';' || w.text === ':') break;
      if (w.text === ',' || w.text === '—' || w.text === '–') {
        // "…, and we pledge": the comma ends the search; "that X, and we" cannot be told apart, read as main.
        break;
      }
      if (SUBORDINATORS.has(w.lower)) {
        // "as well as" is a coordinator.
        if (w.lower === 'as' && lower(tokens[k + 1]) === 'well') continue;
        if (w.lower === 'as' && lower(tokens[k - 1]) === 'well') continue;
        // "Harmful practices that violate … should be eliminated … and we urge": a relative clause on the
        // sentence's subject, closed by the main verb's modal before the subject.
        if (
          ['that', 'which', 'who'].includes(w.lower) &&
          ['NOUN', 'PROPN'].includes(tokens[k - 1]?.pos ?? '') &&
          tokens.slice(k + 1, i).some((x) => x.pos === 'AUX' && ['should', 'must', 'will', 'shall', 'can', 'may', 'would', 'could'].includes(x.lower))
        )
          continue;
        return false;
      }
      if (w.lower === 'to' && k === i - 1) return false;
    }
    return true;
  }

  /** The verb group after a subject: apposition, adverbs, modals, negation, the verb and its particle. */
  private verbAfter(tagged: Tagged, from: number): VerbHit | null {
    const tokens = tagged.tokens;
    let k = from;
    // A parenthesis after the subject: "(the “Leaders”)", "(DFC)".
    while (lower(tokens[k]) === '(') {
      let depth = 0;
      for (; k < tokens.length; k++) {
        if (tokens[k].text === '(') depth++;
        else if (tokens[k].text === ')' && --depth === 0) break;
      }
      k++;
    }
    // An apposition: "We, the Leaders of the Group of Seven (G7), stress".
    if (lower(tokens[k]) === ',' && ['the', 'a', 'an', 'as', 'leaders', 'ministers', 'members'].includes(lower(tokens[k + 1]))) {
      let depth = 0;
      let e = k + 1;
      let first: VerbHit | null = null;
      // A long list of names ("We, the Heads of State and Government of the Argentine Republic, Barbados, …,") is still an apposition.
      for (; e < tokens.length && e - k < 300; e++) {
        const w = tokens[e].text;
        if (w === '(') depth++;
        else if (w === ')') depth--;
        else if (w === ',' && depth === 0) {
          const hit = this.verbGroup(tagged, e + 1);
          // "We, the Heads of State …, gathered in Lima, declare …": a participle of the meeting, then the verb.
          if (hit && !hit.narrative) return hit;
          if (hit && !first) first = hit;
        } else if (w === ';' || w === '.') break;
      }
      return first;
    }
    // "we the leaders of … launched": an apposition without commas.
    if (lower(tokens[k]) === 'the' && k === from && lower(tokens[from - 1]) === 'we') {
      for (let e = k + 1; e < tokens.length && e - k < 40; e++) {
        const w = tokens[e];
        if (SUBORDINATORS.has(w.lower) || w.text === ';') return null;
        if (
          w.pos === 'VERB' ||
          w.pos === 'AUX' ||
          (this.lexicon.forms.get(w.lower) && /^\p{Ll}/u.test(w.text) && !['ing', 'adj'].includes(this.lexicon.forms.get(w.lower)!.inflection))
        ) {
          if (w.pos === 'VERB' && w.lower.endsWith('ing')) continue;
          return this.verbGroup(tagged, e);
        }
      }
      return null;
    }
    return this.verbGroup(tagged, k);
  }

  /**
   * The "to" of "intend to": right after, or after a parenthetical between commas ("intend, in accordance with
   * national legislation, to improve"); -1 if none.
   */
  private infinitiveTo(tokens: readonly Token[], k: number): number {
    if (lower(tokens[k]) === 'to') return k;
    if (lower(tokens[k]) !== ',') return -1;
    for (let e = k + 1; e < tokens.length && e < k + 14; e++) {
      const t = tokens[e];
      if (t.text === ',') return lower(tokens[e + 1]) === 'to' ? e + 1 : -1;
      if (t.text === ';' || t.text === '.' || t.text === ':' || t.lower === 'we' || t.lower === 'they') return -1;
    }
    return -1;
  }

  private verbGroup(tagged: Tagged, from: number): VerbHit | null {
    const tokens = tagged.tokens;
    let k = from;
    const modifiers: string[] = [];
    let modality: Modality | null = null;
    let negated = false;
    let copula = false;
    /** The tense of "have" in a perfect ("has grown and continues": the joined verb agrees with "has"). */
    let perfect: Inflection | null = null;
    let progressive = false;
    let auxiliary = false;
    for (let guard = 0; k < tokens.length && guard < 14; guard++) {
      const t = tokens[k];
      const w = t.lower;
      if (FUTURE.has(w)) {
        modality = modality ?? (w === 'shall' ? 'shall' : 'will');
        auxiliary = true;
        k++;
        continue;
      }
      if (w === 'may' && !isCapitalized(t)) {
        modality = modality ?? 'may';
        auxiliary = true;
        k++;
        continue;
      }
      if (MODALS.has(w)) {
        if (w === 'cannot') negated = true;
        auxiliary = true;
        k++;
        continue;
      }
      if (NEGATIONS.has(w)) {
        negated = true;
        k++;
        continue;
      }
      if (w === 'intend' || w === 'intends' || w === 'intended' || w === 'aim' || w === 'aims' || w === 'aimed') {
        const to = this.infinitiveTo(tokens, k + 1);
        if (to >= 0) {
          modality = w.startsWith('intend') ? 'intend' : 'aim';
          auxiliary = true;
          k = to + 1;
          continue;
        }
      }
      if (ADVERBS.has(w) || (/ly$/.test(w) && !SUBORDINATORS.has(w) && !this.lexicon.forms.has(w) && t.pos === 'ADV')) {
        if (!['all', 'both', 'each', 'themselves', 'ourselves'].includes(w)) modifiers.push(t.text);
        k++;
        continue;
      }
      if (HAVE.has(w)) {
        // "have delivered": an auxiliary; "have a role": narration.
        let n = k + 1;
        while (n < tokens.length && (ADVERBS.has(tokens[n].lower) || (/ly$/.test(tokens[n].lower) && tokens[n].pos === 'ADV'))) n++;
        const next = tokens[n];
        const form = next ? this.formAt(tokens, n) : null;
        if (
          next &&
          (next.lower === 'been' ||
            (form && (form.form.inflection === 'past' || form.form.inflection === 'adj')) ||
            (next.pos === 'VERB' && /(ed|en|wn|un|ght)$/.test(next.lower)))
        ) {
          perfect = w === 'has' ? 's' : w === 'had' ? 'past' : 'base';
          auxiliary = true;
          k++;
          continue;
        }
        return this.hit(tagged, k, k + 1, k, { entry: null, lemma: 'have', inflection: 'base' }, modality, negated, modifiers, true);
      }
      if (BE.has(w)) {
        copula = true;
        auxiliary = true;
        k++;
        continue;
      }
      break;
    }
    const t = tokens[k];
    if (!t) return null;
    const groupStart = from;
    if (copula) {
      // "are committed", "remain deeply concerned", "are working".
      const form = this.formAt(tokens, k);
      if (
        form &&
        (form.form.inflection === 'adj' ||
          form.form.inflection === 'past' ||
          form.form.inflection === 'ing' ||
          (form.form.inflection === 'base' && /^(aware|grateful|ready)$/.test(t.lower)))
      ) {
        return this.hit(
          tagged,
          k,
          k + form.n,
          groupStart,
          { entry: form.form.entry, lemma: form.form.entry.verb, inflection: form.form.inflection === 'ing' ? 'base' : 'adj' },
          modality,
          negated,
          modifiers,
          false,
        );
      }
      if (t.lower.endsWith('ing') && t.pos === 'VERB') progressive = true;
      else {
        // "We will remain vigilant": the copula itself, as an undertaking.
        const cop = tokens[k - 1];
        if (cop && /^(remain|stay)$/.test(cop.lower) && (modality === 'will' || modality === 'shall')) {
          const form = this.formAt(tokens, k - 1);
          return this.hit(
            tagged,
            k - 1,
            k,
            groupStart,
            { entry: form?.form.entry ?? null, lemma: cop.lower, inflection: 'base' },
            modality,
            negated,
            modifiers,
            false,
          );
        }
        return null;
      }
    }
    const verb = this.verbToken(tagged, k);
    if (!verb) return null;
    // After a subject the verb is finite: "-ing" only after "are" ("we are working"), a participle only after "have".
    if (verb.inflection === 'ing' && !progressive) return null;
    if (verb.inflection === 'adj' && !copula) return null;
    void auxiliary;
    return this.hit(
      tagged,
      verb.at,
      verb.end,
      groupStart,
      perfect && verb.inflection === 'past' ? { ...verb, inflection: perfect } : verb,
      modality,
      negated,
      modifiers,
      false,
    );
  }

  private hit(
    tagged: Tagged,
    at: number,
    end: number,
    groupStart: number,
    verb: { entry: VerbEntry | null; lemma: string; inflection: Inflection },
    modality: Modality | null,
    negated: boolean,
    modifiers: string[],
    narrativeAlready: boolean,
  ): VerbHit {
    const tokens = tagged.tokens;
    let narrative = narrativeAlready;
    let entry = verb.entry;
    let lemma = verb.lemma;
    let stop = end;
    const nar = this.narrativeAt(tokens, at);
    if (nar) {
      // Narration only as a future undertaking; meeting verbs only with an object that is not an event.
      if (!this.undertaking(tokens, nar, at, modality)) narrative = true;
      if (nar.n > end - at) stop = at + nar.n;
      if (!entry) lemma = nar.form.entry.verb;
    }
    // "worked to develop …", "have cooperated on …": work done, reported.
    if (!UNDERTAKING.has(modality) && this.lexicon.reportedInPast.has(lemma) && this.lexicon.forms.get(tokens[at].lower)?.inflection === 'past')
      narrative = true;
    // "welcomed a high-level U.S. delegation": receiving visitors.
    if (lemma === 'welcome') {
      for (let k = end; k < tokens.length && k < end + 6; k++) {
        if (this.lexicon.visitors.has(tokens[k].lower)) narrative = true;
        if (/^[,;.]$/.test(tokens[k].text) || PREPOSITIONS.has(tokens[k].lower)) break;
      }
    }
    if (entry && entry.verb !== lemma) entry = null;
    return { at, end: stop, groupStart, entry, lemma, inflection: verb.inflection, modality, negated, modifiers, narrative };
  }

  /**
   * Verbs joined to the first with the same subject: "stressed … and
   * affirmed …", "will strengthen X, facilitate Y, and ensure Z", "; decided
   * to …", "Welcomes and urges". Not the verbs of an infinitive ("pledged to
   * create … and facilitate …") or of a subordinate clause, unless they are
   * stance verbs ("… and reaffirm our commitment").
   */
  private conjuncts(tagged: Tagged, main: VerbHit): VerbHit[] {
    const tokens = tagged.tokens;
    const out: VerbHit[] = [];
    // Where "to" may open an infinitive; read only when a joined verb needs it.
    const tos: number[] = [];
    let reset = main.end;
    const infinitiveBefore = (at: number): number => {
      for (let n = tos.length - 1; n >= 0; n--) {
        const to = tos[n];
        if (to < reset || to >= at) continue;
        let v = to + 1;
        while (v < at - 1 && /ly$/.test(tokens[v].lower)) v++;
        const next = this.verbToken(tagged, v);
        if (next && next.inflection === 'base' && (this.lexicon.forms.has(tokens[v].lower) || tokens[v].pos === 'VERB' || tokens[v].pos === 'AUX')) return v;
      }
      return -1;
    };
    let subordinate = false;
    let relativeAt = -1;
    /** The form of the verb that opens the relative clause at relativeAt ("that respect" -> base), if any. */
    const relative = (): Inflection | null => {
      if (relativeAt < 0) return null;
      let v = relativeAt + 1;
      while (v < tokens.length && v < relativeAt + 4 && (ADVERBS.has(tokens[v].lower) || (/ly$/.test(tokens[v].lower) && tokens[v].pos === 'ADV'))) v++;
      if (FUTURE.has(lower(tokens[v])) || MODALS.has(lower(tokens[v]))) return null;
      const verb = this.verbToken(tagged, v);
      if (!verb || verb.inflection === 'ing' || verb.inflection === 'adj') return null;
      return this.lexicon.forms.has(tokens[v].lower) || tokens[v].pos === 'VERB' ? verb.inflection : null;
    };
    let depth = 0;
    for (let k = main.end; k < tokens.length; k++) {
      const t = tokens[k];
      if (t.text === '(') depth++;
      else if (t.text === ')') depth = Math.max(0, depth - 1);
      if (depth > 0) continue;
      // "to jointly fight": adverbs may split the infinitive.
      if (t.lower === 'to' && k + 1 < tokens.length && !CLOSED.has(tokens[k + 1].lower)) tos.push(k);
      if (SUBORDINATORS.has(t.lower) && !(t.lower === 'as' && (lower(tokens[k + 1]) === 'well' || lower(tokens[k - 1]) === 'well'))) {
        subordinate = true;
        // A relative clause ("processes that respect …"): its verb is read only if a joined verb needs it.
        relativeAt = ['that', 'which', 'who'].includes(t.lower) ? k : -1;
      }
      // "… a portal so members can share …, foster …": a result clause.
      if (t.lower === 'so' && !/^(?:do|doing|done|did|does|and)$/.test(lower(tokens[k - 1])) && !['far', 'much', 'many'].includes(lower(tokens[k + 1])))
        subordinate = true;
      // A new subject ends the verbs of this one ("…, and we pledge …").
      if (k > main.end && (t.lower === 'we' || t.lower === 'they')) break;
      let trigger: 'and' | 'comma' | 'semicolon' | null = null;
      let j = k + 1;
      if (t.text === ';') {
        trigger = 'semicolon';
        subordinate = false;
        relativeAt = -1;
        if (lower(tokens[j]) === 'and') j++;
      } else if (t.lower === 'and' || t.lower === 'but') {
        trigger = lower(tokens[k - 1]) === ',' ? 'comma' : 'and';
        if (trigger === 'comma') trigger = 'and';
      } else if (t.text === ',' && lower(tokens[k + 1]) !== 'and') trigger = 'comma';
      else if (t.lower === 'as' && lower(tokens[k + 1]) === 'well' && lower(tokens[k + 2]) === 'as') {
        trigger = 'and';
        j = k + 3;
      }
      if (!trigger) continue;
      const afterComma = (t.text === ',' || lower(tokens[k - 1]) === ',' || trigger === 'semicolon') && t.lower !== 'as';
      const hit = this.conjunctAt(tagged, j, main, trigger);
      if (!hit) continue;
      // A copula joined inside a subordinate clause is that clause's ("partners that share … and are committed …").
      if (subordinate && BE.has(lower(tokens[hit.at - 1])) && trigger !== 'semicolon') continue;
      // Agreement with the first verb.
      const agree = this.agrees(main, hit, trigger, afterComma);
      if (!agree) continue;
      if (trigger !== 'semicolon') {
        const stance = Boolean(hit.entry && hit.entry.rank > 0 && !this.lexicon.actions.has(hit.lemma));
        // Inside an infinitive: "to advance and support" continues it; "to work towards … and reaffirm" is a new stance.
        const infinitive = hit.modality ? -1 : infinitiveBefore(hit.at);
        if (infinitive >= 0) {
          const adjacent =
            hit.at - infinitive <= 3 && tokens.slice(infinitive + 1, hit.at).every((x) => x.lower === 'and' || x.text === ',' || x.pos === 'ADV');
          if (adjacent || !stance) continue;
        }
        // Inside a subordinate clause ("…, which will foster … and …"), only a stance verb is the subject's again.
        // A verb of the relative clause's form joined without a comma is its ("processes that respect … and encourage …"),
        // unless it binds, as only a party can ("discussions that facilitate … and commit to …"); ", and note …" is the subject's.
        if (subordinate && (!stance || trigger === 'comma' || (!afterComma && hit.entry?.strength !== 'commit' && relative() === hit.inflection))) continue;
      }
      if (trigger === 'semicolon') reset = hit.at;
      // Inherit "will" or "intend" from the first verb.
      if (!hit.modality && main.modality && hit.inflection === 'base') {
        hit.modality = main.modality;
        const nar = this.narrativeAt(tokens, hit.at);
        if (nar && (nar.meeting ? this.undertaking(tokens, nar, hit.at, hit.modality) : true)) hit.narrative = false;
      }
      out.push(hit);
      k = hit.end - 1;
    }
    return out;
  }

  /** A verb after a coordinator: optional adverbs, "in this regard,", a modal, "intend to", or "to" in a list of infinitives under "intend". */
  private conjunctAt(tagged: Tagged, j: number, main: VerbHit, trigger: 'and' | 'comma' | 'semicolon'): VerbHit | null {
    const tokens = tagged.tokens;
    let k = j;
    const modifiers: string[] = [];
    // "and in this regard, expresses", "and in this regard further demands".
    if (tokens[k] && (tokens[k].lower === 'in' || tokens[k].lower === 'on')) {
      let e = k + 1;
      while (e < tokens.length && e - k < 4 && /^\p{Ll}+$/u.test(tokens[e].text) && !this.lexicon.forms.has(tokens[e].lower) && !ADVERBS.has(tokens[e].lower))
        e++;
      if (lower(tokens[e]) === ',') e++;
      if (e === k + 1 || e - k > 4) return null;
      k = e;
    }
    let modality: Modality | null = null;
    let negated = false;
    for (let guard = 0; guard < 6 && k < tokens.length; guard++) {
      const w = tokens[k].lower;
      if (FUTURE.has(w)) modality = w === 'shall' ? 'shall' : 'will';
      else if (w === 'may') modality = 'may';
      else if (NEGATIONS.has(w)) negated = true;
      else if ((w === 'intend' || w === 'intends' || w === 'aim' || w === 'aims') && this.infinitiveTo(tokens, k + 1) >= 0) {
        modality = w.startsWith('intend') ? 'intend' : 'aim';
        k = this.infinitiveTo(tokens, k + 1);
      } else if (ADVERBS.has(w) && !['all', 'both', 'each'].includes(w)) modifiers.push(tokens[k].text);
      else if (MODALS.has(w)) void w;
      else break;
      k++;
    }
    // "; to strengthen …; and to collaborate …" under "intend to".
    if (lower(tokens[k]) === 'to' && (main.modality === 'intend' || main.modality === 'aim') && trigger !== 'comma') {
      modality = main.modality;
      k++;
    }
    const t = tokens[k];
    // A joined verb is written in lower case ("; strengthen capacity", "and affirmed"); "Recommended Practices" is a name.
    if (!t || !isWordToken(t) || !/^\p{Ll}/u.test(t.text)) return null;
    // "…, and are jointly committed to …": a copula and a lexicon participle.
    if (BE.has(t.lower) && trigger === 'and' && !modality) {
      let e = k + 1;
      while (e < tokens.length && e < k + 4 && (ADVERBS.has(tokens[e].lower) || (/ly$/.test(tokens[e].lower) && tokens[e].pos === 'ADV'))) {
        if (!['all', 'both', 'each'].includes(tokens[e].lower)) modifiers.push(tokens[e].text);
        e++;
      }
      const form = this.formAt(tokens, e);
      if (!form || (form.form.inflection !== 'adj' && form.form.inflection !== 'past')) return null;
      const inflection: Inflection = /^(?:is|remains|stays|becomes|feels)$/.test(t.lower)
        ? 's'
        : /^(?:was|were|remained|stayed|became|felt)$/.test(t.lower)
          ? 'past'
          : 'base';
      return this.hit(tagged, e, e + form.n, j, { entry: form.form.entry, lemma: form.form.entry.verb, inflection }, null, negated, modifiers, false);
    }
    if (t.lower === 'we' || t.lower === 'they' || BE.has(t.lower) || HAVE.has(t.lower)) return null;
    // A word outside the lexicon is asked about only when an object seems to follow it.
    if (!modality && !this.formAt(tokens, k) && !this.narrativeAt(tokens, k)) {
      const next = tokens[k + 1];
      if (!next || !(OBJECT_START.has(next.lower) || (next.cap && next.word))) return null;
    }
    const verb = this.verbToken(tagged, k);
    if (!verb) return null;
    // "start-ups", "cost-effective": part of a compound.
    if (tokens[verb.end]?.text === '-' || tokens[k - 1]?.text === '-') return null;
    // A participle before a noun or a preposition is an adjective: "advanced climate technology", "led by Korea", "mutually agreed mechanisms".
    if (verb.inflection === 'past') {
      const next = tokens[verb.end];
      if (!next || (['NOUN', 'ADJ', 'ADP', 'PUNCT', 'CCONJ', 'AUX', 'VERB'].includes(next.pos) && next.lower !== 'to' && next.lower !== 'that')) return null;
    }
    if (verb.inflection === 'ing' && main.inflection !== 'ing') return null;
    if (verb.inflection === 'adj') return null;
    // A lexicon word the model reads as a noun: a verb only when an object follows ("support the promotion", not "support for").
    if (verb.entry) {
      const next = tokens[verb.end];
      if ((!next || NOUN_FOLLOWERS.has(next.lower)) && t.pos !== 'VERB' && t.pos !== 'AUX') return null;
      // Verbs of the lexicon's "other" class are often nouns or adjectives too ("lower income", "end users"): the model decides.
      if (verb.entry.rank === 0 && !modality && !OBJECT_START.has(lower(next)) && t.pos !== 'VERB') return null;
    }
    return this.hit(tagged, verb.at, verb.end, j, verb, modality, negated, modifiers, false);
  }

  private agrees(main: VerbHit, hit: VerbHit, trigger: 'and' | 'comma' | 'semicolon', afterComma: boolean): boolean {
    if (hit.modality && hit.modality !== main.modality && hit.inflection === 'base') return true;
    const a = main.inflection === 'adj' ? 'base' : main.inflection;
    const b = hit.inflection;
    // Participles of a preambular paragraph: ", and reaffirming …", not "maintaining and strengthening".
    if (a === 'ing' || b === 'ing') return a === b && afterComma && trigger !== 'comma';
    if (a === b) return true;
    if (trigger === 'semicolon') return false;
    // Tenses mix in communiqués ("applauded … and will work", "stressed … and echo …"); the third person singular does not.
    return (a === 'base' && b === 'past') || (a === 'past' && b === 'base');
  }

  private emit(s: TextSentence, tagged: Tagged, actor: string, verb: VerbHit, type: Clause['type']): number {
    if (verb.narrative) return 0;
    const entry = verb.entry;
    const strength = adjustStrength(this.lexicon, entry?.strength ?? 'other', verb.modality);
    const tokens = tagged.tokens;
    const surface = tagged.text.slice(tokens[Math.min(verb.groupStart, verb.at)].start, tokens[verb.end - 1].end);
    const lemma = verb.lemma.toLowerCase();
    if (!/^[a-z][a-z-]*$/.test(lemma)) return 0;
    this.clauses.push({
      paragraph: s.paragraph,
      actor,
      verb: lemma,
      phrase: entry?.phrase ?? null,
      surface,
      modifiers: verb.modifiers,
      modality: verb.modality,
      negated: verb.negated,
      strength,
      rank: rankOf(this.lexicon, strength),
      text: s.text,
      type,
    });
    return 1;
  }
}

/** The verb's class adjusted by modality: will/shall make a commitment; intend/aim cap at encourage, may at recognize. */
export function adjustStrength(lexicon: Lexicon, strength: StrengthName, modality: Modality | null): StrengthName {
  if (modality === 'will' || modality === 'shall') return 'commit';
  const cap = modality === 'intend' || modality === 'aim' ? 'encourage' : modality === 'may' ? 'recognize' : null;
  if (cap && strength !== 'other' && rankOf(lexicon, strength) > rankOf(lexicon, cap)) return cap;
  return strength;
}

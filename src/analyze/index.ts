/**
 * Analysis stage (run phase): draft model -> full model, adding the glossary,
 * the instruments index and the operative clauses.
 */
import type { Declaration, Block } from '../model/schema.js';
import type { DraftDeclaration } from '../model/to-declaration.js';
import { buildGlossary, type TextUnit } from './glossary.js';
import { buildInstruments, type InstrumentOptions } from './instruments.js';
import { ClauseFinder } from './clauses.js';
import { loadLexicon } from './lexicon.js';
import { loadParties, countriesIn, ownGroup } from './parties.js';
import { textSentences } from './segment.js';
import { findLexicalClauses, loadLexicalLexicon } from './clauses-lexical.js';
import { withTagStore, type TagStore } from './nlp.js';
export { taggerVersion, type TagStore, type TagRecord } from './nlp.js';

/** Units in reading order: background, text title, section titles and paragraphs, footnotes. */
export function textUnits(model: DraftDeclaration | Declaration): Array<TextUnit & { paragraph: Block | null; position: Block['position'] | null }> {
  const units: Array<TextUnit & { paragraph: Block | null; position: Block['position'] | null }> = [];
  for (const p of model.background) units.push({ id: p.id, text: p.text, paragraph: p, position: p.position });
  for (const s of model.sections) {
    if (s.title) units.push({ id: s.id, text: s.title, paragraph: null, position: s.position, heading: true });
    for (const p of s.blocks) units.push({ id: p.id, text: p.text, paragraph: p, position: p.position, heading: headingLike(p) });
  }
  for (const f of model.footnotes) units.push({ id: f.id, text: f.text, paragraph: null, position: f.position });
  return units;
}

/** A paragraph that acts as a heading: wholly bold, short, without a closing stop ("**Holistic Counternarcotics Strategy**"). */
function headingLike(p: Block): boolean {
  if (p.children.length || p.kind === 'table') return false;
  const visible = p.content.filter((n) => !(n.type === 'text' && !n.value.trim()) && n.type !== 'break');
  return visible.length > 0 && visible.every((n) => n.type === 'strong') && !/[.;:!?,]["'”’)]*$/.test(p.text.trim()) && p.text.trim().split(/\s+/).length <= 16;
}

function instrumentOptions(value: unknown, kind: string | null, title: string | null): InstrumentOptions {
  const options: InstrumentOptions = { add: [], only: null, ignore: [], exclude: [kind, title].filter((v): v is string => Boolean(v)) };
  const strings = (v: unknown) =>
    (Array.isArray(v) ? v : v == null ? [] : [v]).map((x) =>
      typeof x === 'string' ? x : typeof x === 'object' && x && 'title' in x ? String((x as { title: unknown }).title) : String(x),
    );
  if (Array.isArray(value) || typeof value === 'string') options.add = strings(value);
  else if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    options.add = strings(v.add);
    options.ignore = strings(v.ignore);
    options.only = v.only != null ? strings(v.only) : null;
  }
  return options;
}

/** Run phase: draft model -> model with glossary, instruments and clauses. Problems are lint's to report (src/lint/). */
export function analyze(draft: DraftDeclaration, options: { tags?: TagStore | null } = {}): Declaration {
  return withTagStore(options.tags, () => analyzeDraft(draft));
}

function analyzeDraft(draft: DraftDeclaration): Declaration {
  const units = textUnits(draft);
  const lexicon = loadLexicon();
  // Verbs in capitals (URGES, NOTING) are words, not acronyms.
  const glossary = buildGlossary(units, (token) => lexicon.forms.has(token.toLowerCase()));
  const instruments = buildInstruments(units, {
    ...instrumentOptions(draft.meta.instruments, draft.meta.kind, draft.meta.title),
    isVerb: (word) => lexicon.forms.has(word.toLowerCase()),
    expansions: new Map(glossary.entries.filter((g) => g.source === 'text' && g.expansion).map((g) => [g.acronym, g.expansion!])),
  });
  const clauses = clausesOf(draft, lexicon, glossary.entries);
  return { ...draft, glossary: glossary.entries, instruments, clauses };
}

/** English texts get the tagged analysis; French and Spanish the lexical one; other languages none (lint says so). */
function clausesOf(draft: DraftDeclaration, lexicon: ReturnType<typeof loadLexicon>, glossary: ReadonlyArray<{ acronym: string; expansion: string | null }>) {
  if (clauseLanguage(draft.meta.language) === 'en') return findClauses(draft, lexicon, glossary);
  const lexical = loadLexicalLexicon(draft.meta.language);
  return lexical
    ? findLexicalClauses(
        draft.sections.flatMap((s) => s.blocks),
        lexical,
      )
    : [];
}

/** The language whose clauses briefpack can find in a text: 'en', one with a lexicon (data/verbs.<lang>.yaml), or null. */
export function clauseLanguage(language: string): string | null {
  const lang = language.toLowerCase().split(/[-_]/)[0];
  if (lang === 'en') return 'en';
  return loadLexicalLexicon(lang) ? lang : null;
}

/** Clauses of the text part (not the background note, not footnotes), in reading order. */
function findClauses(draft: DraftDeclaration, lexicon: ReturnType<typeof loadLexicon>, glossary: ReadonlyArray<{ acronym: string; expansion: string | null }>) {
  const parties = loadParties();
  const sentences = textSentences(draft.sections.flatMap((s) => s.blocks));
  // The parties a title names ("Joint Statement from Mexico and the United States"): two or more countries.
  const named = countriesIn([draft.meta.title, draft.textTitle?.text, draft.meta.kind, draft.meta.meeting].filter(Boolean).join(' | '), parties);
  // A group's statement ("International Counter Ransomware Initiative 2024 Joint Statement"): its members are parties.
  const group = ownGroup([draft.meta.title, draft.textTitle?.text].filter(Boolean).join(' | '), glossary, parties);
  const partyCountries = named.size >= 2 ? named : new Set<string>();
  const finder = new ClauseFinder({ lexicon, parties, partyCountries, kind: draft.meta.kind, title: draft.meta.title, group }, sentences);
  return finder.run(sentences);
}

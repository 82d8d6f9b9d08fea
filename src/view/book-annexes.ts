/**
 * The annexes of a book, drawn across its documents and decided once:
 * commitments of every document by strength with a document column, one
 * glossary with each acronym once and its uses in every document, and the
 * instruments matrix (which document cites which instrument, and where).
 * References are the documents' own labels ("¶ 7") with book anchors.
 */
import GithubSlugger from 'github-slugger';
import { bookAnchor } from '../model/book-links.js';
import { PART_IDS } from '../model/ids.js';
import type { Clause, Declaration, GlossaryEntry } from '../model/schema.js';
import { cutAtVerb, LONG_TEXT_CLAUSES, STRENGTH_ORDER, type AnnexOptions, type CommitmentLimits } from './annexes.js';
import { fillLabel, type Labels } from './labels.js';
import type { RefLabels } from './refs.js';
import type { BookAnnex, BookCommitmentRow, BookCommitmentsAnnex, BookGlossaryAnnex, InstrumentsMatrixAnnex, Ref } from './types.js';

/** One document of the book, as the annexes see it. */
export interface AnnexDocument {
  id: string;
  model: Declaration;
  /** Labels of the document's own places ("¶ 7", "Background note, ¶ 2"). */
  refs: RefLabels;
  /** The document as an annex names it: its short title, linked to its cover block. */
  ref: Ref;
}

export function buildBookAnnexes(documents: readonly AnnexDocument[], labels: Labels, options: AnnexOptions): BookAnnex[] {
  const out: BookAnnex[] = [];
  if (options.commitments !== false) out.push(commitments(documents, labels, options.commitments === true ? {} : options.commitments));
  if (options.glossary) out.push(glossary(documents, labels));
  if (options.instruments) out.push(instrumentsMatrix(documents, labels));
  return out;
}

/** A place of a document, with its book anchor. */
function placeRef(doc: AnnexDocument, id: string): Ref {
  const ref = doc.refs.ref(id);
  return { target: bookAnchor(doc.id, ref.target), label: ref.label };
}

function placeRefs(doc: AnnexDocument, ids: readonly string[]): Ref[] {
  return doc.refs.refs(ids).map((ref) => ({ target: bookAnchor(doc.id, ref.target), label: ref.label }));
}

function commitments(documents: readonly AnnexDocument[], labels: Labels, limits: CommitmentLimits): BookCommitmentsAnnex {
  const rankOf = (s: Clause['strength']) => STRENGTH_ORDER.length - 1 - STRENGTH_ORDER.indexOf(s);
  const all = documents.flatMap((doc) => doc.model.clauses.map((c) => ({ c, doc, long: doc.model.clauses.length > LONG_TEXT_CLAUSES })));
  const minRank = limits.minStrength ? rankOf(limits.minStrength) : 0;
  let kept = all.map((x, i) => ({ ...x, i })).filter(({ c }) => c.rank >= minRank);
  if (limits.limit != null && kept.length > limits.limit) {
    kept = [...kept]
      .sort((a, b) => b.c.rank - a.c.rank || a.i - b.i)
      .slice(0, limits.limit)
      .sort((a, b) => a.i - b.i);
  }
  const row = ({ c, doc, long }: (typeof all)[number]): BookCommitmentRow => ({
    document: doc.ref,
    ref: placeRef(doc, c.paragraph),
    actor: c.actor,
    verb: c.surface,
    strength: c.strength,
    strengthLabel: labels.strengths[c.strength] ?? c.strength,
    rank: c.rank,
    text: long ? cutAtVerb(c) : c.text,
  });
  const rows = STRENGTH_ORDER.map((strength) => {
    const counts = documents.map((doc) => doc.model.clauses.filter((c) => c.strength === strength).length);
    return { strength, label: labels.strengths[strength], counts, total: counts.reduce((a, b) => a + b, 0) };
  }).filter((r) => r.total > 0);
  const totals = documents.map((doc) => doc.model.clauses.length);
  const groups = STRENGTH_ORDER.map((strength) => ({
    id: `${PART_IDS.commitments}-${strength}`,
    heading: `${labels.strength}: ${labels.strengths[strength]}`,
    rows: kept.filter(({ c }) => c.strength === strength).map(row),
  })).filter((g) => g.rows.length > 0);
  const total = all.length;
  return {
    kind: 'bookCommitments',
    id: PART_IDS.commitments,
    heading: labels.commitmentsAcross,
    intro: labels.commitmentsAcrossIntro,
    summary: { heading: labels.summary, documents: documents.map((d) => d.ref), rows, totals, total },
    groups,
    omitted: total - kept.length > 0 ? fillLabel(labels.commitmentsOmitted, { count: total - kept.length, total }) : null,
  };
}

function glossary(documents: readonly AnnexDocument[], labels: Labels): BookGlossaryAnnex {
  const merged = new Map<string, { acronym: string; chosen: GlossaryEntry | null; uses: Array<{ document: Ref; refs: Ref[] }> }>();
  for (const doc of documents) {
    for (const entry of doc.model.glossary) {
      let row = merged.get(entry.acronym);
      if (!row) {
        row = { acronym: entry.acronym, chosen: null, uses: [] };
        merged.set(entry.acronym, row);
      }
      // The expansion a text gives wins over the reference list's; the first document that gives one, over later ones.
      const better = entry.expansion && (!row.chosen || (row.chosen.source !== 'text' && entry.source === 'text'));
      if (better) row.chosen = entry;
      row.uses.push({ document: doc.ref, refs: placeRefs(doc, entry.uses.length ? entry.uses : [entry.firstUse]) });
    }
  }
  const slugger = new GithubSlugger();
  const rows = [...merged.values()]
    .sort((a, b) => a.acronym.localeCompare(b.acronym, 'en', { sensitivity: 'base' }) || (a.acronym < b.acronym ? -1 : 1))
    .map((row) => ({
      id: `gloss-${slugger.slug(row.acronym)}`,
      acronym: row.acronym,
      expansion: row.chosen?.expansion ?? null,
      origin: row.chosen?.source === 'reference' ? labels.fromReference : row.chosen?.source === 'text' ? labels.fromText : labels.notExpanded,
      uses: row.uses,
    }));
  return { kind: 'bookGlossary', id: PART_IDS.glossary, heading: labels.glossary, rows };
}

/**
 * The key two documents' titles of one instrument share: case, punctuation,
 * parentheses (years, acronyms), articles and a leading organization
 * acronym ("APEC Putrajaya Vision 2040" and "Putrajaya Vision 2040") aside.
 */
export function instrumentKey(title: string): string {
  const text = title.normalize('NFKC').replace(/\([^)]*\)/g, ' ');
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length > 2 && /^[\p{Lu}\p{N}]{2,}$/u.test(words[0]) && /\p{Lu}/u.test(words[0])) words.shift();
  return words
    .map((w) => w.toLocaleLowerCase('en'))
    .filter((w) => w !== 'the' && w !== 'a' && w !== 'an')
    .join(' ');
}

function instrumentsMatrix(documents: readonly AnnexDocument[], labels: Labels): InstrumentsMatrixAnnex {
  const rows = new Map<string, { title: string; cells: Ref[][]; cited: Set<number>; order: number }>();
  documents.forEach((doc, d) => {
    for (const instrument of doc.model.instruments) {
      const key = instrumentKey(instrument.title) || instrument.title;
      let row = rows.get(key);
      if (!row) {
        row = { title: instrument.title, cells: documents.map(() => []), cited: new Set(), order: rows.size };
        rows.set(key, row);
      }
      row.cited.add(d);
      const seen = new Set(row.cells[d].map((r) => r.label));
      for (const ref of placeRefs(doc, instrument.paragraphs)) if (!seen.has(ref.label)) row.cells[d].push(ref);
    }
  });
  return {
    kind: 'instrumentsMatrix',
    id: PART_IDS.instruments,
    heading: labels.instrumentsMatrix,
    intro: labels.instrumentsMatrixIntro,
    documents: documents.map((d) => d.ref),
    rows: [...rows.values()]
      .sort((a, b) => b.cited.size - a.cited.size || a.order - b.order)
      .map((r) => ({ title: r.title, cells: r.cells, count: r.cited.size })),
  };
}

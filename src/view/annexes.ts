/**
 * The annexes, decided once: commitments (a summary, the strongest first,
 * then every clause grouped by the section it comes from), the glossary and
 * the index of instruments. Their rows are the same in every format.
 */
import GithubSlugger from 'github-slugger';
import type { Clause, Declaration, StrengthName } from '../model/schema.js';
import { PART_IDS } from '../model/ids.js';
import { fillLabel, type Labels } from './labels.js';
import type { RefLabels } from './refs.js';
import type { Annex, CommitmentRow, CommitmentsAnnex, GlossaryAnnex, InstrumentsAnnex } from './types.js';

/** Strongest first. */
export const STRENGTH_ORDER: readonly StrengthName[] = ['commit', 'urge', 'encourage', 'recognize', 'express', 'other'];

/** How many of the strongest commitments open the annex. */
const STRONGEST = 10;
/** A text with more clauses than this is long: its rows show the clause cut at the operative phrase. */
export const LONG_TEXT_CLAUSES = 60;
/** Characters of a clause shown in a long text's rows. */
const CUT_CHARS = 220;

export interface CommitmentLimits {
  /** Leave out clauses weaker than this. */
  minStrength?: StrengthName;
  /** Keep at most this many rows (the strongest, in text order). */
  limit?: number;
}

export interface AnnexOptions {
  commitments: boolean | CommitmentLimits;
  glossary: boolean;
  instruments: boolean;
}

export function buildAnnexes(model: Declaration, labels: Labels, refs: RefLabels, options: AnnexOptions): Annex[] {
  const out: Annex[] = [];
  if (options.commitments !== false) out.push(commitments(model, labels, refs, options.commitments === true ? {} : options.commitments));
  if (options.glossary) out.push(glossary(model, labels, refs));
  if (options.instruments) out.push(instruments(model, labels, refs));
  return out;
}

function commitments(model: Declaration, labels: Labels, refs: RefLabels, limits: CommitmentLimits): CommitmentsAnnex {
  const clauses = model.clauses;
  const long = clauses.length > LONG_TEXT_CLAUSES;
  const row = (c: Clause): CommitmentRow => ({
    ref: refs.ref(c.paragraph),
    actor: c.actor,
    verb: c.surface,
    strength: c.strength,
    strengthLabel: labels.strengths[c.strength] ?? c.strength,
    rank: c.rank,
    text: long ? cutAtVerb(c) : c.text,
  });

  const minRank = limits.minStrength ? rankOf(limits.minStrength) : 0;
  let kept = clauses.map((c, i) => ({ c, i })).filter(({ c }) => c.rank >= minRank);
  if (limits.limit != null && kept.length > limits.limit) {
    // The strongest, then back into text order.
    kept = [...kept]
      .sort((a, b) => b.c.rank - a.c.rank || a.i - b.i)
      .slice(0, limits.limit)
      .sort((a, b) => a.i - b.i);
  }
  const omittedCount = clauses.length - kept.length;

  const byStrength = STRENGTH_ORDER.map((strength) => ({
    strength,
    label: labels.strengths[strength],
    count: clauses.filter((c) => c.strength === strength).length,
  })).filter((s) => s.count > 0);
  const actors = new Map<string, { actor: string; count: number }>();
  for (const c of clauses) {
    const key = c.actor.toLocaleLowerCase('en');
    const entry = actors.get(key) ?? { actor: c.actor, count: 0 };
    entry.count++;
    actors.set(key, entry);
  }
  const byActor = [...actors.values()].sort((a, b) => b.count - a.count || a.actor.localeCompare(b.actor, 'en'));

  const strongestRank = Math.max(0, ...kept.map(({ c }) => c.rank));
  const strongest =
    strongestRank > 0
      ? kept
          .filter(({ c }) => c.rank === strongestRank)
          .slice(0, STRONGEST)
          .map(({ c }) => row(c))
      : [];

  // Rows grouped by the section of the text they come from, in text order.
  const sectionOf = new Map<string, { id: string; heading: string }>();
  for (const s of model.sections) {
    const group = { id: `${PART_IDS.commitments}-${s.id}`, heading: s.title ?? labels.text };
    for (const b of s.blocks) sectionOf.set(b.id, group);
  }
  const groups: CommitmentsAnnex['groups'] = [];
  for (const { c } of kept) {
    const section = sectionOf.get(c.paragraph) ?? { id: `${PART_IDS.commitments}-text`, heading: labels.text };
    let group = groups[groups.length - 1];
    if (!group || group.id !== section.id) {
      group = { ...section, rows: [] };
      groups.push(group);
    }
    group.rows.push(row(c));
  }

  return {
    kind: 'commitments',
    id: PART_IDS.commitments,
    heading: labels.commitments,
    intro: labels.commitmentsIntro,
    summary: { heading: labels.summary, byStrength, byActor, total: clauses.length },
    strongest: strongest.length ? { heading: labels.strongest, rows: strongest } : null,
    groups,
    omitted: omittedCount > 0 ? fillLabel(labels.commitmentsOmitted, { count: omittedCount, total: clauses.length }) : null,
  };
}

function rankOf(strength: StrengthName): number {
  return STRENGTH_ORDER.length - 1 - STRENGTH_ORDER.indexOf(strength);
}

/** The clause from its verb on, cut at a word boundary: "…we commit to …" rather than the whole sentence. */
export function cutAtVerb(c: Pick<Clause, 'text' | 'surface' | 'actor'>): string {
  const text = c.text;
  const lower = text.toLocaleLowerCase('en');
  const at = lower.indexOf(c.surface.toLocaleLowerCase('en'));
  const actorAt = lower.indexOf(c.actor.toLocaleLowerCase('en'));
  const start = actorAt >= 0 && (at < 0 || actorAt < at) && at - actorAt < 80 ? actorAt : Math.max(0, at);
  let cut = text.slice(start);
  if (start > 0) cut = `…${cut}`;
  if (cut.length > CUT_CHARS) {
    const space = cut.lastIndexOf(' ', CUT_CHARS);
    cut = `${cut.slice(0, space > CUT_CHARS / 2 ? space : CUT_CHARS).replace(/[\s,;:]+$/, '')}…`;
  }
  return cut;
}

function glossary(model: Declaration, labels: Labels, refs: RefLabels): GlossaryAnnex {
  const slugger = new GithubSlugger();
  return {
    kind: 'glossary',
    id: PART_IDS.glossary,
    heading: labels.glossary,
    rows: model.glossary.map((g) => ({
      id: `gloss-${slugger.slug(g.acronym)}`,
      acronym: g.acronym,
      expansion: g.expansion,
      origin: g.source === 'reference' ? labels.fromReference : g.source === 'text' ? labels.fromText : labels.notExpanded,
      firstUse: refs.ref(g.firstUse),
    })),
  };
}

function instruments(model: Declaration, labels: Labels, refs: RefLabels): InstrumentsAnnex {
  return {
    kind: 'instruments',
    id: PART_IDS.instruments,
    heading: labels.instruments,
    rows: model.instruments.map((i) => ({ title: i.title, citations: refs.refs(i.paragraphs) })),
  };
}

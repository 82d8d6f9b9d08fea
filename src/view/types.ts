/**
 * The briefing view: everything a pack shows, decided once, for every
 * format. Renderers (html, pdf, docx) lay it out and decide nothing about
 * content: not a label, a date, an order, an annex row, a link target or the
 * text of raw HTML. The view is plain data (JSON-clean but for image bytes).
 */
import type { ImageMediaType } from '../model/images.js';
import type { StrengthName } from '../model/schema.js';
import type { Labels } from './labels.js';

/** An embedded image: bytes every format embeds the same way. */
export interface ViewImage {
  mediaType: ImageMediaType;
  bytes: Uint8Array;
  /** Intrinsic size in CSS pixels, when known. */
  width: number | null;
  height: number | null;
}

/** Inline content as every format shows it. */
export type ViewInline =
  | { type: 'text'; value: string }
  | { type: 'emphasis' | 'strong' | 'delete' | 'superscript' | 'subscript'; children: ViewInline[] }
  | { type: 'code'; value: string }
  /** A link every format makes: `href` is external (http, https, mailto, tel) or relative, as decided by the one URL policy. */
  | { type: 'link'; href: string; children: ViewInline[] }
  /** A link to an anchor of this document (a paragraph, a section, a note, a part). */
  | { type: 'xref'; target: string; children: ViewInline[] }
  /** An image: embedded when `image` is set, else its alt text is shown in its place. */
  | { type: 'image'; image: ViewImage | null; alt: string }
  /** A footnote reference: the note's number, and this reference's own anchor (for the way back). */
  | { type: 'noteRef'; note: string; number: number; anchor: string }
  | { type: 'break' }
  /** The first use of a glossary acronym: its expansion is a tooltip in HTML; the other formats show the words. */
  | { type: 'term'; expansion: string; children: ViewInline[] }
  /**
   * Compare packs only: words the new text inserted or deleted. `label`
   * ("inserted", "deleted") is what a screen reader says before them.
   */
  | { type: 'ins' | 'del'; label: string; children: ViewInline[] };

/** Shown beside source text that stands in for a missing or stale translation. */
export interface Marker {
  state: 'missing' | 'stale';
  label: string;
}

interface BlockBase {
  /** Anchor id (the model id). */
  id: string;
  /** Language of the block's words when it differs from the document's (untranslated source text). */
  lang: string | null;
  marker: Marker | null;
  /** Compare packs only: how this block changed from the old text (never set in other packs). */
  change?: BlockChange;
}

/**
 * What happened to a block between the old text and the new one (compare
 * packs only), decided once for every format:
 * - added: only in the new text (its words are all `ins`);
 * - removed: only in the old text, shown where it stood (its words are all `del`);
 * - changed: the same paragraph, reworded (its words hold `ins` and `del`);
 * - moved: the same paragraph at another place (its old place holds a `moved-away` block);
 * - moved-away: the old place of a moved paragraph (its words are all `del`);
 * - split: one old paragraph became this one and the next ones;
 * - merged: several old paragraphs became this one.
 */
export type ChangeStatus = 'added' | 'removed' | 'changed' | 'moved' | 'moved-away' | 'split' | 'merged';

export interface BlockChange {
  status: ChangeStatus;
  /** The words every format shows beside the block ("Moved from ¶ 5"). */
  label: string;
  /** The old text's reference label of the paragraph(s) it comes from ("¶ 5"), when there is one. */
  from: string | null;
  /** For `moved` and `moved-away`: the name that pairs the two places (Word's move ranges). */
  move: string | null;
}

/** A list item: its marker text ("3.", "•") is decided here. */
export interface ViewItem extends BlockBase {
  number: number | null;
  /** "3." for numbered items, a bullet for others. */
  label: string;
  content: ViewInline[];
  /** Blocks after the item's first paragraph (nested lists included), in source order. */
  children: ViewBlock[];
}

export type ViewBlock =
  /** A numbered paragraph of the text: the number hangs in the margin. */
  | (BlockBase & { kind: 'numbered'; number: number; label: string; content: ViewInline[]; children: ViewBlock[] })
  | (BlockBase & { kind: 'paragraph'; content: ViewInline[]; children: ViewBlock[] })
  | (BlockBase & { kind: 'list'; ordered: boolean; items: ViewItem[] })
  /** A heading inside a part, a section or a note: `level` 2-6, one below the heading it stands under. */
  | (BlockBase & { kind: 'heading'; level: number; content: ViewInline[] })
  | (BlockBase & { kind: 'table'; align: Array<'left' | 'right' | 'center' | null>; head: ViewInline[][]; rows: ViewInline[][][] })
  | (BlockBase & { kind: 'code'; value: string; language: string | null })
  | (BlockBase & { kind: 'quote'; children: ViewBlock[] })
  | (BlockBase & { kind: 'rule' });

export type ViewBlockKind = ViewBlock['kind'];

export interface ViewSection {
  id: string;
  /** Null for the untitled text before the first heading. */
  title: ViewInline[] | null;
  /** The title as plain text (outline, contents, running heads). */
  titleText: string | null;
  /** Heading level, 2-6: the text's own heading is level 1; `##` sections are 2, their subsections 3… (no level skipped). */
  level: number;
  lang: string | null;
  marker: Marker | null;
  blocks: ViewBlock[];
  /** Compare packs only: the section is new (`added`), or its title changed (`changed`: the title holds `ins` and `del`). */
  change?: BlockChange;
}

/** A reference from an annex or the contents to an anchor, with its label decided once ("¶ 12"). */
export interface Ref {
  target: string;
  label: string;
}

export interface ViewNote {
  id: string;
  number: number;
  blocks: ViewBlock[];
  /** Anchors of the references to this note, in order (the way back). */
  refs: string[];
  lang: string | null;
  marker: Marker | null;
}

export interface CoverField {
  key: 'meeting' | 'venue' | 'date' | 'chair';
  label: string;
  value: string;
  /** ISO date, for the date field. */
  datetime: string | null;
  lang: string | null;
}

export interface Cover {
  /** The issuing organization and its logo (project file). */
  organization: string | null;
  logo: ViewImage | null;
  logoAlt: string;
  kind: string | null;
  kindLang: string | null;
  title: string;
  titleLang: string | null;
  fields: CoverField[];
}

export interface ContentsEntry {
  target: string;
  text: string;
  lang: string | null;
  children: ContentsEntry[];
}

export interface CommitmentRow {
  ref: Ref;
  actor: string;
  /** The verb as written ("also encourage"). */
  verb: string;
  strength: StrengthName;
  strengthLabel: string;
  rank: number;
  /** The clause text, cut at the operative phrase in long texts. */
  text: string;
}

export interface CommitmentsAnnex {
  kind: 'commitments';
  id: string;
  heading: string;
  intro: string;
  /** Counts by strength (strongest first) and by actor (most first). */
  summary: {
    heading: string;
    byStrength: Array<{ strength: StrengthName; label: string; count: number }>;
    byActor: Array<{ actor: string; count: number }>;
    total: number;
  };
  /** The strongest commitments, first. */
  strongest: { heading: string; rows: CommitmentRow[] } | null;
  /** All rows, grouped by the section of the text they come from, in text order. */
  groups: Array<{ id: string; heading: string; rows: CommitmentRow[] }>;
  /** Set when limits left clauses out: the sentence that says how many. */
  omitted: string | null;
}

export interface GlossaryAnnex {
  kind: 'glossary';
  id: string;
  heading: string;
  rows: Array<{ id: string; acronym: string; expansion: string | null; origin: string; firstUse: Ref }>;
}

export interface InstrumentsAnnex {
  kind: 'instruments';
  id: string;
  heading: string;
  rows: Array<{ title: string; citations: Ref[] }>;
}

export type Annex = CommitmentsAnnex | GlossaryAnnex | InstrumentsAnnex;

/** One cell of a table of the changes part: words, a reference to the place they are about, or both. */
export interface ChangeCell {
  text: string;
  ref: Ref | null;
  /** How the cell is set: words added (`ins`), removed (`del`), a strength that went up or down. */
  tone: 'ins' | 'del' | 'up' | 'down' | null;
}

/** A table of the changes part: a heading, column headings, rows (or the sentence shown when there is none). */
export interface ChangeTable {
  id: string;
  heading: string;
  head: string[];
  /** Columns of numbers, set right. */
  numeric: boolean[];
  rows: ChangeCell[][];
  empty: string;
}

/**
 * Compare packs only: what changed, first in the pack. The two texts
 * compared, the legend of the marks, then tables: paragraphs by status,
 * commitments added, removed, strengthened and weakened ("¶ 7 encourage →
 * urge ↑"), instruments and acronyms added and removed.
 */
export interface ChangesPart {
  kind: 'changes';
  id: string;
  heading: string;
  /** The two texts: "Old text" and "New text" with their titles and dates. */
  compared: Array<{ label: string; value: string }>;
  /** What each mark means, in the words of the document's language. */
  legend: Array<{ mark: 'ins' | 'del' | 'moved' | 'bar'; sample: string; label: string }>;
  /** The two ways to read the text (HTML switches between them without script). */
  views: { label: string; changes: string; clean: string };
  tables: ChangeTable[];
}

export type Part =
  | { kind: 'background'; id: string; heading: string; blocks: ViewBlock[] }
  | { kind: 'text'; id: string; heading: ViewInline[]; headingText: string; sections: ViewSection[] }
  | { kind: 'notes'; id: string; heading: string; notes: ViewNote[] }
  | { kind: 'annexes'; id: string; heading: string; annexes: Annex[] }
  | ChangesPart
  | DocumentPart
  | BookAnnexesPart;

// --- books (packs of several documents: `packs:` in briefpack.yaml) --------

/**
 * Book packs only: one document of the book, after the brief. Its own cover
 * block (kind, title, meeting, date, venue, chair: no organization or logo,
 * the book's cover has them) and its own parts (background, text with its
 * own paragraph numbers, notes). Every anchor in it is the document's id,
 * `--`, and the anchor the document has on its own (`apec-2025--p7`).
 */
export interface DocumentPart {
  kind: 'document';
  /** The anchor of the document's cover block: `<document id>--cover`. */
  id: string;
  /** The document's id (its file name): the prefix of its anchors. */
  documentId: string;
  /** 1, 2, 3… in the book's order. */
  number: number;
  /** The document's title (its cover block's), as the contents and outline list it. */
  heading: string;
  /** The document's language (of the translation, in a translated book). */
  lang: string;
  cover: Cover;
  /** The head of the document's pages (PDF, DOCX): its short title and kind. */
  runningHead: { title: string; kind: string | null };
  /** Background, text, notes, with the document's anchors. */
  parts: Part[];
}

/** A commitment of a book's annex: the row of its document's annex, and the document it comes from. */
export interface BookCommitmentRow extends CommitmentRow {
  /** The document, by its short title, linked to its cover block. */
  document: Ref;
}

/** Commitments across the documents: a count by strength per document, then every row by strength, with a document column. */
export interface BookCommitmentsAnnex {
  kind: 'bookCommitments';
  id: string;
  heading: string;
  intro: string;
  summary: {
    heading: string;
    /** One column per document, in the book's order. */
    documents: Ref[];
    rows: Array<{ strength: StrengthName; label: string; counts: number[]; total: number }>;
    /** Per document, then in all. */
    totals: number[];
    total: number;
  };
  /** Rows grouped by strength (strongest first), in the book's order inside a group. */
  groups: Array<{ id: string; heading: string; rows: BookCommitmentRow[] }>;
  /** Set when limits left clauses out: the sentence that says how many. */
  omitted: string | null;
}

/** One glossary for the book: an acronym once, with its uses in every document. */
export interface BookGlossaryAnnex {
  kind: 'bookGlossary';
  id: string;
  heading: string;
  rows: Array<{
    id: string;
    acronym: string;
    expansion: string | null;
    origin: string;
    /** Per document that uses it (book order): the document, and every place it is used. */
    uses: Array<{ document: Ref; refs: Ref[] }>;
  }>;
}

/** Which document cites which instrument, and where: one row per instrument, one column per document. */
export interface InstrumentsMatrixAnnex {
  kind: 'instrumentsMatrix';
  id: string;
  heading: string;
  intro: string;
  documents: Ref[];
  /** Instruments cited by the most documents first; `cells[i]` are the places document `i` cites it (empty: not cited). */
  rows: Array<{ title: string; cells: Ref[][]; count: number }>;
}

export type BookAnnex = BookCommitmentsAnnex | BookGlossaryAnnex | InstrumentsMatrixAnnex;

/** Book packs only: the annexes drawn across the documents, after the last one. */
export interface BookAnnexesPart {
  kind: 'bookAnnexes';
  id: string;
  heading: string;
  annexes: BookAnnex[];
}

export interface BriefingView {
  id: string;
  /** The source's front matter as written (strings, numbers, lists): every key reaches user templates. */
  meta: Record<string, unknown>;
  /** BCP 47 language of the document (of the translation, in a translated pack). */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Language of the source text shown where a translation is missing. */
  sourceLang: string;
  labels: Labels;
  /** Document properties (PDF Info, DOCX core properties, HTML head). */
  info: { title: string; author: string | null; subject: string | null; keywords: string[]; created: number; generator: string };
  /** Handling marking, shown at the top and bottom of every page. */
  marking: string | null;
  /** Running head: short title (cut to one line) and kind. */
  runningHead: { title: string; kind: string | null };
  cover: Cover | null;
  contents: { id: string; heading: string; entries: ContentsEntry[] } | null;
  /** The document's outline (PDF bookmarks, Word's navigation): the same entries as the contents, there even when the contents part is switched off. */
  outline: ContentsEntry[];
  /** Legend of the untranslated markers used in the pack. */
  legend: Marker[];
  parts: Part[];
}

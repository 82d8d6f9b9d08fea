/**
 * The declaration model: one typed tree in the middle of the pipeline.
 * Every emitter (html, pdf, docx, xliff, po) reads only this model.
 *
 * The zod schema is the source of truth; the TypeScript types are inferred
 * from it and `schema/declaration.schema.json` is generated from it
 * (`npm run schema`, checked by test/schema.test.ts).
 */
import { z } from 'zod';
import { SCHEMA_VERSION } from './schema-version.js';

export const Point = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
});

export const Position = z.object({ start: Point, end: Point });

/** Inline (phrasing) content, a JSON-clean subset of mdast phrasing nodes. */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis' | 'strong' | 'delete'; children: Inline[] }
  | { type: 'inlineCode'; value: string }
  | { type: 'link'; url: string; title: string | null; children: Inline[] }
  | { type: 'image'; url: string; alt: string; title: string | null }
  | { type: 'footnoteReference'; identifier: string; label: string }
  | { type: 'break' }
  /** Raw inline HTML from the source; `flagged` marks it as untrusted. */
  | { type: 'html'; value: string; flagged: true };

export const Inline: z.ZodType<Inline> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), value: z.string() }),
    z.object({ type: z.enum(['emphasis', 'strong', 'delete']), children: z.array(Inline) }),
    z.object({ type: z.literal('inlineCode'), value: z.string() }),
    z.object({ type: z.literal('link'), url: z.string(), title: z.string().nullable(), children: z.array(Inline) }),
    z.object({ type: z.literal('image'), url: z.string(), alt: z.string(), title: z.string().nullable() }),
    z.object({ type: z.literal('footnoteReference'), identifier: z.string(), label: z.string() }),
    z.object({ type: z.literal('break') }),
    z.object({ type: z.literal('html'), value: z.string(), flagged: z.literal(true) }),
  ]),
) as z.ZodType<Inline>;

export const Align = z.enum(['left', 'right', 'center']).nullable();

/**
 * What a block is:
 * - numbered: an operative or numbered paragraph (`number` is set), or an item of an ordered list;
 * - plain: an unnumbered paragraph;
 * - bullet: an item of a bullet list;
 * - list: a bullet or ordered list that is not itself numbered paragraphs (its items are in `items`);
 * - heading: a heading inside the background or a footnote;
 * - table, code, quote, html, rule: the matching Markdown construct.
 */
export const BlockKind = z.enum(['numbered', 'plain', 'bullet', 'list', 'heading', 'table', 'code', 'quote', 'html', 'rule']);
export type BlockKind = z.infer<typeof BlockKind>;

export type Table = { align: Array<'left' | 'right' | 'center' | null>; header: Inline[][]; rows: Inline[][][] };
export const Table = z.object({
  align: z.array(Align),
  /** Header row cells. */
  header: z.array(z.array(Inline)),
  /** Body rows; each row is an array of cells; each cell is inline content. */
  rows: z.array(z.array(z.array(Inline))),
});

/**
 * One block of the text: a numbered paragraph, a list item, a plain
 * paragraph, a table, code, a quote, raw HTML or a rule. Paragraphs of the
 * text, their sub-items, the background note and footnote bodies all use this
 * one shape, and a block's children are one ordered array, so every consumer
 * walks them the same way (see walk.ts).
 */
export type Block = {
  id: string;
  kind: BlockKind;
  /** The number written in the source (numbered paragraphs and ordered items), else null. */
  number: number | null;
  /** Whole plain text of the block and its children, in reading order, whitespace collapsed. */
  text: string;
  /** Inline content of the block's first (or only) paragraph; for headings the heading text. */
  content: Inline[];
  /**
   * What the block holds after its own content, in source order: sub-items
   * (kind "numbered" or "bullet"), continuation paragraphs, nested tables,
   * quote bodies, the items of a list.
   */
  children: Block[];
  /** Set for kind "list": whether the items are ordered. */
  ordered?: boolean;
  /** Set for kind "heading": its depth 1-6. */
  depth?: number;
  /** Set for kind "table". */
  table?: Table;
  /** Set for kind "code" and "html": the literal text. */
  value?: string;
  /** Set for kind "code": the info string language. */
  lang?: string | null;
  /** Set when a numbered paragraph opens with a bold lead-in or participle (`**RECOGNISING**`). */
  lead?: string | null;
  /** Translated packs only: set when this block shows source text because its translation is missing or stale. */
  untranslated?: 'missing' | 'stale';
  position: z.infer<typeof Position>;
};

export const Block: z.ZodType<Block> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: BlockKind,
    number: z.number().int().nullable(),
    text: z.string(),
    content: z.array(Inline),
    children: z.array(Block),
    ordered: z.boolean().optional(),
    depth: z.number().int().min(1).max(6).optional(),
    table: Table.optional(),
    value: z.string().optional(),
    lang: z.string().nullable().optional(),
    lead: z.string().nullable().optional(),
    untranslated: z.enum(['missing', 'stale']).optional(),
    position: Position,
  }),
) as z.ZodType<Block>;

export const Section = z.object({
  id: z.string(),
  /** Heading text, or null for the untitled text before the first heading. */
  title: z.string().nullable(),
  /** Heading inline content (empty when untitled). */
  titleContent: z.array(Inline),
  /** Heading depth: 2 for `##` sections, 3+ for subsections, 1 for top-level `#` parts. */
  level: z.number().int().min(1).max(6),
  blocks: z.array(Block),
  position: Position.nullable(),
  /** Translated packs only: the title is source text (missing or stale translation). */
  untranslated: z.enum(['missing', 'stale']).optional(),
});
export type Section = z.infer<typeof Section>;

export const Footnote = z.object({
  id: z.string(),
  identifier: z.string(),
  label: z.string(),
  /** 1-based order of first reference (or of definition when never referenced). */
  index: z.number().int().min(1),
  text: z.string(),
  blocks: z.array(Block),
  position: Position,
  untranslated: z.enum(['missing', 'stale']).optional(),
});
export type Footnote = z.infer<typeof Footnote>;

export const GlossaryEntry = z.object({
  acronym: z.string(),
  expansion: z.string().nullable(),
  /** Id of the paragraph that uses the acronym first (background included). */
  firstUse: z.string(),
  /** Id of the paragraph that expands it, when it is expanded. */
  definedIn: z.string().nullable(),
  /** Every paragraph id that uses it, in document order. */
  uses: z.array(z.string()),
  /** Where the expansion comes from: the text itself, or briefpack's reference list of well-known acronyms. */
  source: z.enum(['text', 'reference']).nullable(),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const Instrument = z.object({
  title: z.string(),
  /** Ids of the paragraphs that cite it, in document order. */
  paragraphs: z.array(z.string()),
  /** "text" when found in the text, "front-matter" when listed there. */
  origin: z.enum(['text', 'front-matter']),
});
export type Instrument = z.infer<typeof Instrument>;

export const StrengthName = z.enum(['commit', 'urge', 'encourage', 'recognize', 'express', 'other']);
export type StrengthName = z.infer<typeof StrengthName>;

/** Modal framing of a clause: "we will act", "we intend to strengthen". */
export const Modality = z.enum(['will', 'shall', 'intend', 'aim', 'may']);
export type Modality = z.infer<typeof Modality>;

export const Clause = z.object({
  paragraph: z.string(),
  /** Who acts, as written: "We", "The two sides", "President Biden", "The General Assembly". */
  actor: z.string(),
  /** Lemma of the main verb, one lowercase word: "encourage", "call". Never an auxiliary. */
  verb: z.string(),
  /** The verb with its particle, for phrasal verbs ("call on", "look forward"); else null. */
  phrase: z.string().nullable(),
  /** The verb as written, e.g. "also encourage", "RECOGNISING". */
  surface: z.string(),
  /** Adverbs on the verb as written, e.g. ["also", "strongly"]. */
  modifiers: z.array(z.string()),
  modality: Modality.nullable(),
  negated: z.boolean(),
  /** From the lexicon, adjusted by modality (docs/analysis.md). */
  strength: StrengthName,
  /** 5 (commit) … 1 (express); 0 for verbs outside the lexicon. */
  rank: z.number().int().min(0).max(5),
  /** The sentence that holds the clause. */
  text: z.string(),
  /** "preambular" for participle openings of UN-style texts, else "operative". */
  type: z.enum(['operative', 'preambular']),
});
export type Clause = z.infer<typeof Clause>;

export const Meta = z
  .object({
    title: z.string().nullable(),
    kind: z.string().nullable(),
    meeting: z.string().nullable(),
    /** ISO date YYYY-MM-DD. */
    date: z.string().nullable(),
    venue: z.string().nullable(),
    chair: z.string().nullable(),
    /** BCP 47 tag, default "en". */
    language: z.string(),
    /** Security or handling marking shown on the cover and in footers. */
    marking: z.string().nullable(),
    /** Short title for running headers; defaults to the title. */
    shortTitle: z.string().nullable(),
  })
  .catchall(z.unknown());
export type Meta = z.infer<typeof Meta>;

export { SCHEMA_VERSION };

export const Declaration = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** From the file name, without extension. */
  id: z.string(),
  source: z.object({ path: z.string(), sha256: z.string() }),
  meta: Meta,
  /** The text's own title line (its first `#` heading outside the background), when it has one. */
  textTitle: z.object({ text: z.string(), content: z.array(Inline) }).nullable(),
  background: z.array(Block),
  sections: z.array(Section),
  footnotes: z.array(Footnote),
  glossary: z.array(GlossaryEntry),
  instruments: z.array(Instrument),
  clauses: z.array(Clause),
  /**
   * Translated packs only: the language of the source the translation came from,
   * and the meta fields shown in source text.
   */
  translation: z.object({ sourceLanguage: z.string(), untranslatedMeta: z.array(z.string()) }).optional(),
});
export type Declaration = z.infer<typeof Declaration>;
export type Point = z.infer<typeof Point>;
export type Position = z.infer<typeof Position>;

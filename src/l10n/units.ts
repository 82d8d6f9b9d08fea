/**
 * Run phase: model -> translation units. The one place that decides what a
 * translator sees, the unit ids, the inline code ids and the source hashes;
 * the XLIFF and PO writers, the readers and `translateModel` all take their
 * units from here.
 *
 * Units, in reading order:
 * - `meta-title`, `meta-kind`, `meta-meeting`, `meta-venue`, `meta-chair` (and `meta-short-title`
 *   when the front matter sets one): front-matter display fields;
 * - `b1`, `b2`…: background blocks (and their items/blocks, by their model ids);
 * - `text-title`: the text's own title line;
 * - `s2-title`: section titles;
 * - `p13`, `p5-i1`, `s1-u2`, `p5-b1`: paragraphs, sub-items and nested blocks, by model id;
 * - `s1-u3-r0c2`, `s1-u3-r1c2`: table cells (row 0 is the header row, columns from 1);
 * - `fn1`: a footnote's first block, `fn1-b2`… its further blocks.
 * Ids come from the model ids, which come from paragraph numbers and
 * positions within a section, so an edit elsewhere leaves them unchanged.
 */
import { createHash } from 'node:crypto';
import type { Declaration, Inline, Block, Section, Footnote } from '../model/schema.js';
import { inlineText, collapse } from '../model/inline.js';
import GithubSlugger from 'github-slugger';
import { htmlToText } from '../model/raw-html.js';

export type UnitKind = 'meta' | 'title' | 'heading' | 'paragraph' | 'item' | 'cell' | 'footnote' | 'term';

/** The meta fields that are translated, in order. */
export const META_FIELDS = ['title', 'kind', 'meeting', 'venue', 'chair', 'shortTitle'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** Unit id of a meta field: `meta-title`, `meta-short-title`. */
export function metaUnitId(field: MetaField): string {
  return `meta-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface UnitContext {
  part: 'front' | 'background' | 'text' | 'footnotes' | 'annexes';
  /** For term units: an instrument's title or an acronym's expansion. */
  term?: { kind: 'instrument' | 'expansion'; acronym?: string };
  /** The section the unit is in (text part only). */
  section: { id: string; title: string | null } | null;
  /** Number of the enclosing numbered paragraph, when there is one. */
  paragraph: number | null;
  /** Id of the top-level block the unit belongs to. */
  block: string | null;
  /** The meta field, for front-matter units. */
  field?: MetaField;
  /** Footnote number, for footnote units. */
  footnote?: number;
  /** 1-based row (0 = header) and column, for table cells. */
  cell?: { row: number; column: number };
}

export interface TranslationUnit {
  id: string;
  kind: UnitKind;
  /** The source inline content. */
  content: Inline[];
  /** Plain source text, white space collapsed. */
  text: string;
  /** `sha256:<hex>` of the normalized source content (see hashContent). */
  hash: string;
  context: UnitContext;
  /** Acronyms in the unit, in order of first appearance: they stay as written. */
  doNotTranslate: string[];
  /** Instrument titles in the unit: translated (officially, where the term list has them), never locked. */
  terms: string[];
  /** Source line, when known. */
  line: number | null;
}

export type UntranslatedState = 'missing' | 'stale';

/** A unit bound to the model it was listed from: `apply` writes a translation into that model, `mark` flags it. */
export interface BoundUnit extends TranslationUnit {
  apply(content: Inline[]): void;
  mark(state: UntranslatedState): void;
}

/** Run phase: the units of a model, without the write-back hooks. */
export function listUnits(model: Declaration): TranslationUnit[] {
  return bindUnits(model).map(({ apply: _a, mark: _m, ...unit }) => unit);
}

/**
 * Run phase: the units of a model, each able to write a translation back
 * into that same model object (call it on a copy).
 */
export function bindUnits(model: Declaration): BoundUnit[] {
  const terms = termMatcher(doNotTranslateTerms(model));
  const titles = termMatcher(model.instruments.map((i) => i.title));
  const units: BoundUnit[] = [];
  const seen = new Set<string>();
  const add: Add = (id, kind, content, context, line, apply, mark) => {
    if (!hasText(content)) return;
    let unique = id;
    for (let n = 2; seen.has(unique); n++) unique = `${id}-dup${n}`;
    seen.add(unique);
    const text = collapse(inlineText(content));
    units.push({
      id: unique,
      kind,
      content,
      text,
      hash: hashContent(content),
      context,
      doNotTranslate: terms.termsIn(content),
      terms: kind === 'term' ? [] : titles.termsIn(content),
      line,
      apply,
      mark,
    });
  };

  const meta = model.meta;
  for (const field of META_FIELDS) {
    const value = meta[field];
    if (typeof value !== 'string' || !value.trim()) continue;
    add(
      metaUnitId(field),
      'meta',
      [{ type: 'text', value }],
      { part: 'front', section: null, paragraph: null, block: null, field },
      null,
      (c) => {
        model.meta[field] = collapse(inlineText(c));
      },
      () => markMeta(model, field),
    );
  }

  const paragraphs = (list: Block[], ctx: Omit<UnitContext, 'paragraph' | 'block'>) => {
    for (const p of list) walkParagraph(p, { ...ctx, paragraph: p.number, block: p.id }, add);
  };
  paragraphs(model.background, { part: 'background', section: null });

  const textTitle = model.textTitle;
  if (textTitle) {
    add(
      'text-title',
      'title',
      textTitle.content,
      { part: 'text', section: null, paragraph: null, block: null },
      null,
      (c) => {
        textTitle.content = c;
        textTitle.text = collapse(inlineText(c));
      },
      () => markMeta(model, 'textTitle'),
    );
  }

  for (const section of model.sections) {
    const sectionRef = { id: section.id, title: section.title };
    if (section.title != null) {
      add(
        `${section.id}-title`,
        'title',
        section.titleContent.length ? section.titleContent : [{ type: 'text', value: section.title }],
        { part: 'text', section: sectionRef, paragraph: null, block: null },
        section.position?.start.line ?? null,
        (c) => setSectionTitle(section, c),
        (s) => (section.untranslated = worse(section.untranslated, s)),
      );
    }
    paragraphs(section.blocks, { part: 'text', section: sectionRef });
  }

  for (const footnote of model.footnotes) {
    footnote.blocks.forEach((block, i) => {
      walkParagraph(
        block,
        { part: 'footnotes', section: null, paragraph: null, block: footnote.id, footnote: footnote.index },
        add,
        i === 0 ? footnote.id : undefined,
        footnote,
      );
    });
  }

  // The annexes' own words: instrument titles and acronym expansions are
  // translated (official translations come from a term list), never locked.
  const slugger = new GithubSlugger();
  for (const instrument of model.instruments) {
    add(
      `instrument-${slugger.slug(instrument.title)}`,
      'term',
      [{ type: 'text', value: instrument.title }],
      { part: 'annexes', section: null, paragraph: null, block: null, term: { kind: 'instrument' } },
      null,
      (c) => (instrument.title = collapse(inlineText(c))),
      () => undefined,
    );
  }
  for (const entry of model.glossary) {
    if (!entry.expansion) continue;
    add(
      `expansion-${slugger.slug(entry.acronym)}`,
      'term',
      [{ type: 'text', value: entry.expansion }],
      { part: 'annexes', section: null, paragraph: null, block: null, term: { kind: 'expansion', acronym: entry.acronym } },
      null,
      (c) => (entry.expansion = collapse(inlineText(c))),
      () => undefined,
    );
  }
  return units;
}

type Add = (
  id: string,
  kind: UnitKind,
  content: Inline[],
  context: UnitContext,
  line: number | null,
  apply: (c: Inline[]) => void,
  mark: (s: UntranslatedState) => void,
) => void;

function walkParagraph(p: Block, ctx: UnitContext, add: Add, alias?: string, footnote?: Footnote): void {
  const markBlock = (s: UntranslatedState) => {
    p.untranslated = worse(p.untranslated, s);
    if (footnote) footnote.untranslated = worse(footnote.untranslated, s);
  };
  // Blocks built without a source position carry a zero position.
  const line = p.position.end.offset > 0 ? p.position.start.line : null;
  if (p.kind === 'table' && p.table) {
    const table = p.table;
    const cell = (cells: Inline[][], row: number) =>
      cells.forEach((content, c) => {
        add(`${p.id}-r${row}c${c + 1}`, 'cell', content, { ...ctx, cell: { row, column: c + 1 } }, line, (t) => (cells[c] = t), markBlock);
      });
    cell(table.header, 0);
    table.rows.forEach((row, r) => cell(row, r + 1));
  } else if (p.kind === 'plain' || p.kind === 'numbered' || p.kind === 'bullet' || p.kind === 'heading') {
    const kind: UnitKind = footnote ? 'footnote' : p.kind === 'heading' ? 'heading' : /-i\d+$/.test(p.id) ? 'item' : 'paragraph';
    add(alias ?? p.id, kind, p.content, ctx, line, (c) => (p.content = c), markBlock);
  }
  // code, html and rule blocks are not translated; quotes and lists are containers.
  for (const c of p.children) walkParagraph(c, ctx, add, undefined, footnote);
}

function setSectionTitle(section: Section, content: Inline[]): void {
  section.titleContent = content;
  section.title = collapse(inlineText(content));
}

function markMeta(model: Declaration, field: string): void {
  model.translation ??= { sourceLanguage: model.meta.language, untranslatedMeta: [] };
  if (!model.translation.untranslatedMeta.includes(field)) model.translation.untranslatedMeta.push(field);
}

/** `stale` outranks `missing`: a reader must see that a translation exists but is out of date. */
export function worse(a: UntranslatedState | undefined, b: UntranslatedState): UntranslatedState {
  return a === 'stale' || b === 'stale' ? 'stale' : 'missing';
}

/**
 * Content worth a translator's time: it holds a letter outside code. A
 * number-only cell ("2023", "3.75"), punctuation or a code span alone is
 * the same in every language and is not extracted.
 */
function hasText(content: Inline[]): boolean {
  return /\p{L}/u.test(wordsOutsideCode(content));
}

function wordsOutsideCode(nodes: readonly Inline[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text') s += n.value;
    else if (n.type === 'image') s += n.alt;
    else if (n.type === 'html') s += htmlToText(n.value);
    else if ('children' in n) s += wordsOutsideCode(n.children);
  }
  return s;
}

// ---- hashes ------------------------------------------------------------------

/**
 * The source hash of inline content: sha256 of a canonical JSON form in
 * which white space runs are one space (re-wrapping a source line is not a
 * change) and every node keeps its type and attributes (a changed link
 * target or emphasis is). Independent of how Markdown is serialized.
 */
export function hashContent(content: readonly Inline[]): string {
  return (
    'sha256:' +
    createHash('sha256')
      .update(JSON.stringify(canonical(content, true)))
      .digest('hex')
  );
}

function canonical(nodes: readonly Inline[], top = false): unknown[] {
  const out: unknown[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };
  for (const n of nodes) {
    if (n.type === 'text') {
      text += n.value;
      continue;
    }
    flush();
    switch (n.type) {
      case 'emphasis':
      case 'strong':
      case 'delete':
        out.push([n.type, canonical(n.children)]);
        break;
      case 'link':
        out.push(['link', n.url, n.title ?? '', canonical(n.children)]);
        break;
      case 'inlineCode':
        out.push(['code', n.value]);
        break;
      case 'image':
        out.push(['image', n.url, n.alt, n.title ?? '']);
        break;
      case 'footnoteReference':
        out.push(['fn', n.identifier]);
        break;
      case 'break':
        out.push(['break']);
        break;
      case 'html':
        out.push(['html', n.value]);
        break;
    }
  }
  flush();
  const normalized = out.map((x) => (typeof x === 'string' ? x.normalize('NFC').replace(/\s+/g, ' ') : x));
  if (top) {
    if (typeof normalized[0] === 'string') normalized[0] = normalized[0].trimStart();
    const last = normalized.length - 1;
    if (typeof normalized[last] === 'string') normalized[last] = (normalized[last] as string).trimEnd();
  }
  return normalized.filter((x) => x !== '');
}

/** Normalize a stored hash (`sha256:…` or bare hex) for comparison. */
export function normalizeHash(value: string): string {
  const v = value.trim().toLowerCase();
  return v.startsWith('sha256:') ? v : `sha256:${v}`;
}

// ---- inline codes --------------------------------------------------------------

export type CodeNode = Exclude<Inline, { type: 'text' }>;
export type ContainerNode = Extract<Inline, { children: Inline[] }>;

export function isContainer(node: Inline): node is ContainerNode {
  return node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link';
}

/**
 * Inline codes of a unit, ids "1", "2"… in document order: containers
 * (emphasis, strong, delete, link) become XLIFF `<pc>`, the rest `<ph>`.
 */
export function codesOf(content: readonly Inline[]): { byId: Map<string, CodeNode>; idOf: Map<Inline, string> } {
  const byId = new Map<string, CodeNode>();
  const idOf = new Map<Inline, string>();
  const walk = (nodes: readonly Inline[]) => {
    for (const n of nodes) {
      if (n.type === 'text') continue;
      const id = String(byId.size + 1);
      byId.set(id, n);
      idOf.set(n, id);
      if (isContainer(n)) walk(n.children);
    }
  };
  walk(content);
  return { byId, idOf };
}

/** What identifies a code across source and translation: its type and its non-text attributes. */
export function codeSignature(n: CodeNode): string {
  switch (n.type) {
    case 'link':
      return `link\0${n.url}`;
    case 'image':
      return `image\0${n.url}`;
    case 'inlineCode':
      return `code\0${n.value}`;
    case 'footnoteReference':
      return `fn\0${n.identifier}`;
    case 'html':
      return `html\0${n.value}`;
    default:
      return n.type;
  }
}

/** Plain text a code stands for (XLIFF `equiv`). */
export function codeEquiv(n: CodeNode): string {
  switch (n.type) {
    case 'inlineCode':
      return n.value;
    case 'image':
      return n.alt;
    case 'break':
      return ' ';
    case 'html':
      return htmlToText(n.value);
    default:
      return '';
  }
}

// ---- do-not-translate terms ----------------------------------------------------

/**
 * Acronyms of the glossary: they stay as written (`<mrk translate="no">`).
 * Instrument titles and expansions are not locked: official translations
 * must translate them (they are units of their own, and named in notes).
 */
export function doNotTranslateTerms(model: Pick<Declaration, 'glossary'>): string[] {
  const terms = new Set<string>();
  for (const g of model.glossary) if (g.acronym.trim()) terms.add(g.acronym.trim());
  return [...terms];
}

export interface TermMatcher {
  /** Non-overlapping matches in a string, longest term first at each position. */
  find(text: string): Array<{ start: number; end: number; term: string }>;
  /** Terms found in inline content, in order of first appearance. */
  termsIn(content: readonly Inline[]): string[];
}

export function termMatcher(terms: readonly string[]): TermMatcher {
  const sorted = [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const escaped = sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = escaped.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  const find = (text: string) => {
    if (!re) return [];
    const out: Array<{ start: number; end: number; term: string }> = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) out.push({ start: m.index, end: m.index + m[0].length, term: m[0] });
    return out;
  };
  const termsIn = (content: readonly Inline[]) => {
    const found: string[] = [];
    const walk = (nodes: readonly Inline[]) => {
      for (const n of nodes) {
        if (n.type === 'text') for (const m of find(n.value)) if (!found.includes(m.term)) found.push(m.term);
        if (isContainer(n)) walk(n.children);
      }
    };
    walk(content);
    return found;
  };
  return { find, termsIn };
}

/**
 * Run phase: declaration model -> the view the templates read.
 *
 * All decisions live here (heading levels, labels, link targets, grouping),
 * so templates stay logic-less. Every string from the source stays a plain
 * string for `{{ }}` escaping, except inline content, which arrives as a
 * SafeString made by inline.ts after sanitizing.
 */
import Handlebars from 'handlebars';
import type { Declaration, Footnote, Paragraph, Section, StrengthName } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import type { RenderContext } from '../context.js';
import { InlineRenderer, type FootnoteRef } from './inline.js';
import { HeadingLevels } from './headings.js';
import { Targets } from './targets.js';
import { markFor, type Mark } from './glossary-marks.js';

type Html = Handlebars.SafeString;
const safe = (html: string): Html => new Handlebars.SafeString(html);

export interface Link {
  href: string;
  label: string;
}

/** Shown next to source text that stands in for a missing or stale translation. */
export interface Marker {
  label: string;
  /** The page language: the marker's own words are in it. */
  lang: string;
  state: 'missing' | 'stale';
}

export interface CellView {
  html: Html;
  /** CSS class for the column alignment, or null. */
  align: string | null;
}

export interface BlockView {
  /** Element id; null when a wrapper (a text paragraph) carries it. */
  id: string | null;
  kind: Paragraph['kind'];
  is: Record<Paragraph['kind'], boolean>;
  number: number | null;
  /** As an item of an `<ol>`: its `value` (the number written in the source). */
  value: number | null;
  content: Html | null;
  items: BlockView[];
  /** Items are all numbered: an `<ol>` with each item's own number. */
  itemsOrdered: boolean;
  blocks: BlockView[];
  /** Heading level (headings only). */
  level: number | null;
  table: { head: CellView[]; rows: CellView[][] } | null;
  code: string | null;
  codeClass: string | null;
  /** Allow-listed raw HTML (kind html). */
  raw: Html | null;
  /** Source language, when this block shows untranslated source text. */
  lang: string | null;
  marker: Marker | null;
}

export interface ParagraphView {
  id: string;
  number: number | null;
  permalink: Link;
  lang: string | null;
  marker: Marker | null;
  block: BlockView;
}

export interface SectionView {
  id: string;
  title: Html | null;
  level: number;
  lang: string | null;
  marker: Marker | null;
  paragraphs: ParagraphView[];
}

export interface ContentsEntry {
  href: string;
  text: string;
  lang: string | null;
  children: ContentsEntry[];
}

export interface FootnoteView {
  id: string;
  index: number;
  blocks: BlockView[];
  backrefs: FootnoteRef[];
  lang: string | null;
  marker: Marker | null;
}

export interface CoverField {
  key: string;
  label: string;
  value: string;
  /** ISO date for `<time datetime>` (date only). */
  datetime: string | null;
  lang: string | null;
}

export interface PageView {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  generator: string;
  /** Content-Security-Policy for the meta tag: nothing loads, nothing runs. */
  csp: string;
  css: Html;
  labels: Labels;
  cover: {
    marking: string | null;
    kind: string | null;
    kindLang: string | null;
    title: string;
    titleLang: string | null;
    fields: CoverField[];
  };
  contents: ContentsEntry[];
  background: { id: string; heading: string; blocks: BlockView[] } | null;
  text: { id: string; heading: Html | string; sections: SectionView[] };
  footnotes: { id: string; heading: string; notes: FootnoteView[] } | null;
  annexes: {
    commitments: {
      id: string;
      heading: string;
      intro: string;
      groups: Array<{ id: string; heading: string; count: number; rows: Array<{ paragraph: Link; verb: string; strength: string; text: string }> }>;
    };
    glossary: { id: string; heading: string; rows: Array<{ id: string; acronym: string; expansion: string | null; firstUse: Link }> };
    instruments: { id: string; heading: string; rows: Array<{ title: string; citations: Link[] }> };
  };
}

/** Strongest first: the order of the commitments annex. */
export const STRENGTH_ORDER: readonly StrengthName[] = ['commit', 'urge', 'encourage', 'recognize', 'express', 'other'];

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const KINDS: Paragraph['kind'][] = ['numbered', 'plain', 'bullet', 'list', 'heading', 'table', 'code', 'quote', 'html', 'rule'];
const RTL = /^(ar|fa|he|ur|ps|sd|ug|yi|dv|ckb)(-|$)/i;

export interface ViewInput {
  model: Declaration;
  ctx: RenderContext;
  css: string;
}

/** Build the whole page view. Inline content is rendered here, in document order. */
export function buildView({ model, ctx, css }: ViewInput): PageView {
  return new ViewBuilder(model, ctx).page(css);
}

class ViewBuilder {
  private readonly labels: Labels;
  private readonly lang: string;
  private readonly sourceLang: string;
  private readonly inline: InlineRenderer;
  private readonly targets: Targets;
  private readonly marks = new Map<string, Mark[]>();
  private headings = new HeadingLevels(3);

  constructor(
    private readonly model: Declaration,
    private readonly ctx: RenderContext,
  ) {
    this.labels = ctx.labels;
    this.lang = model.meta.language || 'en';
    this.sourceLang = model.translation?.sourceLanguage ?? this.lang;
    this.inline = new InlineRenderer({ file: ctx.file, footnotes: model.footnotes, sourcePath: ctx.file.path || model.source.path });
    this.targets = new Targets(model, ctx.labels);
    for (const entry of model.glossary) {
      if (!entry.expansion) continue;
      const list = this.marks.get(entry.firstUse) ?? [];
      list.push(markFor(entry.acronym, entry.expansion));
      this.marks.set(entry.firstUse, list);
    }
  }

  page(css: string): PageView {
    const { model, labels } = this;
    const meta = model.meta;
    const title = meta.title ?? model.id;
    const background = model.background.length
      ? { id: 'background', heading: labels.background, blocks: this.flow(model.background, new HeadingLevels(3)) }
      : null;
    this.headings = new HeadingLevels(3);
    const sections = model.sections.map((s) => this.section(s));
    const textHeading = model.textTitle ? safe(this.inline.inline(model.textTitle.content, null)) : labels.text;
    const notes = model.footnotes.length ? this.footnotes([...model.footnotes].sort((a, b) => a.index - b.index)) : null;
    const annexes = this.annexes();
    const untranslatedMeta = new Set(model.translation?.untranslatedMeta ?? []);
    const metaLang = (key: string) => (untranslatedMeta.has(key) ? this.sourceLang : null);

    const contents: ContentsEntry[] = [];
    if (background) contents.push(entry('#background', labels.background));
    const textEntry = entry('#text', model.textTitle?.text ?? labels.text);
    contents.push(textEntry);
    nestSections(textEntry, sections, model.sections);
    if (notes) contents.push(entry('#footnotes', labels.footnotes));
    contents.push(
      entry(`#${annexes.commitments.id}`, annexes.commitments.heading),
      entry(`#${annexes.glossary.id}`, annexes.glossary.heading),
      entry(`#${annexes.instruments.id}`, annexes.instruments.heading),
    );

    const fields: CoverField[] = [];
    const field = (key: 'meeting' | 'venue' | 'date' | 'chair') => {
      const value = meta[key];
      if (!value) return;
      fields.push({
        key,
        label: labels[key],
        value: key === 'date' ? formatDate(value, this.lang) : value,
        datetime: key === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null,
        lang: metaLang(key),
      });
    };
    field('meeting');
    field('venue');
    field('date');
    field('chair');

    return {
      lang: this.lang,
      dir: RTL.test(this.lang) ? 'rtl' : 'ltr',
      title,
      generator: `briefpack ${this.ctx.version}`,
      csp: CSP,
      css: safe(css.replace(/<\/style/gi, '<\\/style')),
      labels,
      cover: { marking: meta.marking, kind: meta.kind, kindLang: metaLang('kind'), title, titleLang: metaLang('title'), fields },
      contents,
      background,
      text: { id: 'text', heading: textHeading, sections },
      footnotes: notes ? { id: 'footnotes', heading: labels.footnotes, notes } : null,
      annexes,
    };
  }

  private marker(state: 'missing' | 'stale' | undefined): Marker | null {
    if (!state) return null;
    return { label: state === 'stale' ? this.labels.stale : this.labels.untranslated, lang: this.lang, state };
  }

  /** Run `render` with the glossary acronyms first used in `id` pending, then drop the unplaced ones. */
  private withMarks<T>(id: string, render: () => T): T {
    const marks = this.marks.get(id);
    if (!marks) return render();
    const before = this.inline.pending;
    this.inline.pending = [...before, ...marks];
    try {
      return render();
    } finally {
      this.inline.pending = before.filter((m) => this.inline.pending.includes(m));
    }
  }

  private section(section: Section): SectionView {
    const marker = this.marker(section.untranslated);
    const title = section.title == null ? null : this.withMarks(section.id, () => safe(this.inline.inline(section.titleContent, section.position)));
    return {
      id: section.id,
      title,
      level: title ? this.headings.next(section.level) : this.headings.current(),
      lang: marker ? this.sourceLang : null,
      marker,
      paragraphs: section.paragraphs.map((p) => this.paragraph(p)).filter((p) => !isEmpty(p.block)),
    };
  }

  private paragraph(p: Paragraph): ParagraphView {
    const marker = this.marker(p.untranslated);
    return {
      id: p.id,
      number: p.number,
      permalink: { href: `#${p.id}`, label: `${this.labels.permalink}: ${this.targets.label(p.id)}` },
      lang: marker ? this.sourceLang : null,
      marker,
      block: this.withMarks(p.id, () => this.block(p, this.headings, Boolean(marker), false)),
    };
  }

  private flow(blocks: readonly Paragraph[], headings: HeadingLevels): BlockView[] {
    return blocks.map((b) => this.withMarks(b.id, () => this.block(b, headings, false, true))).filter((b) => !isEmpty(b));
  }

  /**
   * One block and its children. `inherited`: an ancestor already carries the
   * untranslated language and marker. `ownId`: the block's element carries its id.
   */
  private block(p: Paragraph, headings: HeadingLevels, inherited: boolean, ownId: boolean): BlockView {
    const marker = inherited ? null : this.marker(p.untranslated);
    const below = inherited || Boolean(marker);
    const is = Object.fromEntries(KINDS.map((k) => [k, k === p.kind])) as Record<Paragraph['kind'], boolean>;
    const view: BlockView = {
      id: ownId ? p.id : null,
      kind: p.kind,
      is,
      number: p.number,
      value: null,
      content: null,
      items: [],
      itemsOrdered: false,
      blocks: [],
      level: null,
      table: null,
      code: null,
      codeClass: null,
      raw: null,
      lang: marker ? this.sourceLang : null,
      marker,
    };
    switch (p.kind) {
      case 'table':
        if (p.table) {
          const align = p.table.align;
          const cell = (content: Paragraph['content'], column: number): CellView => ({
            html: safe(this.inline.inline(content, p.position)),
            align: align[column] ? `al-${align[column]}` : null,
          });
          view.table = { head: p.table.header.map(cell), rows: p.table.rows.map((row) => row.map(cell)) };
        }
        break;
      case 'code':
        // Trailing blanks on a code line are invisible; the page keeps none.
        view.code = (p.value ?? '').replace(/[ \t]+$/gm, '');
        view.codeClass = p.lang && /^[\w-]+$/.test(p.lang) ? `language-${p.lang}` : null;
        break;
      case 'html':
        view.raw = safe(this.inline.block(p.value ?? '', p.position));
        break;
      case 'heading':
        view.level = headings.next(p.depth ?? 2);
        view.content = safe(this.inline.inline(p.content, p.position));
        break;
      case 'rule':
        break;
      default:
        if (p.content.length) view.content = safe(this.inline.inline(p.content, p.position));
    }
    view.blocks = p.blocks.map((b) => this.block(b, headings, below, true)).filter((b) => !isEmpty(b));
    view.items = p.items.map((i) => this.block(i, headings, below, true));
    view.itemsOrdered = view.items.length > 0 && view.items.every((i) => i.number != null) && (p.kind !== 'list' || Boolean(p.ordered));
    if (view.itemsOrdered) for (const item of view.items) item.value = item.number;
    return view;
  }

  private footnotes(list: Footnote[]): FootnoteView[] {
    const headings = new HeadingLevels(3);
    return list.map((fn) => {
      const marker = this.marker(fn.untranslated);
      return {
        id: fn.id,
        index: fn.index,
        blocks: fn.blocks.map((b) => this.withMarks(fn.id, () => this.block(b, headings, Boolean(marker), true))),
        // Filled while the text is rendered; read when the template runs.
        backrefs: this.inline.backrefs.get(fn.id) ?? [],
        lang: marker ? this.sourceLang : null,
        marker,
      };
    });
  }

  private annexes(): PageView['annexes'] {
    const { model, labels, targets } = this;
    const groups = new Map<StrengthName, PageView['annexes']['commitments']['groups'][number]>();
    for (const strength of STRENGTH_ORDER) {
      groups.set(strength, { id: `annex-commitments-${strength}`, heading: labels.strengths[strength], count: 0, rows: [] });
    }
    for (const clause of model.clauses) {
      const group = groups.get(clause.strength)!;
      group.rows.push({ paragraph: targets.link(clause.paragraph), verb: clause.surface, strength: labels.strengths[clause.strength], text: clause.text });
      group.count++;
    }
    const glossaryIds = new Set<string>();
    return {
      commitments: {
        id: 'annex-commitments',
        heading: labels.commitments,
        intro: labels.commitmentsIntro,
        groups: [...groups.values()].filter((g) => g.count > 0),
      },
      glossary: {
        id: 'annex-glossary',
        heading: labels.glossary,
        rows: model.glossary.map((g) => ({ id: uniqueId(`gloss-${slug(g.acronym)}`, glossaryIds), acronym: g.acronym, expansion: g.expansion, firstUse: targets.link(g.firstUse) })),
      },
      instruments: {
        id: 'annex-instruments',
        heading: labels.instruments,
        rows: model.instruments.map((i) => ({ title: i.title, citations: i.paragraphs.map((id) => targets.link(id)) })),
      },
    };
  }
}

/** A block with nothing left after the allow-list (a lone <script>, a comment): not worth an empty box. */
function isEmpty(view: BlockView): boolean {
  if (view.marker || view.blocks.length || view.items.length) return false;
  if (view.is.html) return (view.raw?.toString() ?? '').trim() === '';
  if (view.is.plain) return (view.content?.toString() ?? '').trim() === '';
  return false;
}

function entry(href: string, text: string, lang: string | null = null): ContentsEntry {
  return { href, text, lang, children: [] };
}

/** Titled sections as a tree under the text entry, nested by page level. */
function nestSections(root: ContentsEntry, views: SectionView[], sections: Section[]): void {
  const stack: Array<{ level: number; entry: ContentsEntry }> = [{ level: 2, entry: root }];
  views.forEach((view, index) => {
    const title = sections[index].title;
    if (title == null) return;
    while (stack.length > 1 && stack[stack.length - 1].level >= view.level) stack.pop();
    const e = entry(`#${view.id}`, title, view.lang);
    stack[stack.length - 1].entry.children.push(e);
    stack.push({ level: view.level, entry: e });
  });
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'term';
}

function uniqueId(base: string, seen: Set<string>): string {
  let id = base;
  for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
  seen.add(id);
  return id;
}

/** A long localized date (UTC, so the day never shifts); the ISO date when the language is unknown. */
function formatDate(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  } catch {
    return iso;
  }
}

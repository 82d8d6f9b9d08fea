/**
 * Run phase: declaration model -> briefing view. Everything the formats
 * share is decided here, once: the parts and their order, every heading and
 * label in the document's language, dates, anchors, cross-reference labels,
 * annex rows, untranslated markers, link targets, the text of raw HTML and
 * the images to embed.
 */
import type { Block, Declaration, Footnote, Section } from '../model/schema.js';
import { PART_IDS, anchorIds } from '../model/ids.js';
import { resolveImage } from '../model/images.js';
import { walkBlock } from '../model/walk.js';
import { buildAnnexes, type AnnexOptions } from './annexes.js';
import { BlockBuilder } from './blocks.js';
import { directionOf, formatDate } from './format.js';
import { HeadingLevels } from './headings.js';
import { InlineBuilder, termMark, viewText, type TermMark } from './inline.js';
import type { Labels } from './labels.js';
import { RefLabels } from './refs.js';
import type { BriefingView, ContentsEntry, Cover, CoverField, Marker, Part, ViewImage, ViewNote, ViewSection } from './types.js';

/** Which parts a pack holds (`parts:` in briefpack.yaml). */
export interface PartOptions {
  cover: boolean;
  contents: boolean;
  background: boolean;
  annexes: AnnexOptions;
}

export const ALL_PARTS: PartOptions = { cover: true, contents: true, background: true, annexes: { commitments: true, glossary: true, instruments: true } };

/**
 * The analysis as far as the pack shows it. Without its background part, an
 * annex must not refer to a background paragraph (there is no such anchor
 * in any format): an acronym's first use is its first use in what is shown
 * (its expansion is still the text's), and an acronym or instrument met
 * only in the background is left out.
 */
function shownAnalysis(model: Declaration, parts: PartOptions): Pick<Declaration, 'glossary' | 'instruments' | 'clauses'> {
  if (parts.background || !model.background.length) return model;
  const hidden = new Set<string>();
  for (const block of model.background) walkBlock(block, (b) => void hidden.add(b.id));
  const shown = (id: string) => !hidden.has(id);
  return {
    glossary: model.glossary.flatMap((g) => {
      if (shown(g.firstUse)) return [g];
      const uses = g.uses.filter(shown);
      return uses.length ? [{ ...g, firstUse: uses[0], uses }] : [];
    }),
    instruments: model.instruments.flatMap((i) => {
      const paragraphs = i.paragraphs.filter(shown);
      return paragraphs.length ? [{ ...i, paragraphs }] : [];
    }),
    clauses: model.clauses.filter((c) => shown(c.paragraph)),
  };
}

export interface ViewOptions {
  labels: Labels;
  /** Seconds since the epoch for every embedded date (SOURCE_DATE_EPOCH or the source's date). */
  epoch: number;
  version: string;
  /** Folder local images are read from (the source's folder). */
  imageFolder: string;
  parts?: PartOptions;
  /** The issuing organization, from the project file. */
  organization?: { name: string | null; logo: ViewImage | null } | null;
  /** The project's marking; a source's own `marking:` wins. */
  marking?: string | null;
}

/** Characters of the running head: a longer title is cut (a `short-title:` reads better). */
const HEAD_CHARS = 110;

export function buildView(model: Declaration, options: ViewOptions): BriefingView {
  return new ViewBuilder(model, options).build();
}

class ViewBuilder {
  private readonly labels: Labels;
  private readonly lang: string;
  private readonly sourceLang: string;
  private readonly parts: PartOptions;
  private readonly inline: InlineBuilder;
  private readonly blocks: BlockBuilder;
  private readonly marks = new Map<string, TermMark[]>();
  private readonly used = new Set<Marker['state']>();
  private readonly analysis: Pick<Declaration, 'glossary' | 'instruments' | 'clauses'>;

  constructor(
    private readonly model: Declaration,
    private readonly options: ViewOptions,
  ) {
    this.labels = options.labels;
    this.lang = model.meta.language || 'en';
    this.sourceLang = model.translation?.sourceLanguage ?? this.lang;
    this.parts = options.parts ?? ALL_PARTS;
    const notes = new Map(model.footnotes.map((f) => [f.identifier, { id: f.id, number: f.index }]));
    this.inline = new InlineBuilder({ notes, anchors: anchorIds(model), imageFolder: options.imageFolder });
    this.blocks = new BlockBuilder({ inline: this.inline, marker: (s) => this.marker(s), sourceLang: this.sourceLang });
    this.analysis = shownAnalysis(model, this.parts);
    for (const entry of this.analysis.glossary) {
      if (!entry.expansion) continue;
      const list = this.marks.get(entry.firstUse) ?? [];
      list.push(termMark(entry.acronym, entry.expansion));
      this.marks.set(entry.firstUse, list);
    }
  }

  build(): BriefingView {
    const { model, labels } = this;
    const meta = model.meta;
    const title = meta.title ?? model.textTitle?.text ?? model.id;
    const textHeadingText = model.textTitle?.text ?? title;
    const refs = new RefLabels(model, labels, textHeadingText);

    // The body in reading order: footnote references are numbered as they are met.
    const parts: Part[] = [];
    const background = this.parts.background ? this.background() : null;
    if (background) parts.push(background);
    const text = this.text(textHeadingText);
    parts.push(text);
    const notes = this.notes();
    if (notes) parts.push(notes);
    const annexes = buildAnnexes({ ...model, ...this.analysis }, labels, refs, this.parts.annexes);
    if (annexes.length) parts.push({ kind: 'annexes', id: PART_IDS.annexes, heading: labels.annexes, annexes });

    const untranslatedMeta = new Set(model.translation?.untranslatedMeta ?? []);
    const metaLang = (key: string) => (untranslatedMeta.has(key) ? this.sourceLang : null);
    const shortTitle = meta.shortTitle ?? title;
    const outline = contentsOf(parts);
    return {
      id: model.id,
      meta: { ...meta },
      lang: this.lang,
      dir: directionOf(this.lang),
      sourceLang: this.sourceLang,
      labels,
      info: {
        title,
        author: meta.meeting ?? meta.chair,
        subject: meta.kind,
        keywords: model.sections.map((s) => s.title).filter((t): t is string => Boolean(t)),
        created: this.options.epoch,
        generator: `briefpack ${this.options.version}`,
      },
      marking: meta.marking ?? this.options.marking ?? null,
      runningHead: {
        title:
          [...shortTitle].length > HEAD_CHARS
            ? `${[...shortTitle]
                .slice(0, HEAD_CHARS - 1)
                .join('')
                .trimEnd()}…`
            : shortTitle,
        kind: meta.kind,
      },
      cover: this.parts.cover ? this.cover(title, metaLang) : null,
      contents: this.parts.contents ? { id: PART_IDS.contents, heading: labels.contents, entries: outline } : null,
      outline,
      legend: (['missing', 'stale'] as const).filter((s) => this.used.has(s)).map((s) => this.marker(s)!),
      parts,
    };
  }

  private marker(state: Block['untranslated']): Marker | null {
    if (!state) return null;
    this.used.add(state);
    return { state, label: state === 'stale' ? this.labels.stale : this.labels.untranslated };
  }

  /** Build `fn` with the glossary acronyms first used in unit `id` pending, then forget those not placed. */
  private withMarks<T>(id: string, fn: () => T): T {
    const marks = this.marks.get(id);
    if (!marks) return fn();
    const before = this.inline.pending;
    this.inline.pending = [...before, ...marks];
    try {
      return fn();
    } finally {
      this.inline.pending = before.filter((m) => this.inline.pending.includes(m));
    }
  }

  private flow(list: readonly Block[], headings: HeadingLevels, numbered: boolean) {
    return list.flatMap((b) => this.withMarks(b.id, () => this.blocks.blocks([b], headings, numbered)));
  }

  private background(): Part | null {
    if (!this.model.background.length) return null;
    return {
      kind: 'background',
      id: PART_IDS.background,
      heading: this.labels.background,
      blocks: this.flow(this.model.background, new HeadingLevels(2), false),
    };
  }

  private text(headingText: string): Part {
    const { model } = this;
    const heading = model.textTitle
      ? this.withMarks('text-title', () => this.inline.inline(model.textTitle!.content))
      : [{ type: 'text' as const, value: headingText }];
    const levels = new HeadingLevels(2);
    const sections = model.sections.map((s) => this.section(s, levels));
    return { kind: 'text', id: PART_IDS.text, heading, headingText, sections };
  }

  private section(section: Section, levels: HeadingLevels): ViewSection {
    const marker = this.marker(section.untranslated);
    const title =
      section.title == null
        ? null
        : this.withMarks(section.id, () => this.inline.inline(section.titleContent.length ? section.titleContent : [{ type: 'text', value: section.title! }]));
    return {
      id: section.id,
      title,
      titleText: title ? viewText(title) || section.title : null,
      level: title ? levels.next(section.level) : levels.current(),
      lang: marker ? this.sourceLang : null,
      marker,
      blocks: this.flow(section.blocks, levels, true),
    };
  }

  private notes(): Part | null {
    const { model } = this;
    if (!model.footnotes.length) return null;
    const levels = new HeadingLevels(3);
    const notes: ViewNote[] = [...model.footnotes]
      .sort((a, b) => a.index - b.index)
      .map((fn: Footnote) => {
        const marker = this.marker(fn.untranslated);
        return {
          id: fn.id,
          number: fn.index,
          blocks: this.withMarks(fn.id, () => this.blocks.blocks(fn.blocks, levels, false)),
          refs: [],
          lang: marker ? this.sourceLang : null,
          marker,
        };
      });
    // The references were all met in the text, background and notes above.
    for (const note of notes) note.refs = this.inline.noteRefs.get(note.id) ?? [];
    return { kind: 'notes', id: PART_IDS.notes, heading: this.labels.footnotes, notes };
  }

  private cover(title: string, metaLang: (key: string) => string | null): Cover {
    const { model, labels } = this;
    const meta = model.meta;
    const fields: CoverField[] = [];
    for (const key of ['meeting', 'venue', 'date', 'chair'] as const) {
      const value = meta[key];
      if (!value) continue;
      fields.push({
        key,
        label: labels[key],
        value: key === 'date' ? formatDate(value, this.lang) : value,
        datetime: key === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null,
        lang: metaLang(key),
      });
    }
    const organization = this.options.organization ?? null;
    const metaOrganization = typeof meta.organization === 'string' && meta.organization.trim() ? meta.organization.trim() : null;
    // A source's own logo (front matter, read like its images) wins over the project's.
    const ownLogo = typeof meta.logo === 'string' && meta.logo.trim() ? resolveImage(meta.logo, this.options.imageFolder) : null;
    return {
      organization: metaOrganization ?? organization?.name ?? null,
      logo: ownLogo?.ok
        ? { mediaType: ownLogo.image.mediaType, bytes: ownLogo.image.bytes, width: ownLogo.image.width, height: ownLogo.image.height }
        : (organization?.logo ?? null),
      logoAlt: metaOrganization ?? organization?.name ?? labels.logo,
      kind: meta.kind,
      kindLang: metaLang('kind'),
      title,
      titleLang: metaLang('title'),
      fields,
    };
  }
}

/** The contents: parts, the text's sections nested by level, the annexes. */
export function contentsOf(parts: readonly Part[]): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      const root: ContentsEntry = { target: part.id, text: part.headingText, lang: null, children: [] };
      const stack: Array<{ level: number; entry: ContentsEntry }> = [{ level: 1, entry: root }];
      for (const s of part.sections) {
        if (s.titleText == null) continue;
        while (stack.length > 1 && stack[stack.length - 1].level >= s.level) stack.pop();
        const entry: ContentsEntry = { target: s.id, text: s.titleText, lang: s.lang, children: [] };
        stack[stack.length - 1].entry.children.push(entry);
        stack.push({ level: s.level, entry });
      }
      out.push(root);
    } else if (part.kind === 'annexes') {
      out.push({
        target: part.id,
        text: part.heading,
        lang: null,
        children: part.annexes.map((a) => ({ target: a.id, text: a.heading, lang: null, children: [] })),
      });
    } else out.push({ target: part.id, text: part.heading, lang: null, children: [] });
  }
  return out;
}

/**
 * Run phase: several declaration models and a brief -> one briefing view,
 * the book (`packs:` in briefpack.yaml). Decided here, once, for every
 * format: one cover and one contents for the book; the brief first, its
 * links to any paragraph of any document made internal links; then each
 * document as a `document` part, with its own cover block, its parts and
 * its own paragraph numbers; then the annexes drawn across the documents.
 * Every anchor of a document is its id, `--`, and the anchor it has alone
 * (`apec-2025-digital-ai-ministerial--p7`; the brief's are `brief--…`).
 *
 * The documents' views are built as single packs' are (buildView), then
 * their anchors are prefixed: a document reads the same in a book as alone.
 */
import { BRIEF_ID, documentAnchor, documentAnchors } from '../model/book-links.js';
import { PART_IDS } from '../model/ids.js';
import type { Declaration } from '../model/schema.js';
import { titleFromFileName } from '../model/to-declaration.js';
import { AnchorPrefix, placedAnchors, unlinkDangling } from './book-anchors.js';
import { buildBookAnnexes, type AnnexDocument } from './book-annexes.js';
import { ALL_PARTS, buildView, contentsOf, type PartOptions, type ViewOptions } from './build-view.js';
import { directionOf, formatDate } from './format.js';
import { RefLabels } from './refs.js';
import type { BriefingView, ContentsEntry, Cover, DocumentPart, Marker, Part } from './types.js';

/** A model of the book and the folder its local images are read from. */
export interface BookSource {
  model: Declaration;
  imageFolder: string;
}

/** What the project file says of the book (`packs:`): its id, title, subtitle and date. */
export interface BookInfo {
  id: string;
  title: string;
  subtitle: string | null;
  /** ISO date (YYYY-MM-DD), shown on the cover. */
  date: string | null;
}

export interface BookOptions extends Omit<ViewOptions, 'imageFolder'> {
  book: BookInfo;
}

/** Characters of the running head (as a single pack's). */
const HEAD_CHARS = 110;

const NO_ANNEXES: PartOptions['annexes'] = { commitments: false, glossary: false, instruments: false };

export function buildBookView(documents: readonly BookSource[], brief: BookSource, options: BookOptions): BriefingView {
  const labels = options.labels;
  const parts = options.parts ?? ALL_PARTS;
  const lang = brief.model.meta.language || 'en';
  const book = options.book;
  const anchors = new Map(documents.map((d) => [d.model.id, documentAnchors(d.model)]));
  const used = new Map<Marker['state'], Marker>();
  const own = (source: BookSource, cover: boolean) => {
    const view = buildView(source.model, {
      ...options,
      imageFolder: source.imageFolder,
      parts: { cover, contents: false, background: parts.background, annexes: NO_ANNEXES },
      organization: null,
    });
    for (const m of view.legend) used.set(m.state, m);
    return view;
  };

  // The brief: its own parts, its anchors under `brief--`, its links to the documents resolved.
  const briefView = own(brief, false);
  const briefPrefix = new AnchorPrefix(BRIEF_ID, anchors);
  const briefParts = briefPrefix.parts(briefView.parts);
  const briefText = briefParts.find((p) => p.kind === 'text');
  if (briefText?.kind === 'text' && !brief.model.textTitle && brief.model.meta.title === titleFromFileName(brief.model.id)) {
    // A brief with no title of its own is "Brief", not its file name.
    briefText.heading = [{ type: 'text', value: labels.brief }];
    briefText.headingText = labels.brief;
  }

  // Each document: its cover block and parts, its anchors under `<id>--`.
  const annexDocuments: AnnexDocument[] = [];
  const documentParts: DocumentPart[] = documents.map((source, i) => {
    const model = source.model;
    const view = own(source, true);
    const prefix = new AnchorPrefix(model.id, anchors);
    const cover: Cover = { ...view.cover!, organization: null, logo: null, logoAlt: '' };
    const title = model.meta.shortTitle ?? cover.title;
    annexDocuments.push({
      id: model.id,
      model,
      // An unnumbered paragraph is "Text, ¶ 2": the annexes name its document in a column of their own.
      refs: new RefLabels(model, labels, labels.text),
      ref: { target: documentAnchor(model.id), label: cut(title) },
    });
    return {
      kind: 'document',
      id: documentAnchor(model.id),
      documentId: model.id,
      number: i + 1,
      heading: cover.title,
      lang: view.lang,
      cover,
      runningHead: view.runningHead,
      parts: prefix.parts(view.parts),
    };
  });

  const annexes = buildBookAnnexes(annexDocuments, labels, parts.annexes);
  const all: Part[] = [...briefParts, ...documentParts];
  if (annexes.length) all.push({ kind: 'bookAnnexes', id: PART_IDS.annexes, heading: labels.annexes, annexes });
  unlinkDangling(all, placedAnchors(all));

  const outline = bookContents(all);
  const cover: Cover = {
    organization:
      brief.model.meta.organization && typeof brief.model.meta.organization === 'string' ? brief.model.meta.organization : (options.organization?.name ?? null),
    logo: options.organization?.logo ?? null,
    logoAlt: options.organization?.name ?? labels.logo,
    kind: book.subtitle,
    kindLang: null,
    title: book.title,
    titleLang: null,
    fields: book.date
      ? [
          {
            key: 'date',
            label: labels.date,
            value: formatDate(book.date, lang),
            datetime: /^\d{4}-\d{2}-\d{2}$/.test(book.date) ? book.date : null,
            lang: null,
          },
        ]
      : [],
  };
  return {
    id: book.id,
    meta: { title: book.title, subtitle: book.subtitle, date: book.date, brief: brief.model.id, documents: documents.map((d) => d.model.id) },
    lang,
    dir: directionOf(lang),
    sourceLang: brief.model.translation?.sourceLanguage ?? lang,
    labels,
    info: {
      title: book.title,
      author: cover.organization,
      subject: book.subtitle,
      keywords: documentParts.map((d) => d.cover.title),
      created: options.epoch,
      generator: `briefpack ${options.version}`,
    },
    marking: brief.model.meta.marking ?? options.marking ?? null,
    runningHead: { title: cut(book.title, HEAD_CHARS), kind: book.subtitle },
    cover: parts.cover ? cover : null,
    contents: parts.contents ? { id: PART_IDS.contents, heading: labels.contents, entries: outline } : null,
    outline,
    legend: (['missing', 'stale'] as const).filter((s) => used.has(s)).map((s) => used.get(s)!),
    parts: all,
  };
}

/**
 * The book's contents: the brief's parts (its sections under its title),
 * then one entry per document (its cover block) with its background, its
 * sections and its notes under it, then the annexes.
 */
function bookContents(parts: readonly Part[]): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  for (const part of parts) {
    if (part.kind === 'document') {
      const text = part.parts.find((p) => p.kind === 'text')?.id;
      const children = contentsOf(part.parts).flatMap((e) => (e.target === text ? e.children : [e]));
      out.push({ target: part.id, text: part.heading, lang: part.cover.titleLang, children });
    } else if (part.kind === 'bookAnnexes') {
      out.push({
        target: part.id,
        text: part.heading,
        lang: null,
        children: part.annexes.map((a) => ({ target: a.id, text: a.heading, lang: null, children: [] })),
      });
    } else out.push(...contentsOf([part]));
  }
  return out;
}

/** A title cut to one line of a running head or an annex column. */
function cut(title: string, chars = 80): string {
  const list = [...title];
  return list.length > chars
    ? `${list
        .slice(0, chars - 1)
        .join('')
        .trimEnd()}…`
    : title;
}

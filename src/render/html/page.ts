/**
 * Briefing view -> the context the Handlebars templates read. Templates stay
 * logic-less: every inline array arrives as HTML made by inline.ts, every
 * other string is escaped by Handlebars. Nothing here decides content; it
 * maps the view's nodes to what the templates name.
 */
import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import type { Annex, BookAnnex, BriefingView, ContentsEntry, Marker, Part, ViewBlock, ViewItem, ViewSection } from '../../view/types.js';
import type { Labels } from '../../view/labels.js';
import { dataUri, inlineHtml } from './inline.js';
import { changeContext, changesContext, compareSwitch, type ChangeContext } from './changes.js';
import { directionOf } from '../../view/format.js';

type Html = Handlebars.SafeString;
const { SafeString } = HandlebarsRuntime as unknown as typeof Handlebars;
const safe = (html: string): Html => new SafeString(html);

/** The page's h1 is the cover title: every view level sits one lower on the page. */
const pageLevel = (level: number) => Math.min(6, level + 1);

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const BLOCK_KINDS = ['numbered', 'paragraph', 'list', 'heading', 'table', 'code', 'quote', 'rule'] as const;

export interface MarkerContext {
  label: string;
  /** The marker's own words are in the page language. */
  lang: string;
  state: Marker['state'];
}

export interface BlockContext {
  id: string;
  is: Record<(typeof BLOCK_KINDS)[number], boolean>;
  number: number | null;
  label: string | null;
  content: Html | null;
  children: BlockContext[];
  ordered: boolean;
  items: ItemContext[];
  level: number | null;
  head: Array<{ html: Html; align: string | null }>;
  rows: Array<Array<{ html: Html; align: string | null }>>;
  code: string | null;
  codeClass: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  marker: MarkerContext | null;
  /** Compare packs: how the block changed. */
  change: ChangeContext | null;
}

export interface ItemContext {
  id: string;
  number: number | null;
  content: Html;
  children: BlockContext[];
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  marker: MarkerContext | null;
  change: ChangeContext | null;
}

export interface ContentsContext {
  href: string;
  text: string;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  children: ContentsContext[];
}

/** A part as the templates read it (a document part holds parts of its own). */
type PartContext = { is: Record<string, boolean>; id: string; [key: string]: unknown } | undefined;

export function pageContext(view: BriefingView, css: string) {
  /** `dir` for an element whose language runs the other way from the page's (English source text in an Arabic pack). */
  const dirOf = (lang: string | null | undefined): 'ltr' | 'rtl' | null => {
    if (!lang) return null;
    const dir = directionOf(lang);
    return dir === view.dir ? null : dir;
  };
  const markerOf = (m: Marker | null): MarkerContext | null => (m ? { label: m.label, lang: view.lang, state: m.state } : null);

  const item = (i: ViewItem): ItemContext => ({
    id: i.id,
    number: i.number,
    content: safe(inlineHtml(i.content)),
    children: i.children.map(block),
    lang: i.lang,
    dir: dirOf(i.lang),
    marker: markerOf(i.marker),
    change: changeContext(i.change),
  });

  function block(b: ViewBlock): BlockContext {
    const is = Object.fromEntries(BLOCK_KINDS.map((k) => [k, k === b.kind])) as BlockContext['is'];
    const cell = (align: string | null) => (c: Parameters<typeof inlineHtml>[0]) => ({ html: safe(inlineHtml(c)), align: align ? `al-${align}` : null });
    const out: BlockContext = {
      id: b.id,
      is,
      number: null,
      label: null,
      content: null,
      children: [],
      ordered: false,
      items: [],
      level: null,
      head: [],
      rows: [],
      code: null,
      codeClass: null,
      lang: b.lang,
      dir: dirOf(b.lang),
      marker: markerOf(b.marker),
      change: changeContext(b.change),
    };
    switch (b.kind) {
      case 'numbered':
        Object.assign(out, { number: b.number, label: b.label, content: safe(inlineHtml(b.content)), children: b.children.map(block) });
        break;
      case 'paragraph':
        Object.assign(out, { content: safe(inlineHtml(b.content)), children: b.children.map(block) });
        break;
      case 'list':
        Object.assign(out, { ordered: b.ordered, items: b.items.map(item) });
        break;
      case 'heading':
        Object.assign(out, { level: pageLevel(b.level), content: safe(inlineHtml(b.content)) });
        break;
      case 'table':
        Object.assign(out, { head: b.head.map((c, i) => cell(b.align[i])(c)), rows: b.rows.map((r) => r.map((c, i) => cell(b.align[i])(c))) });
        break;
      case 'code':
        Object.assign(out, { code: b.value, codeClass: b.language ? `language-${b.language}` : null });
        break;
      case 'quote':
        out.children = b.children.map(block);
        break;
      case 'rule':
        break;
    }
    return out;
  }

  const section = (s: ViewSection) => ({
    id: s.id,
    title: s.title ? safe(inlineHtml(s.title)) : null,
    level: pageLevel(s.level),
    lang: s.lang,
    dir: dirOf(s.lang),
    marker: markerOf(s.marker),
    change: changeContext(s.change),
    paragraphs: s.blocks.map((b) => ({
      id: b.id,
      number: b.kind === 'numbered' ? b.number : null,
      label: b.kind === 'numbered' ? b.label : null,
      permalink: {
        href: `#${b.id}`,
        label: b.kind === 'numbered' ? `${view.labels.permalink}: ${view.labels.paragraphAbbr} ${b.number}` : view.labels.permalink,
      },
      // The wrapper carries the id and the number; the block inside shows the words.
      block: { ...block(b), id: null, change: null },
      lang: b.lang,
      dir: dirOf(b.lang),
      change: changeContext(b.change),
    })),
  });

  const annex = (a: Annex) => ({ ...a, is: { commitments: a.kind === 'commitments', glossary: a.kind === 'glossary', instruments: a.kind === 'instruments' } });
  const bookAnnex = (a: BookAnnex) => ({
    ...a,
    is: { bookCommitments: a.kind === 'bookCommitments', bookGlossary: a.kind === 'bookGlossary', instrumentsMatrix: a.kind === 'instrumentsMatrix' },
  });

  const part = (p: Part): PartContext => {
    const is = {
      background: p.kind === 'background',
      text: p.kind === 'text',
      notes: p.kind === 'notes',
      annexes: p.kind === 'annexes',
      document: p.kind === 'document',
      bookAnnexes: p.kind === 'bookAnnexes',
      changes: p.kind === 'changes',
    };
    switch (p.kind) {
      case 'background':
        return { is, id: p.id, heading: p.heading, blocks: p.blocks.map(block) };
      case 'text':
        return { is, id: p.id, heading: safe(inlineHtml(p.heading)), sections: p.sections.map(section) };
      case 'notes':
        return {
          is,
          id: p.id,
          heading: p.heading,
          notes: p.notes.map((n) => ({
            id: n.id,
            number: n.number,
            blocks: n.blocks.map(block),
            backrefs: n.refs.map((r) => ({ href: `#${r}` })),
            lang: n.lang,
            dir: dirOf(n.lang),
            marker: markerOf(n.marker),
          })),
        };
      case 'annexes':
        return { is, id: p.id, heading: p.heading, annexes: p.annexes.map(annex) };
      // Books: a document (its cover block, then its own parts) and the annexes across the documents.
      case 'document': {
        const fields = p.cover.fields.map((f) => ({ ...f, dir: dirOf(f.lang) }));
        const cover = { ...p.cover, kindDir: dirOf(p.cover.kindLang), titleDir: dirOf(p.cover.titleLang), fields };
        return { is, id: p.id, number: p.number, lang: p.lang === view.lang ? null : p.lang, dir: dirOf(p.lang), cover, parts: p.parts.map(part) };
      }
      case 'bookAnnexes':
        return { is, id: p.id, heading: p.heading, annexes: p.annexes.map(bookAnnex) };
      case 'changes':
        return { is, ...changesContext(p) };
    }
  };

  const contents = (e: ContentsEntry): ContentsContext => ({
    href: `#${e.target}`,
    text: e.text,
    lang: e.lang,
    dir: dirOf(e.lang),
    children: e.children.map(contents),
  });

  return {
    lang: view.lang,
    dir: view.dir,
    title: view.info.title,
    generator: view.info.generator,
    csp: CSP,
    css: safe(css.replace(/<\/style/gi, '<\\/style')),
    labels: view.labels as Labels,
    marking: view.marking,
    /** Every front-matter key of the source, for user templates ({{meta.organisation}}). */
    meta: view.meta,
    organization: view.cover?.organization ?? null,
    cover: view.cover
      ? {
          ...view.cover,
          kindDir: dirOf(view.cover.kindLang),
          titleDir: dirOf(view.cover.titleLang),
          fields: view.cover.fields.map((f) => ({ ...f, dir: dirOf(f.lang) })),
          logo: view.cover.logo ? { src: dataUri(view.cover.logo), alt: view.cover.logoAlt } : null,
        }
      : null,
    contents: view.contents ? { id: view.contents.id, heading: view.contents.heading, entries: view.contents.entries.map(contents) } : null,
    legend: view.legend.map(markerOf),
    /** Compare packs: the switch between the changes and the clean new text. */
    compare: compareSwitch(view.parts.find((p) => p.kind === 'changes')),
    parts: view.parts.map(part),
    /** The first part the skip link jumps to. */
    main: view.parts.find((p) => p.kind === 'text')?.id ?? 'main',
  };
}

export type PageContext = ReturnType<typeof pageContext>;

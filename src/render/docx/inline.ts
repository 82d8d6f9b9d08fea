/**
 * Run phase (docx): view inline content -> Word runs, one handler per node
 * kind (in the manner of mdast-util-to-hast's `handlers`). The view has
 * decided every word and every target: `link` is an external hyperlink,
 * `xref` an internal one to the anchor's bookmark, a `noteRef` the note's
 * Word footnote mark (or its number, where Word cannot hold a mark), an image
 * a Word drawing or its alt text.
 */
import {
  Bookmark,
  DeletedTextRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  InsertedTextRun,
  InternalHyperlink,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { RunRevision } from './changes.js';
import type { ViewInline } from '../../view/types.js';
import { imageRun } from './images.js';
import { docxLanguage } from './language.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

/** How the runs of a node are set, inherited from the nodes around it. */
export interface Format {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  superScript?: boolean;
  subScript?: boolean;
  code?: boolean;
  link?: boolean;
  /** Language of source text shown in a translated pack (null: the document's). */
  lang: string | null;
  /** Inside a note: Word notes cannot hold footnote marks. */
  inNote: boolean;
  /** Width images may take, in CSS pixels. */
  widthPx: number;
  /** Compare packs: the runs are a tracked insertion or deletion. */
  revision?: RunRevision;
}

type NodeOf<T extends ViewInline['type']> = ViewInline extends infer N ? (N extends { type: infer U } ? (T extends U ? N : never) : never) : never;
type All = (nodes: readonly ViewInline[], format: Format) => ParagraphChild[];
type Handler<T extends ViewInline['type']> = (node: NodeOf<T>, w: Writer, format: Format, all: All) => ParagraphChild[];

export const handlers: { [T in ViewInline['type']]: Handler<T> } = {
  text: (node, _w, f) => [textRun(node.value, f)],
  emphasis: (node, _w, f, all) => all(node.children, { ...f, italics: true }),
  strong: (node, _w, f, all) => all(node.children, { ...f, bold: true }),
  delete: (node, _w, f, all) => all(node.children, { ...f, strike: true }),
  superscript: (node, _w, f, all) => all(node.children, { ...f, superScript: true, subScript: false }),
  subscript: (node, _w, f, all) => all(node.children, { ...f, subScript: !f.superScript }),
  code: (node, _w, f) => [textRun(node.value, { ...f, code: true })],
  link: (node, _w, f, all) => [new ExternalHyperlink({ link: node.href, children: all(node.children, { ...f, link: true }) })],
  xref: (node, w, f, all) => {
    const anchor = w.env.bookmarks.name(node.target);
    // A target the file does not hold (its part is switched off) keeps the words only.
    return anchor ? [new InternalHyperlink({ anchor, children: all(node.children, { ...f, link: true }) })] : all(node.children, f);
  },
  image: (node, w, f) => {
    const prepared = node.image ? w.env.images.get(node.image) : null;
    if (prepared) return [imageRun(prepared, node.alt, { maxWidthPx: f.widthPx })];
    return node.alt ? [textRun(`[${node.alt}]`, { ...f, italics: true })] : [];
  },
  noteRef: (node, w, f) => {
    const note = w.env.footnotes.get(node.note);
    let mark: ParagraphChild;
    if (note && !f.inNote && !w.state.marked.has(note.id)) {
      // The note's one Word mark; its id is the view's number (the mark's text when Word's own count differs).
      w.state.marked.add(note.id);
      mark = new FootnoteReferenceRun(note.number);
    } else {
      // A second reference, or one inside a note: the number, linked to the note.
      const target = w.env.bookmarks.name(node.note);
      const number = new TextRun({ text: String(node.number), superScript: true, style: target ? STYLE.hyperlink : undefined, language: runLanguage(f.lang) });
      mark = target ? new InternalHyperlink({ anchor: target, children: [number] }) : number;
    }
    const anchor = w.env.bookmarks.name(node.anchor);
    return anchor ? [new Bookmark({ id: anchor, children: [mark] })] : [mark];
  },
  break: (_node, _w, f) => [tracked({ break: 1 }, f)],
  // The first use of an acronym: Word shows the words (the expansion is the glossary's).
  term: (node, _w, f, all) => all(node.children, f),
  // Compare packs: Word's tracked changes. In a moved block every run is already the move's insertion, and
  // the deleted words are at the old place (Word has no edit inside a move).
  ins: (node, w, f, all) => all(node.children, f.revision?.move ? f : { ...f, revision: w.state.revisions.run('ins') }),
  del: (node, w, f, all) => (f.revision?.move && f.revision.kind === 'ins' ? [] : all(node.children, { ...f, revision: w.state.revisions.run('del') })),
};

/** Word runs for inline content. */
export function inlineRuns(nodes: readonly ViewInline[], w: Writer, format: Format): ParagraphChild[] {
  const all: All = (list, f) => {
    const out: ParagraphChild[] = [];
    for (const node of list) out.push(...(handlers[node.type] as Handler<typeof node.type>)(node as never, w, f, all));
    return out;
  };
  return all(nodes, format);
}

/** A run of plain words in `format`. */
export function textRun(value: string, format: Format): ParagraphChild {
  // Soft line breaks are spaces; Word would draw a raw newline or tab in w:t as nothing.
  const text = value.replace(/\r\n?|\n|\t/g, ' ');
  return tracked(
    {
      text,
      bold: format.bold || undefined,
      italics: format.italics || undefined,
      strike: format.strike || undefined,
      superScript: format.superScript || undefined,
      subScript: format.subScript || undefined,
      style: format.code ? STYLE.code : format.link ? STYLE.hyperlink : undefined,
      language: runLanguage(format.lang),
    },
    format,
  );
}

/** A run, inside a tracked insertion or deletion when the format says so. */
function tracked(options: IRunOptions, format: Format): ParagraphChild {
  const revision = format.revision;
  if (!revision) return new TextRun(options);
  return revision.kind === 'ins' ? new InsertedTextRun({ ...options, ...revision.attrs() }) : new DeletedTextRun({ ...options, ...revision.attrs() });
}

/** `w:lang` of a run in another language than the document's. */
export function runLanguage(lang: string | null): { value: string; eastAsia?: string } | undefined {
  return lang ? docxLanguage(lang).run : undefined;
}

/**
 * Run phase: a book's briefing view -> Word file (DOCX bytes).
 *
 * A Word section per document, so each starts on a new page under its own
 * running header (its short title and kind), while the footer's page number
 * runs on through the file: the cover (a section of its own), then the
 * contents (a TOC field prefilled with the view's entries) and the brief
 * under the book's header, then one section per document (its cover block,
 * its parts), then the annexes across the documents under the book's header
 * again. Bookmarks are the view's book anchors.
 *
 * Word numbers footnotes through the whole file and needs each note's id
 * once; the documents number their notes from 1 each. Each note gets a
 * Word id in the file's order, and its mark shows the view's number.
 */
import { Document, Paragraph, SectionType, TextRun, type ISectionOptions, type ParagraphChild } from 'docx';
import type { BookCommitmentsAnnex, BookGlossaryAnnex, BriefingView, DocumentPart, InstrumentsMatrixAnnex, Part, Ref, ViewNote } from '../../view/types.js';
import { DEFAULT_THEME, type RenderContext } from '../context.js';
import { columns, heading, headerRow, none, refs, row, text } from './annexes.js';
import { Bookmarks } from './bookmarks.js';
import { bookmarked, dataTable, outlineHeading, paragraph, spacer, type BodyChild } from './blocks.js';
import { Revisions } from './changes.js';
import { appXml, coreXml, corePropertiesOf } from './core-properties.js';
import { coverPage } from './cover.js';
import { wordFootnotes } from './footnotes.js';
import { coverFurniture, runningFooter, runningHeader } from './header-footer.js';
import { prepareImages } from './images.js';
import { runLanguage } from './inline.js';
import { docxLanguage } from './language.js';
import { NumberingPlan } from './numbering.js';
import { pageGeometry, sectionPage } from './page.js';
import { partHandlers } from './parts.js';
import { planOf, type DocxPlan } from './plan.js';
import type { ReferenceDoc } from './reference.js';
import { packageParts, repack } from './repack.js';
import type { Writer } from './state.js';
import { referenceOf, stylePatches } from './reference-patches.js';
import { stylesFor, STYLE } from './styles.js';
import { contents, legend } from './toc.js';

type PartHandler<K extends Part['kind']> = (part: Extract<Part, { kind: K }>, w: Writer, pageBreak: boolean) => BodyChild[];
type BookAnnexesPart = Extract<Part, { kind: 'bookAnnexes' }>;

export async function renderBookDocx(view: BriefingView, ctx: RenderContext): Promise<Uint8Array> {
  const reference = referenceOf(ctx);
  const { document, marks } = await build(view, ctx, reference);
  const packed = packageParts(document);
  const custom = [...marks].some(([id, shown]) => id !== shown);
  return repack(packed, {
    epoch: view.info.created,
    replace: { 'docProps/core.xml': coreXml(corePropertiesOf(view)), 'docProps/app.xml': appXml(view.info.generator) },
    patch: {
      ...stylePatches(view, reference),
      ...(custom ? { 'word/document.xml': (xml: string) => shownMarks(xml, marks), 'word/footnotes.xml': (xml: string) => shownNumbers(xml, marks) } : {}),
    },
  });
}

/** What one stretch of the book holds (the brief, or one document), planned as a single pack's body is. */
interface Unit {
  parts: Part[];
  plan: DocxPlan;
}

/**
 * The plan of the whole file: every anchor in order (the cover, the
 * contents, each stretch, the annexes), the notes that are Word footnotes
 * with their Word ids, and every image.
 */
function bookPlan(view: BriefingView): { units: Unit[]; plan: DocxPlan; footnotes: Map<string, ViewNote>; marks: Map<number, number> } {
  const unitOf = (parts: Part[]): Unit => ({ parts, plan: planOf({ ...view, cover: null, contents: null, parts }) });
  const units: Unit[] = [];
  const brief = view.parts.filter((p) => p.kind !== 'document' && p.kind !== 'bookAnnexes');
  units.push(unitOf(brief));
  for (const part of view.parts) if (part.kind === 'document') units.push(unitOf(part.parts));

  const anchors: string[] = [];
  const images = new Set(units.flatMap((u) => u.plan.images));
  if (view.cover) {
    anchors.push('cover');
    if (view.cover.logo) images.add(view.cover.logo);
  }
  if (view.contents) anchors.push(view.contents.id);
  anchors.push(...units[0].plan.anchors);
  let u = 0;
  for (const part of view.parts) {
    if (part.kind === 'document') {
      anchors.push(part.id, ...units[++u].plan.anchors);
    } else if (part.kind === 'bookAnnexes') {
      anchors.push(part.id);
      for (const annex of part.annexes) {
        anchors.push(annex.id);
        if (annex.kind === 'bookCommitments') anchors.push(...annex.groups.map((g) => g.id));
        if (annex.kind === 'bookGlossary') anchors.push(...annex.rows.map((r) => r.id));
      }
    }
  }

  // Word ids 1, 2, 3… through the file; each mark shows the note's own number.
  const footnotes = new Map<string, ViewNote>();
  const marks = new Map<number, number>();
  const ordered: ViewNote[] = [];
  for (const unit of units) {
    for (const note of unit.plan.footnotes) {
      const id = ordered.length + 1;
      const renumbered = { ...note, number: id };
      marks.set(id, note.number);
      footnotes.set(note.id, renumbered);
      ordered.push(renumbered);
    }
  }
  const plan: DocxPlan = { anchors, footnotes: ordered, listedNotes: units.flatMap((x) => x.plan.listedNotes), customMarks: false, images: [...images] };
  return { units, plan, footnotes, marks };
}

async function build(view: BriefingView, ctx: RenderContext, reference: ReferenceDoc | null): Promise<{ document: Document; marks: Map<number, number> }> {
  const theme = ctx.theme ?? DEFAULT_THEME;
  const page = pageGeometry(theme.page, reference?.page ?? null);
  const { units, plan, footnotes, marks } = bookPlan(view);
  const language = docxLanguage(view.lang);
  const w: Writer = {
    env: { view, labels: view.labels, page, bookmarks: new Bookmarks(plan.anchors), plan, footnotes, images: await prepareImages(plan.images, page.textWidth) },
    state: { numbering: new NumberingPlan(), marked: new Set(), pending: { ids: [], prefix: [] }, revisions: new Revisions(view.info.created) },
  };
  // A stretch's notes part lists its own notes that are no Word footnote.
  const within = (unit: Unit): Writer => ({ env: { ...w.env, plan: { ...plan, listedNotes: unit.plan.listedNotes } }, state: w.state });

  const cover = view.cover ? coverPage(view.cover, w) : null;
  const front = view.contents ? contents(view.contents, w) : legend(view);
  const pageSetup = sectionPage(page);
  const sections: ISectionOptions[] = [];
  if (cover) sections.push({ properties: { page: pageSetup }, ...coverFurniture(view), children: cover });
  const furniture = (head: BriefingView['runningHead']) => ({
    headers: { default: runningHeader({ ...view, runningHead: head }) },
    footers: { default: runningFooter(view) },
  });
  const next = () => (sections.length ? { type: SectionType.NEXT_PAGE } : {});

  // The contents and the brief, under the book's header.
  const briefWriter = within(units[0]);
  const brief = flow(units[0].parts, briefWriter, front.length > 0);
  if (front.length || brief.length)
    sections.push({ properties: { page: pageSetup, ...next() }, ...furniture(view.runningHead), children: [...front, ...brief] });

  let u = 0;
  for (const part of view.parts) {
    if (part.kind === 'document') {
      const dw = within(units[++u]);
      const children = [...documentCover(part, dw), ...flow(part.parts, dw, false)];
      sections.push({ properties: { page: pageSetup, ...next() }, ...furniture(part.runningHead), children });
    } else if (part.kind === 'bookAnnexes') {
      sections.push({ properties: { page: pageSetup, ...next() }, ...furniture(view.runningHead), children: bookAnnexes(part, w, false) });
    }
  }
  // After the body: its references decided which notes have a Word mark.
  const notes = wordFootnotes(w);

  const props = corePropertiesOf(view);
  const document = new Document({
    title: props.title,
    subject: props.subject ?? undefined,
    creator: props.creator ?? undefined,
    keywords: props.keywords,
    styles: stylesFor(language, theme, page.textWidth),
    numbering: w.state.numbering.options(),
    footnotes: notes,
    sections,
  });
  return { document, marks };
}

/** Parts of one stretch in order: each starts a page (`breakFirst`: the first one too), but the notes, which follow the text. */
function flow(parts: readonly Part[], w: Writer, breakFirst: boolean): BodyChild[] {
  const out: BodyChild[] = [];
  parts.forEach((part, i) => {
    if (part.kind === 'document' || part.kind === 'bookAnnexes') return;
    const pageBreak = part.kind !== 'notes' && (i > 0 || breakFirst);
    out.push(...(partHandlers[part.kind] as PartHandler<typeof part.kind>)(part as never, w, pageBreak));
  });
  return out;
}

/** A document in the flow of a single Word section (a book given to renderDocx): its cover block on a new page, its parts. */
export function documentPart(part: DocumentPart, w: Writer, pageBreak: boolean): BodyChild[] {
  return [...documentCover(part, w, pageBreak), ...flow(part.parts, w, false)];
}

/** A document's cover block: its kind, its title (an entry of the contents, the document's bookmark), its fields. */
function documentCover(part: DocumentPart, w: Writer, pageBreak = false): BodyChild[] {
  const { cover } = part;
  const words = (value: string, lang: string | null) => [new TextRun({ text: value, language: runLanguage(lang) })];
  const out: BodyChild[] = [];
  if (cover.kind) out.push(new Paragraph({ style: STYLE.subtitle, pageBreakBefore: pageBreak || undefined, children: words(cover.kind, cover.kindLang) }));
  out.push(paragraph(w, [part.id], null, words(cover.title, cover.titleLang), outlineHeading(1, { pageBreakBefore: pageBreak && !cover.kind })));
  for (const field of cover.fields) {
    out.push(new Paragraph({ style: STYLE.coverLabel, children: [new TextRun(field.label)] }));
    out.push(new Paragraph({ style: STYLE.coverDetail, children: words(field.value, field.lang) }));
  }
  return out;
}

/** The annexes across the documents: commitments with a document column, the merged glossary, the instruments matrix. */
export function bookAnnexes(part: BookAnnexesPart, w: Writer, pageBreak: boolean): BodyChild[] {
  const out: BodyChild[] = [paragraph(w, [part.id], null, [new TextRun(part.heading)], outlineHeading(1, { pageBreakBefore: pageBreak }))];
  for (const annex of part.annexes) {
    out.push(paragraph(w, [annex.id], null, [new TextRun(annex.heading)], outlineHeading(2)));
    if (annex.kind === 'bookCommitments') out.push(...commitments(annex, w));
    else if (annex.kind === 'bookGlossary') out.push(...glossary(annex, w));
    else out.push(...matrix(annex, w));
  }
  return out;
}

function caption(words: string): Paragraph {
  return new Paragraph({ style: STYLE.caption, children: [new TextRun(words)] });
}

function commitments(a: BookCommitmentsAnnex, w: Writer): BodyChild[] {
  const { labels } = w.env;
  const out: BodyChild[] = [caption(a.intro)];
  if (!a.summary.total) return [...out, none(w)];
  const { summary } = a;
  const n = summary.documents.length;
  const counts = columns(w, [0.28, ...Array.from({ length: n + 1 }, () => 0.72 / (n + 1))]);
  const bold = { bold: true };
  out.push(
    heading(w, summary.heading),
    dataTable(
      [
        headerRow([labels.strength, ...summary.documents.map((d) => d.label), labels.total], counts),
        ...summary.rows.map((r) => row([text(r.label), ...r.counts.map((c) => text(String(c))), text(String(r.total), bold)], counts)),
        row([text(labels.total, bold), ...summary.totals.map((c) => text(String(c), bold)), text(String(summary.total), bold)], counts),
      ],
      counts,
    ),
    spacer(),
  );
  const widths = columns(w, [0.2, 0.1, 0.15, 0.13, 0.42]);
  for (const group of a.groups) {
    out.push(
      heading(w, group.heading, group.id),
      dataTable(
        [
          headerRow([labels.document, labels.paragraph, labels.actor, labels.verb, labels.clause], widths),
          ...group.rows.map((r) => row([refs([r.document], w), refs([r.ref], w), text(r.actor), text(r.verb), text(r.text)], widths)),
        ],
        widths,
      ),
      spacer(),
    );
  }
  if (a.omitted) out.push(caption(a.omitted));
  return out;
}

function glossary(a: BookGlossaryAnnex, w: Writer): BodyChild[] {
  const { labels } = w.env;
  if (!a.rows.length) return [none(w)];
  const widths = columns(w, [0.13, 0.32, 0.15, 0.4]);
  const uses = (list: BookGlossaryAnnex['rows'][number]['uses']): ParagraphChild[] =>
    list.flatMap((use, i) => [...(i ? [new TextRun('; ')] : []), ...refs([use.document], w), new TextRun(': '), ...refsOrDash(use.refs, w)]);
  return [
    dataTable(
      [
        headerRow([labels.acronym, labels.expansion, labels.origin, labels.uses], widths),
        ...a.rows.map((r) => row([bookmarkedText(w, r.id, r.acronym), r.expansion ? text(r.expansion) : [], text(r.origin), uses(r.uses)], widths)),
      ],
      widths,
    ),
  ];
}

function matrix(a: InstrumentsMatrixAnnex, w: Writer): BodyChild[] {
  const { labels } = w.env;
  const out: BodyChild[] = [caption(a.intro)];
  if (!a.rows.length) return [...out, none(w)];
  const n = a.documents.length;
  const widths = columns(w, [0.34, ...Array.from({ length: n }, () => 0.66 / Math.max(1, n))]);
  out.push(
    dataTable(
      [
        headerRow([labels.instrument, ...a.documents.map((d) => d.label)], widths),
        ...a.rows.map((r) => row([text(r.title, { bold: r.count > 1 }), ...r.cells.map((cell) => refsOrDash(cell, w))], widths)),
      ],
      widths,
    ),
  );
  return out;
}

function refsOrDash(list: readonly Ref[], w: Writer): ParagraphChild[] {
  return list.length ? refs(list, w) : text('—');
}

function bookmarkedText(w: Writer, id: string, words: string): ParagraphChild[] {
  return bookmarked(w, [id], text(words, { bold: true }));
}

/** Word footnote marks (`w:id` the file's order) written as the view's numbers. */
function shownMarks(xml: string, marks: ReadonlyMap<number, number>): string {
  return xml.replace(
    /<w:footnoteReference w:id="(\d+)"\/>/g,
    (_, id: string) => `<w:footnoteReference w:customMarkFollows="1" w:id="${id}"/><w:t>${marks.get(Number(id)) ?? id}</w:t>`,
  );
}

function shownNumbers(xml: string, marks: ReadonlyMap<number, number>): string {
  return xml.replace(/<w:footnote\b[^>]*\bw:id="(\d+)"[^>]*>[\s\S]*?<\/w:footnote>/g, (note, id: string) =>
    Number(id) > 0 ? note.replace('<w:footnoteRef/>', `<w:t>${marks.get(Number(id)) ?? id}</w:t>`) : note,
  );
}

/**
 * Run phase (docx): the parts of the body in the view's order, one handler
 * per part kind: the background note, the text under its own heading with
 * a heading per section, the notes Word cannot show as footnotes, the
 * annexes. Part, section and annex headings are the contents' entries.
 */
import { Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Part, ViewSection } from '../../view/types.js';
import { annexPieces } from './annexes.js';
import { bookAnnexes, documentPart } from './book.js';
import { changesPart } from './changes.js';
import { BODY, direction, markerRun, open, outlineHeading, paragraph, renderBlocks, flush, type BodyChild } from './blocks.js';
import { inlineRuns } from './inline.js';
import { TWIPS_PER_PX } from './page.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

type PartHandler<K extends Part['kind']> = (part: Extract<Part, { kind: K }>, w: Writer, pageBreak: boolean) => BodyChild[];

export const partHandlers: { [K in Part['kind']]: PartHandler<K> } = {
  background: (part, w, pageBreak) => [
    partHeading(w, part.id, [new TextRun(part.heading)], pageBreak),
    ...renderBlocks(part.blocks, w, BODY),
    ...flush(w, BODY),
  ],

  text: (part, w, pageBreak) => [...textPieces(part, w, pageBreak)].flat(),

  notes: (part, w) => {
    // Notes the text references are Word footnotes; the others would be lost in Word, so they are listed here.
    const notes = w.env.plan.listedNotes;
    if (!notes.length) return [];
    const out: BodyChild[] = [partHeading(w, part.id, [new TextRun(part.heading)], false)];
    for (const note of notes) {
      const where = { ...BODY, note: true, lang: note.lang };
      open(w, [note.id], note.marker, [new TextRun({ text: String(note.number), superScript: true }), new TextRun(' ')]);
      out.push(...renderBlocks(note.blocks, w, where), ...flush(w, where));
    }
    return out;
  },

  annexes: (part, w, pageBreak) => [...annexesPieces(part, w, pageBreak)].flat(),

  changes: (part, w, pageBreak) => changesPart(part, w, pageBreak),

  // Books (renderBookDocx gives each document a Word section of its own; here they follow one another).
  document: (part, w, pageBreak) => documentPart(part, w, pageBreak),
  bookAnnexes: (part, w, pageBreak) => bookAnnexes(part, w, pageBreak),
};

export function renderParts(parts: readonly Part[], w: Writer, first: boolean): BodyChild[] {
  const out: BodyChild[] = [];
  for (const piece of partPieces(parts, w, first)) out.push(...piece);
  return out;
}

/**
 * The body of `renderParts` a piece at a time (a part's heading, a section, an annex's table), made as it is asked
 * for, in the same order, so a large text's Word objects need not all be held at once (see lazy.ts).
 */
export function* partPieces(parts: readonly Part[], w: Writer, first: boolean): Generator<BodyChild[]> {
  let empty = true;
  for (const part of parts) {
    // A part starts a page, but for the first thing of the section (it is on a new page already).
    const pageBreak = part.kind !== 'notes' && !(first && empty);
    const pieces =
      part.kind === 'text' ? textPieces(part, w, pageBreak) : part.kind === 'annexes' ? annexesPieces(part, w, pageBreak) : [partChildren(part, w, pageBreak)];
    for (const piece of pieces) {
      if (piece.length) empty = false;
      yield piece;
    }
  }
}

function partChildren(part: Part, w: Writer, pageBreak: boolean): BodyChild[] {
  return (partHandlers[part.kind] as PartHandler<typeof part.kind>)(part as never, w, pageBreak);
}

/** The text part: its heading, each section, then what waits for a paragraph (as `partHandlers.text`). */
function* textPieces(part: Extract<Part, { kind: 'text' }>, w: Writer, pageBreak: boolean): Generator<BodyChild[]> {
  const heading = inlineRuns(part.heading, w, { lang: null, inNote: false, widthPx: Math.floor(w.env.page.textWidth / TWIPS_PER_PX) });
  yield [partHeading(w, part.id, heading, pageBreak)];
  for (const section of part.sections) yield sectionContent(section, w);
  yield flush(w, BODY);
}

/** The annexes part: its heading, then each annex a piece at a time (as `partHandlers.annexes`). */
function* annexesPieces(part: Extract<Part, { kind: 'annexes' }>, w: Writer, pageBreak: boolean): Generator<BodyChild[]> {
  yield [partHeading(w, part.id, [new TextRun(part.heading)], pageBreak)];
  for (const annex of part.annexes) yield* annexPieces(annex, w);
}

function partHeading(w: Writer, id: string, runs: ParagraphChild[], pageBreak: boolean): Paragraph {
  return paragraph(w, [id], null, runs, outlineHeading(1, { pageBreakBefore: pageBreak }));
}

function sectionContent(section: ViewSection, w: Writer): BodyChild[] {
  const out: BodyChild[] = [];
  if (section.title) {
    const runs = inlineRuns(section.title, w, { lang: section.lang, inNote: false, widthPx: Math.floor(w.env.page.textWidth / TWIPS_PER_PX) });
    // Compare packs: the heading of a new section is an inserted paragraph.
    const title = () => paragraph(w, [section.id], null, runs, { style: STYLE.heading(section.level), ...direction(w, section.lang) });
    // The marker is its own line before the heading (inside it, it would be words of the contents entry).
    if (section.marker) out.push(new Paragraph({ keepNext: true, children: [markerRun(section.marker)] }));
    out.push(section.change?.status === 'added' ? w.state.revisions.within(section.change, title) : title());
  } else open(w, [section.id], section.marker);
  out.push(...renderBlocks(section.blocks, w, BODY));
  return out;
}

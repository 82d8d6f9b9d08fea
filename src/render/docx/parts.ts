/**
 * Run phase (docx): the parts of the body in the view's order, one handler
 * per part kind: the background note, the text under its own heading with
 * a heading per section, the notes Word cannot show as footnotes, the
 * annexes. Part, section and annex headings are the contents' entries.
 */
import { Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Part, ViewSection } from '../../view/types.js';
import { renderAnnex } from './annexes.js';
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

  text: (part, w, pageBreak) => {
    const heading = inlineRuns(part.heading, w, { lang: null, inNote: false, widthPx: Math.floor(w.env.page.textWidth / TWIPS_PER_PX) });
    const out: BodyChild[] = [partHeading(w, part.id, heading, pageBreak)];
    for (const section of part.sections) out.push(...sectionContent(section, w));
    return [...out, ...flush(w, BODY)];
  },

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

  annexes: (part, w, pageBreak) => [partHeading(w, part.id, [new TextRun(part.heading)], pageBreak), ...part.annexes.flatMap((a) => renderAnnex(a, w))],

  changes: (part, w, pageBreak) => changesPart(part, w, pageBreak),

  // Books (renderBookDocx gives each document a Word section of its own; here they follow one another).
  document: (part, w, pageBreak) => documentPart(part, w, pageBreak),
  bookAnnexes: (part, w, pageBreak) => bookAnnexes(part, w, pageBreak),
};

export function renderParts(parts: readonly Part[], w: Writer, first: boolean): BodyChild[] {
  const out: BodyChild[] = [];
  for (const part of parts) {
    // A part starts a page, but for the first thing of the section (it is on a new page already).
    const pageBreak = part.kind !== 'notes' && !(first && out.length === 0);
    out.push(...(partHandlers[part.kind] as PartHandler<typeof part.kind>)(part as never, w, pageBreak));
  }
  return out;
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

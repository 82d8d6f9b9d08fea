/**
 * The parts of the pack -> pdfmake content (run phase), one handler per part
 * kind: the background note, the text (its sections), the notes and the
 * annexes, in the order and with the headings the view gives. A part heading
 * is a destination, and a bookmark when the view's contents list it.
 */
import type { Part, ViewSection } from '../../view/types.js';
import { annexHandlers, type AnnexHandler } from './annexes.js';
import { bookAnnexesPart, documentPart } from './book.js';
import { changesPart } from './changes.js';
import { anchorLeaf, leaf } from './blocks.js';
import { heading, headingPieces, headingText } from './headings.js';
import { markerRuns } from './inline.js';
import { noteRow } from './notes.js';
import type { PdfState } from './state.js';
import { headingStyle } from './theme.js';
import type { Content } from './types.js';

type PartOf<K extends Part['kind']> = Extract<Part, { kind: K }>;

/** `newPage`: the part starts a page (something comes before it). */
export type PartHandler<K extends Part['kind']> = (state: PdfState, part: PartOf<K>, newPage: boolean) => Content[];

export const partHandlers: { [K in Part['kind']]: PartHandler<K> } = {
  background: (state, part, newPage) => [
    heading(state, headingText(state, part.heading), { id: part.id, style: 'h1', pageBreak: newPage }),
    ...state.all(part.blocks),
  ],

  text: (state, part, newPage) => {
    const title = state.hold(part.id, () => headingPieces(state, part.heading));
    const out: Content[] = [heading(state, title, { id: part.id, style: 'h1', pageBreak: newPage })];
    for (const section of part.sections) out.push(...state.hold(section.id, () => sectionContent(state, section)));
    return out;
  },

  // The notes follow the text on its last page: those not printed at the foot of the page of a reference (all, untagged).
  notes: (state, part) => {
    const notes = part.notes.filter((note) => !state.attached.has(note.id));
    if (!notes.length) return [];
    return [heading(state, headingText(state, part.heading), { id: part.id, style: 'h2' }), ...notes.map((note) => noteRow(state, note))];
  },

  annexes: (state, part, newPage) => [
    heading(state, headingText(state, part.heading), { id: part.id, style: 'h1', pageBreak: newPage }),
    ...part.annexes.flatMap((annex) => (annexHandlers[annex.kind] as AnnexHandler<typeof annex.kind>)(state, annex as never)),
  ],

  changes: changesPart,

  // Books: a document (a section with its own running header) and the annexes across the documents.
  document: (state, part) => documentPart(state, part),
  bookAnnexes: (state, part) => bookAnnexesPart(state, part),
};

function sectionContent(state: PdfState, section: ViewSection): Content[] {
  const build = (): Content[] => {
    const out: Content[] = [];
    if (section.title) {
      const pieces = state.within({ role: 'heading' }, () => [...markerRuns(state, section.marker), ...state.inline(section.title!)]);
      out.push(heading(state, pieces, { id: section.id, style: headingStyle(section.level), level: section.level }));
    } else {
      const anchor = anchorLeaf(state, section.id);
      if (anchor) out.push(anchor);
      if (section.marker) out.push(leaf(state, markerRuns(state, section.marker), { tag: 'P' }));
    }
    out.push(...state.all(section.blocks));
    return out;
  };
  return state.inLanguage(section.lang, build);
}

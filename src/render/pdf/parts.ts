/**
 * The parts of the pack -> pdfmake content (run phase), one handler per part
 * kind: the background note, the text (its sections), the notes and the
 * annexes, in the order and with the headings the view gives. A part heading
 * is a destination, and a bookmark when the view's contents list it.
 */
import type { Part, ViewNote, ViewSection } from '../../view/types.js';
import { annexHandlers, type AnnexHandler } from './annexes.js';
import { anchorLeaf, idOf, leaf } from './blocks.js';
import { heading, headingPieces, headingText } from './headings.js';
import { markerRuns } from './inline.js';
import type { PdfState } from './state.js';
import { SIZES, headingStyle } from './theme.js';
import type { Content, Node } from './types.js';

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

  // The notes follow the text on its last page.
  notes: (state, part) => [heading(state, headingText(state, part.heading), { id: part.id, style: 'h2' }), ...part.notes.map((note) => noteRow(state, note))],

  annexes: (state, part, newPage) => [
    heading(state, headingText(state, part.heading), { id: part.id, style: 'h1', pageBreak: newPage }),
    ...part.annexes.flatMap((annex) => (annexHandlers[annex.kind] as AnnexHandler<typeof annex.kind>)(state, annex as never)),
  ],
};

function sectionContent(state: PdfState, section: ViewSection): Content[] {
  const build = (): Content[] => {
    const out: Content[] = [];
    if (section.title) {
      const pieces = state.within({ role: 'heading' }, () => [...markerRuns(state, section.marker), ...state.inline(section.title!)]);
      out.push(heading(state, pieces, { id: section.id, style: headingStyle(section.level) }));
    } else {
      const anchor = anchorLeaf(state, section.id);
      if (anchor) out.push(anchor);
      if (section.marker) out.push(leaf(state, markerRuns(state, section.marker)));
    }
    out.push(...state.all(section.blocks));
    return out;
  };
  return section.lang ? state.within({ lang: section.lang }, build) : build();
}

/** A note: its number in the hanging column (a link back to the unit that first refers to it), its blocks beside it. */
function noteRow(state: PdfState, note: ViewNote): Node {
  const id = state.claim(note.id);
  const { colors } = state.look;
  const back = note.refs.length ? state.refHolders.get(note.refs[0]) : undefined;
  const label = `${note.number}.`;
  const style = { bold: true, color: colors.accent };
  const number = back ? state.linkTo(back, style, (linked) => state.text(label, linked)) : state.text(label, style);
  const body = state.within({ lang: note.lang ?? undefined, width: state.width - SIZES.numberColumn }, () => {
    const out: Content[] = [];
    if (note.marker) out.push(leaf(state, markerRuns(state, note.marker)));
    out.push(...state.all(note.blocks));
    return out.length ? out : [{ text: '' }];
  });
  return {
    columns: [
      { width: SIZES.numberColumn, text: number, ...idOf(id) },
      { width: '*', stack: body },
    ],
    columnGap: 0,
    style: 'note',
  };
}

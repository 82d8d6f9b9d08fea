/**
 * Notes (run phase): printed at the foot of the page that holds their first
 * reference (the pdfmake patch's `footnote`, in a tagged document), or in
 * the notes part after the text (a note no reference attached: never
 * referenced, referenced only from another note, or an untagged document).
 * A note is a Note element with an /ID; its number links back to the unit
 * that first refers to it, its blocks follow it. Numbers are the view's.
 */
import type { ViewNote } from '../../view/types.js';
import { idOf, leaf } from './blocks.js';
import { markerRuns } from './inline.js';
import type { PdfState } from './state.js';
import { SIZES } from './theme.js';
import type { Content, Node } from './types.js';

/** The node of a note at the foot of a page: smaller type, its number in a narrow hanging column. */
export function footnoteNode(state: PdfState, note: ViewNote): Node {
  return noteNode(state, note, { width: SIZES.footnoteNumber, label: String(note.number), style: 'footnote' });
}

/** The node of a note in the notes part. */
export function noteRow(state: PdfState, note: ViewNote): Node {
  return noteNode(state, note, { width: SIZES.numberColumn, label: `${note.number}.`, style: 'note' });
}

function noteNode(state: PdfState, note: ViewNote, o: { width: number; label: string; style: string }): Node {
  const id = state.claim(note.id);
  const { colors } = state.look;
  const back = note.refs.length ? state.refHolders.get(note.refs[0]) : undefined;
  const style = { bold: true, color: colors.accent };
  const number = back
    ? state.linkTo(back, style, (linked) => state.text(o.label, { ...linked, alt: `${state.view.labels.note} ${note.number}` }))
    : state.text(o.label, style);
  const body = state.within({ width: state.width - o.width }, () =>
    state.inLanguage(note.lang, () => {
      const out: Content[] = [];
      if (note.marker) out.push(leaf(state, markerRuns(state, note.marker), { tag: 'P' }));
      out.push(...state.all(note.blocks));
      return out.length ? out : [{ text: '' }];
    }),
  );
  if (o.style === 'footnote') for (const node of body) tighten(node);
  return {
    columns: [
      { width: o.width, text: number, ...idOf(id) },
      { width: '*', stack: body },
    ],
    columnGap: 0,
    style: o.style,
    tag: 'Note',
    // The Note's /ID (the number's line holds the destination `note.id`).
    id: `note-${note.id}`,
  };
}

/** Paragraphs of a note at the foot of a page are set closer than body paragraphs. */
function tighten(content: Content): void {
  if (typeof content !== 'object' || content === null) return;
  const node = content as Node;
  if (node.style === 'paragraph') node.style = 'footnoteParagraph';
  for (const key of ['stack', 'columns'] as const) {
    const kids = node[key];
    if (Array.isArray(kids)) for (const kid of kids) tighten(kid as Content);
  }
}

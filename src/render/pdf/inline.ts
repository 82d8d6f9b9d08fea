/**
 * View inline content -> pdfmake text runs (run phase), one handler per node
 * kind (in the manner of mdast-util-to-hast's `handlers`). The view decided
 * every word, link target and note number; a handler only maps a node to
 * styled runs, split by glyph coverage. An embedded image becomes a piece of
 * its own, laid out between the lines of its paragraph.
 */
import type { Marker, ViewInline } from '../../view/types.js';
import type { PdfState } from './state.js';
import type { Piece, Run, RunStyle } from './types.js';

/** The view node of kind T (several kinds share one shape: emphasis, strong…). */
type NodeOf<T extends ViewInline['type']> = ViewInline extends infer N ? (N extends { type: infer U } ? (T extends U ? N : never) : never) : never;

export type InlineHandler<T extends ViewInline['type']> = (state: PdfState, node: NodeOf<T>, style: RunStyle) => Piece[];

export const inlineHandlers: { [T in ViewInline['type']]: InlineHandler<T> } = {
  text: (state, node, style) => state.text(node.value, style),
  emphasis: (state, node, style) => state.inline(node.children, { ...style, italics: true }),
  strong: (state, node, style) => state.inline(node.children, { ...style, bold: true }),
  delete: (state, node, style) => state.inline(node.children, { ...style, decoration: 'lineThrough' }),
  superscript: (state, node, style) => state.inline(node.children, { ...style, sup: true }),
  subscript: (state, node, style) => state.inline(node.children, { ...style, sub: true }),
  code: (state, node, style) => state.glyphs.split(node.value.replace(/[\r\n]+/g, ' '), { ...style, background: state.look.colors.code }),
  link: (state, node, style) => state.inline(node.children, { ...style, link: node.href, color: state.look.colors.link }),
  xref: (state, node, style) => state.linkTo(node.target, style, (linked) => state.inline(node.children, linked)),
  image: (state, node, style) => {
    const picture = node.image ? state.images.node(node.image, state.imageBox()) : null;
    if (picture) return [{ picture }];
    return node.alt ? state.text(`[${node.alt}]`, { ...style, italics: true, color: state.look.colors.muted }) : [];
  },
  noteRef: (state, node, style) => {
    if (state.holder) state.refHolders.set(node.anchor, state.holder);
    return state.linkTo(node.note, style, (linked) => state.glyphs.split(String(node.number), { ...linked, sup: true, bold: true }));
  },
  break: (_state, _node, style) => [{ ...style, text: '\n' }],
  // The expansion is a tooltip in HTML; a printed page shows the words as written.
  term: (state, node, style) => state.inline(node.children, style),
};

/** The runs of an untranslated marker: its label, set off as a tag, in the document's language. */
export function markerRuns(state: PdfState, marker: Marker | null): Run[] {
  if (!marker) return [];
  const { colors } = state.look;
  return state.within({ lang: state.view.lang }, () => [
    ...state.text(`\u00a0${marker.label}\u00a0`, { fontSize: 7.5, bold: true, color: colors.markerInk, background: colors.markerFill }),
    ...state.text(' '),
  ]);
}

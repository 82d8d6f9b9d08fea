/**
 * View inline content -> pdfmake text runs (run phase), one handler per node
 * kind (in the manner of mdast-util-to-hast's `handlers`). The view decided
 * every word, link target and note number; a handler only maps a node to
 * styled runs, split by glyph coverage. An embedded image becomes a piece of
 * its own, laid out between the lines of its paragraph.
 */
import type { Marker, ViewInline } from '../../view/types.js';
import type { PdfState } from './state.js';
import { SIZES } from './theme.js';
import type { Piece, Run, RunStyle } from './types.js';
import { delPieces, insPieces } from './changes.js';

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
  code: (state, node, style) => state.code(node.value.replace(/[\r\n]+/g, ' '), { ...style, fontSize: SIZES.inlineCode, background: state.look.colors.code }),
  // A link's annotation describes it with all its words (/Contents), not the word it sits on.
  link: (state, node, style) =>
    state.inline(node.children, { ...style, link: node.href, color: state.look.colors.link, alt: plainText(node.children) || node.href }),
  xref: (state, node, style) => state.linkTo(node.target, style, (linked) => state.inline(node.children, { ...linked, alt: plainText(node.children) })),
  image: (state, node, style) => {
    const picture = node.image ? state.images.node(node.image, state.imageBox()) : null;
    // With its alt text, a Figure; without, a decoration (an artifact).
    if (picture) return [{ picture: node.alt ? { ...picture, alt: node.alt } : picture }];
    return node.alt ? state.text(`[${node.alt}]`, { ...style, italics: true, color: state.look.colors.muted }) : [];
  },
  // The number links to the note; the first reference carries the note itself, printed at the foot of its page.
  noteRef: (state, node, style) => {
    if (state.holder) state.refHolders.set(node.anchor, state.holder);
    const footnote = state.footnote(node.note);
    const alt = `${state.view.labels.note} ${node.number}`;
    const runs = state.linkTo(node.note, style, (linked) => state.glyphs.split(String(node.number), { ...linked, sup: true, bold: true, alt })) as Run[];
    if (footnote && runs.length) runs[0].footnote = footnote;
    return runs;
  },
  break: (_state, _node, style) => [{ ...style, text: '\n' }],
  // The expansion is a tooltip in HTML; a printed page shows the words as written.
  term: (state, node, style) => state.inline(node.children, style),
  ins: insPieces,
  del: delPieces,
};

/** The words of inline content, as plain text (a link's alternate text). */
export function plainText(nodes: readonly ViewInline[]): string {
  let out = '';
  for (const node of nodes) {
    if ('value' in node) out += node.value;
    else if ('children' in node) out += plainText(node.children);
    else if (node.type === 'image') out += node.alt;
    else if (node.type === 'break') out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The runs of an untranslated marker: its label, set off as a tag, in the document's language. */
export function markerRuns(state: PdfState, marker: Marker | null): Run[] {
  if (!marker) return [];
  const { colors } = state.look;
  return state.within({ lang: state.view.lang }, () => [
    ...state.text(`\u00a0${marker.label}\u00a0`, { fontSize: 7.5, bold: true, color: colors.markerInk, background: colors.markerFill }),
    ...state.text(' '),
  ]);
}

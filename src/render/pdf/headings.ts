/**
 * Headings of parts, sections and annexes (run phase helper): a destination
 * when the heading has an id, a bookmark when the view's contents list it,
 * kept on the page of what follows it.
 */
import { idOf, keepWithNext, leaf } from './blocks.js';
import type { ViewInline } from '../../view/types.js';
import type { PdfState } from './state.js';
import { HEADING_MARGINS, type HeadingStyle } from './theme.js';
import type { Node, Piece } from './types.js';

export interface HeadingOptions {
  id?: string;
  style: HeadingStyle;
  pageBreak?: boolean;
}

/** A heading: a destination (when it has an id), a bookmark when the contents list it, kept with what follows it. */
export function heading(state: PdfState, pieces: Piece[], o: HeadingOptions): Node {
  const id = state.claim(o.id);
  const extra: Node = { ...idOf(id), style: o.style };
  const entry = id ? state.outline.get(id) : undefined;
  if (entry) {
    Object.assign(extra, { outline: true, outlineText: entry.text, outlineExpanded: true });
    if (entry.parent && state.anchors.has(entry.parent)) extra.outlineParentId = entry.parent;
  }
  return keepWithNext(leaf(state, pieces, extra), HEADING_MARGINS[o.style], o.pageBreak ? { pageBreak: 'before' } : {});
}

/** Heading words given as plain text, in the heading face. */
export function headingText(state: PdfState, text: string): Piece[] {
  return state.within({ role: 'heading' }, () => state.text(text));
}

/** Heading words given as inline content, in the heading face. */
export function headingPieces(state: PdfState, content: readonly ViewInline[]): Piece[] {
  return state.within({ role: 'heading' }, () => state.inline(content));
}

/** A heading with no destination of its own (inside an annex). */
export function subheading(state: PdfState, text: string, style: HeadingStyle = 'h3'): Node {
  return keepWithNext(leaf(state, headingText(state, text), { style }), HEADING_MARGINS[style]);
}

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
  /** Level of the heading (H1…H6); default: the style's (h1 → 1 … h4 → 4). */
  level?: number;
  pageBreak?: boolean;
}

const STYLE_LEVELS: Record<HeadingStyle, number> = { h1: 1, h2: 2, h3: 3, h4: 4 };

/**
 * The structure type of a heading of `level`: H1…H6, never more than one
 * level below the heading before it (PDF/UA: no level skipped).
 */
export function headingTag(state: PdfState, level: number): string {
  const tag = Math.max(1, Math.min(6, level, state.headingLevel + 1));
  state.headingLevel = tag;
  return `H${tag}`;
}

/** A heading: a destination (when it has an id), a bookmark when the contents list it, kept with what follows it. */
export function heading(state: PdfState, pieces: Piece[], o: HeadingOptions): Node {
  const id = state.claim(o.id);
  const extra: Node = { ...idOf(id), style: o.style, tag: headingTag(state, o.level ?? STYLE_LEVELS[o.style]) };
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
  return keepWithNext(leaf(state, headingText(state, text), { style, tag: headingTag(state, STYLE_LEVELS[style]) }), HEADING_MARGINS[style]);
}

/**
 * Run phase (docx): the page the theme asks for (A4 or Letter), its margins
 * and the width the text runs in, in twips (1/20 pt) and in the CSS pixels
 * docx sizes images in.
 */
import type { Theme } from '../context.js';

export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
  /** Width of the text between the margins. */
  textWidth: number;
}

const SIZES: Record<Theme['page'], { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};

/** One inch on every side, as Word's Normal template has it. */
const MARGIN = 1440;

export function pageGeometry(page: Theme['page']): PageGeometry {
  const size = SIZES[page] ?? SIZES.A4;
  return { ...size, margin: MARGIN, textWidth: size.width - 2 * MARGIN };
}

/** Twips per CSS pixel (96 to the inch, 1440 twips to the inch). */
export const TWIPS_PER_PX = 15;

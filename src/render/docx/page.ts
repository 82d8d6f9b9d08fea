/**
 * Run phase (docx): the page the theme asks for (A4 or Letter), or the one a
 * reference document sets (its size, orientation and margins), and the width
 * the text runs in, in twips (1/20 pt) and in the CSS pixels docx sizes
 * images in.
 */
import { PageOrientation, type ISectionPropertiesOptions } from 'docx';
import type { Theme } from '../context.js';

export interface PageMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
  header: number;
  footer: number;
  gutter: number;
}

export interface PageGeometry {
  /** The page as it lies (`w:pgSz w:w` and `w:h`: a landscape page is wider than high). */
  width: number;
  height: number;
  orientation: 'portrait' | 'landscape';
  /** The printer's paper code (`w:pgSz w:code`), when a reference document names one. */
  code?: number;
  margins: PageMargins;
  /** Width of the text between the margins. */
  textWidth: number;
}

/** Page setup read from a reference document; what it leaves out keeps the theme's. */
export interface ReferencePage {
  width?: number;
  height?: number;
  orientation?: 'portrait' | 'landscape';
  code?: number;
  margins: Partial<PageMargins>;
}

const SIZES: Record<Theme['page'], { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};

/** One inch on every side, as Word's Normal template has it. */
const MARGIN = 1440;
const MARGINS: PageMargins = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 708, footer: 708, gutter: 0 };

export function pageGeometry(page: Theme['page'], reference: ReferencePage | null = null): PageGeometry {
  const size = SIZES[page] ?? SIZES.A4;
  const width = reference?.width ?? size.width;
  const height = reference?.height ?? size.height;
  const orientation = reference?.orientation ?? (width > height ? 'landscape' : 'portrait');
  const margins = { ...MARGINS, ...reference?.margins };
  const textWidth = Math.max(width - margins.left - margins.right - margins.gutter, 1440);
  return { width, height, orientation, ...(reference?.code != null ? { code: reference.code } : {}), margins, textWidth };
}

/** The `page` option of a docx section for the geometry (docx swaps width and height for a landscape page). */
export function sectionPage(page: PageGeometry): NonNullable<ISectionPropertiesOptions['page']> {
  const landscape = page.orientation === 'landscape';
  return {
    size: {
      width: landscape ? page.height : page.width,
      height: landscape ? page.width : page.height,
      ...(landscape ? { orientation: PageOrientation.LANDSCAPE } : {}),
      ...(page.code != null ? { code: page.code } : {}),
    },
    margin: { ...page.margins },
  };
}

/** Twips per CSS pixel (96 to the inch, 1440 twips to the inch). */
export const TWIPS_PER_PX = 15;

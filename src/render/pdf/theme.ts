/**
 * The look of the briefing PDF in one place (run phase helper): page
 * geometry, sizes in points, colours as sRGB hex (PDF/A-1b: no transparency;
 * the sRGB output intent covers them) and the named styles. The project theme
 * (`ctx.theme`) chooses the page size and the accent colour.
 */
import type { Theme } from '../context.js';
import type { Node } from './types.js';

/** Left, top, right, bottom. */
export const PAGE_MARGINS: [number, number, number, number] = [64, 72, 64, 64];

/** Page sizes in points, as pdfmake names them. */
const PAGE_SIZES = {
  A4: { name: 'A4', width: 595.28, height: 841.89 },
  Letter: { name: 'LETTER', width: 612, height: 792 },
} as const;

export const SIZES = {
  body: 10.5,
  small: 8.5,
  table: 8.5,
  note: 9,
  /** Notes at the foot of a page. */
  footnote: 8.5,
  /** Code spans (the monospace face is wider than the text face). */
  inlineCode: 9.5,
  lineHeight: 1.28,
  /** The most a justified line adds to each word space: a looser line stays ragged (no rivers). */
  maxWordSpacing: 3.5,
  paragraphGap: 7,
  /** Width of the hanging indent that holds paragraph numbers. */
  numberColumn: 30,
  /** Width of the hanging indent that holds the number of a note at the foot of a page. */
  footnoteNumber: 14,
  /** Width of the column that holds a list item's label (wider for long labels). */
  itemColumn: 20,
  /** Indent of a quotation's text. */
  quoteIndent: 12,
  /** Padding of table cells and code blocks. */
  cellPadding: 4,
  /** Room a heading keeps for the text that follows it, so it never ends a page alone. */
  keepWithNext: 42,
  /** Largest logo on the cover. */
  logo: { width: 200, height: 80 },
} as const;

/** Heading margins (left, top, right, bottom); set on the node, as keepWithNext adds to the bottom one. */
export const HEADING_MARGINS = {
  h1: [0, 0, 0, 12],
  h2: [0, 10, 0, 7],
  h3: [0, 8, 0, 5],
  h4: [0, 6, 0, 4],
} as const;

export type HeadingStyle = keyof typeof HEADING_MARGINS;

/** The heading style of a view heading level (2-6). */
export function headingStyle(level: number): HeadingStyle {
  return level <= 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
}

export interface Colors {
  ink: string;
  accent: string;
  muted: string;
  rule: string;
  fill: string;
  code: string;
  marking: string;
  link: string;
  markerInk: string;
  markerFill: string;
}

const BASE_COLORS: Omit<Colors, 'accent'> = {
  ink: '#1a1a1a',
  muted: '#5c6670',
  rule: '#9aa5b1',
  fill: '#eef1f5',
  code: '#f1f1f1',
  marking: '#9b1c1c',
  link: '#1f4e8c',
  markerInk: '#6b4500',
  markerFill: '#fff8e6',
};

const DEFAULT_ACCENT = '#1f3864';

/** An sRGB colour pdfkit draws as given: #rgb and #rrggbb; an alpha part is dropped (PDF/A-1 has no transparency). */
export function solidColor(value: string | null | undefined): string | null {
  const m = /^#([0-9a-f]{3,8})$/i.exec(value?.trim() ?? '');
  if (!m) return null;
  const hex = m[1];
  if (hex.length === 3 || hex.length === 4) return `#${[...hex.slice(0, 3)].map((c) => c + c).join('')}`.toLowerCase();
  if (hex.length === 6 || hex.length === 8) return `#${hex.slice(0, 6)}`.toLowerCase();
  return null;
}

/** Everything the layout reads from the theme, resolved once per document. */
export interface PdfLook {
  pageSize: 'A4' | 'LETTER';
  pageWidth: number;
  pageHeight: number;
  /** Width of the text column. */
  textWidth: number;
  /** Height of the text area of a page. */
  textHeight: number;
  colors: Colors;
  styles: Record<string, Node>;
}

/** `justify`: body text justified between words, with soft hyphens (needs the pdfmake patch). */
export function pdfLook(theme: Theme, fonts: { heading: string | null }, justify = false): PdfLook {
  const page = PAGE_SIZES[theme.page === 'Letter' ? 'Letter' : 'A4'];
  const colors: Colors = { ...BASE_COLORS, accent: solidColor(theme.colors?.accent) ?? DEFAULT_ACCENT };
  return {
    pageSize: page.name,
    pageWidth: page.width,
    pageHeight: page.height,
    textWidth: page.width - PAGE_MARGINS[0] - PAGE_MARGINS[2],
    textHeight: page.height - PAGE_MARGINS[1] - PAGE_MARGINS[3],
    colors,
    styles: namedStyles(colors, fonts.heading, justify),
  };
}

function namedStyles(colors: Colors, headingFont: string | null, justify: boolean): Record<string, Node> {
  const heading = headingFont ? { font: headingFont } : {};
  // Justified between words only, never looser than maxWordSpacing; a hyphen-minus that ends a
  // line is drawn as U+2010 so text extraction does not join "Asia-" and "Pacific" (pdfmake patch).
  // Untagged (pdfmake without the patch): ragged right, as its justification also widens the
  // joins inside words (after a hyphen, at a style or font change): "Asia- Pacific".
  const body = justify ? { alignment: 'justify', maxWordSpacing: SIZES.maxWordSpacing, breakHyphen: '\u2010' } : { alignment: 'left' };
  return {
    coverOrganization: { fontSize: 11, bold: true, color: colors.accent, margin: [0, 6, 0, 0] },
    coverKind: { fontSize: 12, color: colors.muted, characterSpacing: 0.6, margin: [0, 0, 0, 10] },
    coverTitle: { ...heading, fontSize: 24, bold: true, color: colors.accent, lineHeight: 1.15, margin: [0, 0, 0, 24] },
    coverLabel: { fontSize: 9, color: colors.muted, margin: [0, 3, 8, 3] },
    coverValue: { fontSize: 11, margin: [0, 2, 0, 3] },
    // No letter spacing: text extraction would read "R E S T R I C T E D".
    marking: { fontSize: 9, bold: true, color: colors.marking, alignment: 'center' },
    h1: { ...heading, fontSize: 17, bold: true, color: colors.accent, lineHeight: 1.15 },
    h2: { ...heading, fontSize: 13, bold: true, color: colors.accent, lineHeight: 1.15 },
    h3: { ...heading, fontSize: 11.5, bold: true, color: colors.ink, lineHeight: 1.15 },
    h4: { ...heading, fontSize: 10.5, bold: true, italics: true, color: colors.ink },
    paragraph: { ...body, margin: [0, 0, 0, SIZES.paragraphGap] },
    intro: { fontSize: 9.5, italics: true, color: colors.muted, margin: [0, 0, 0, 8] },
    omitted: { fontSize: 8.5, italics: true, color: colors.muted, margin: [0, 0, 0, 12] },
    tableHeader: { bold: true, fontSize: SIZES.table, color: colors.accent },
    tableCell: { fontSize: SIZES.table, lineHeight: 1.2 },
    note: { fontSize: SIZES.note },
    footnote: { fontSize: SIZES.footnote, lineHeight: 1.2, margin: [0, 0, 0, 2] },
    footnoteParagraph: { ...body, margin: [0, 0, 0, 2] },
    code: { fontSize: 8, lineHeight: 1.2, preserveLeadingSpaces: true },
    tocTitle: { ...heading, fontSize: 17, bold: true, color: colors.accent, margin: [0, 0, 0, 14] },
    toc: { fontSize: 10.5 },
    legend: { fontSize: 8.5, margin: [0, 12, 0, 0] },
    runningHeader: { fontSize: 8.5, color: colors.muted },
    runningFooter: { fontSize: 8.5, color: colors.muted },
  };
}

/** Thin horizontal rules, a filled header row, no vertical rules. */
export function tableLayout(colors: Colors) {
  return {
    hLineWidth: (i: number, node: { table: { body: unknown[]; headerRows?: number } }) =>
      i === 0 || i === node.table.body.length ? 0.8 : i === (node.table.headerRows ?? 0) ? 0.8 : 0.3,
    vLineWidth: () => 0,
    hLineColor: (i: number, node: { table: { body: unknown[]; headerRows?: number } }) =>
      i === 0 || i === node.table.body.length || i === (node.table.headerRows ?? 0) ? colors.accent : colors.rule,
    fillColor: (row: number, node: { table: { headerRows?: number } }) => (row < (node.table.headerRows ?? 0) ? colors.fill : null),
    paddingLeft: () => SIZES.cellPadding,
    paddingRight: () => SIZES.cellPadding,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  };
}

/**
 * The look of the briefing PDF in one place: sizes in points, colours as
 * sRGB hex (PDF/A-1b: no transparency; the sRGB output intent covers them).
 */
export const PAGE_MARGINS: [number, number, number, number] = [64, 72, 64, 64];
/** A4 width minus the side margins. */
export const TEXT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const COLORS = {
  ink: '#1a1a1a',
  accent: '#1f3a5f',
  muted: '#5c6670',
  rule: '#9aa5b1',
  fill: '#eef1f5',
  code: '#f1f1f1',
  marking: '#9b1c1c',
  link: '#1f4e8c',
} as const;

export const SIZES = {
  body: 10.5,
  small: 8.5,
  table: 8.5,
  note: 9,
  lineHeight: 1.28,
  paragraphGap: 7,
  /** Width of the hanging indent that holds paragraph numbers. */
  numberColumn: 30,
  itemColumn: 20,
  /** Room a heading keeps for the text that follows it, so it never ends a page alone. */
  keepWithNext: 42,
} as const;

/** Bullets by nesting depth. */
export const BULLETS = ['•', '–', '·'] as const;
/** Markers of blocks shown in source text in a translated pack. */
export const UNTRANSLATED_MARK = { missing: '†', stale: '‡' } as const;

/** Heading margins (left, top, right, bottom); set on the node, as keepWithNext adds to the bottom one. */
export const HEADING_MARGINS = {
  h1: [0, 0, 0, 12],
  h2: [0, 10, 0, 7],
  h3: [0, 8, 0, 5],
  h4: [0, 6, 0, 4],
} as const;

export const STYLES = {
  coverKind: { fontSize: 12, color: COLORS.muted, characterSpacing: 1.5, margin: [0, 0, 0, 10] },
  coverTitle: { fontSize: 24, bold: true, color: COLORS.accent, lineHeight: 1.15, margin: [0, 0, 0, 24] },
  coverLabel: { fontSize: 9, color: COLORS.muted, margin: [0, 3, 8, 3] },
  coverValue: { fontSize: 11, margin: [0, 2, 0, 3] },
  marking: { fontSize: 10, bold: true, color: COLORS.marking, characterSpacing: 1 },
  h1: { fontSize: 17, bold: true, color: COLORS.accent, lineHeight: 1.15 },
  h2: { fontSize: 13, bold: true, color: COLORS.accent, lineHeight: 1.15 },
  h3: { fontSize: 11.5, bold: true, color: COLORS.ink, lineHeight: 1.15 },
  h4: { fontSize: 10.5, bold: true, italics: true, color: COLORS.ink },
  // Ragged right: pdfmake's justification also widens the joins inside words it splits
  // (after a hyphen, at a style or font change), which prints "Asia- Pacific".
  paragraph: { alignment: 'left', margin: [0, 0, 0, SIZES.paragraphGap] },
  number: { bold: true, color: COLORS.accent },
  intro: { fontSize: 9.5, italics: true, color: COLORS.muted, margin: [0, 0, 0, 8] },
  tableHeader: { bold: true, fontSize: SIZES.table, color: COLORS.accent },
  tableCell: { fontSize: SIZES.table, lineHeight: 1.2 },
  note: { fontSize: SIZES.note },
  code: { fontSize: 8.5, lineHeight: 1.15, preserveLeadingSpaces: true },
  tocTitle: { fontSize: 17, bold: true, color: COLORS.accent, margin: [0, 0, 0, 14] },
  toc: { fontSize: 10.5 },
  legend: { fontSize: 8.5, color: COLORS.muted, margin: [0, 12, 0, 0] },
  runningHeader: { fontSize: 8.5, color: COLORS.muted },
  runningFooter: { fontSize: 8.5, color: COLORS.muted },
} as const;

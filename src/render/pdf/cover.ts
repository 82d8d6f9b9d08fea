/**
 * The cover and contents pages (run phase): the view's cover (logo,
 * organization, kind, title, fields with their formatted dates) and contents
 * (entries, nesting, words; the legend of untranslated markers). Contents
 * entries link to their destination and show its page number (a pdfmake
 * page reference), for the destinations the PDF holds.
 */
import { PART_IDS } from '../../model/ids.js';
import type { ContentsEntry, Cover } from '../../view/types.js';
import { anchoredText, idOf } from './blocks.js';
import { headingTag, headingText } from './headings.js';
import { markerRuns } from './inline.js';
import type { PdfState } from './state.js';
import { SIZES } from './theme.js';
import type { Content, Node, Run } from './types.js';

export function coverPage(state: PdfState, cover: Cover): Node {
  const { colors } = state.look;
  const stack: Content[] = [];
  const logo = cover.logo ? state.images.node(cover.logo, { maxWidth: SIZES.logo.width, maxHeight: SIZES.logo.height }) : null;
  // The logo is a Figure described by its alt text.
  if (logo) stack.push({ ...logo, margin: [0, 0, 0, 6], ...(cover.logoAlt ? { alt: cover.logoAlt } : {}) });
  else if (cover.logo && !cover.organization) stack.push({ text: state.text(`[${cover.logoAlt}]`, { italics: true, color: colors.muted }), tag: 'P' });
  if (cover.organization) stack.push({ text: state.text(cover.organization), style: 'coverOrganization', tag: 'P' });
  stack.push({ text: '', margin: [0, logo || cover.organization ? 96 : 140, 0, 0], tag: 'Artifact' });
  if (cover.kind) {
    const lang = cover.kindLang ?? state.view.lang;
    // Set in capitals, as the HTML cover does with text-transform.
    stack.push(...state.inLanguage(lang, () => [{ text: state.text(cover.kind!.toLocaleUpperCase(lang)), style: 'coverKind', tag: 'P' }]));
  }
  // The title of the document: its first heading.
  const id = state.claim(PART_IDS.cover);
  stack.push(
    ...state.inLanguage(cover.titleLang, () => {
      const title = state.within({ role: 'heading' }, () => state.text(cover.title));
      return [{ text: anchoredText(state, title, id), ...idOf(id), style: 'coverTitle', tag: headingTag(state, 1) }];
    }),
  );
  stack.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 96, y2: 0, lineWidth: 2.5, lineColor: colors.accent }], margin: [0, 0, 0, 22] });
  if (cover.fields.length) {
    const rows = cover.fields.map((f) => [
      { text: state.text(f.label), style: 'coverLabel' },
      state.inLanguage(f.lang, () => [{ text: state.text(f.value), style: 'coverValue' }])[0],
    ]);
    // A layout grid, not a data table: each label and value reads as a paragraph.
    stack.push({ table: { widths: [90, '*'], body: rows }, layout: 'noBorders', tag: 'Div' });
  }
  return { stack };
}

/** The contents page: built once the body is, so it knows which destinations exist. */
export function contentsPage(state: PdfState, contents: NonNullable<typeof state.view.contents>, newPage: boolean): Content[] {
  const id = state.claim(contents.id);
  const out: Content[] = [
    {
      text: anchoredText(state, headingText(state, contents.heading) as Run[], id),
      ...idOf(id),
      style: 'tocTitle',
      tag: 'H1',
      ...(newPage ? { pageBreak: 'before' } : {}),
    },
  ];
  const body: Content[][] = [];
  const notesPart = state.view.parts.find((p) => p.kind === 'notes')?.id;
  const { colors } = state.look;
  const add = (entries: readonly ContentsEntry[], depth: number) => {
    for (const entry of entries) {
      const top = depth === 0 ? 6 : 2;
      const style = depth === 0 ? { bold: true, color: colors.accent } : {};
      const placed = state.anchors.has(entry.target);
      // The notes part is left out when every note is printed at the foot of its page.
      if (!placed && entry.target === notesPart) continue;
      const link = placed ? { linkToDestination: entry.target } : {};
      // The entry, dot leaders to its page number (right-aligned); the leaders are layout (an artifact).
      body.push([
        {
          text: state.within({ lang: entry.lang ?? undefined }, () => state.text(entry.text, { ...style, ...link, ...(placed ? { alt: entry.text } : {}) })),
          style: 'toc',
          margin: [depth * 14, top, 0, 0],
          ...(placed ? { leader: { color: colors.muted } } : {}),
        },
        { text: placed ? [{ pageReference: entry.target, ...style }] : '', style: 'toc', alignment: 'right', margin: [0, top, 0, 0] },
      ]);
      add(entry.children, depth + 1);
    }
  };
  add(contents.entries, 0);
  // TOC, one TOCI per entry (row).
  if (body.length) out.push({ table: { dontBreakRows: true, widths: ['*', 'auto'], body }, layout: tocLayout, tag: 'TOC' });
  // The legend of the untranslated markers the pack uses.
  if (state.view.legend.length)
    out.push({ stack: state.view.legend.map((m) => ({ text: markerRuns(state, m), margin: [0, 0, 0, 3], tag: 'P' })), style: 'legend' });
  return out;
}

/** No rules; the page number close to its leader. */
const tocLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i: number) => (i ? 4 : 0),
  paddingRight: (i: number) => (i === 0 ? 4 : 0),
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

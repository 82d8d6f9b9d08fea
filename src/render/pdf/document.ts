/**
 * Briefing view -> pdfmake document definition (run phase), with no file
 * written: the cover, the contents, the parts in the view's order, the
 * running header and footer (the marking centred at the top and the bottom
 * of every page), the outline (bookmarks) and the metadata. Everything shown
 * comes from the view; the theme chooses the page size, the accent colour
 * and the faces.
 */
import { pageLabel } from '../../view/format.js';
import type { BriefingView } from '../../view/types.js';
import { DEFAULT_THEME, type RenderContext } from '../context.js';
import { contentsPage, coverPage } from './cover.js';
import { faceNamed, FontSet } from './fonts.js';
import { partHandlers, type PartHandler } from './parts.js';
import { pdfmakePatched, UNPATCHED_MESSAGE } from './pdfmake-patch.js';
import { PdfState } from './state.js';
import { PAGE_MARGINS, pdfLook, SIZES } from './theme.js';
import type { Content, DocDefinition, Node, Run } from './types.js';

export interface PdfOptions {
  /**
   * The font set to use (and fill); lets a caller lay the definition out with `layoutPdf(definition, fonts)`.
   * Default: the fonts of `ctx.fontsDir` (or BRIEFPACK_FONTS_DIR, or the npm packages).
   */
  fonts?: FontSet;
  /**
   * Tagged PDF/A-1a + PDF/UA-1 with notes at the foot of the page, justified
   * and hyphenated (needs the pdfmake patch); false: untagged PDF/A-1b, notes
   * at the end, ragged right. Default: whether the pdfmake patch is there.
   */
  tagged?: boolean;
}

/** The pdfmake document definition of a view. Font files are read (once per process) to split text by glyph coverage. */
export function buildDocDefinition(view: BriefingView, ctx: RenderContext, options: PdfOptions = {}): DocDefinition {
  const fonts = options.fonts ?? new FontSet(ctx.file, ctx.fontsDir);
  const theme = ctx.theme ?? DEFAULT_THEME;
  // A face the theme names that briefpack does not ship is ignored: the face of the language stays.
  const faces = { text: faceNamed(theme.fonts?.text), heading: faceNamed(theme.fonts?.heading) };
  const tagged = options.tagged ?? pdfmakePatched();
  if (!tagged && options.tagged === undefined) ctx.file.info(UNPATCHED_MESSAGE, { ruleId: 'pdf-untagged', source: 'briefpack' });
  const look = pdfLook(theme, { heading: faces.heading ? fonts.family(faces.heading) : null }, tagged);
  const state = new PdfState(view, look, fonts, faces, tagged);

  const cover = view.cover ? coverPage(state, view.cover) : null;
  // The parts come before the contents, which need to know the destinations the parts place.
  const parts: Content[] = [];
  let before = Boolean(cover || view.contents);
  for (const part of view.parts) {
    parts.push(...(partHandlers[part.kind] as PartHandler<typeof part.kind>)(state, part as never, before));
    before = true;
  }
  const contents = view.contents ? contentsPage(state, view.contents, Boolean(cover)) : [];
  state.unlinkMissing();

  return {
    pageSize: look.pageSize,
    pageMargins: [...PAGE_MARGINS],
    version: '1.4',
    // Tagged: PDF/A-1a (the accessible level: structure, /MarkInfo, /Lang, Unicode), with PDF/UA-1.
    subset: tagged ? 'PDF/A-1a' : 'PDF/A-1b',
    ...(tagged ? { pdfUA: true, joinInlines: true } : {}),
    language: view.lang,
    info: documentInfo(view),
    defaultStyle: {
      font: fonts.family(state.documentFace),
      fontSize: SIZES.body,
      lineHeight: SIZES.lineHeight,
      color: look.colors.ink,
      // Korean breaks lines between words (at spaces), not between syllables (pdfmake patch).
      ...(tagged && /^ko\b/i.test(view.lang) ? { wordBreak: 'keep-all' } : {}),
    },
    styles: look.styles,
    header: runningHeader(state),
    footer: runningFooter(state),
    content: [...(cover ? [cover] : []), ...contents, ...parts],
    footnoteSeparator: { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.5, lineColor: look.colors.rule }], margin: [0, 8, 0, 5] },
    images: state.images.images,
  };
}

/** PDF Info from the view: title, author, subject, keywords, generator, and the view's date for both dates. */
export function documentInfo(view: BriefingView): DocDefinition['info'] {
  const date = new Date(view.info.created * 1000);
  const info: DocDefinition['info'] = {
    title: view.info.title,
    creator: view.info.generator,
    producer: view.info.generator,
    creationDate: date,
    modDate: date,
  };
  if (view.info.author) info.author = view.info.author;
  if (view.info.subject) info.subject = view.info.subject;
  if (view.info.keywords.length) info.keywords = view.info.keywords.join('; ');
  return info;
}

// --- running header and footer --------------------------------------------

/** The marking, centred, as the outermost line of a page's header or footer. */
function markingLine(runs: Run[] | null, margin: number[]): Node[] {
  return runs ? [{ text: structuredClone(runs), style: 'marking', margin }] : [];
}

/** Header: the marking on every page; the running head (short title and kind) on every page but the cover. */
function runningHeader(state: PdfState): DocDefinition['header'] {
  const { view, look } = state;
  const title = state.text(view.runningHead.title);
  const kind = view.runningHead.kind ? state.text(view.runningHead.kind) : [];
  const marking = view.marking ? state.text(view.marking) : null;
  const hasCover = view.cover !== null;
  return (page) => {
    const stack: Content[] = markingLine(marking, [0, 0, 0, 2]);
    if (!(hasCover && page === 1)) {
      stack.push(
        {
          columns: [
            { width: '*', text: structuredClone(title) },
            { width: 'auto', text: structuredClone(kind), alignment: 'right' },
          ],
          columnGap: 12,
          style: 'runningHeader',
        },
        { canvas: [{ type: 'line', x1: 0, y1: 3, x2: look.textWidth, y2: 3, lineWidth: 0.4, lineColor: look.colors.rule }] },
      );
    }
    if (!stack.length) return null;
    return { margin: [PAGE_MARGINS[0], marking ? 22 : 36, PAGE_MARGINS[2], 0], stack };
  };
}

/** Footer on every page: "Page X of Y" in the view's words and digits, then the marking. */
function runningFooter(state: PdfState): DocDefinition['footer'] {
  const { view } = state;
  const marking = view.marking ? state.text(view.marking) : null;
  return (page, pages) => ({
    margin: [PAGE_MARGINS[0], 20, PAGE_MARGINS[2], 0],
    stack: [
      { text: state.text(pageLabel(view.labels, view.lang, page, pages)), alignment: 'right', style: 'runningFooter' },
      ...markingLine(marking, [0, 4, 0, 0]),
    ],
  });
}

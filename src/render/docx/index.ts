/**
 * Run phase: briefing view -> Word briefing file (DOCX bytes).
 *
 * The cover (its own section, the marking in its header and footer), then
 * one section with the contents and the view's parts in the view's order,
 * under a running header and footer. The view has decided every word, label,
 * date, reference label, annex row, link target and marker; the handlers
 * here (one per node kind) only lay them out as Word objects. The file is
 * packed, then repacked so the bytes are reproducible. A reference document
 * (`ctx.referenceDoc`) sets the page every section is laid out on and,
 * when the package is repacked, the styles, defaults and theme (reference.ts).
 */
import { Document, SectionType, type ISectionOptions, type Paragraph, type Table } from 'docx';
import type { BriefingView } from '../../view/types.js';
import { DEFAULT_THEME, type RenderContext } from '../context.js';
import { Bookmarks } from './bookmarks.js';
import { appXml, coreXml, corePropertiesOf } from './core-properties.js';
import { coverPage } from './cover.js';
import { wordFootnotes } from './footnotes.js';
import { coverFurniture, runningFooter, runningHeader } from './header-footer.js';
import { prepareImages } from './images.js';
import { docxLanguage } from './language.js';
import { NumberingPlan } from './numbering.js';
import { pageGeometry, sectionPage } from './page.js';
import { LazyPiece, PieceSource } from './lazy.js';
import { partPieces, renderParts } from './parts.js';
import { planOf, type DocxPlan } from './plan.js';
import type { ReferenceDoc } from './reference.js';
import { customFootnoteMarks, customFootnoteNumbers, packageParts, repack } from './repack.js';
import type { Writer } from './state.js';
import { referenceOf, stylePatches } from './reference-patches.js';
import { stylesFor } from './styles.js';
import { contents } from './toc.js';
import { moveMarkup, Revisions } from './changes.js';

/** The docx `Document` for a view, before packing (exported for tests that inspect it). */
export async function buildDocument(view: BriefingView, ctx: RenderContext): Promise<Document> {
  return (await build(view, ctx, referenceOf(ctx), false)).document;
}

export async function renderDocx(view: BriefingView, ctx: RenderContext): Promise<Uint8Array> {
  const reference = referenceOf(ctx);
  // The body after the contents is made while the file is written (lazy.ts).
  const { document, plan, revisions } = await build(view, ctx, reference, true);
  const packed = packageParts(document);
  return repack(packed, {
    epoch: view.info.created,
    replace: {
      'docProps/core.xml': coreXml(corePropertiesOf(view)),
      'docProps/app.xml': appXml(view.info.generator),
    },
    patch: {
      ...stylePatches(view, reference),
      ...(plan.customMarks ? { 'word/document.xml': customFootnoteMarks, 'word/footnotes.xml': customFootnoteNumbers } : {}),
      ...(revisions.moves.size ? { 'word/document.xml': (xml: string) => moveMarkup(plan.customMarks ? customFootnoteMarks(xml) : xml, revisions) } : {}),
    },
  });
}

/** The document; `lazy`: its body after the contents stands as pieces made while it is written (lazy.ts). */
async function build(
  view: BriefingView,
  ctx: RenderContext,
  reference: ReferenceDoc | null,
  lazy: boolean,
): Promise<{ document: Document; plan: DocxPlan; revisions: Revisions }> {
  const theme = ctx.theme ?? DEFAULT_THEME;
  const page = pageGeometry(theme.page, reference?.page ?? null);
  const plan = planOf(view);
  const language = docxLanguage(view.lang);
  const env: Writer['env'] = {
    view,
    labels: view.labels,
    page,
    bookmarks: new Bookmarks(plan.anchors),
    plan,
    footnotes: new Map(plan.footnotes.map((n) => [n.id, n])),
    images: await prepareImages(plan.images, page.textWidth),
  };
  const writer = (): Writer => ({
    env,
    state: { numbering: new NumberingPlan(), marked: new Set(), pending: { ids: [], prefix: [] }, revisions: new Revisions(view.info.created) },
  });
  const w = writer();

  const cover = view.cover ? coverPage(view.cover, w) : null;
  // The legend of untranslated markers stands with the contents, as in every format.
  const front = view.contents ? contents(view.contents, w) : [];
  const first = front.length === 0;
  let main: Array<Paragraph | Table | LazyPiece>;
  if (lazy) {
    // Made once here, for what the body decides (numbering, notes with a Word mark, revisions), and dropped piece by piece.
    let count = 0;
    for (const piece of partPieces(view.parts, w, first)) if (piece) count++;
    const source = new PieceSource(() => {
      // A new writer makes the cover and the contents again, so the state the body starts from is the same.
      const again = writer();
      if (view.cover) coverPage(view.cover, again);
      if (view.contents) contents(view.contents, again);
      return partPieces(view.parts, again, first);
    }, count);
    main = source.standIns();
  } else main = renderParts(view.parts, w, first);
  // After the body: its references decided which notes have a Word mark.
  const footnotes = wordFootnotes(w);

  const pageSetup = sectionPage(page);
  const sections: ISectionOptions[] = [];
  if (cover) sections.push({ properties: { page: pageSetup }, ...coverFurniture(view), children: cover });
  sections.push({
    properties: { page: pageSetup, ...(cover ? { type: SectionType.NEXT_PAGE } : {}) },
    headers: { default: runningHeader(view) },
    footers: { default: runningFooter(view) },
    children: [...front, ...main],
  });

  const props = corePropertiesOf(view);
  const document = new Document({
    title: props.title,
    subject: props.subject ?? undefined,
    creator: props.creator ?? undefined,
    keywords: props.keywords,
    styles: stylesFor(language, theme, page.textWidth),
    numbering: w.state.numbering.options(),
    footnotes,
    sections,
  });
  return { document, plan, revisions: w.state.revisions };
}

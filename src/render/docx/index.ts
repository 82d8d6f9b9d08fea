/**
 * Run phase: briefing view -> Word briefing file (DOCX bytes).
 *
 * The cover (its own section, the marking in its header and footer), then
 * one section with the contents and the view's parts in the view's order,
 * under a running header and footer. The view has decided every word, label,
 * date, reference label, annex row, link target and marker; the handlers
 * here (one per node kind) only lay them out as Word objects. The file is
 * packed, then repacked so the bytes are reproducible.
 */
import { Document, Packer, SectionType, type ISectionOptions } from 'docx';
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
import { pageGeometry } from './page.js';
import { renderParts } from './parts.js';
import { planOf, type DocxPlan } from './plan.js';
import { customFootnoteMarks, customFootnoteNumbers, repack } from './repack.js';
import type { Writer } from './state.js';
import { stylesFor, withBidiDefaults, withTableStyle } from './styles.js';
import { contents, legend } from './toc.js';

/** The docx `Document` for a view, before packing (exported for tests that inspect it). */
export async function buildDocument(view: BriefingView, ctx: RenderContext): Promise<Document> {
  return (await build(view, ctx)).document;
}

export async function renderDocx(view: BriefingView, ctx: RenderContext): Promise<Uint8Array> {
  const { document, plan } = await build(view, ctx);
  const packed = new Uint8Array(await Packer.toBuffer(document));
  return repack(packed, {
    epoch: view.info.created,
    replace: {
      'docProps/core.xml': coreXml(corePropertiesOf(view)),
      'docProps/app.xml': appXml(view.info.generator),
    },
    patch: {
      'word/styles.xml': view.dir === 'rtl' ? (xml: string) => withBidiDefaults(withTableStyle(xml)) : withTableStyle,
      ...(plan.customMarks ? { 'word/document.xml': customFootnoteMarks, 'word/footnotes.xml': customFootnoteNumbers } : {}),
    },
  });
}

async function build(view: BriefingView, ctx: RenderContext): Promise<{ document: Document; plan: DocxPlan }> {
  const theme = ctx.theme ?? DEFAULT_THEME;
  const page = pageGeometry(theme.page);
  const plan = planOf(view);
  const language = docxLanguage(view.lang);
  const w: Writer = {
    env: {
      view,
      labels: view.labels,
      page,
      bookmarks: new Bookmarks(plan.anchors),
      plan,
      footnotes: new Map(plan.footnotes.map((n) => [n.id, n])),
      images: await prepareImages(plan.images, page.textWidth),
    },
    state: { numbering: new NumberingPlan(), marked: new Set(), pending: { ids: [], prefix: [] } },
  };

  const cover = view.cover ? coverPage(view.cover, w) : null;
  const front = view.contents ? contents(view.contents, w) : legend(view);
  const main = renderParts(view.parts, w, front.length === 0);
  // After the body: its references decided which notes have a Word mark.
  const footnotes = wordFootnotes(w);

  const pageSetup = {
    size: { width: page.width, height: page.height },
    margin: { top: page.margin, right: page.margin, bottom: page.margin, left: page.margin, header: 708, footer: 708, gutter: 0 },
  };
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
  return { document, plan };
}

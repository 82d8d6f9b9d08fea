/**
 * Run phase: declaration model -> Word briefing file (DOCX bytes).
 *
 * Cover page (its own section), then one section with the contents, the
 * background note, the text and the annexes, under a running header and
 * footer. The small emitters each build plain docx objects; this file puts
 * them together, packs, and repacks the zip so the bytes are reproducible.
 */
import { Document, Packer, SectionType } from 'docx';
import type { Declaration } from '../../model/schema.js';
import type { RenderContext } from '../context.js';
import { annexes } from './annexes.js';
import { body } from './body.js';
import { appXml, coreXml, corePropertiesOf } from './core-properties.js';
import { coverPage } from './cover.js';
import { DocxContext } from './docx-context.js';
import { wordFootnotes } from './footnotes.js';
import { runningFooter, runningHeader } from './header-footer.js';
import { docxLanguage } from './language.js';
import { repack } from './repack.js';
import { stylesFor, withTableStyle } from './styles.js';
import { contents } from './toc.js';

/** The docx `Document` for a model, before packing (exported for tests that inspect it). */
export function buildDocument(model: Declaration, ctx: RenderContext): Document {
  const dc = new DocxContext(model, ctx.labels, ctx.file);
  const language = docxLanguage(model.meta.language);
  const cover = coverPage(dc);
  // The body first: its headings are the contents' entries, its references decide the footnotes.
  const main = [...body(dc), ...annexes(dc)];
  const toc = contents(dc);
  const props = corePropertiesOf(model, ctx.epoch);
  return new Document({
    title: props.title,
    subject: props.subject ?? undefined,
    creator: props.creator ?? undefined,
    keywords: props.keywords,
    styles: stylesFor(language),
    numbering: dc.numbering.options(),
    footnotes: wordFootnotes(dc),
    sections: [
      { children: cover },
      {
        properties: { type: SectionType.NEXT_PAGE },
        headers: { default: runningHeader(dc) },
        footers: { default: runningFooter(dc) },
        children: [...toc, ...main],
      },
    ],
  });
}

export async function renderDocx(model: Declaration, ctx: RenderContext): Promise<Uint8Array> {
  const document = buildDocument(model, ctx);
  const packed = new Uint8Array(await Packer.toBuffer(document));
  return repack(packed, {
    epoch: ctx.epoch,
    replace: {
      'docProps/core.xml': coreXml(corePropertiesOf(model, ctx.epoch)),
      'docProps/app.xml': appXml(ctx.version),
    },
    patch: { 'word/styles.xml': withTableStyle },
  });
}

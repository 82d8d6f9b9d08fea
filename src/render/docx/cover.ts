/**
 * Run phase (docx): the cover page, a section of its own (its header and
 * footer hold the marking only): the organization's logo and name, the
 * title and kind, and the fields the view formatted (the date as the other
 * formats show it).
 */
import { Paragraph, TextRun } from 'docx';
import type { Cover } from '../../view/types.js';
import { paragraph } from './blocks.js';
import { imageRun } from './images.js';
import { runLanguage } from './inline.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

/** The largest a logo is shown, in CSS pixels (as the HTML cover shows it). */
const LOGO_BOX = { maxWidthPx: 256, maxHeightPx: 80 };

export function coverPage(cover: Cover, w: Writer): Paragraph[] {
  const words = (text: string, lang: string | null) => [new TextRun({ text, language: runLanguage(lang) })];
  const out: Paragraph[] = [];
  const logo = cover.logo ? w.env.images.get(cover.logo) : null;
  if (logo) out.push(paragraph(w, ['cover'], null, [imageRun(logo, cover.logoAlt, LOGO_BOX)], { style: STYLE.logo }));
  else if (cover.logo && cover.logoAlt)
    out.push(paragraph(w, ['cover'], null, [new TextRun({ text: `[${cover.logoAlt}]`, italics: true })], { style: STYLE.logo }));
  if (cover.organization) {
    // At the top of the page (no logo above it), the organization takes the logo's room.
    out.push(
      paragraph(w, out.length ? [] : ['cover'], null, words(cover.organization, null), {
        style: STYLE.organization,
        ...(out.length ? {} : { spacing: { before: 1440 } }),
      }),
    );
  }
  // The kind stands above the title, as in every format; under a logo or an organization the first of them needs less room above it.
  const first = out.length === 0;
  if (cover.kind)
    out.push(
      paragraph(w, first ? ['cover'] : [], null, words(cover.kind, cover.kindLang), { style: STYLE.subtitle, ...(first ? { spacing: { before: 1440 } } : {}) }),
    );
  out.push(
    paragraph(w, first && !cover.kind ? ['cover'] : [], null, words(cover.title, cover.titleLang), {
      style: STYLE.title,
      ...(!first && !cover.kind ? { spacing: { before: 720 } } : {}),
    }),
  );
  for (const field of cover.fields) {
    out.push(new Paragraph({ style: STYLE.coverLabel, children: [new TextRun(field.label)] }));
    out.push(new Paragraph({ style: STYLE.coverDetail, children: words(field.value, field.lang) }));
  }
  return out;
}

/**
 * Run phase (docx): running header (short title, marking) and footer
 * ("Page 3 of 9" from the localized label, with PAGE and NUMPAGES fields,
 * and the marking).
 */
import { Footer, Header, PageNumber, Paragraph, Tab, TextRun, type ParagraphChild } from 'docx';
import type { DocxContext } from './docx-context.js';
import { STYLE } from './styles.js';

export function runningHeader(dc: DocxContext): Header {
  const { meta } = dc.model;
  const title = meta.shortTitle ?? meta.title ?? dc.model.id;
  const children: ParagraphChild[] = [new TextRun(title)];
  if (meta.marking) children.push(new TextRun({ children: [new Tab(), meta.marking], style: STYLE.strong }));
  return new Header({ children: [new Paragraph({ style: STYLE.header, children })] });
}

export function runningFooter(dc: DocxContext): Footer {
  const paragraphs = [new Paragraph({ style: STYLE.footer, children: pageOf(dc.labels.pageOf) })];
  if (dc.model.meta.marking) paragraphs.push(new Paragraph({ style: STYLE.footer, children: [new TextRun({ text: dc.model.meta.marking, style: STYLE.strong })] }));
  return new Footer({ children: paragraphs });
}

/** "Page {page} of {pages}" with fields in place of the placeholders, in the label's own word order. */
function pageOf(label: string): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const part of label.split(/(\{page\}|\{pages\})/)) {
    if (part === '{page}') out.push(new TextRun({ children: [PageNumber.CURRENT] }));
    else if (part === '{pages}') out.push(new TextRun({ children: [PageNumber.TOTAL_PAGES] }));
    else if (part) out.push(new TextRun(part));
  }
  return out;
}

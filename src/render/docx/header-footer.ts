/**
 * Run phase (docx): the page furniture. The marking stands centred at the
 * top of the header and the bottom of the footer of every page, the cover's
 * included; the body's header adds the running head (short title, and the
 * kind at the right margin), its footer the page number ("Page 3 of 9" from
 * the localized label, with PAGE and NUMPAGES fields).
 */
import { Footer, Header, PageNumber, Paragraph, Tab, TextRun, type ParagraphChild } from 'docx';
import type { BriefingView } from '../../view/types.js';
import { STYLE } from './styles.js';

function marking(view: BriefingView): Paragraph[] {
  return view.marking ? [new Paragraph({ style: STYLE.marking, children: [new TextRun(view.marking)] })] : [];
}

/** Header and footer of the cover: the marking only (none without a marking). */
export function coverFurniture(view: BriefingView): { headers?: { default: Header }; footers?: { default: Footer } } {
  if (!view.marking) return {};
  return { headers: { default: new Header({ children: marking(view) }) }, footers: { default: new Footer({ children: marking(view) }) } };
}

export function runningHeader(view: BriefingView): Header {
  const { title, kind } = view.runningHead;
  const head: ParagraphChild[] = [new TextRun(title), ...(kind ? [new TextRun({ children: [new Tab(), kind] })] : [])];
  return new Header({ children: [...marking(view), new Paragraph({ style: STYLE.header, children: head })] });
}

export function runningFooter(view: BriefingView): Footer {
  return new Footer({ children: [new Paragraph({ style: STYLE.footer, children: pageOf(view.labels.pageOf) }), ...marking(view)] });
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

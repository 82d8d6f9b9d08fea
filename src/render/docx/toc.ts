/**
 * Run phase (docx): the contents page. A Word TOC field (headings 1-3,
 * hyperlinked) whose result is prefilled with one entry per heading the body
 * was built with, so it reads correctly before anyone updates it, and in
 * readers that never do (LibreOffice keeps it, pandoc reads it). Each entry's
 * page number is a PAGEREF field to the heading's bookmark, as in the
 * entries Word writes itself.
 */
import { InternalHyperlink, PageReference, Paragraph, Tab, TableOfContents, TextRun } from 'docx';
import type { DocxContext } from './docx-context.js';
import { STYLE } from './styles.js';

/** Call after the body is built: its headings are the entries. */
export function contents(dc: DocxContext): Array<Paragraph | TableOfContents> {
  const title = new Paragraph({ style: STYLE.tocHeading, children: [new TextRun({ text: dc.labels.contents })] });
  const entries = dc.headings.map(
    (h) =>
      new Paragraph({
        style: `TOC${h.level}`,
        children: [new InternalHyperlink({ anchor: h.bookmark, children: [new TextRun({ text: h.title, style: STYLE.tocLink }), new TextRun({ children: [new Tab()] }), new PageReference(h.bookmark)] })],
      }),
  );
  const toc = new TableOfContents(dc.labels.contents, { hyperlink: true, headingStyleRange: '1-3', hideTabAndPageNumbersInWebView: true, contentChildren: entries, beginDirty: true });
  return [title, toc];
}

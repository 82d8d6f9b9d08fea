/**
 * Run phase (docx): the contents page. A Word TOC field (headings down to
 * the depth of the view's contents, hyperlinked) whose result is prefilled
 * with the view's entries, so it reads correctly before anyone updates it,
 * and in readers that never do (LibreOffice keeps it, pandoc reads it). Each
 * entry's page number is a PAGEREF field to the heading's bookmark, as in
 * the entries Word writes itself. The legend of untranslated markers follows.
 */
import { InternalHyperlink, PageReference, Paragraph, Tab, TableOfContents, TextRun } from 'docx';
import type { BriefingView, ContentsEntry } from '../../view/types.js';
import { markerRun, paragraph } from './blocks.js';
import { runLanguage } from './inline.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

export function contents(contents: NonNullable<BriefingView['contents']>, w: Writer): Array<Paragraph | TableOfContents> {
  const title = paragraph(w, [contents.id], null, [new TextRun(contents.heading)], { style: STYLE.tocHeading });
  const entries: Paragraph[] = [];
  let depth = 1;
  const add = (entry: ContentsEntry, level: number) => {
    const anchor = w.env.bookmarks.name(entry.target);
    // An entry for a part the file does not hold (notes that are all Word footnotes) is left out.
    if (!anchor) return;
    depth = Math.max(depth, level);
    const text = new TextRun({ text: entry.text, style: STYLE.tocLink, language: runLanguage(entry.lang) });
    entries.push(
      new Paragraph({
        style: `TOC${level}`,
        children: [new InternalHyperlink({ anchor, children: [text, new TextRun({ children: [new Tab()] }), new PageReference(anchor)] })],
      }),
    );
    for (const child of entry.children) add(child, Math.min(level + 1, 9));
  };
  for (const entry of contents.entries) add(entry, 1);
  const toc = new TableOfContents(contents.heading, {
    hyperlink: true,
    headingStyleRange: `1-${depth}`,
    hideTabAndPageNumbersInWebView: true,
    contentChildren: entries,
    beginDirty: true,
  });
  return [title, toc, ...legend(w.env.view)];
}

/** The untranslated markers the pack uses, each as it appears in the text. */
export function legend(view: BriefingView): Paragraph[] {
  return view.legend.map((marker) => new Paragraph({ children: [markerRun(marker)] }));
}

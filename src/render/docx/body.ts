/**
 * Run phase (docx): the body — background note, the text under its own
 * title with one heading per section, and notes never referenced.
 */
import { Paragraph, TextRun } from 'docx';
import type { Section } from '../../model/schema.js';
import type { DocxContext } from './docx-context.js';
import { BODY, bookmarked, partHeading, plainText, renderBlocks, untranslatedMarker, type BodyChild } from './blocks.js';
import { FIXED_BOOKMARKS } from './bookmarks.js';
import { inlineRuns } from './inline.js';
import { STYLE } from './styles.js';
import { unreferencedNotes } from './footnotes.js';

export function body(dc: DocxContext): BodyChild[] {
  const { model, labels } = dc;
  const out: BodyChild[] = [];
  if (model.background.length) {
    out.push(partHeading(dc, labels.background, 1, FIXED_BOOKMARKS.background, { pageBreakBefore: true }));
    out.push(...renderBlocks(model.background, dc, BODY));
  }
  const title = model.textTitle;
  out.push(
    partHeading(dc, title ? plainText(title.content) || title.text : labels.text, 1, FIXED_BOOKMARKS.text, {
      pageBreakBefore: true,
      children: title ? inlineRuns(title.content, dc) : [new TextRun(labels.text)],
    }),
  );
  for (const section of model.sections) out.push(...sectionContent(section, dc));
  out.push(...unreferencedNotes(dc));
  return out;
}

function sectionContent(section: Section, dc: DocxContext): BodyChild[] {
  const out: BodyChild[] = [];
  if (section.title != null) {
    const level = Math.min(section.level, 6);
    const bookmark = dc.bookmarks.name(section.id);
    if (level <= 3 && bookmark) dc.headings.push({ title: section.title, level, bookmark });
    const runs = inlineRuns(section.titleContent, dc, { position: section.position });
    out.push(new Paragraph({ style: STYLE.heading(level), children: bookmarked([section.id], runs, dc) }));
    const marker = untranslatedMarker(section, dc);
    // The marker is its own line: inside the heading it would become part of the contents entry.
    if (marker) out.push(new Paragraph({ keepNext: true, children: [marker] }));
  }
  out.push(...renderBlocks(section.paragraphs, dc, BODY));
  return out;
}

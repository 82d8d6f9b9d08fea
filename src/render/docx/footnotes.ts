/**
 * Run phase (docx): footnotes. A footnote the text references is a real Word
 * footnote (`w:footnoteReference` in the text, its body in footnotes.xml).
 * A footnote the text never references would be lost in Word, so it is
 * listed under a "Notes" heading after the text instead.
 */
import { Paragraph, TextRun } from 'docx';
import type { Footnote } from '../../model/schema.js';
import type { DocxContext } from './docx-context.js';
import { FOOTNOTE, partHeading, renderBlock, renderBlocks, type BodyChild } from './blocks.js';
import { FIXED_BOOKMARKS } from './bookmarks.js';
import { STYLE } from './styles.js';

/** The `footnotes` option of `new Document`: the notes the body referenced. Call after the body is built. */
export function wordFootnotes(dc: DocxContext): Record<string, { children: Paragraph[] }> {
  const out: Record<string, { children: Paragraph[] }> = {};
  for (const note of dc.model.footnotes) {
    if (!dc.referencedFootnotes.has(note.identifier)) continue;
    const children = noteBody(note, dc).filter((c): c is Paragraph => c instanceof Paragraph);
    out[String(note.index)] = { children: children.length ? children : [new Paragraph({ style: STYLE.footnoteText, children: [] })] };
  }
  return out;
}

/** The notes never referenced from the text, under their own heading; empty when there are none. */
export function unreferencedNotes(dc: DocxContext): BodyChild[] {
  const notes = dc.model.footnotes.filter((n) => !dc.referencedFootnotes.has(n.identifier));
  if (!notes.length) return [];
  const out: BodyChild[] = [partHeading(dc, dc.labels.footnotes, 2, FIXED_BOOKMARKS.notes)];
  for (const note of notes) {
    out.push(new Paragraph({ style: STYLE.footnoteText, keepNext: true, children: [new TextRun({ text: note.label, superScript: true })] }));
    out.push(...noteBody(note, dc));
  }
  return out;
}

function noteBody(note: Footnote, dc: DocxContext): BodyChild[] {
  const [first, ...rest] = note.blocks;
  if (!first) return [];
  // The note's own marker rides on its first block; its id too, as a bookmark.
  const marked = note.untranslated && !first.untranslated ? { ...first, untranslated: note.untranslated } : first;
  return [...renderBlock(marked, dc, FOOTNOTE, [note.id]), ...renderBlocks(rest, dc, FOOTNOTE)];
}

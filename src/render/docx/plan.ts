/**
 * Run phase (docx): one walk over the view before any Word object is made,
 * for what Word needs to know ahead: every anchor the file will hold (links
 * to later places, and none to places it does not hold), which notes become
 * Word footnotes, and which images need a raster fallback.
 *
 * A note becomes a Word footnote when the text references it outside the
 * notes (its first such reference carries Word's footnote mark). A note
 * referenced only from other notes, or never, would be lost in Word: it is
 * listed in the body, under the notes part's heading.
 */
import type { BriefingView, Part, ViewBlock, ViewImage, ViewInline, ViewNote } from '../../view/types.js';

export interface DocxPlan {
  /** Every anchor id the file holds, in document order. */
  anchors: string[];
  /** Notes that are Word footnotes, in the order of their first reference. */
  footnotes: ViewNote[];
  /** Notes listed in the body under the notes heading. */
  listedNotes: ViewNote[];
  /**
   * Word numbers footnotes 1, 2, 3… in the order of their marks. When the
   * view's numbers differ (a part that held the first references is
   * switched off), each mark is written as the view's number instead.
   */
  customMarks: boolean;
  /** Every embedded image, the cover logo included. */
  images: ViewImage[];
}

export function planOf(view: BriefingView): DocxPlan {
  const anchors: string[] = [];
  const images = new Set<ViewImage>();
  const firstRefs: string[] = [];
  const referenced = new Set<string>();

  const inline = (nodes: readonly ViewInline[], inNote: boolean): void => {
    for (const n of nodes) {
      if (n.type === 'noteRef') {
        anchors.push(n.anchor);
        if (!inNote && !referenced.has(n.note)) {
          referenced.add(n.note);
          firstRefs.push(n.note);
        }
      } else if (n.type === 'image') {
        if (n.image) images.add(n.image);
      } else if ('children' in n) inline(n.children, inNote);
    }
  };
  const blocks = (list: readonly ViewBlock[], inNote: boolean): void => {
    for (const b of list) {
      anchors.push(b.id);
      switch (b.kind) {
        case 'numbered':
        case 'paragraph':
          inline(b.content, inNote);
          blocks(b.children, inNote);
          break;
        case 'list':
          for (const item of b.items) {
            anchors.push(item.id);
            inline(item.content, inNote);
            blocks(item.children, inNote);
          }
          break;
        case 'heading':
          inline(b.content, inNote);
          break;
        case 'table':
          for (const row of [b.head, ...b.rows]) for (const cell of row) inline(cell, inNote);
          break;
        case 'quote':
          blocks(b.children, inNote);
          break;
        case 'code':
        case 'rule':
          break;
      }
    }
  };

  if (view.cover) {
    anchors.push('cover');
    if (view.cover.logo) images.add(view.cover.logo);
  }
  if (view.contents) anchors.push(view.contents.id);
  const notesPart = view.parts.find((p): p is Extract<Part, { kind: 'notes' }> => p.kind === 'notes');
  for (const part of view.parts) {
    switch (part.kind) {
      case 'background':
        anchors.push(part.id);
        blocks(part.blocks, false);
        break;
      case 'text':
        anchors.push(part.id);
        inline(part.heading, false);
        for (const s of part.sections) {
          anchors.push(s.id);
          if (s.title) inline(s.title, false);
          blocks(s.blocks, false);
        }
        break;
      case 'notes':
        break; // walked after the body, below: only the body decides which notes are footnotes
      case 'annexes':
        anchors.push(part.id);
        for (const annex of part.annexes) {
          anchors.push(annex.id);
          if (annex.kind === 'commitments') anchors.push(...annex.groups.map((g) => g.id));
          if (annex.kind === 'glossary') anchors.push(...annex.rows.map((r) => r.id));
        }
        break;
    }
  }

  const notes = notesPart?.notes ?? [];
  const byId = new Map(notes.map((n) => [n.id, n]));
  const footnotes = firstRefs.map((id) => byId.get(id)).filter((n): n is ViewNote => Boolean(n));
  const listedNotes = notes.filter((n) => !referenced.has(n.id));
  if (notesPart && listedNotes.length) anchors.push(notesPart.id);
  for (const note of notes) {
    anchors.push(note.id);
    blocks(note.blocks, true);
  }
  return {
    anchors,
    footnotes,
    listedNotes,
    customMarks: footnotes.some((n, i) => n.number !== i + 1),
    images: [...images],
  };
}

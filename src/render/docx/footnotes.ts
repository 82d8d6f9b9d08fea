/**
 * Run phase (docx): Word footnotes. A note the text references is a real
 * Word footnote: its mark stands at its first reference, its words in
 * footnotes.xml. (Notes Word cannot show as footnotes are listed in the
 * body: see parts.ts.)
 */
import { Paragraph } from 'docx';
import { BODY, flush, open, renderBlocks } from './blocks.js';
import type { Writer } from './state.js';
import { STYLE } from './styles.js';

/** The `footnotes` option of `new Document`, keyed by the view's note number. Call after the body is built. */
export function wordFootnotes(w: Writer): Record<string, { children: Paragraph[] }> {
  const out: Record<string, { children: Paragraph[] }> = {};
  for (const note of w.env.plan.footnotes) {
    const where = { ...BODY, note: true, footnote: true, lang: note.lang };
    open(w, [note.id], note.marker);
    const children = [...renderBlocks(note.blocks, w, where), ...flush(w, where)].filter((c): c is Paragraph => c instanceof Paragraph);
    out[String(note.number)] = { children: children.length ? children : [new Paragraph({ style: STYLE.footnoteText, children: [] })] };
  }
  return out;
}

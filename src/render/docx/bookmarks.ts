/**
 * Run phase (docx): Word bookmark names for model ids, and the short label
 * an annex shows for a paragraph ("¶ 13").
 *
 * Word bookmark names are letters, digits and underscores, at most 40
 * characters, starting with a letter; names starting with "_" are hidden.
 */
import type { Declaration, Paragraph } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';

/** Bookmarks of the parts briefpack adds; model ids never look like these. */
export const FIXED_BOOKMARKS = {
  contents: 'contents',
  background: 'background',
  text: 'text',
  notes: 'notes',
  annexes: 'annexes',
  commitments: 'annex_commitments',
  glossary: 'annex_glossary',
  instruments: 'annex_instruments',
} as const;

/** A Word bookmark name for a model id: `s2-u1` -> `s2_u1`. */
export function bookmarkName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(name)) name = `b_${name}`;
  return name.slice(0, 40);
}

export class Bookmarks {
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>(Object.values(FIXED_BOOKMARKS));
  private readonly labels = new Map<string, string>();

  constructor(model: Declaration, labels: Labels) {
    const abbr = labels.paragraphAbbr;
    model.background.forEach((p, i) => this.addTree(p, `${labels.background}, ${i + 1}`));
    for (const section of model.sections) {
      this.add(section.id, section.title ?? labels.text);
      let unnumbered = 0;
      for (const p of section.paragraphs) {
        const label = p.kind === 'numbered' && p.number != null ? `${abbr} ${p.number}` : `${section.title ?? labels.text}, ${++unnumbered}`;
        this.addTree(p, label);
      }
    }
    for (const note of model.footnotes) {
      this.add(note.id, `${labels.footnotes} ${note.label}`);
      for (const b of note.blocks) this.addTree(b, `${labels.footnotes} ${note.label}`);
    }
  }

  /** The bookmark of a model id, or null when the model has no such id. */
  name(id: string): string | null {
    return this.names.get(id) ?? null;
  }

  /** The label a cross-reference shows: "¶ 13", "Preface, 2", or the id itself when unknown. */
  label(id: string): string {
    return this.labels.get(id) ?? id;
  }

  private addTree(p: Paragraph, label: string): void {
    this.add(p.id, label);
    for (const item of p.items) this.addTree(item, label);
    for (const block of p.blocks) this.addTree(block, label);
  }

  private add(id: string, label: string): void {
    if (this.names.has(id)) return;
    const base = bookmarkName(id);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
    this.taken.add(name);
    this.names.set(id, name);
    this.labels.set(id, label);
  }
}

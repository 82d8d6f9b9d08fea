/**
 * What every builder of the PDF definition shares for one document: the
 * model, the labels, the glyph splitter, the footnotes by identifier, and the
 * set of destination ids placed so far (so links only point at ids that exist
 * and no id is placed twice, which pdfmake rejects).
 */
import type { Declaration, Footnote, Paragraph } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import type { GlyphRuns } from './glyph-runs.js';

/** How an annex refers to a unit of the text. */
export interface TextRef {
  /** Paragraph number of the unit or of its numbered ancestor, when it has one. */
  number: number | null;
  /** Where the unit is: background, a section title, a note, or the text. */
  where: 'background' | 'section' | 'note' | 'text';
  /** Text shown for units that are neither numbered nor in the background. */
  title: string | null;
}

export interface PdfEnv {
  model: Declaration;
  labels: Labels;
  glyphs: GlyphRuns;
  footnotes: Map<string, Footnote>;
  /** Destination ids placed in the definition. */
  anchors: Set<string>;
  /** Text units by id, for annex references. */
  refs: Map<string, TextRef>;
  /** Untranslated markers used, for the legend. */
  marks: Set<'missing' | 'stale'>;
}

export function createEnv(model: Declaration, labels: Labels, glyphs: GlyphRuns): PdfEnv {
  return {
    model,
    labels,
    glyphs,
    footnotes: new Map(model.footnotes.map((f) => [f.identifier, f])),
    anchors: new Set(),
    refs: collectRefs(model),
    marks: new Set(),
  };
}

function collectRefs(model: Declaration): Map<string, TextRef> {
  const refs = new Map<string, TextRef>();
  const walk = (p: Paragraph, number: number | null, where: TextRef['where']) => {
    const own = p.kind === 'numbered' && p.number != null && number == null ? p.number : number;
    refs.set(p.id, { number: own, where, title: null });
    for (const child of p.items) walk(child, own, where);
    for (const child of p.blocks) walk(child, own, where);
  };
  for (const p of model.background) walk(p, null, 'background');
  for (const s of model.sections) {
    refs.set(s.id, { number: null, where: 'section', title: s.title });
    for (const p of s.paragraphs) walk(p, null, 'text');
  }
  for (const f of model.footnotes) {
    refs.set(f.id, { number: f.index, where: 'note', title: null });
    for (const p of f.blocks) walk(p, null, 'note');
  }
  return refs;
}

/** Claim a destination id: true the first time, false when it is already placed. */
export function claimAnchor(env: PdfEnv, id: string | undefined | null): string | undefined {
  if (!id || env.anchors.has(id)) return undefined;
  env.anchors.add(id);
  return id;
}

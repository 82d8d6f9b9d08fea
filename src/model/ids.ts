/**
 * Ids every format uses as anchors: the model's own ids (p12, s3, b1, fn2,
 * s1-u4, p5-i2 …) and the fixed ids of the parts briefpack adds. Model ids
 * always start with a lower-case letter followed by a digit, so they never
 * meet the part ids.
 */
import type { Declaration } from './schema.js';
import { walkBlock } from './walk.js';

export const PART_IDS = {
  cover: 'cover',
  contents: 'contents',
  background: 'background',
  text: 'text',
  notes: 'notes',
  annexes: 'annexes',
  commitments: 'annex-commitments',
  glossary: 'annex-glossary',
  instruments: 'annex-instruments',
} as const;

/** Every id a link inside the document may point at. */
export function anchorIds(model: Pick<Declaration, 'background' | 'sections' | 'footnotes'>): Set<string> {
  const ids = new Set<string>(Object.values(PART_IDS));
  const add = (b: Parameters<Parameters<typeof walkBlock>[1]>[0]) => {
    ids.add(b.id);
  };
  for (const b of model.background) walkBlock(b, add);
  for (const s of model.sections) {
    ids.add(s.id);
    for (const b of s.blocks) walkBlock(b, add);
  }
  for (const f of model.footnotes) {
    ids.add(f.id);
    for (const b of f.blocks) walkBlock(b, add);
  }
  return ids;
}

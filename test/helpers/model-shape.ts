import type { Declaration, Block } from '../../src/model/schema.js';
import { words } from './words.js';

type Shape = { kind: string; number: number | null; words: string; children: Shape[] };
const shapeOf = (p: Block): Shape => ({ kind: p.kind, number: p.number, words: words(p.text).join(' '), children: p.children.map(shapeOf) });

/**
 * What an import must give back of a model: metadata, parts, section titles
 * and levels, block kinds and numbers, the words of every block, notes.
 * (Ids, positions and inline markup are left out.)
 */
export function modelShape(model: Declaration) {
  const m = model.meta;
  return {
    meta: {
      title: m.title,
      kind: m.kind,
      meeting: m.meeting,
      date: m.date,
      venue: m.venue,
      chair: m.chair,
      marking: m.marking,
      shortTitle: m.shortTitle,
      language: m.language,
    },
    textTitle: model.textTitle?.text ?? null,
    background: model.background.map(shapeOf),
    sections: model.sections.map((s) => ({ title: s.title, level: s.level, blocks: s.blocks.map(shapeOf) })),
    footnotes: model.footnotes.map((f) => words(f.text).join(' ')),
  };
}
export type ModelShape = ReturnType<typeof modelShape>;

/**
 * A model as the pack shows it: a text heading that only repeats the title
 * (the heading a text without one of its own is given) is the title, so
 * `# T` without front matter and `title: T` read back the same.
 */
export function asShown(model: Declaration): Declaration {
  const title = model.meta.title ?? model.textTitle?.text ?? null;
  if (!model.textTitle || model.textTitle.text !== title) return model;
  return { ...model, meta: { ...model.meta, title }, textTitle: null };
}

/**
 * Labels of the places an annex or the contents refers to, decided once:
 * "¶ 13" for a numbered paragraph (and anything inside it), "Preface, ¶ 2"
 * for the second unnumbered paragraph of a section, "Background note, ¶ 3",
 * a section's title, "Note 2".
 */
import type { Block, Declaration } from '../model/schema.js';
import { walkBlock } from '../model/walk.js';
import type { Labels } from './labels.js';
import type { Ref } from './types.js';

export class RefLabels {
  private readonly labels = new Map<string, string>();

  constructor(model: Pick<Declaration, 'background' | 'sections' | 'footnotes'>, labels: Labels, textHeading: string) {
    const pilcrow = labels.paragraphAbbr;
    const under = (top: Block, label: string) =>
      walkBlock(top, (b) => {
        if (!this.labels.has(b.id)) this.labels.set(b.id, label);
      });
    model.background.forEach((block, index) => under(block, `${labels.background}, ${pilcrow} ${index + 1}`));
    for (const section of model.sections) {
      if (section.title) this.labels.set(section.id, section.title);
      let unnumbered = 0;
      for (const p of section.blocks) {
        if (p.number != null && p.kind === 'numbered') under(p, `${pilcrow} ${p.number}`);
        else under(p, `${section.title ?? textHeading}, ${pilcrow} ${++unnumbered}`);
      }
    }
    for (const fn of model.footnotes) {
      const label = `${labels.note} ${fn.index}`;
      this.labels.set(fn.id, label);
      for (const b of fn.blocks) under(b, label);
    }
  }

  label(id: string): string {
    return this.labels.get(id) ?? id;
  }

  ref(id: string): Ref {
    return { target: id, label: this.label(id) };
  }

  /** References to several places, one per label ("¶ 5" once, however many of its parts are cited). */
  refs(ids: readonly string[]): Ref[] {
    const seen = new Set<string>();
    const out: Ref[] = [];
    for (const id of ids) {
      const ref = this.ref(id);
      if (seen.has(ref.label)) continue;
      seen.add(ref.label);
      out.push(ref);
    }
    return out;
  }
}

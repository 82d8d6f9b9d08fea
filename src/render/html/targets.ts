/**
 * Human labels for link targets ("¶ 13", "Our Shared Vision, ¶ 2",
 * "Background note, ¶ 3", "Notes 1"): the annexes link to paragraphs,
 * sections, background blocks and footnotes by id and show these.
 */
import type { Declaration } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';

export class Targets {
  private readonly labels = new Map<string, string>();

  constructor(model: Declaration, labels: Labels) {
    const pilcrow = labels.paragraphAbbr;
    model.background.forEach((block, index) => this.labels.set(block.id, `${labels.background}, ${pilcrow} ${index + 1}`));
    for (const section of model.sections) {
      if (section.title) this.labels.set(section.id, section.title);
      let unnumbered = 0;
      for (const p of section.paragraphs) {
        if (p.number != null) this.labels.set(p.id, `${pilcrow} ${p.number}`);
        else {
          unnumbered++;
          this.labels.set(p.id, `${section.title ?? labels.text}, ${pilcrow} ${unnumbered}`);
        }
      }
    }
    for (const fn of model.footnotes) this.labels.set(fn.id, `${labels.footnotes} ${fn.index}`);
  }

  /** The label of `id`, or of its nearest labelled ancestor (`p5-i2` -> `¶ 5`). */
  label(id: string): string {
    let key = id;
    for (;;) {
      const hit = this.labels.get(key);
      if (hit) return hit;
      const cut = key.lastIndexOf('-');
      if (cut <= 0) return id;
      key = key.slice(0, cut);
    }
  }

  link(id: string): { href: string; label: string } {
    return { href: `#${id}`, label: this.label(id) };
  }
}

/**
 * Run phase: mark the first use of each glossary acronym with
 * `<abbr title="expansion">`, so readers can expand it where it first appears.
 */
import type { Element, ElementContent } from 'hast';

export interface Mark {
  acronym: string;
  expansion: string;
  pattern: RegExp;
}

/** Never inside these: links and code keep their text untouched; an abbr is already marked. */
const SKIP = new Set(['a', 'abbr', 'code', 'pre', 'dfn', 'kbd', 'samp']);

export function markFor(acronym: string, expansion: string): Mark {
  const escaped = acronym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { acronym, expansion, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u') };
}

/**
 * Wrap the first occurrence of each pending mark found in `children`; marks
 * that were placed are removed from `pending`.
 */
export function placeMarks(children: ElementContent[], pending: Mark[]): void {
  if (!pending.length) return;
  for (let i = 0; i < children.length && pending.length; i++) {
    const child = children[i];
    if (child.type === 'element') {
      if (!SKIP.has(child.tagName)) placeMarks(child.children, pending);
      continue;
    }
    if (child.type !== 'text') continue;
    let best: { mark: Mark; index: number } | null = null;
    for (const mark of pending) {
      const m = mark.pattern.exec(child.value);
      if (m && (!best || m.index < best.index)) best = { mark, index: m.index };
    }
    if (!best) continue;
    const { mark, index } = best;
    const abbr: Element = {
      type: 'element',
      tagName: 'abbr',
      properties: { title: mark.expansion },
      children: [{ type: 'text', value: mark.acronym }],
    };
    const before = child.value.slice(0, index);
    const after = child.value.slice(index + mark.acronym.length);
    const replacement: ElementContent[] = [];
    if (before) replacement.push({ type: 'text', value: before });
    replacement.push(abbr);
    if (after) replacement.push({ type: 'text', value: after });
    children.splice(i, 1, ...replacement);
    pending.splice(pending.indexOf(mark), 1);
    // Continue with the text after the abbr: other acronyms may be in it.
    i += replacement.length - (after ? 2 : 1);
  }
}

/**
 * Run phase (docx): Word bookmark names for the view's anchor ids.
 *
 * Word bookmark names are letters, digits and underscores, at most 40
 * characters, starting with a letter; names starting with "_" are hidden.
 * Every anchor the document holds is known before the first paragraph is
 * made (see plan.ts), so a link made before its target (the contents, an
 * xref forward) and the bookmark agree on the name, and a link to an anchor
 * the document does not hold (a part switched off) is left as plain text.
 */

/** A Word bookmark name for an anchor id: `s2-u1` -> `s2_u1`. */
export function bookmarkName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(name)) name = `b_${name}`;
  return name.slice(0, 40);
}

export class Bookmarks {
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** Give every anchor id its name, in document order (a clash gets a numbered name). */
  constructor(ids: Iterable<string>) {
    for (const id of ids) {
      if (this.names.has(id)) continue;
      const base = bookmarkName(id);
      let name = base;
      for (let n = 2; this.taken.has(name); n++) name = `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
      this.taken.add(name);
      this.names.set(id, name);
    }
  }

  /** The bookmark of an anchor id, or null when the document holds no such anchor. */
  name(id: string): string | null {
    return this.names.get(id) ?? null;
  }
}

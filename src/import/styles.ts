/**
 * Import (docx): paragraph styles from word/styles.xml, with what the
 * importer asks of them through the `w:basedOn` chain: the style's name, its
 * heading level, its list numbering and its left indent.
 */
import type { Element } from './xml.js';
import { attr, kid, kids, path, val } from './xml.js';

interface RawStyle {
  id: string;
  type: string;
  name: string;
  basedOn: string | null;
  pPr: Element | undefined;
}

export interface StyleNumbering {
  numId: string;
  ilvl: number | null;
}

export class Styles {
  private readonly byId = new Map<string, RawStyle>();
  /** The document's default language (`w:docDefaults`), when set. */
  readonly defaultLanguage: string | null;

  constructor(root: Element | null) {
    for (const s of kids(root, 'w:style')) {
      const id = attr(s, 'w:styleId');
      if (!id) continue;
      this.byId.set(id, {
        id,
        type: attr(s, 'w:type') ?? 'paragraph',
        name: val(s, 'w:name') ?? id,
        basedOn: val(s, 'w:basedOn') ?? null,
        pPr: kid(s, 'w:pPr'),
      });
    }
    this.defaultLanguage = attr(path(root ?? undefined, 'w:docDefaults', 'w:rPrDefault', 'w:rPr', 'w:lang'), 'w:val') ?? null;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  name(id: string | null): string | null {
    if (!id) return null;
    return this.byId.get(id)?.name ?? id;
  }

  /** The style and the styles it is based on, nearest first (cycles cut). */
  private chain(id: string | null): RawStyle[] {
    const out: RawStyle[] = [];
    const seen = new Set<string>();
    for (let at = id; at && !seen.has(at);) {
      seen.add(at);
      const s = this.byId.get(at);
      if (!s) break;
      out.push(s);
      at = s.basedOn;
    }
    return out;
  }

  /** Heading level 1-9 from the style's name ("heading 2") or its outline level; null for body text. */
  headingLevel(id: string | null): number | null {
    for (const s of this.chain(id)) {
      const m = /^heading\s*([1-9])$/i.exec(s.name);
      if (m) return Number(m[1]);
      const outline = val(s.pPr, 'w:outlineLvl');
      if (outline !== undefined) {
        const n = Number(outline);
        return n >= 0 && n <= 8 ? n + 1 : null;
      }
    }
    return null;
  }

  /** The numbering a paragraph of this style gets when it has no `w:numPr` of its own. */
  numbering(id: string | null): StyleNumbering | null {
    for (const s of this.chain(id)) {
      const numPr = kid(s.pPr, 'w:numPr');
      if (!numPr) continue;
      const numId = val(numPr, 'w:numId');
      if (numId === undefined) continue;
      const ilvl = val(numPr, 'w:ilvl');
      return { numId, ilvl: ilvl === undefined ? null : Number(ilvl) };
    }
    return null;
  }

  /** Left indent in twips set by the style chain, or null. */
  indent(id: string | null): number | null {
    for (const s of this.chain(id)) {
      const left = leftIndent(kid(s.pPr, 'w:ind'));
      if (left != null) return left;
    }
    return null;
  }

  /** Whether the style chain has a name matching `pattern` (compared without spaces, case-insensitively). */
  isNamed(id: string | null, pattern: RegExp): boolean {
    return this.chain(id).some((s) => pattern.test(s.name.replace(/\s+/g, '').toLowerCase()) || pattern.test(s.id.toLowerCase()));
  }

  /** The numbering style (`w:type="numbering"`) a `w:numStyleLink` names: its numId. */
  numberingStyleNumId(id: string): string | null {
    const s = this.byId.get(id);
    return s ? (val(kid(s.pPr, 'w:numPr'), 'w:numId') ?? null) : null;
  }
}

/** `w:left` (or `w:start`) of a `w:ind`, in twips. */
export function leftIndent(ind: Element | undefined): number | null {
  const v = attr(ind, 'w:left') ?? attr(ind, 'w:start');
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

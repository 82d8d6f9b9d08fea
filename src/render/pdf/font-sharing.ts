/**
 * One parse of each font file per process, shared with pdfkit (run phase
 * helper, speed only: the PDF bytes are the same as with a fresh parse).
 *
 * pdfkit parses every font it embeds again, for every document, with
 * `fontkit.create(buffer)`; fontkit then decodes the tables it needs (cmap,
 * metrics, GSUB and GPOS lookups) lazily, on the first words it lays out, and
 * that decoding is a large part of a first PDF. Here pdfmake's file system
 * holds a small stand-in instead of each font file, and a fontkit format
 * registered for the stand-ins returns a per-document view of the font
 * fonts.ts already parsed (an object whose prototype is that font). Decoded
 * tables are then shared, while each document keeps its own glyph objects
 * (`_glyphs`) and layout engine, so a glyph's code points (and the ToUnicode
 * map pdfkit writes from them) depend on that document alone, as with a
 * fresh parse.
 *
 * The view's layout engine also skips, and never decodes, lookups that
 * cannot apply to a word (see filterLookups): the same glyphs and positions
 * for less work. And the `post` table, of which pdfkit reads two numbers,
 * is read from its header instead of decoded whole (see postHeader).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of a fontkit font briefpack uses. */
export interface FontkitFont {
  postscriptName: string | null;
  unitsPerEm: number;
  numGlyphs: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: unknown, ...rest: unknown[]): { glyphs: Array<{ id: number }> };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
}

interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string | null): FontkitFont;
  registerFormat?(format: unknown): void;
}

let fontkit: Fontkit | null = null;
let sharing = false;

/** fontkit, loaded on first use (a build without PDF never needs it), with our format registered. */
function kit(): Fontkit {
  if (fontkit) return fontkit;
  fontkit = require('fontkit') as Fontkit;
  sharing = typeof fontkit.registerFormat === 'function' && process.env.BRIEFPACK_FONT_SHARING !== '0';
  if (sharing) fontkit.registerFormat!(SharedFormat);
  return fontkit;
}

/** fontkit's parser. */
export const createFont = (buffer: Uint8Array): FontkitFont => kit().create(buffer);

interface Shared {
  font: FontkitFont;
  buffer: Uint8Array;
  /** Where each GSUB and GPOS lookup can apply, read on first use. */
  triggers?: Partial<Record<'GSUB' | 'GPOS', LookupTriggers>>;
  /** The fixed header of the `post` table (null: none); see postHeader. */
  post?: object | null;
}

/** Stand-ins handed to pdfkit in place of font files, and the fonts they stand for. */
const tokens = new WeakMap<Uint8Array, Shared>();

/**
 * A fontkit "format" that recognizes only our stand-ins. fontkit tries the
 * real formats first (TrueType, WOFF, WOFF2, collections, DFont), none of which
 * takes an 8-byte stand-in, and `new format(stream)` returns the document view.
 */
const SharedFormat = Object.assign(
  function SharedFormat(stream: { buffer: Uint8Array }): FontkitFont {
    const shared = tokens.get(stream.buffer);
    if (!shared) throw new Error('briefpack: unknown shared font');
    return documentFont(shared);
  },
  { probe: (buffer: Uint8Array): boolean => tokens.has(buffer) },
);

/**
 * Is sharing on? False if fontkit no longer has registerFormat: pdfkit then
 * gets the files and parses them itself, as before; and with
 * BRIEFPACK_FONT_SHARING=0 (to measure what sharing saves).
 */
export function fontSharing(): boolean {
  kit();
  return sharing;
}

/** What pdfmake's file system holds for a font file: a stand-in for the parsed `font` when sharing is on, else the file. */
export function pdfkitSource(buffer: Uint8Array, font: FontkitFont): Uint8Array {
  if (!fontSharing()) return buffer;
  const token = Uint8Array.from([0x42, 0x50, 0x46, 0x4f, 0x4e, 0x54, 0, 0]); // "BPFONT"
  tokens.set(token, { font, buffer });
  return token;
}

/** A view of a shared font for one pdfkit document. */
export function documentFont(shared: Shared): FontkitFont {
  const base = shared.font;
  // A layout engine is cached on the font that first lays out text and holds that font;
  // the shared font must never get one (fonts.ts only asks it for coverage and metrics).
  if (Object.prototype.hasOwnProperty.call(base, '_layoutEngine')) return withLigatureTextInOrder(createFont(shared.buffer));
  const view = Object.create(base) as FontkitFont & { _glyphs: Record<number, unknown>; _layoutEngine?: { engine?: Record<string, unknown> } };
  withLigatureTextInOrder(view);
  view._glyphs = {};
  if (shared.post === undefined) shared.post = postHeader(shared.buffer, base);
  if (shared.post) Object.defineProperty(view, 'post', { configurable: true, get: () => shared.post });
  const engine = view._layoutEngine?.engine;
  for (const tag of ['GSUB', 'GPOS'] as const) {
    const processor = engine?.[`${tag}Processor`] as OTProcessor | null | undefined;
    if (!processor || typeof processor.applyLookups !== 'function' || typeof processor.lookupsForFeatures !== 'function') continue;
    shared.triggers ??= {};
    const triggers = (shared.triggers[tag] ??= new LookupTriggers(shared.buffer, base, tag));
    if (triggers.readable) filterLookups(processor, triggers, tag === 'GPOS');
  }
  return view;
}

interface LaidOutGlyph {
  id: number;
  codePoints: number[];
}

/** Glyphs whose code points are given in reverse, by glyph. */
const reversed = new WeakMap<LaidOutGlyph, LaidOutGlyph>();

/**
 * A ligature of a right-to-left run (Arabic lam-alef, and the many ligatures
 * of IBM Plex Sans Arabic) is one glyph for several characters, and pdfkit
 * writes its text (ToUnicode) in the order of its code points. Text
 * extraction reads a right-to-left line from right to left by characters
 * (poppler, pdf.js), which turns "لا" into "ال". The text of such a glyph is
 * therefore given in reverse, so that it reads in logical order once
 * extracted. Only glyphs that fontkit laid out right to left are changed.
 */
function withLigatureTextInOrder<T extends FontkitFont>(font: T): T {
  const layout = font.layout;
  font.layout = function (this: FontkitFont, ...args: Parameters<FontkitFont['layout']>) {
    const run = layout.apply(this, args) as { glyphs: LaidOutGlyph[]; direction?: string };
    if (run.direction !== 'rtl') return run;
    for (let i = 0; i < run.glyphs.length; i++) {
      const glyph = run.glyphs[i];
      if (glyph.codePoints.length < 2) continue;
      let flipped = reversed.get(glyph);
      if (!flipped) {
        flipped = Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } }) as LaidOutGlyph;
        reversed.set(glyph, flipped);
      }
      run.glyphs[i] = flipped;
    }
    return run;
  };
  return font;
}

/**
 * The `post` table as pdfkit reads it (isFixedPitch, and italicAngle through
 * fontkit), from its fixed 32-byte header, with the same values fontkit
 * decodes. fontkit decodes the whole table, glyph names included, on first
 * use: about 30 ms for each Noto Serif style. Any other field (glyph names)
 * still comes from the full table, decoded when first asked for.
 */
function postHeader(buffer: Uint8Array, font: FontkitFont): object | null {
  const table = font.directory.tables.post;
  if (!table || table.length < 32 || table.offset + 32 > buffer.byteLength) return null;
  const data = new DataView(buffer.buffer, buffer.byteOffset + table.offset, 32);
  const rest = new Proxy({}, { get: (_target, key) => (font as unknown as { post: Record<string | symbol, unknown> }).post[key] });
  return Object.assign(Object.create(rest) as object, {
    version: data.getInt32(0) / 65536,
    italicAngle: data.getInt32(4) / 65536,
    underlinePosition: data.getInt16(8),
    underlineThickness: data.getInt16(10),
    isFixedPitch: data.getUint32(12),
    minMemType42: data.getUint32(16),
    maxMemType42: data.getUint32(20),
    minMemType1: data.getUint32(24),
    maxMemType1: data.getUint32(28),
  });
}

/** The part of fontkit's OpenType processor (GSUB or GPOS) the filter replaces. */
interface OTProcessor {
  table: { lookupList: { get(index: number): unknown } };
  features: Record<string, { lookupListIndexes: number[] } | undefined>;
  scriptTag: string | null;
  languageTag: string | null;
  glyphs: unknown;
  positions: unknown;
  lookupsForFeatures(features?: string[], exclude?: number[]): LookupEntry[];
  applyLookups(lookups: LookupEntry[], glyphs: Array<{ id: number }>, positions?: unknown): void;
}

interface LookupEntry {
  feature: string;
  index: number;
  readonly lookup: unknown;
}

/**
 * Two changes to one document's GSUB or GPOS processor, neither of which
 * changes a glyph or a position:
 * - a lookup whose subtables all start from glyphs the run does not hold is
 *   not run (fontkit would visit every glyph and try every subtable; Noto Sans
 *   KR's ccmp has 268 contextual subtables, tried on every Latin glyph);
 * - lookups are decoded when first run rather than when listed, so lookups
 *   that never apply (Noto Serif's large mark-positioning lookups, for text
 *   without combining marks) are never decoded, and the list of lookups for
 *   a stage of features is made once per script and language.
 * The check is made before each lookup, on the glyphs as earlier lookups left them.
 */
function filterLookups(processor: OTProcessor, triggers: LookupTriggers, positioning: boolean): void {
  const apply = processor.applyLookups;
  const list = processor.lookupsForFeatures;
  const lists = new Map<string, FilteredEntry[]>();
  processor.lookupsForFeatures = function (this: OTProcessor, features: string[] = [], exclude?: number[]): LookupEntry[] {
    if (exclude || !Array.isArray(features)) return list.call(this, features, exclude);
    const key = `${this.scriptTag}\u0000${this.languageTag}\u0000${features.join(',')}`;
    let lookups = lists.get(key);
    if (lookups) return lookups;
    // As fontkit's lookupsForFeatures, with each lookup decoded on first use.
    lookups = [];
    const lookupList = this.table.lookupList;
    for (const tag of features) {
      const feature = this.features[tag];
      if (!feature) continue;
      for (const index of feature.lookupListIndexes) {
        const entry: FilteredEntry = {
          feature: tag,
          index,
          get lookup() {
            return lookupList.get(index);
          },
          starts: triggers.get(index),
          alone: [],
        };
        entry.alone.push(entry);
        lookups.push(entry);
      }
    }
    lookups.sort((a, b) => a.index - b.index);
    lists.set(key, lookups);
    return lookups;
  };
  processor.applyLookups = function (this: OTProcessor, lookups: LookupEntry[], glyphs: Array<{ id: number }>, positions?: unknown): void {
    this.glyphs = glyphs;
    this.positions = positions;
    if (positioning) {
      // Positioning never changes glyphs: choose every lookup first, then run them in one pass.
      const chosen = (lookups as FilteredEntry[]).filter((entry) => applies(entry, glyphs));
      if (chosen.length) apply.call(this, chosen, glyphs, positions);
      return;
    }
    // Substitution may change glyphs: decide on each lookup just before it would run.
    for (const entry of lookups as FilteredEntry[]) {
      if (applies(entry, glyphs)) apply.call(this, entry.alone, glyphs, positions);
    }
  };
}

interface FilteredEntry extends LookupEntry {
  /** Glyphs at which the lookup can apply (null: anywhere). */
  starts: Uint8Array | null;
  /** A list holding only this entry. */
  alone: LookupEntry[];
}

function applies(entry: FilteredEntry, glyphs: Array<{ id: number }>): boolean {
  const starts = entry.starts;
  if (!starts) return true;
  for (let i = 0; i < glyphs.length; i++) if (starts[glyphs[i].id] === 1) return true;
  return false;
}

/**
 * For each lookup of a GSUB or GPOS table, the glyphs at which one of its
 * subtables can match (1 = can), read from the raw table: the coverage that
 * fontkit checks first on the current glyph (the input coverage of
 * contextual formats, the mark coverage of mark attachment). Null for a
 * lookup that cannot be read or has a form without such a coverage (reverse
 * chaining, an empty input): that lookup always runs.
 */
export class LookupTriggers {
  private readonly data: DataView | null;
  private readonly byLookup = new Map<number, Uint8Array | null>();
  private readonly glyphCount: number;

  constructor(
    buffer: Uint8Array,
    font: FontkitFont,
    private readonly tag: 'GSUB' | 'GPOS',
  ) {
    const table = font.directory.tables[tag];
    this.glyphCount = Math.max(1, font.numGlyphs);
    let data: DataView | null = null;
    if (table && table.offset + table.length <= buffer.byteLength) {
      data = new DataView(buffer.buffer, buffer.byteOffset + table.offset, table.length);
      if (table.length < 10 || data.getUint16(0) !== 1) data = null;
    }
    this.data = data;
  }

  get readable(): boolean {
    return this.data !== null;
  }

  get(index: number): Uint8Array | null {
    let hit = this.byLookup.get(index);
    if (hit === undefined) {
      try {
        hit = this.read(index);
      } catch {
        hit = null; // a table that ends early
      }
      this.byLookup.set(index, hit);
    }
    return hit;
  }

  private read(index: number): Uint8Array | null {
    const data = this.data!;
    const u16 = (at: number) => data.getUint16(at);
    const lookups = u16(8);
    if (index >= u16(lookups)) return null;
    const lookup = lookups + u16(lookups + 2 + index * 2);
    const type = u16(lookup);
    const extension = this.tag === 'GSUB' ? 7 : 9;
    const out = new Uint8Array(this.glyphCount);
    for (let k = 0, n = u16(lookup + 4); k < n; k++) {
      let subtable = lookup + u16(lookup + 6 + k * 2);
      let subtype = type;
      if (type === extension) {
        if (u16(subtable) !== 1) return null;
        subtype = u16(subtable + 2);
        subtable += data.getUint32(subtable + 4);
      }
      const coverage = this.firstCoverage(subtype, subtable);
      if (coverage === null || !this.addCoverage(subtable + coverage, out)) return null;
    }
    return out;
  }

  /** Offset (from the subtable) of the coverage fontkit tests first on the current glyph. */
  private firstCoverage(type: number, subtable: number): number | null {
    const data = this.data!;
    const format = data.getUint16(subtable);
    const context = this.tag === 'GSUB' ? type === 5 : type === 7;
    const chained = this.tag === 'GSUB' ? type === 6 : type === 8;
    if (context || chained) {
      if (format === 1 || format === 2) return data.getUint16(subtable + 2);
      if (format !== 3) return null;
      if (context) return data.getUint16(subtable + 2) > 0 ? data.getUint16(subtable + 6) : null;
      const backtrack = data.getUint16(subtable + 2);
      const input = subtable + 4 + backtrack * 2;
      return data.getUint16(input) > 0 ? data.getUint16(input + 2) : null;
    }
    // GSUB single (formats 1, 2), multiple, alternate, ligature; GPOS single and pair (1, 2),
    // cursive, mark-to-base, mark-to-ligature, mark-to-mark: the coverage comes first.
    const simple = this.tag === 'GSUB' ? [1, 2, 3, 4] : [1, 2, 3, 4, 5, 6];
    if (!simple.includes(type)) return null;
    const twoFormats = this.tag === 'GSUB' ? type === 1 : type === 1 || type === 2;
    if (format === 1 || (format === 2 && twoFormats)) return data.getUint16(subtable + 2);
    return null;
  }

  private addCoverage(at: number, out: Uint8Array): boolean {
    const data = this.data!;
    const format = data.getUint16(at);
    const count = data.getUint16(at + 2);
    if (format === 1) {
      for (let i = 0; i < count; i++) {
        const glyph = data.getUint16(at + 4 + i * 2);
        if (glyph >= out.length) return false;
        out[glyph] = 1;
      }
      return true;
    }
    if (format === 2) {
      for (let i = 0; i < count; i++) {
        const start = data.getUint16(at + 4 + i * 6);
        const end = data.getUint16(at + 6 + i * 6);
        if (end >= out.length || start > end) return false;
        out.fill(1, start, end + 1);
      }
      return true;
    }
    return false;
  }
}

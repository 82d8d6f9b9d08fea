/**
 * Run phase (docx): make the package byte-identical from run to run.
 *
 * docx 9 writes random relationship ids for hyperlinks (`rIdxip0v…`),
 * numbers bookmarks and drawings from counters shared by every document the
 * process builds, stamps core.xml with the clock, and zips with the current
 * time.
 * The package's parts are taken from docx before it zips them
 * (`packageParts`), those are replaced with values that depend only on the
 * content, and the parts are zipped once, with a fixed date.
 */
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';

type Part = string | Uint8Array;

interface DocxCompiler {
  compile(file: Document, prettify: undefined, overrides: never[]): Map<string, Part | ArrayBuffer>;
}

/**
 * The parts of the package docx makes for `document`, by path, in the order
 * docx zips them: what `Packer.toBuffer` zips, without zipping them. XML
 * parts are strings. `Packer.compiler` is docx's own (private in its types);
 * the seed's full pack then deflates its DOCX once, not twice, with one
 * copy of fflate's code to warm up instead of two (the deflate in docx's
 * bundle took about 30 ms of a cold run). test/unit/docx-repack.test.ts
 * fails if docx stops having it, or its parts zip differently.
 */
export function packageParts(document: Document): Map<string, Part> {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  if (!compiler || typeof compiler.compile !== 'function') throw new Error('docx has no Packer.compiler: see src/render/docx/repack.ts');
  const parts = new Map<string, Part>();
  for (const [path, data] of compiler.compile(document, undefined, []))
    parts.set(path, typeof data === 'string' || data instanceof Uint8Array ? data : new Uint8Array(data));
  return parts;
}

export interface RepackOptions {
  /** Parts to replace whole (e.g. docProps/core.xml). */
  replace: Record<string, string>;
  /** Parts to rewrite (e.g. word/styles.xml). */
  patch?: Record<string, (xml: string) => string>;
  /** Seconds since the Unix epoch: the date of every zip entry. */
  epoch: number;
}

/** Story parts, in the order their bookmarks are renumbered. */
const STORY = /^word\/(document|footnotes|endnotes|header\d*|footer\d*|comments)\.xml$/;

/** `docx`: the package's parts (`packageParts`). */
export function repack(docx: Map<string, Part>, options: RepackOptions): Uint8Array {
  const parts: Record<string, Uint8Array> = {};
  const text = new Map<string, string>();
  const given = [...docx];
  // Let go of the caller's map: only the text is used from here on (a large document.xml is tens of megabytes).
  docx.clear();
  const names = given.map(([name]) => name);
  for (let i = 0; i < given.length; i++) {
    const [name, data] = given[i];
    // A lone surrogate in a string part becomes U+FFFD when it is zipped (TextEncoder), as it did in docx's zip.
    if (/\.(xml|rels)$/.test(name)) text.set(name, typeof data === 'string' ? data : strFromU8(data));
    else parts[name] = typeof data === 'string' ? strToU8(data) : data;
    given[i] = [name, ''];
  }

  for (const [name, value] of Object.entries(options.replace)) text.set(name, value);
  for (const [name, patch] of Object.entries(options.patch ?? {})) {
    const xml = text.get(name);
    if (xml !== undefined) text.set(name, patch(xml));
  }
  stableRelationshipIds(text);
  stableBookmarkIds(text);
  stableDrawingIds(text);

  for (const name of Object.keys(options.replace)) if (!names.includes(name)) names.push(name);
  // [Content_Types].xml and the package relationships first, as Office writes them.
  const order = (n: string) => (n === '[Content_Types].xml' ? 0 : n === '_rels/.rels' ? 1 : 2);
  names.sort((a, b) => order(a) - order(b));

  const mtime = zipDate(options.epoch);
  const files: Zippable = {};
  for (const name of names) {
    const value = text.get(name);
    // Each part's text is let go once it is bytes.
    text.delete(name);
    files[name] = [value !== undefined ? strToU8(value) : parts[name], { mtime }];
  }
  return zipSync(files, { level: 6, mtime });
}

/**
 * Relationship ids that are not `rId<n>` are renamed `rId<n>` after the
 * highest one of their part, in the order the relationships are written,
 * and in the part that uses them.
 */
function stableRelationshipIds(text: Map<string, string>): void {
  for (const [relsName, rels] of [...text]) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsName);
    if (!m) continue;
    const owner = `${m[1]}${m[2]}`;
    const ids = [...rels.matchAll(/\bId="([^"]*)"/g)].map((x) => x[1]);
    let next = Math.max(0, ...ids.map((id) => (/^rId\d+$/.test(id) ? Number(id.slice(3)) : 0)));
    const renamed = new Map<string, string>();
    for (const id of ids) if (!/^rId\d+$/.test(id) && !renamed.has(id)) renamed.set(id, `rId${++next}`);
    if (!renamed.size) continue;
    const rename = (xml: string) =>
      xml.replace(/<[^!?][^>]*>/g, (tag) => tag.replace(/="([^"]*)"/g, (attr, v: string) => (renamed.has(v) ? `="${renamed.get(v)}"` : attr)));
    text.set(relsName, rename(rels));
    const part = text.get(owner);
    if (part !== undefined) text.set(owner, rename(part));
  }
}

/** Bookmark ids numbered 1, 2, 3… in the order the bookmarks start, across the story parts. */
function stableBookmarkIds(text: Map<string, string>): void {
  const renamed = new Map<string, number>();
  const stories = [...text.keys()].filter((n) => STORY.test(n)).sort(storyOrder);
  for (const name of stories) {
    const xml = text.get(name)!;
    const out = xml.replace(/<w:bookmark(Start|End)\b[^>]*>/g, (tag) =>
      tag.replace(/\bw:id="(-?\d+)"/, (_, id: string) => {
        if (!renamed.has(id)) renamed.set(id, renamed.size + 1);
        return `w:id="${renamed.get(id)}"`;
      }),
    );
    text.set(name, out);
  }
}

/** Drawing ids (`wp:docPr`, unique in the file) numbered 1, 2, 3… in story order. */
function stableDrawingIds(text: Map<string, string>): void {
  let next = 0;
  for (const name of [...text.keys()].filter((n) => STORY.test(n)).sort(storyOrder)) {
    const xml = text.get(name)!;
    if (xml.includes('<wp:docPr'))
      text.set(
        name,
        xml.replace(/<wp:docPr\b[^>]*>/g, (tag) => tag.replace(/\bid="\d+"/, () => `id="${++next}"`)),
      );
  }
}

function storyOrder(a: string, b: string): number {
  const rank = (n: string) => (n.includes('document') ? 0 : n.includes('header') ? 1 : n.includes('footer') ? 2 : n.includes('footnotes') ? 3 : 4);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The date of the zip entries. Zip stores local date and time fields, and
 * fflate fills them from a Date's local-time getters; a Date built from local
 * components gives those components back in every time zone. Noon of the
 * epoch's UTC day: no daylight-saving gap falls at noon. DOS dates start in 1980.
 */
export function zipDate(epoch: number): Date {
  const d = new Date(Math.floor(epoch) * 1000);
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2099);
  return new Date(year, d.getUTCMonth(), d.getUTCDate(), 12, 0, 0);
}

/**
 * document.xml with each footnote mark written as the view's number (a
 * custom mark: `w:customMarkFollows` and the number as text), for a file
 * whose footnotes Word would number otherwise. The Word footnote id is the
 * view's number.
 */
export function customFootnoteMarks(xml: string): string {
  return xml.replace(/<w:footnoteReference w:id="(\d+)"\/>/g, '<w:footnoteReference w:customMarkFollows="1" w:id="$1"/><w:t>$1</w:t>');
}

/** footnotes.xml with the mark at the start of each note written as its number, to match `customFootnoteMarks`. */
export function customFootnoteNumbers(xml: string): string {
  return xml.replace(/<w:footnote\b[^>]*\bw:id="(\d+)"[^>]*>[\s\S]*?<\/w:footnote>/g, (note, id: string) =>
    note.replace('<w:footnoteRef/>', `<w:t>${id}</w:t>`),
  );
}

/**
 * Helpers for the PDF tests: a generated long declaration, a generated PNG,
 * the view's embedded images, and thin wrappers around the Debian PDF
 * clients (poppler, qpdf, PDFBox).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';
import type { BriefingView, ViewBlock, ViewImage, ViewInline } from '../../src/view/types.js';
import { viewFor } from './compile.js';

/** 2025-08-04T00:00:00Z, the seed's date (the epoch of `viewOf`). */
export const EPOCH = 1754265600;

const WORDS = (
  'cooperation digital economies connectivity infrastructure resilience trust innovation inclusive sustainable growth ' +
  'security governance capacity partnership regional transition investment research standards interoperability'
).split(' ');
const VERBS = ['urge', 'encourage', 'recognize', 'support', 'commit to', 'welcome', 'note', 'reaffirm'];

/** Markdown of a long declaration: `sections` sections of `perSection` numbered paragraphs (about 110 words each). */
export function generatedSource(sections: number, perSection: number): string {
  const lines = [
    '---',
    'title: "Generated Declaration on Long Documents"',
    'kind: "Joint Statement"',
    'meeting: "Benchmark Ministerial Meeting"',
    'date: 2025-01-01',
    'language: en',
    '---',
    '',
  ];
  let n = 0;
  for (let s = 1; s <= sections; s++) {
    lines.push(`## Section ${s} on ${WORDS[s % WORDS.length]} and ${WORDS[(s * 3) % WORDS.length]}`, '');
    for (let p = 0; p < perSection; p++) {
      n++;
      const sentences: string[] = [];
      for (let k = 0; k < 5; k++) {
        const words = Array.from({ length: 18 }, (_, i) => WORDS[(n * 13 + k * 7 + i * 5) % WORDS.length]);
        sentences.push(`We ${VERBS[(n + k) % VERBS.length]} ${words.join(' ')} of the Generated Economic Forum (GEF).`);
      }
      lines.push(`${n}. ${sentences.join(' ')}`, '');
    }
  }
  return lines.join('\n');
}

export function generatedModel(sections: number, perSection: number): Declaration {
  const result = compileSource('generated.md', Buffer.from(generatedSource(sections, perSection)));
  if (!result.model) throw new Error(`generated source did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

export function generatedView(sections: number, perSection: number): BriefingView {
  return viewFor(generatedModel(sections, perSection));
}

// --- images ----------------------------------------------------------------

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * A PNG of `width` x `height` pixels: a horizontal gradient of `rgb`, and
 * with `alpha` an alpha channel that fades from opaque to transparent.
 */
export function makePng(width: number, height: number, options: { rgb?: [number, number, number]; alpha?: boolean } = {}): Uint8Array {
  const [r, g, b] = options.rgb ?? [31, 56, 100];
  const channels = options.alpha ? 4 : 3;
  const rows = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * channels + 1);
    for (let x = 0; x < width; x++) {
      const t = width > 1 ? x / (width - 1) : 0;
      const o = row + 1 + x * channels;
      rows[o] = Math.round(r + (255 - r) * t * 0.5);
      rows[o + 1] = g;
      rows[o + 2] = b;
      if (options.alpha) rows[o + 3] = Math.round(255 * (1 - t));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = options.alpha ? 6 : 2;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** A view image of a generated PNG (what the project's logo becomes). */
export function pngImage(width: number, height: number, options: { rgb?: [number, number, number]; alpha?: boolean } = {}): ViewImage {
  return { mediaType: 'image/png', bytes: makePng(width, height, options), width, height };
}

/** Inline nodes of every block of a view, in order (tables, items and children included). */
function viewInlines(view: BriefingView): ViewInline[] {
  const out: ViewInline[] = [];
  const inline = (nodes: readonly ViewInline[]) => {
    for (const n of nodes) {
      out.push(n);
      if ('children' in n) inline(n.children);
    }
  };
  const block = (b: ViewBlock): void => {
    if ('content' in b) inline(b.content);
    if ('children' in b) b.children.forEach(block);
    if (b.kind === 'list') {
      for (const item of b.items) {
        inline(item.content);
        item.children.forEach(block);
      }
    }
    if (b.kind === 'table') for (const row of [b.head, ...b.rows]) row.forEach(inline);
  };
  for (const part of view.parts) {
    if (part.kind === 'background') part.blocks.forEach(block);
    if (part.kind === 'text') {
      inline(part.heading);
      for (const s of part.sections) {
        inline(s.title ?? []);
        s.blocks.forEach(block);
      }
    }
    if (part.kind === 'notes') for (const n of part.notes) n.blocks.forEach(block);
  }
  return out;
}

/** The alt texts of the images a view embeds (shown as pictures, not words). */
export function embeddedAlts(view: BriefingView): string[] {
  return viewInlines(view).flatMap((n) => (n.type === 'image' && n.image ? [n.alt] : []));
}

/** Page count from the page objects of an uncompressed-object-stream PDF (pdfkit writes no object streams). */
export function pageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
}

// --- Debian clients --------------------------------------------------------

export function run(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Class path for PDFBox Preflight from Debian's libpdfbox2-java. Its jar
 * needs javax.activation and JAXB at run time, which Java 17 no longer ships
 * (Debian: libactivation-java, libjaxb-api-java).
 */
export const PREFLIGHT_CLASSPATH = [
  '/usr/share/java/preflight.jar',
  '/usr/share/java/pdfbox2.jar',
  '/usr/share/java/fontbox2.jar',
  '/usr/share/java/xmpbox.jar',
  '/usr/share/java/commons-logging.jar',
  '/usr/share/java/javax.activation.jar',
  '/usr/share/java/jaxb-api.jar',
];

export function missingPreflightJars(): string[] {
  return PREFLIGHT_CLASSPATH.filter((jar) => !existsSync(jar));
}

/** Run PDFBox Preflight (PDF/A-1b) on a file; `valid` is true when it reports a valid PDF/A-1b file. */
export function preflight(file: string): { valid: boolean; output: string } {
  const r = run('java', ['-cp', PREFLIGHT_CLASSPATH.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file]);
  const output = `${r.stdout}${r.stderr}`;
  return { valid: r.status === 0 && /is a valid PDF\/A-1b file/.test(output), output };
}

export function pdftotext(file: string, ...args: string[]): string {
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** pdffonts rows: name, embedded, subset. */
export function pdffonts(file: string): Array<{ name: string; emb: boolean; sub: boolean }> {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni objectId generation
    const n = cols.length;
    return { name: cols[0], emb: cols[n - 5] === 'yes', sub: cols[n - 4] === 'yes' };
  });
}

/** pdfinfo as key -> value. */
export function pdfinfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

// --- tagged PDF: the structure tree read with qpdf --json (moved from test/conformance/pdf-tagging.test.ts) ---

// --- qpdf --json --------------------------------------------------------------

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
interface QpdfObject {
  value?: Value;
  stream?: { dict: Record<string, Value>; data?: string };
}
interface QpdfJson {
  pages: Array<{ object: string; contents: string[] }>;
  qpdf: [unknown, Record<string, QpdfObject>];
}

export class Pdf {
  readonly objects: Record<string, QpdfObject>;
  readonly pages: Array<{ object: string; contents: string[] }>;
  constructor(file: string) {
    const json = JSON.parse(
      execFileSync('qpdf', ['--json', '--json-stream-data=inline', '--decode-level=generalized', file], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }),
    ) as QpdfJson;
    this.objects = json.qpdf[1];
    this.pages = json.pages;
  }
  /** The value of an object or reference ("12 0 R"); a direct value as it is. */
  get(v: Value | undefined): Value | undefined {
    if (typeof v === 'string' && /^\d+ \d+ R$/.test(v)) {
      const o = this.objects[`obj:${v}`];
      return o?.value ?? (o?.stream?.dict as Value | undefined);
    }
    return v;
  }
  dict(v: Value | undefined): Record<string, Value> {
    const d = this.get(v);
    if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Error(`not a dictionary: ${JSON.stringify(v)}`);
    return d;
  }
  get catalog(): Record<string, Value> {
    return this.dict((this.objects.trailer.value as Record<string, Value>)['/Root']);
  }
  /** Decoded content of a page (its content streams joined). */
  content(page: { contents: string[] }): string {
    return page.contents.map((c) => Buffer.from(this.objects[`obj:${c}`].stream!.data ?? '', 'base64').toString('latin1')).join('\n');
  }
  /** All key → value pairs of a number tree. */
  numberTree(v: Value | undefined): Map<number, Value> {
    const out = new Map<number, Value>();
    const walk = (node: Record<string, Value>) => {
      const nums = (node['/Nums'] ?? []) as Value[];
      for (let i = 0; i < nums.length; i += 2) out.set(nums[i] as number, nums[i + 1]);
      for (const kid of (node['/Kids'] ?? []) as Value[]) walk(this.dict(kid));
    };
    walk(this.dict(v));
    return out;
  }
}

const text = (v: Value | undefined) => (typeof v === 'string' ? v.replace(/^[ub]:/, '') : '');

export interface Elem {
  ref: string;
  type: string;
  /** (page object, MCID) of its marked content */
  mcids: Array<{ page: string; mcid: number }>;
  /** annotation references of its OBJR kids */
  objrs: string[];
  kids: Elem[];
  dict: Record<string, Value>;
}

/** The structure tree from the catalog: elements in document order. */
export function structureTree(pdf: Pdf): { roots: Elem[]; all: Elem[]; root: Record<string, Value> } {
  const root = pdf.dict(pdf.catalog['/StructTreeRoot']);
  const all: Elem[] = [];
  const walk = (ref: string, inheritedPage: string | undefined): Elem => {
    const dict = pdf.dict(ref);
    const page = (dict['/Pg'] as string | undefined) ?? inheritedPage;
    const elem: Elem = { ref, type: String(dict['/S']).slice(1), mcids: [], objrs: [], kids: [], dict };
    all.push(elem);
    const k = dict['/K'];
    for (const kid of Array.isArray(k) ? k : k === undefined ? [] : [k]) {
      if (typeof kid === 'number') elem.mcids.push({ page: page!, mcid: kid });
      else if (typeof kid === 'string') elem.kids.push(walk(kid, page));
      else if (kid && typeof kid === 'object' && !Array.isArray(kid)) {
        if (kid['/Type'] === '/OBJR') elem.objrs.push(kid['/Obj'] as string);
        else elem.mcids.push({ page: (kid['/Pg'] as string | undefined) ?? page!, mcid: kid['/MCID'] as number });
      }
    }
    return elem;
  };
  const k = root['/K'];
  const roots = (Array.isArray(k) ? k : [k]).map((r) => walk(r as string, undefined));
  return { roots, all, root };
}

/**
 * The marked content of a content stream: each BDC/BMC with its tag and MCID,
 * and the painting operators drawn outside any marked content.
 */
export function markedContent(stream: string): { sequences: Array<{ tag: string; mcid: number | null }>; unmarked: string[] } {
  // strings and inline dictionaries out of the way, then the operators in order
  const tokens =
    stream
      .replace(/\((?:\\.|[^\\)])*\)/g, ' ')
      .replace(/<[0-9A-Fa-f\s]*>/g, ' ')
      .match(/\/[^\s/<>[\]()]+|<<|>>|[A-Za-z'"*]+|-?[\d.]+|\[|\]/g) ?? [];
  const sequences: Array<{ tag: string; mcid: number | null }> = [];
  const unmarked: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'BDC' || t === 'BMC') {
      // /Tag << … >> BDC or /Tag BMC: find the tag and MCID before it
      let j = i - 1;
      let mcid: number | null = null;
      if (t === 'BDC' && tokens[j] === '>>') {
        while (tokens[j] !== '<<') {
          if (tokens[j] === '/MCID') mcid = Number(tokens[j + 1]);
          j--;
        }
        j--;
      }
      sequences.push({ tag: tokens[j].slice(1), mcid });
      depth++;
    } else if (t === 'EMC') depth--;
    else if (depth === 0 && /^(S|s|f|F|f\*|B|B\*|b|b\*|sh|Do|Tj|TJ|'|")$/.test(t)) unmarked.push(t);
  }
  return { sequences, unmarked };
}

// --- the checks -------------------------------------------------------------

export function checkWithQpdf(file: string): { elements: number; mcids: number; annotations: number } {
  const pdf = new Pdf(file);
  const catalog = pdf.catalog;
  expect(text(catalog['/Lang'])).toMatch(/^[a-z]{2}/);
  expect(pdf.dict(catalog['/MarkInfo'])['/Marked']).toBe(true);
  expect(pdf.dict(catalog['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
  const { roots, all, root } = structureTree(pdf);
  expect(roots.map((e) => e.type)).toEqual(['Document']);
  const byRef = new Map(all.map((e) => [e.ref, e]));
  const parentTree = pdf.numberTree(root['/ParentTree']);
  const nextKey = root['/ParentTreeNextKey'] as number;
  expect(Math.max(...parentTree.keys())).toBeLessThan(nextKey);

  let mcids = 0;
  let annotations = 0;
  for (const page of pdf.pages) {
    const pageDict = pdf.dict(page.object);
    const { sequences, unmarked } = markedContent(pdf.content(page));
    expect(unmarked, `drawn outside marked content on ${page.object}`).toEqual([]);
    // every sequence is an Artifact or has an MCID (structure content)
    expect(
      sequences.filter((s) => s.tag !== 'Artifact' && s.mcid === null),
      `marked content that is neither structure nor artifact on ${page.object}`,
    ).toEqual([]);
    expect(sequences.filter((s) => s.tag === 'Artifact' && s.mcid !== null)).toEqual([]);
    const onPage = sequences.filter((s) => s.mcid !== null);
    if (onPage.length) {
      const parents = parentTree.get(pageDict['/StructParents'] as number) as Value[];
      expect(Array.isArray(parents), `ParentTree entry of ${page.object}`).toBe(true);
      // complete: one entry per MCID of the page, no hole, no extra
      expect(onPage.map((s) => s.mcid).sort((a, b) => a! - b!)).toEqual(parents.map((_, i) => i));
      for (const s of onPage) {
        const elem = byRef.get(parents[s.mcid!] as string);
        expect(elem, `MCID ${s.mcid} of ${page.object}`).toBeDefined();
        expect(elem!.type).toBe(s.tag);
        expect(
          elem!.mcids.some((m) => m.page === page.object && m.mcid === s.mcid),
          `${elem!.type} holds MCID ${s.mcid} of ${page.object}`,
        ).toBe(true);
        mcids++;
      }
    }
    // annotations: each link is in a Link element (OBJR), with its StructParent and a description
    const annots = (pdf.get(pageDict['/Annots']) ?? []) as Value[];
    if (annots.length) expect(pageDict['/Tabs']).toBe('/S');
    for (const a of annots) {
      const annot = pdf.dict(a);
      if (annot['/Subtype'] !== '/Link') continue;
      expect(text(annot['/Contents']).length, `/Contents of ${String(a)}`).toBeGreaterThan(0);
      const elem = byRef.get(parentTree.get(annot['/StructParent'] as number) as string);
      expect(elem?.type, `element of annotation ${String(a)}`).toBe('Link');
      expect(elem!.objrs).toContain(a);
      annotations++;
    }
  }
  // every MCID an element names is drawn on its page
  expect(all.reduce((n, e) => n + e.mcids.length, 0)).toBe(mcids);
  return { elements: all.length, mcids, annotations };
}

/** The words of `words` (letters only) found in `text` in this order, each after the previous one; the missing ones. */
export function missingInOrder(words: string[], haystack: string): string[] {
  let at = 0;
  const missing: string[] = [];
  for (const w of words.map((w) => w.replace(/[^\p{L}\d]/gu, '')).filter((w) => /\p{L}/u.test(w))) {
    const i = haystack.indexOf(w, at);
    if (i < 0) missing.push(w);
    else at = i + w.length;
  }
  return missing;
}

// --- tagged PDF: what pdfinfo reads from the structure ---------------------------

/**
 * The text of a file's structure tree in reading order, as `pdfinfo
 * -struct-text` gives it: the strings of one element's marked content are
 * joined as they are (pdfmake draws the spaces between words; a word broken
 * at a line's soft hyphen is two strings), inline elements (Link, Span…)
 * join their neighbours, and a new block element starts a new word.
 */
export function structText(file: string): string {
  const out = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let text = '';
  for (const line of out.split('\n')) {
    const quoted = /^\s*"(.*)"$/.exec(line);
    if (quoted) text += quoted[1];
    else {
      // An element: TYPE[:] [<ID>] [(block|inline)]; a note (inline for poppler) is a block of its own.
      const element = /^\s*([A-Za-z][A-Za-z0-9]*):?(?: <[^>]*>)?(?: \((block|inline)\))?\s*$/.exec(line);
      if (element && (element[2] !== 'inline' || element[1] === 'Note')) text += ' ';
    }
  }
  return text;
}

/** The structure types `pdfinfo -struct` shows, and how often. */
export function structTypes(file: string): Map<string, number> {
  const out = execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const types = new Map<string, number>();
  for (const m of out.matchAll(/^\s*([A-Z][A-Za-z0-9]*)\b(?! \d+ \d+$)/gm)) if (m[1] !== 'Object') types.set(m[1], (types.get(m[1]) ?? 0) + 1);
  return types;
}

/**
 * The words of `expected` (words() of the test helpers: letters and digits,
 * case-folded) that are not found in `actual` in the same order, each after
 * the one before it.
 */
export function missingWordsInOrder(expected: string[], actual: string[], window = 400): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const word of expected) {
    // Within a window: a word found far ahead (a common word) must not skip the text between.
    const i = actual.indexOf(word, at);
    if (i < 0 || i - at > window) missing.push(word);
    else at = i + 1;
  }
  return missing;
}

/** Markdown without its footnote definitions (printed at the foot of a page, out of the text's order). */
export function withoutFootnoteDefinitions(markdown: string): { text: string; notes: string } {
  const text: string[] = [];
  const notes: string[] = [];
  let inNote = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\[\^[^\]]+\]:/.test(line)) inNote = true;
    else if (inNote && line.trim() && !/^\s{2,}/.test(line)) inNote = false;
    // References are printed as numbers, not their labels.
    (inNote ? notes : text).push((inNote ? line.replace(/^\[\^[^\]]+\]:/, '') : line).replace(/\[\^[^\]]+\]/g, ''));
  }
  return { text: text.join('\n'), notes: notes.join('\n') };
}

/**
 * A tiny harness around pdfmake for the structure-tagging patch
 * (patches/pdfmake+0.3.11.patch): lay out a document definition with
 * pdfmake's own Roboto fonts, straight through pdfmake (nothing of
 * src/render/pdf), and read the structure back from the bytes.
 *
 * - `layout(definition)`: PDF bytes, in a fresh pdfmake instance (no URL, local
 *   files only from pdfmake's font folder);
 * - `sampleDefinition()`: one small document with every tag the patch knows
 *   (H1/H2, P, Link, Span with /Lang, L/LI/Lbl/LBody, Table/TR/TH/TD, Figure,
 *   Note, TOC/TOCI), page furniture (header, footer, background, rules) and a
 *   paragraph that breaks across pages;
 * - `longDefinition(pages)`: a long tagged document for timing;
 * - `readStructure(bytes)`: the structure tree, the parent tree and the
 *   marked content of each page, from the uncompressed objects of the file
 *   (the definitions below set `compress: false`).
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';

const require = createRequire(import.meta.url);

/** The pdfmake that `require('pdfmake')` loads (the patched one). */
export const PDFMAKE_ENTRY = require.resolve('pdfmake');
export const PDFMAKE_DIR = dirname(dirname(PDFMAKE_ENTRY));
const FONTS = join(PDFMAKE_DIR, 'fonts', 'Roboto');

interface PdfKitDoc {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(): void;
}
interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: object): { getStream(): Promise<PdfKitDoc> };
}

export type Definition = Record<string, unknown>;

const shared = require('pdfmake') as PdfMake;

/**
 * Lay out a definition with pdfmake (by default the one `require('pdfmake')`
 * loads; or another copy's exported instance) and return the PDF bytes.
 * pdfmake changes the definition: make a new one for each call.
 */
export async function layout(definition: Definition, pdfmakeModule: unknown = shared): Promise<Buffer> {
  const pdfmake = new ((pdfmakeModule as PdfMake).constructor as new () => PdfMake)();
  pdfmake.setFonts({
    Roboto: {
      normal: join(FONTS, 'Roboto-Regular.ttf'),
      bold: join(FONTS, 'Roboto-Medium.ttf'),
      italics: join(FONTS, 'Roboto-Italic.ttf'),
      bolditalics: join(FONTS, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONTS + sep));
  const doc = await pdfmake.createPdf(definition).getStream();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A 4×4 RGB PNG (no alpha: PDF/A-1 allows no transparency), as a data URL. */
export function pngDataUrl(): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, ...Array.from({ length: 4 }, () => [200, 30, 30]).flat()])));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Words of the page furniture of the sample (header, footer, background, a `tag: 'Artifact'` node): none may be read as content. */
export const FURNITURE_WORDS = ['Runninghead', 'Folio', 'Backdrop', 'Tango'];

/** Distinct words w0001… for a paragraph long enough to break across a page. */
export function longWords(count: number, prefix = 'w'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);
}

/** The document-level settings of a tagged PDF/A-1a + PDF/UA-1 file (uncompressed, for readStructure). */
export const TAGGED: Definition = {
  pdfUA: true,
  subset: 'PDF/A-1a',
  version: '1.4',
  language: 'en-GB',
  compress: false,
};

/** The same document untagged (PDF/A-1b, as briefpack writes today). */
export const UNTAGGED: Definition = {
  subset: 'PDF/A-1b',
  version: '1.4',
  language: 'en-GB',
  compress: false,
};

/**
 * One small document with every structure the patch produces (A5, 4 pages).
 * `bodyWords`: the words of its text, in reading order.
 */
export function sampleDefinition(settings: Definition = TAGGED): { definition: Definition; bodyWords: string[] } {
  const long = longWords(900);
  const rows = Array.from({ length: 40 }, (_, i) => [`zrow${i + 1}a`, `zrow${i + 1}b`]);
  const definition: Definition = {
    ...settings,
    info: { title: 'Tagging sample' },
    pageSize: 'A5',
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    header: (page: number) => ({ text: `Runninghead ${page}`, margin: [40, 20, 40, 0], fontSize: 8 }),
    footer: (page: number, count: number) => ({
      stack: [{ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 340, y2: 0, lineWidth: 0.5 }] }, { text: `Folio ${page} of ${count}`, fontSize: 8 }],
      margin: [40, 10, 40, 0],
    }),
    background: () => ({ text: 'Backdrop', color: '#eeeeee', fontSize: 8, margin: [5, 5, 0, 0] }),
    content: [
      { text: 'Alpha heading', tag: 'H1', fontSize: 16, tocItem: true },
      { toc: { title: { text: 'Contents', tag: 'H2' } } },
      {
        text: ['Bravo paragraph with ', { text: 'charlie link', link: 'https://example.org/' }, ' and ', { text: 'delta français', lang: 'fr' }, ' end.'],
        tag: 'P',
      },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 340, y2: 0, lineWidth: 1 }], margin: [0, 4] },
      { stack: [{ text: 'Echo section', tag: 'H2', tocItem: true }, 'Foxtrot intro'], tag: 'Sect' },
      { ul: ['golf item', { ul: ['hotel nested'] }] },
      { ol: ['india numbered', { text: 'juliet numbered' }] },
      { columns: [{ text: 'kilo left' }, { text: 'lima right' }] },
      {
        table: {
          headerRows: 1,
          body: [
            ['Mike head', 'November head'],
            ['oscar cell', 'papa cell'],
            ['', 'quebec cell'],
            [{ text: 'quebec wide', colSpan: 2 }, {}],
          ],
        },
      },
      { image: pngDataUrl(), width: 30, alt: 'Romeo red square' },
      { text: 'Sierra deutscher Absatz', tag: 'P', lang: 'de' },
      { text: 'Tango decorative', tag: 'Artifact' },
      { text: ['Uniform reference', { text: '1', sup: true, linkToDestination: 'note-1' }, ' victor.'], tag: 'P' },
      { text: long.join(' '), tag: 'P' },
      { table: { headerRows: 1, body: [['Whiskey head', 'Xray head'], ...rows] } },
      { text: 'Yankee note text.', tag: 'Note', id: 'note-1', fontSize: 8 },
    ],
  };
  const bodyWords = [
    'Alpha heading',
    'Contents',
    'Alpha heading',
    'Echo section',
    'Bravo paragraph with charlie link and delta français end.',
    'Echo section',
    'Foxtrot intro',
    'golf item',
    'hotel nested',
    'india numbered',
    'juliet numbered',
    'kilo left',
    'lima right',
    'Mike head',
    'November head',
    'oscar cell',
    'papa cell',
    'quebec cell',
    'quebec wide',
    'Sierra deutscher Absatz',
    'Uniform reference',
    'victor.',
    ...long,
    'Whiskey head',
    'Xray head',
    ...rows.flat(),
    'Yankee note text.',
  ]
    .join(' ')
    .split(/\s+/);
  return { definition, bodyWords };
}

/**
 * A long tagged document (about `pages` A4 pages): per section a heading,
 * paragraphs with a link and a foreign span, a list and a table.
 */
export function longDefinition(pages: number, settings: Definition = TAGGED): Definition {
  const content: unknown[] = [];
  for (let s = 1; content.length < pages * 6; s++) {
    content.push({ text: `Section ${s}`, tag: 'H1', fontSize: 16, tocItem: true });
    for (let p = 0; p < 3; p++) {
      content.push({
        text: [
          longWords(70, `s${s}p${p}w`).join(' ') + ' ',
          { text: 'a link', link: 'https://example.org/' },
          ' and ',
          { text: 'un mot', lang: 'fr' },
          '. ',
          longWords(40, `s${s}p${p}x`).join(' '),
        ],
        tag: 'P',
        margin: [0, 0, 0, 6],
      });
    }
    content.push({ ul: ['one item of the list', 'another item of the list', 'a third item'] });
    content.push({
      table: {
        headerRows: 1,
        body: [
          ['Head', 'Value'],
          ['row a', '1'],
          ['row b', '2'],
        ],
      },
      margin: [0, 6],
    });
  }
  return {
    ...settings,
    info: { title: 'Long tagged document' },
    pageSize: 'A4',
    defaultStyle: { font: 'Roboto', fontSize: 11 },
    header: (page: number) => ({ text: `Runninghead ${page}`, margin: [40, 20, 40, 0], fontSize: 8 }),
    footer: (page: number, count: number) => ({ text: `Folio ${page} of ${count}`, margin: [40, 10, 40, 0], fontSize: 8 }),
    content: [{ toc: { title: { text: 'Contents', tag: 'H1' } } }, ...content],
  };
}

// --- reading the structure back (uncompressed files only) -------------------

export interface PdfObject {
  num: number;
  dict: string;
  stream: string | null;
}

/** Every indirect object of an uncompressed PDF, by number (the last definition wins). */
export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.search(/>>\s*stream\r?\n/);
    let dict = body;
    let stream: string | null = null;
    if (s >= 0) {
      const data = body.slice(s).replace(/^>>\s*stream\r?\n/, '');
      dict = body.slice(0, s + 2);
      stream = data.slice(0, data.lastIndexOf('endstream')).replace(/\r?\n$/, '');
    }
    objects.set(Number(m[1]), { num: Number(m[1]), dict, stream });
    re.lastIndex = end;
  }
  return objects;
}

export interface StructElem {
  num: number;
  type: string;
  kids: Array<StructElem | { mcid: number; page: number } | { objr: number }>;
  dict: string;
}

export interface Structure {
  catalog: string;
  /** Page object numbers, in page order. */
  pages: number[];
  /** The root's kids. */
  roots: StructElem[];
  /** Every structure element by object number. */
  elements: Map<number, StructElem>;
  /** ParentTree: StructParents key -> array of element numbers (by MCID), or one element number (annotation). */
  parentTree: Map<number, number[] | number>;
  /** Per page (object number): its StructParents key and the marked content of its stream. */
  pageContent: Map<number, { structParents: number | null; mcids: number[]; artifacts: number; unmarkedText: number; stream: string }>;
}

const ref = (s: string) => Number(/(\d+) 0 R/.exec(s)?.[1]);

/** The contents of the array that follows `key` in a dictionary (nested brackets kept), or ''. */
function arrayAfter(dict: string, key: string): string {
  const m = new RegExp(`${key.replace('/', '\\/')}\\s*\\[`).exec(dict);
  if (!m) return '';
  let depth = 0;
  for (let i = m.index + m[0].length - 1; i < dict.length; i++) {
    if (dict[i] === '[') depth++;
    else if (dict[i] === ']' && --depth === 0) return dict.slice(m.index + m[0].length, i);
  }
  return '';
}

/** A dictionary with the contents of its arrays left out (to read its own keys, not those of its kids). */
function withoutArrays(dict: string): string {
  let out = '';
  let depth = 0;
  for (const c of dict) {
    if (c === '[') depth++;
    if (depth === 0) out += c;
    if (c === ']') depth--;
  }
  return out;
}
const refs = (s: string) => [...s.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** Structure tree, parent tree and marked content of an uncompressed PDF written by pdfkit. */
export function readStructure(pdf: Buffer): Structure {
  const objects = pdfObjects(pdf);
  const text = pdf.toString('latin1');
  const trailerRoot = ref(/\/Root (\d+ 0 R)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
  const catalog = objects.get(trailerRoot)!.dict;
  const pagesRoot = objects.get(ref(/\/Pages (\d+ 0 R)/.exec(catalog)![1]))!.dict;
  const pages = refs(/\/Kids \[([^\]]*)\]/.exec(pagesRoot)![1]);

  const elements = new Map<number, StructElem>();
  const parentTree = new Map<number, number[] | number>();
  const treeMatch = /\/StructTreeRoot (\d+ 0 R)/.exec(catalog);
  let roots: StructElem[] = [];
  if (treeMatch) {
    const root = objects.get(ref(treeMatch[1]))!.dict;
    const readElem = (num: number): StructElem => {
      const dict = objects.get(num)!.dict;
      const elem: StructElem = { num, type: /\/S \/(\w+)/.exec(dict)![1], kids: [], dict };
      elements.set(num, elem);
      const pg = /\/Pg (\d+) 0 R/.exec(withoutArrays(dict));
      const k = arrayAfter(dict, '/K');
      // kids: element refs, MCIDs (on /Pg), MCR and OBJR dictionaries
      const tokens = k.match(/<<.*?>>|\d+ 0 R|\d+/gs) ?? [];
      for (const t of tokens) {
        if (t.startsWith('<<')) {
          if (/\/Type \/OBJR/.test(t)) elem.kids.push({ objr: Number(/\/Obj (\d+) 0 R/.exec(t)![1]) });
          else elem.kids.push({ mcid: Number(/\/MCID (\d+)/.exec(t)![1]), page: Number(/\/Pg (\d+) 0 R/.exec(t)![1]) });
        } else if (t.endsWith('R')) elem.kids.push(readElem(ref(t)));
        else elem.kids.push({ mcid: Number(t), page: pg ? Number(pg[1]) : NaN });
      }
      return elem;
    };
    roots = refs(arrayAfter(root, '/K')).map(readElem);
    // ParentTree: a number tree with /Nums [key value ...] (pdfkit writes one node, direct)
    const nums = arrayAfter(root.slice(root.indexOf('/ParentTree')), '/Nums');
    const entries = nums.match(/\d+ \[[^\]]*\]|\d+ \d+ 0 R/g) ?? [];
    for (const e of entries) {
      const key = Number(e.split(' ')[0]);
      const arr = /\[([^\]]*)\]/.exec(e);
      parentTree.set(key, arr ? refs(arr[1]) : ref(e.slice(e.indexOf(' ') + 1)));
    }
  }

  const pageContent = new Map<number, { structParents: number | null; mcids: number[]; artifacts: number; unmarkedText: number; stream: string }>();
  for (const p of pages) {
    const dict = objects.get(p)!.dict;
    const sp = /\/StructParents (\d+)/.exec(dict);
    const contents = refs(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(dict)![1]);
    const stream = contents.map((c) => objects.get(c)!.stream ?? '').join('\n');
    const mcids = [...stream.matchAll(/\/MCID (\d+)/g)].map((m) => Number(m[1]));
    const artifacts = (stream.match(/\/Artifact\b/g) ?? []).length;
    pageContent.set(p, { structParents: sp ? Number(sp[1]) : null, mcids, artifacts, unmarkedText: unmarkedTextObjects(stream), stream });
  }
  return { catalog, pages, roots, elements, parentTree, pageContent };
}

/** Text objects (BT … ET) of a content stream that are outside every marked-content sequence. */
export function unmarkedTextObjects(stream: string): number {
  let depth = 0;
  let count = 0;
  for (const m of stream.matchAll(/\b(BDC|BMC|EMC|BT)\b/g)) {
    if (m[1] === 'EMC') depth--;
    else if (m[1] === 'BT') count += depth === 0 ? 1 : 0;
    else depth++;
  }
  return count;
}

/** Element types in document (pre-)order. */
export function elementTypes(roots: StructElem[]): string[] {
  const out: string[] = [];
  const walk = (e: StructElem) => {
    out.push(e.type);
    for (const k of e.kids) if ('type' in k) walk(k);
  };
  roots.forEach(walk);
  return out;
}

/**
 * Helpers for the PDF tests: a generated long declaration, a generated PNG,
 * the view's embedded images, and thin wrappers around the Debian PDF
 * clients (poppler, qpdf, PDFBox).
 */
import { execFileSync, spawnSync } from 'node:child_process';
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

/**
 * Fewer, larger buffers in pdfkit's output, and less kept of what is
 * written (run phase helper, speed and memory only: the PDF bytes are the
 * same).
 *
 * pdfkit 0.19 makes a Buffer of every line it adds to a stream (a page's
 * content: each text fragment is five to eight operator lines; a tagged page
 * adds the marked-content operators) and of every line of every object it
 * writes to the file (a tagged document has thousands of structure
 * elements), and hands each file line to the stream reader on its own. Those
 * small buffers are most of the garbage a long PDF makes. Here a stream keeps
 * its lines as strings and turns them into one buffer when it is written
 * out, and the document gathers file lines into chunks of 64 KB. Lengths and
 * offsets are counted as pdfkit counts them (a line is its latin1 bytes and a
 * newline), so /Length, the cross-reference table and the bytes do not change.
 *
 * A document made by `renderPdfTo` (its pdfmake file system carries a sink)
 * hands its pieces to the sink instead of the stream's buffer, so a long
 * PDF goes to disk page by page rather than waiting whole in memory.
 *
 * This replaces methods of pdfkit's internal PDFReference class and of
 * PDFDocument: `installed` is false (and pdfkit is left as it is) when their
 * shape is not the one this was written for; test/unit/pdf-typography.test.ts
 * fails loudly when pdfkit changes.
 */
import { createRequire } from 'node:module';

/** pdfkit as pdfmake loads it. */
const require = createRequire(createRequire(import.meta.url).resolve('pdfmake'));

interface Reference {
  data: { Length?: number; Filter?: string; Type?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[];
  /** Lines written as strings, not yet in `buffer`. */
  lines?: string[] | null;
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

interface Document {
  _offset: number;
  /** pdfmake's PDFDocument keeps the file system it was given: render.ts's carries the sink of a streamed PDF. */
  virtualfs?: { sink?: ((chunk: Uint8Array) => void) | null } | null;
  /** File lines not yet pushed to the reader. */
  _lines?: string[] | null;
  _linesLength?: number;
  push(chunk: Uint8Array | null): boolean;
  _write(data: string | Uint8Array): void;
}

type PDFDocumentClass = (new (options?: object) => { ref(data?: object): Reference }) & { prototype: Document };

const CHUNK = 64 * 1024;
/** The buffer of every written object: nothing is added to an object once it is written. */
const WRITTEN: Uint8Array[] = Object.freeze([]) as unknown as Uint8Array[];

const pdfkit = require('pdfkit') as PDFDocumentClass;

/** The prototypes this module changes, or null when pdfkit's shape is not the expected one. */
function pdfkitShape(): { reference: Reference; document: Document } | null {
  // `font: null`, as pdfmake passes it: pdfkit otherwise reads and parses Helvetica's AFM file (about 16 ms cold).
  const doc = new pdfkit({ autoFirstPage: false, compress: false, font: null });
  const ref = doc.ref();
  const reference = Object.getPrototypeOf(ref) as Reference;
  const document = pdfkit.prototype;
  const fits =
    typeof reference.write === 'function' &&
    typeof reference.finalize === 'function' &&
    Array.isArray(ref.buffer) &&
    typeof ref.uncompressedLength === 'number' &&
    typeof document._write === 'function' &&
    typeof document.push === 'function' &&
    /Buffer\.from\(chunk \+ '\\n', 'binary'\)/.test(String(reference.write)) &&
    /Buffer\.from\(data \+ '\\n', 'binary'\)/.test(String(document._write)) &&
    /this\._offset \+= data\.length/.test(String(document._write)) &&
    /Buffer\.concat\(this\.buffer\)/.test(String(reference.finalize));
  return fits ? { reference, document } : null;
}

function install(): boolean {
  if (process.env.BRIEFPACK_PDFKIT_WRITES === '0') return false;
  const shape = pdfkitShape();
  if (!shape) return false;
  const { reference, document } = shape;
  const write = reference.write;
  const finalize = reference.finalize;
  reference.write = function (this: Reference, chunk: string | Uint8Array): void {
    if (chunk instanceof Uint8Array) {
      flushLines(this);
      write.call(this, chunk);
      return;
    }
    const line = `${chunk}\n`;
    (this.lines ??= []).push(line);
    this.uncompressedLength += line.length;
    this.data.Length = (this.data.Length ?? 0) + line.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  reference.finalize = function (this: Reference): void {
    flushLines(this);
    finalize.call(this);
    // Memory: a written object is only an offset in the cross-reference table from here on. pdfkit
    // keeps every reference to the end (a page's annotations, the structure tree's), each with an
    // empty buffer, and a link annotation with its dictionary, which nothing reads once it is written
    // (a page's dictionary is read later: the structure tree looks up its StructParents).
    this.buffer = WRITTEN;
    if (this.data.Type === 'Annot') this.data = {};
  };
  const readablePush = document.push;
  // A streamed PDF's bytes go straight to its sink as they are made, never into the stream's buffer
  // (pages are written while the layout's memory is still held); the end of the stream still goes
  // through, so 'end' comes as before.
  const push = function (this: Document, chunk: Uint8Array | null): boolean {
    const sink = this.virtualfs?.sink;
    if (sink && chunk !== null) {
      sink(chunk);
      return true;
    }
    return readablePush.call(this, chunk);
  };
  document._write = function (this: Document, data: string | Uint8Array): void {
    if (data instanceof Uint8Array) {
      flushDocument(this, push);
      push.call(this, data);
      this._offset += data.length;
      return;
    }
    const line = `${data}\n`;
    (this._lines ??= []).push(line);
    this._linesLength = (this._linesLength ?? 0) + line.length;
    this._offset += line.length;
    if (this._linesLength >= CHUNK) flushDocument(this, push);
  };
  document.push = function (this: Document, chunk: Uint8Array | null): boolean {
    flushDocument(this, push);
    return push.call(this, chunk);
  };
  return true;
}

function flushLines(ref: Reference): void {
  if (!ref.lines?.length) return;
  ref.buffer.push(Buffer.from(ref.lines.join(''), 'latin1'));
  ref.lines = null;
}

function flushDocument(doc: Document, push: Document['push']): void {
  if (!doc._lines?.length) return;
  const chunk = Buffer.from(doc._lines.join(''), 'latin1');
  doc._lines = null;
  doc._linesLength = 0;
  push.call(doc, chunk);
}

/** Is the batching on? */
export const installed: boolean = install();

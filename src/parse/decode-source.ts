/**
 * Parse phase, step 1: bytes -> text. Checks size and encoding, removes a
 * BOM, normalizes line endings. Problems become messages on the file.
 */
import type { VFile } from 'vfile';
import { fail, report } from '../diagnostics/report.js';

export const DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * The longest block (text between blank lines) a source may hold: 256 Ki
 * characters besides white space, some fifty times the longest paragraph of the corpus. A text
 * pasted without paragraph breaks is one block; parsing, analysing and laying
 * out a block costs more than linear time in its length (a 2 MB paragraph ran
 * 162 s and crashed at 3.9 GB), so such a block is refused up front, at its
 * line and column.
 */
export const MAX_BLOCK_CHARS = 256 * 1024;

export interface DecodeOptions {
  maxInputBytes?: number;
}

function lineColumnAt(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Column in characters, counting the valid UTF-8 before the bad byte.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, index));
  return { line, column: [...before].length + 1 };
}

/** Index of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decode a source's bytes. Throws DocumentFailed (after reporting) when the text cannot be used. */
/** What a file that is not text is, by its first bytes: a Word file, a PDF, another zip or OpenDocument file. */
export function binaryKind(bytes: Uint8Array): 'docx' | 'pdf' | 'zip' | null {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\x03\x04')) {
    // A .docx names its main part early in the archive.
    const start = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString('latin1');
    return /word\/document\.xml|\[Content_Types\]\.xml[\s\S]*word\//.test(start) ? 'docx' : 'zip';
  }
  return null;
}

const BINARY_ADVICE: Record<'docx' | 'pdf' | 'zip', string> = {
  docx: 'This is a Word file, not a Markdown source: run `briefpack import` on it to make one',
  pdf: 'This is a PDF file, not a Markdown source: briefpack reads Markdown (save the text as .md, or import the Word original with `briefpack import`)',
  zip: 'This is a zip archive (an OpenDocument or Office file?), not a Markdown source: save it as .docx and run `briefpack import`',
};

export function decodeSource(bytes: Uint8Array, file: VFile, options: DecodeOptions = {}): string {
  const kind = binaryKind(bytes);
  if (kind) fail(file, 'source-binary', BINARY_ADVICE[kind], { line: 1, column: 1 });
  const max = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (bytes.length > max) {
    fail(file, 'input-too-large', `File is ${bytes.length} bytes, over the input limit of ${max} bytes (raise it with --max-input-bytes)`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    fail(file, 'encoding-invalid', `Byte 0x${bytes[bad].toString(16).padStart(2, '0')} is not valid UTF-8; save the file as UTF-8`, lineColumnAt(bytes, bad));
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    fail(file, 'encoding-nul', 'The file holds a NUL byte; it is binary or corrupt', lineColumnAt(bytes, nul));
  }
  // TextDecoder drops a leading BOM by itself; look at the bytes to report it.
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    report(file, 'encoding-bom', 'Removed a UTF-8 byte order mark', { line: 1, column: 1 });
  }
  if (text.includes('\r')) {
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
    if (crlf > 0 && lf > 0) {
      const firstLf = text.search(/(?<!\r)\n/);
      const line = text.slice(0, firstLf).split('\n').length;
      report(file, 'line-endings-mixed', `The file mixes ${crlf} CRLF and ${lf} LF line endings; all are read as LF`, { line, column: 1 });
    }
    text = text.replace(/\r\n?/g, '\n');
  }
  const long = longestBlockOver(text, MAX_BLOCK_CHARS);
  if (long) {
    const line = countLines(text, long.start);
    fail(
      file,
      'input-too-large',
      `A block of ${long.length} characters (besides white space) without a blank line (a paragraph, list or table) is over the limit of ${MAX_BLOCK_CHARS}; a text pasted without paragraph breaks needs them back (a blank line between paragraphs)`,
      { line, column: 1 },
    );
  }
  return text;
}

/**
 * The first block (text between blank lines) of more than `max` characters
 * other than white space (indentation is not text: a deeply indented list is
 * caught by the nesting limit, not here).
 */
function longestBlockOver(text: string, max: number): { start: number; length: number } | null {
  if (text.length <= max) return null;
  const over = (start: number, end: number) => end - start > max && visibleLength(text, start, end) > max;
  const blank = /\n[ \t]*\n/g;
  let start = 0;
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    if (over(start, m.index)) return { start, length: visibleLength(text, start, m.index) };
    start = blank.lastIndex;
  }
  return over(start, text.length) ? { start, length: visibleLength(text, start, text.length) } : null;
}

function visibleLength(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10) n++;
  }
  return n;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

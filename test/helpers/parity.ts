/**
 * Cross-format parity: render a view in the three formats (in-process), read
 * each file back with a real client, and compare what a reader gets with the
 * view's own words (view-words.ts).
 *
 * Reading back:
 * - HTML: a parse5 walk of the DOM, with innerText's rules (block elements
 *   apart, inline ones joined; script, style, hidden furniture left out),
 *   plus the number of each `ol > li` (the number the browser draws as the
 *   item's marker, which innerText leaves out). Page furniture: the skip
 *   link, the marking lines, the contents `nav` (its legend of markers is
 *   kept), permalinks ¶ and note back-links ↩.
 * - PDF: `pdftotext -raw -bbox`: the words in content-stream order (pdfmake
 *   writes a table row by row and cell by cell, a column block before the
 *   next), each with its box. Page furniture is what lies in the top and
 *   bottom page margins (running head, page label, marking lines); words
 *   that touch (no gap: a superscript, a change of font) are one word again.
 * - DOCX: `pandoc -f docx -t plain`, with a Lua filter that writes each table
 *   as its cells, row by row (marked with box-drawing characters, which are
 *   no words), drops pictures (pandoc writes an image's alt text, which Word
 *   does not show) and marks the end of the cover. Word's Title and Subtitle
 *   styles are renamed first, else pandoc takes the cover's title and kind
 *   out of the text into its metadata.
 *
 * Comparing (`compareWords`): the contents (heading and entries, with their
 * page numbers) are stripped; notes may stand anywhere in the text (the PDF
 * prints them where it lays them out, pandoc at the end), each as its
 * number followed by its words, optionally after the notes heading; a word
 * the view writes next to a superscript or note reference may come back
 * glued to it; the PDF may break a long word at a line end and repeats a
 * table's header row at the top of each page the table continues on.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { BriefingView, CommitmentRow } from '../../src/view/types.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { PAGE_MARGINS } from '../../src/render/pdf/theme.js';
import { readFileSync } from 'node:fs';
import { compileSource } from '../../src/pipeline/compile.js';
import { renderContext, viewFor } from './compile.js';
import { tokens, type Tok, type ViewWords } from './view-words.js';
import { BLOCK as HTML_BLOCK } from './html-page.js';

const run = promisify(execFile);

export type FormatName = 'html' | 'pdf' | 'docx';
export const FORMATS: readonly FormatName[] = ['html', 'pdf', 'docx'];

/** A word read back from a format. */
export interface FTok extends Tok {
  /** PDF: the first word of a line, or of a page (after the furniture). */
  lineStart?: boolean;
  pageStart?: boolean;
}

/** A table as read back: its header cells and its rows of cells (white space collapsed). */
export interface ReadTable {
  header: string[];
  rows: string[][];
}

export interface FormatRead {
  format: FormatName;
  cover: FTok[];
  /** Everything after the cover, furniture removed but for the contents (the comparison strips it). */
  main: FTok[];
  tables: ReadTable[];
  coverDate: string | null;
  /** The text as read, for messages. */
  text: string;
}

export interface Rendered {
  html: string;
  pdf: Uint8Array;
  docx: Uint8Array;
}

/** The three formats of a view, rendered in-process as a build renders them. */
export async function renderAll(view: BriefingView, path = 'test.md'): Promise<Rendered> {
  const html = await renderHtml(view, renderContext(path));
  const pdf = await renderPdf(view, renderContext(path));
  const docx = await renderDocx(view, renderContext(path));
  return { html, pdf, docx };
}

/**
 * The view of a source as a build makes it. Sources with errors (the xss
 * fixture) are kept: the formats must still agree on what they show.
 */
export function sourceView(path: string, bytes: Uint8Array = readFileSync(path)): BriefingView {
  const compiled = compileSource(path, bytes, { keepOnError: true });
  if (!compiled.model) throw new Error(`${path} did not compile:\n${compiled.file.messages.map(String).join('\n')}`);
  return viewFor(compiled.model);
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Where a PDF table cell goes on to a new line (pdfmake may break a word there, and add a hyphen). */
const LINE_BREAK = '\u2028';
const collapseKeepingBreaks = (s: string) =>
  s
    .replace(/[^\S\u2028]+/g, ' ')
    .replace(/ ?\u2028 ?/g, LINE_BREAK)
    .trim();

// --- HTML --------------------------------------------------------------------

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// The extraction's block elements, and table captions.
const BLOCK = new Set([...HTML_BLOCK, 'caption']);
const SKIPPED_TAGS = new Set(['head', 'style', 'script', 'template', 'noscript', 'title']);
/** Page furniture of the HTML page, by class. */
const FURNITURE = ['skip-link', 'marking', 'permalink', 'backref', 'visually-hidden'];

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const classes = (el: Element) => (attr(el, 'class') ?? '').split(/\s+/).filter(Boolean);
const isElement = (n: Node): n is Element => 'tagName' in n;
const childrenOf = (n: Node): Node[] => (n as { childNodes?: Node[] }).childNodes ?? [];

function findAll(n: Node, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  if (isElement(n) && test(n)) out.push(n);
  for (const c of childrenOf(n)) findAll(c, test, out);
  return out;
}

/** Visible text of a subtree (innerText's rules, and the numbers of ordered list items unless `listNumbers` is false). */
function htmlText(root: Node, listNumbers = true): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text') {
      parts.push((n as DefaultTreeAdapterMap['textNode']).value);
      return;
    }
    if (!isElement(n)) {
      for (const c of childrenOf(n)) walk(c);
      return;
    }
    if (SKIPPED_TAGS.has(n.tagName) || n.attrs.some((a) => a.name === 'hidden')) return;
    if (classes(n).some((c) => FURNITURE.includes(c))) return;
    if (n.tagName === 'nav' && classes(n).includes('contents')) {
      // The contents are furniture; the legend of untranslated markers below them is not.
      for (const legend of findAll(n, (e) => e.tagName === 'ul' && classes(e).includes('legend'))) walk(legend);
      return;
    }
    if (n.tagName === 'img' || n.tagName === 'svg') return;
    const block = BLOCK.has(n.tagName);
    if (block) parts.push(' ');
    if (n.tagName === 'ol') {
      // The number the browser draws for each item.
      let next = Number(attr(n, 'start') ?? 1);
      for (const c of childrenOf(n)) {
        if (isElement(c) && c.tagName === 'li') {
          const value = attr(c, 'value');
          const number = value != null && /^-?\d+$/.test(value) ? Number(value) : next;
          next = number + 1;
          if (listNumbers) parts.push(` ${number}. `);
        }
        walk(c);
      }
    } else for (const c of childrenOf(n)) walk(c);
    if (block) parts.push(' ');
  };
  walk(root);
  return parts.join('');
}

function htmlTables(root: Node): ReadTable[] {
  return findAll(root, (e) => e.tagName === 'table').map((table) => {
    const rows = findAll(table, (e) => e.tagName === 'tr').map((tr) =>
      childrenOf(tr)
        .filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'))
        .map((c) => collapse(htmlText(c))),
    );
    const inHead = findAll(table, (e) => e.tagName === 'thead').length > 0;
    return { header: inHead ? (rows[0] ?? []) : [], rows: inHead ? rows.slice(1) : rows };
  });
}

/** The words of the whole page (cover, legend, parts), furniture left out; `listNumbers: false` leaves out what innerText leaves out. */
export function htmlPageWords(html: string, listNumbers = true): string[] {
  const body = findAll(parse(html), (e) => e.tagName === 'body')[0];
  return tokens(htmlText(body, listNumbers)).map((t) => t.w);
}

export function readHtml(html: string): FormatRead {
  const document = parse(html);
  const body = findAll(document, (e) => e.tagName === 'body')[0];
  const cover = findAll(body, (e) => e.tagName === 'header' && classes(e).includes('cover'))[0];
  // Everything but the cover, in document order.
  const rest: string[] = [];
  for (const c of childrenOf(body)) if (c !== cover) rest.push(htmlText(c));
  const main = rest.join(' ');
  const date = cover ? findAll(cover, (e) => classes(e).includes('meta-date'))[0] : undefined;
  const dd = date ? findAll(date, (e) => e.tagName === 'dd')[0] : undefined;
  return {
    format: 'html',
    cover: cover ? tokens(htmlText(cover)) : [],
    main: tokens(main),
    tables: htmlTables(body),
    coverDate: dd ? collapse(htmlText(dd)) : null,
    text: `${cover ? htmlText(cover) : ''}\n${main}`,
  };
}

// --- PDF ---------------------------------------------------------------------

export interface PdfWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  width: number;
  height: number;
  /** Words in content-stream order, page furniture left out. */
  words: PdfWord[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e],
  );

/** The words of each page, in content-stream order, without what lies in the top and bottom margins (running head, page label, marking). */
export async function pdfPages(file: string): Promise<PdfPage[]> {
  const { stdout } = await run('pdftotext', ['-raw', '-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  const [, top, , bottom] = PAGE_MARGINS;
  for (const m of stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const height = Number(m[2]);
    const list: PdfWord[] = [];
    for (const w of m[3].matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
      const word = { text: unescapeXml(w[5]), x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]) };
      const middle = (word.y0 + word.y1) / 2;
      if (middle < top || middle > height - bottom) continue;
      list.push(word);
    }
    pages.push({ width: Number(m[1]), height, words: list });
  }
  return pages;
}

/** Does `b` go on with the line of `a` (to its right, overlapping it vertically)? */
function sameLine(a: PdfWord, b: PdfWord): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return b.x0 >= a.x1 - 1 && overlap > 0.25 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** `b` touches `a`: the same word, split by a change of font or size. */
function touching(a: PdfWord, b: PdfWord): boolean {
  return sameLine(a, b) && b.x0 - a.x1 < 0.6;
}

/** Lines of words in stream order: each line's text, words that touch joined. */
function pdfLines(list: readonly PdfWord[]): Array<{ text: string; words: PdfWord[] }> {
  const lines: Array<{ text: string; words: PdfWord[] }> = [];
  let prev: PdfWord | null = null;
  for (const w of list) {
    if (prev && sameLine(prev, w)) {
      const line = lines[lines.length - 1];
      line.text += (touching(prev, w) ? '' : ' ') + w.text;
      line.words.push(w);
    } else lines.push({ text: w.text, words: [w] });
    prev = w;
  }
  return lines;
}

function pdfTokens(pages: readonly PdfPage[]): FTok[] {
  const out: FTok[] = [];
  for (const page of pages) {
    let first = true;
    for (const line of pdfLines(page.words)) {
      const toks = tokens(line.text) as FTok[];
      if (!toks.length) continue;
      toks[0].lineStart = true;
      if (first) toks[0].pageStart = true;
      first = false;
      out.push(...toks);
    }
  }
  return out;
}

/**
 * Tables of the PDF whose header row is one of `headers` (label strings), in
 * stream order: the header words on one line give the columns' left edges;
 * the rows follow, cell after cell (a row ends when the next word is in an
 * earlier column); the table ends at a word left of its first column. A
 * header repeated at the top of a page is skipped.
 */
function pdfTables(pages: readonly PdfPage[], headers: readonly string[][]): ReadTable[] {
  const stream: Array<PdfWord & { page: number; pageStart: boolean }> = [];
  pages.forEach((p, k) => p.words.forEach((w, i) => stream.push({ ...w, page: k, pageStart: i === 0 })));
  const headerAt = (i: number, header: readonly string[]): { end: number; columns: number[] } | null => {
    const columns: number[] = [];
    let at = i;
    for (const label of header) {
      const parts = label.split(/\s+/).filter(Boolean);
      for (let k = 0; k < parts.length; k++) {
        const w = stream[at];
        if (!w || w.text !== parts[k] || (at > i && (w.page !== stream[i].page || Math.abs(w.y0 - stream[i].y0) > 1))) return null;
        if (k === 0) columns.push(w.x0);
        at++;
      }
    }
    return { end: at, columns };
  };
  const tables: ReadTable[] = [];
  for (let i = 0; i < stream.length; i++) {
    const header = headers.find((h) => headerAt(i, h));
    if (!header) continue;
    const { end, columns } = headerAt(i, header)!;
    const rows: string[][] = [];
    let row: string[] | null = null;
    let prevCol = -1;
    let prev: PdfWord | null = null;
    let k = end;
    for (; k < stream.length; k++) {
      const w = stream[k];
      if (w.pageStart) {
        const again = headerAt(k, header);
        if (again) {
          k = again.end - 1;
          prevCol = columns.length;
          prev = null;
          continue;
        }
      }
      if (w.x0 < columns[0] - 2) break;
      let col = 0;
      for (let c = 0; c < columns.length; c++) if (w.x0 >= columns[c] - 1.5) col = c;
      if (!row || col < prevCol) {
        row = Array.from({ length: columns.length }, () => '');
        rows.push(row);
        prev = null;
      }
      // Words that touch are one word; a line break in a cell is kept (LINE_BREAK) for sameCell to read.
      const sep = row[col] === '' ? '' : prev && col === prevCol && !sameLine(prev, w) ? LINE_BREAK : prev && col === prevCol && touching(prev, w) ? '' : ' ';
      row[col] += sep + w.text;
      prevCol = col;
      prev = w;
    }
    tables.push({ header: [...header], rows: rows.map((r) => r.map(collapseKeepingBreaks)) });
    i = k - 1;
  }
  return tables;
}

/** The value beside a cover field's label (the cover's fields table: label, then value on the same line). */
function pdfCoverField(page: PdfPage | undefined, label: string): string | null {
  if (!page) return null;
  const parts = label.split(/\s+/);
  const list = page.words;
  for (let i = 0; i < list.length; i++) {
    if (!parts.every((p, k) => list[i + k]?.text === p)) continue;
    const last = list[i + parts.length - 1];
    const value = list.filter((w) => w.x0 > last.x1 + 4 && Math.abs(w.y0 - last.y0) < 2);
    if (!value.length) continue;
    return value.map((w, k) => (k && touching(value[k - 1], w) ? '' : k ? ' ' : '') + w.text).join('');
  }
  return null;
}

export async function readPdf(file: string, view: BriefingView): Promise<FormatRead> {
  const pages = await pdfPages(file);
  const coverPages = view.cover ? pages.slice(0, 1) : [];
  const rest = view.cover ? pages.slice(1) : pages;
  const dateLabel = view.cover?.fields.find((f) => f.key === 'date')?.label;
  return {
    format: 'pdf',
    cover: pdfTokens(coverPages),
    main: pdfTokens(rest),
    tables: pdfTables(rest, tableHeaders(view)),
    coverDate: dateLabel ? pdfCoverField(coverPages[0], dateLabel) : null,
    text: pages
      .map((p) =>
        pdfLines(p.words)
          .map((l) => l.text)
          .join('\n'),
      )
      .join('\n\f'),
  };
}

// --- DOCX --------------------------------------------------------------------

/** Marks written by the Lua filter: no words (box drawing and punctuation). */
const MARK = { tableStart: '┏', row: '┃', cell: '│', tableEnd: '┗', coverEnd: '⁂' } as const;

const LUA_FILTER = `-- briefpack parity (test/helpers/parity.ts): tables as their cells, row by row; no pictures; the end of the cover marked.
local function mark(s) return pandoc.Plain({ pandoc.Str(s) }) end
function Image(el) return {} end
function Table(t)
  local out = { mark('${MARK.tableStart}') }
  local function rows(list)
    for _, row in ipairs(list) do
      table.insert(out, mark('${MARK.row}'))
      for k, cell in ipairs(row.cells) do
        if k > 1 then table.insert(out, mark('${MARK.cell}')) end
        for _, b in ipairs(cell.contents) do table.insert(out, b) end
      end
    end
  end
  rows(t.head.rows)
  for _, body in ipairs(t.bodies) do rows(body.head); rows(body.body) end
  rows(t.foot.rows)
  table.insert(out, mark('${MARK.tableEnd}'))
  return out
end
function Pandoc(doc)
  for i, b in ipairs(doc.blocks) do
    if b.t == 'Header' then table.insert(doc.blocks, i, mark('${MARK.coverEnd}')); break end
  end
  return doc
end
`;

let filterPath: string | null = null;

function luaFilter(dir: string): string {
  if (filterPath) return filterPath;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'parity-filter.lua');
  writeFileSync(path, LUA_FILTER);
  filterPath = path;
  return path;
}

/**
 * pandoc moves paragraphs styled Title and Subtitle at the top of a file into
 * its metadata, out of the text: renamed, they stay where Word shows them.
 */
function keepCoverInText(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  const xml = strFromU8(files['word/document.xml']);
  files['word/document.xml'] = strToU8(xml.replace(/<w:pStyle w:val="(Title|Subtitle)"\/>/g, '<w:pStyle w:val="Parity$1"/>'));
  return zipSync(files);
}

/** `pandoc -f docx -t plain` of a file (with the parity filter), as text. */
async function docxPlain(file: string, workDir: string): Promise<string> {
  const { stdout } = await run('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', '-L', luaFilter(workDir), file], { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

function docxTables(plain: string): ReadTable[] {
  const tables: ReadTable[] = [];
  let depth = 0;
  let rows: string[][] = [];
  let cell: string[] = [];
  const endCell = () => {
    if (rows.length) rows[rows.length - 1].push(collapse(cell.join(' ')));
    cell = [];
  };
  for (const line of plain.split('\n')) {
    const t = line.trim();
    if (t === MARK.tableStart) {
      depth++;
      if (depth === 1) rows = [];
      continue;
    }
    if (depth === 0) continue;
    if (t === MARK.tableEnd) {
      depth--;
      if (depth === 0) {
        endCell();
        tables.push({ header: rows[0] ?? [], rows: rows.slice(1) });
      }
      continue;
    }
    if (depth > 1) {
      cell.push(t);
      continue;
    }
    if (t === MARK.row) {
      endCell();
      rows.push([]);
    } else if (t === MARK.cell) endCell();
    else if (t) cell.push(t);
  }
  return tables;
}

function readDocxPlain(plain: string, view: BriefingView): FormatRead {
  const lines = plain.split('\n');
  const end = lines.findIndex((l) => l.trim() === MARK.coverEnd);
  const coverLines = end >= 0 ? lines.slice(0, end) : [];
  const mainText = (end >= 0 ? lines.slice(end + 1) : lines).join('\n');
  // The cover's paragraphs: the date is the one after its label.
  const paragraphs = coverLines
    .join('\n')
    .split(/\n\s*\n/)
    .map(collapse)
    .filter(Boolean);
  const dateLabel = view.cover?.fields.find((f) => f.key === 'date')?.label;
  const at = dateLabel ? paragraphs.indexOf(dateLabel) : -1;
  return {
    format: 'docx',
    cover: tokens(coverLines.join('\n')),
    main: tokens(mainText),
    tables: docxTables(mainText),
    coverDate: at >= 0 ? (paragraphs[at + 1] ?? null) : null,
    text: plain,
  };
}

export async function readDocx(file: string, view: BriefingView, workDir: string): Promise<FormatRead> {
  return readDocxPlain(await docxPlain(file, workDir), view);
}

// --- all three ---------------------------------------------------------------

let serial = 0;

/** Write the three files under `dir`, read each back. */
export async function readAll(view: BriefingView, rendered: Rendered, dir: string): Promise<Record<FormatName, FormatRead>> {
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, `${view.id.replace(/[^\w.-]/g, '_')}-${process.pid}-${++serial}`);
  writeFileSync(`${stem}.html`, rendered.html);
  writeFileSync(`${stem}.pdf`, rendered.pdf);
  writeFileSync(`${stem}.docx`, rendered.docx);
  writeFileSync(`${stem}.parity.docx`, keepCoverInText(rendered.docx));
  const [pdf, docx] = await Promise.all([readPdf(`${stem}.pdf`, view), readDocx(`${stem}.parity.docx`, view, dir)]);
  return { html: readHtml(rendered.html), pdf, docx };
}

// --- comparing ---------------------------------------------------------------

/** Can the format's words from `i` stand for the view's words from `j`? Returns how many of each it takes. */
function matchAt(f: readonly FTok[], i: number, v: readonly Tok[], j: number, pdf: boolean): { di: number; dj: number } | null {
  const a = f[i];
  const b = v[j];
  if (!a || !b) return null;
  if (a.w === b.w) return { di: 1, dj: 1 };
  // Words on both sides of a superscript or note reference, glued.
  if (b.soft && a.w.startsWith(b.w)) {
    let joined = b.w;
    for (let k = j; v[k]?.soft && k + 1 < v.length; k++) {
      joined += v[k + 1].w;
      if (joined === a.w) return { di: 1, dj: k + 2 - j };
      if (!a.w.startsWith(joined)) break;
    }
  }
  if (!pdf) return null;
  // A long word the PDF broke at the end of a line.
  if (b.w.startsWith(a.w)) {
    let joined = a.w;
    for (let k = i + 1; k < f.length && f[k].lineStart; k++) {
      joined += f[k].w;
      if (joined === b.w) return { di: k + 1 - i, dj: 1 };
      if (!b.w.startsWith(joined)) break;
    }
  }
  // The PDF repeats a table's header row at the top of each page the table goes on to.
  if (a.pageStart && b.head) {
    const at = sequenceAt(f, i, plainSeq(b.head), true);
    const next = at == null ? null : matchAt(f, at, v, j, false);
    if (at != null && next) return { di: at - i + next.di, dj: next.dj };
  }
  return null;
}

/** Does the whole of `v` stand at `i`? Returns the index after it. */
function sequenceAt(f: readonly FTok[], i: number, v: readonly Tok[], pdf: boolean): number | null {
  let at = i;
  for (let j = 0; j < v.length;) {
    const m = matchAt(f, at, v, j, pdf);
    if (!m) return null;
    at += m.di;
    j += m.dj;
  }
  return at;
}

const plainSeq = (ws: readonly string[]): Tok[] => ws.map((w) => ({ w }));

export interface Comparison {
  /** Empty when the format shows the view's words. */
  problems: string[];
  /** Words compared (body and notes). */
  words: number;
  /** Long words the PDF broke at a line end (allowed). */
  splits: number;
}

function context(list: readonly Tok[], at: number): string {
  const before = list
    .slice(Math.max(0, at - 12), at)
    .map((t) => t.w)
    .join(' ');
  const after = list
    .slice(at, at + 12)
    .map((t) => t.w)
    .join(' ');
  return `…${before} ⟦${after}⟧…`;
}

/** Strip the contents (heading, then entries in order, each maybe with its page number) at the start of `f`. */
function stripContents(f: readonly FTok[], view: ViewWords, pdf: boolean): number {
  if (!view.contents) return 0;
  let i = sequenceAt(f, 0, plainSeq(view.contents.heading), false);
  if (i == null) return 0;
  const entries = view.contents.entries;
  for (let e = 0; e < entries.length; e++) {
    const next = sequenceAt(f, i, plainSeq(entries[e]), true);
    if (next == null) continue;
    i = next;
    const following = entries.slice(e + 1).find((x) => x.length);
    // The PDF prints each entry's page number after it (pandoc shows none).
    if (pdf && f[i] && /^\d+$/.test(f[i].w) && !(following && sequenceAt(f, i, plainSeq(following), true) != null)) i++;
  }
  return i;
}

/**
 * Compare the words read back from a format (`f`: everything after the
 * cover) with the view's: the body in order, each note once and whole
 * (number, then words), wherever it stands.
 */
export function compareWords(view: ViewWords, f: readonly FTok[], format: FormatName): Comparison {
  const pdf = format === 'pdf';
  const v = view.body;
  const problems: string[] = [];
  let splits = 0;
  let i = stripContents(f, view, pdf);
  let j = 0;
  const pending = new Map(view.notes.map((n) => [n.number, n]));
  const heading = plainSeq(view.notesHeading);
  const noteAt = (at: number): { number: number; end: number } | null => {
    const starts = [at];
    const afterHeading = heading.length ? sequenceAt(f, at, heading, pdf) : null;
    if (afterHeading != null) starts.unshift(afterHeading);
    for (const start of starts) {
      for (const note of pending.values()) {
        const end = sequenceAt(f, start, note.words, pdf);
        if (end != null) return { number: note.number, end };
      }
    }
    return null;
  };
  while (i < f.length || j < v.length) {
    const direct = j < v.length ? matchAt(f, i, v, j, pdf) : null;
    const note = pending.size ? noteAt(i) : null;
    // A note wins where the text does not go on, or where it ends a page (notes at the foot of a page).
    if (note && (!direct || note.end === f.length || f[note.end]?.pageStart || (heading.length && sequenceAt(f, i, heading, pdf) != null))) {
      pending.delete(note.number);
      i = note.end;
      continue;
    }
    if (direct) {
      if (direct.di > 1 && !f[i].pageStart) splits++;
      i += direct.di;
      j += direct.dj;
      continue;
    }
    // A word the PDF broke at the end of a page, with the notes of that page at its foot between the two pieces.
    if (pdf && f[i] && v[j] && v[j].w !== f[i].w && v[j].w.startsWith(f[i].w)) {
      const taken: number[] = [];
      let k = i + 1;
      for (let n = noteAt(k); n && !taken.includes(n.number); n = noteAt(k)) {
        taken.push(n.number);
        pending.delete(n.number);
        k = n.end;
      }
      let joined = f[i].w;
      while (taken.length && k < f.length && f[k].lineStart && v[j].w.startsWith(joined + f[k].w) && joined !== v[j].w) joined += f[k++].w;
      if (taken.length && joined === v[j].w) {
        splits++;
        i = k;
        j++;
        continue;
      }
      // Not so: the notes stay to be found.
      for (const number of taken)
        pending.set(
          number,
          view.notes.find((n) => n.number === number)!,
        );
    }
    problems.push(
      `${format}: the words differ at view word ${j} of ${v.length}, ${format} word ${i} of ${f.length}\n  view:   ${context(v, j)}\n  ${format}: ${context(f, i)}`,
    );
    break;
  }
  if (!problems.length)
    for (const n of pending.values()) problems.push(`${format}: note ${n.number} is missing or differs: ${n.words.map((t) => t.w).join(' ')}`);
  return { problems, words: v.length + view.notes.reduce((s, n) => s + n.words.length, 0), splits };
}

/** Compare the cover's words: the same sequence. */
export function compareCover(view: ViewWords, cover: readonly FTok[], format: FormatName): string[] {
  const end = sequenceAt(cover, 0, view.cover, format === 'pdf');
  if (end === cover.length) return [];
  return [`${format}: cover words differ\n  view:   ${view.cover.map((t) => t.w).join(' ')}\n  ${format}: ${cover.map((t) => t.w).join(' ')}`];
}

// --- annex tables ------------------------------------------------------------

/** The header rows of the annex tables (labels of the view). */
export function tableHeaders(view: BriefingView): string[][] {
  const l = view.labels;
  return [
    [l.paragraph, l.actor, l.verb, l.strength, l.clause],
    [l.acronym, l.expansion, l.origin, l.firstUse],
    [l.instrument, l.citedIn],
  ];
}

const sameHeader = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => collapse(x) === collapse(b[i]));

/** Rows of every table read back whose header is `header`, in order. */
export function rowsUnder(read: FormatRead, header: readonly string[]): string[][] {
  return read.tables.filter((t) => sameHeader(t.header, header)).flatMap((t) => t.rows);
}

/** The commitment rows of the view, in the order the annex shows them (the strongest, then each group). */
export function viewCommitmentRows(view: BriefingView): CommitmentRow[] {
  const out: CommitmentRow[] = [];
  for (const p of view.parts) {
    if (p.kind !== 'annexes') continue;
    for (const a of p.annexes) {
      if (a.kind !== 'commitments') continue;
      if (a.strongest) out.push(...a.strongest.rows);
      for (const g of a.groups) out.push(...g.rows);
    }
  }
  return out;
}

/** A row as compared: ref label, actor, verb, strength label, clause text. */
export const rowCells = (r: CommitmentRow): string[] => [r.ref.label, r.actor, r.verb, r.strengthLabel, r.text].map(collapse);

/**
 * Cells equal, white space collapsed, NFKC (pdftotext gives a ligature of
 * the source, ﬁ, as its letters). In a PDF cell a line break stands for a
 * space, or for nothing where the line broke a word, and a hyphen before it
 * may be one the PDF added.
 */
export function sameCell(expected: string, actual: string, format: FormatName): boolean {
  const e = collapse(expected).normalize('NFKC');
  const a = collapseKeepingBreaks(actual).normalize('NFKC');
  if (format !== 'pdf') return e === a;
  const seen = new Set<string>();
  const at = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (j === a.length) return i === e.length;
    if (a[j] === LINE_BREAK) return (e[i] === ' ' && at(i + 1, j + 1)) || at(i, j + 1);
    if (a[j] === '-' && a[j + 1] === LINE_BREAK && at(i, j + 2)) return true;
    return e[i] === a[j] && at(i + 1, j + 1);
  };
  return at(0, 0);
}

/** Differences between expected rows and rows read back (empty when the same). */
export function compareRows(expected: readonly string[][], actual: readonly string[][], format: FormatName, what: string): string[] {
  const problems: string[] = [];
  if (expected.length !== actual.length) problems.push(`${format}: ${what}: ${actual.length} rows, the view has ${expected.length}`);
  const n = Math.min(expected.length, actual.length);
  for (let r = 0; r < n && problems.length < 5; r++) {
    const e = expected[r];
    const a = actual[r];
    if (e.length !== a.length || e.some((cell, c) => !sameCell(cell, a[c] ?? '', format))) {
      problems.push(`${format}: ${what}: row ${r + 1} differs\n  view:   ${JSON.stringify(e)}\n  ${format}: ${JSON.stringify(a)}`);
    }
  }
  if (expected.length !== actual.length && problems.length < 5) {
    problems.push(`  view rows:   ${JSON.stringify(expected.map((r) => r[0]))}\n  ${format} rows: ${JSON.stringify(actual.map((r) => r[0]))}`);
  }
  return problems;
}

/** The cross-reference labels of the annexes: commitments, glossary (first use), instruments (cited in), as the view gives them. */
export function viewRefLabels(view: BriefingView): { commitments: string[]; glossary: string[]; instruments: string[] } {
  const out = { commitments: viewCommitmentRows(view).map((r) => r.ref.label), glossary: [] as string[], instruments: [] as string[] };
  for (const p of view.parts) {
    if (p.kind !== 'annexes') continue;
    for (const a of p.annexes) {
      if (a.kind === 'glossary') out.glossary.push(...a.rows.map((r) => r.firstUse.label));
      if (a.kind === 'instruments') out.instruments.push(...a.rows.map((r) => (r.citations.length ? r.citations.map((c) => c.label).join(', ') : '—')));
    }
  }
  return out;
}

/** The same labels, as read back from a format. */
export function readRefLabels(view: BriefingView, read: FormatRead): { commitments: string[]; glossary: string[]; instruments: string[] } {
  const [commitments, glossary, instruments] = tableHeaders(view);
  return {
    commitments: rowsUnder(read, commitments).map((r) => r[0] ?? ''),
    glossary: rowsUnder(read, glossary).map((r) => r[3] ?? ''),
    instruments: rowsUnder(read, instruments).map((r) => r[1] ?? ''),
  };
}

// --- running many -------------------------------------------------------------

/** Map `items` with at most `limit` at a time (renders overlap with the clients of the others). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// --- links -------------------------------------------------------------------

/** A link as a format shows it: its words, and where it goes (an address, or an anchor of the document). */
export interface ReadLink {
  text: string;
  kind: 'external' | 'internal';
  target: string;
}

/** Links of the HTML page, in document order (furniture left out: the contents, permalinks, back-links, the skip link). */
export function htmlLinks(html: string): ReadLink[] {
  const document = parse(html);
  const out: ReadLink[] = [];
  const walk = (n: Node) => {
    if (isElement(n)) {
      if (classes(n).some((c) => FURNITURE.includes(c)) || (n.tagName === 'nav' && classes(n).includes('contents'))) return;
      const href = n.tagName === 'a' ? attr(n, 'href') : undefined;
      if (href != null) {
        out.push({ text: collapse(htmlText(n)), kind: href.startsWith('#') ? 'internal' : 'external', target: href.startsWith('#') ? href.slice(1) : href });
        return;
      }
    }
    for (const c of childrenOf(n)) walk(c);
  };
  walk(document);
  return out;
}

type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/** Links of a PDF (link annotations, read with qpdf), with the words under each (pdftotext -bbox), pieces of one link joined. */
export async function pdfLinks(file: string): Promise<ReadLink[]> {
  const [{ stdout: json }, { stdout: bbox }] = await Promise.all([
    run('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', file], { maxBuffer: 256 * 1024 * 1024 }),
    run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024 }),
  ]);
  const data = JSON.parse(json) as { pages: Array<{ object: string }>; qpdf: [unknown, Record<string, { value: QpdfValue }>] };
  const objects = data.qpdf[1];
  const deref = (v: QpdfValue | undefined): QpdfValue | undefined => (typeof v === 'string' && / \d+ R$/.test(v) ? objects[`obj:${v}`]?.value : v);
  const str = (v: QpdfValue | undefined) => (typeof v === 'string' ? v.replace(/^[ub]:/, '') : '');
  const pages = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    height: Number(m[2]),
    words: [...m[3].matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => ({
      text: unescapeXml(w[5]),
      x: (Number(w[1]) + Number(w[3])) / 2,
      y: (Number(w[2]) + Number(w[4])) / 2,
    })),
  }));
  const out: Array<ReadLink & { page: number }> = [];
  data.pages.forEach((p, k) => {
    const page = deref(objects[`obj:${p.object}`]?.value) as Record<string, QpdfValue> | undefined;
    const annots = deref(page?.['/Annots']);
    if (!Array.isArray(annots)) return;
    for (const ref of annots) {
      const annot = deref(ref) as Record<string, QpdfValue> | undefined;
      if (!annot || annot['/Subtype'] !== '/Link') continue;
      const action = deref(annot['/A']) as Record<string, QpdfValue> | undefined;
      let link: Omit<ReadLink, 'text'> | null = null;
      if (action?.['/S'] === '/URI') link = { kind: 'external', target: str(action['/URI']) };
      else if (action?.['/S'] === '/GoTo') link = { kind: 'internal', target: str(action['/D']) };
      else if (annot['/Dest'] != null) link = { kind: 'internal', target: str(annot['/Dest']) };
      if (!link) continue;
      const [x0, y0, x1, y1] = (annot['/Rect'] as number[]).map(Number);
      const height = pages[k]?.height ?? 0;
      const under = (pages[k]?.words ?? []).filter((w) => w.x >= x0 && w.x <= x1 && w.y >= height - y1 && w.y <= height - y0);
      const text = under.map((w) => w.text).join(' ');
      const last = out[out.length - 1];
      // One link set in several runs (or lines) has an annotation per piece.
      if (last && last.kind === link.kind && last.target === link.target && last.page === k) last.text = collapse(`${last.text} ${text}`);
      else out.push({ ...link, text: collapse(text), page: k });
    }
  });
  return out.map(({ text, kind, target }) => ({ text, kind, target }));
}

interface PandocNode {
  t: string;
  c?: unknown;
}

/** Links of a Word file, as pandoc reads them (`-t json`): external addresses, and internal ones to a bookmark. */
export async function docxLinks(file: string): Promise<ReadLink[]> {
  const { stdout } = await run('pandoc', ['-f', 'docx', '-t', 'json', file], { maxBuffer: 256 * 1024 * 1024 });
  const out: ReadLink[] = [];
  const text = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(text).join('');
    if (!v || typeof v !== 'object') return '';
    const n = v as PandocNode;
    if (n.t === 'Str') return String(n.c);
    if (n.t === 'Space' || n.t === 'SoftBreak' || n.t === 'LineBreak') return ' ';
    return text(n.c);
  };
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const n = v as PandocNode;
    if (n.t === 'Link') {
      const [, inlines, [url]] = n.c as [unknown, unknown, [string, string]];
      out.push({ text: collapse(text(inlines)), kind: url.startsWith('#') ? 'internal' : 'external', target: url.startsWith('#') ? url.slice(1) : url });
      return;
    }
    for (const value of Object.values(n)) walk(value);
  };
  walk((JSON.parse(stdout) as { blocks: unknown }).blocks);
  return out;
}

/** Headings of a Word file as pandoc reads them (`-t json`): level and words, in order. */
export async function docxHeadings(file: string): Promise<Array<{ level: number; text: string }>> {
  const { stdout } = await run('pandoc', ['-f', 'docx', '-t', 'json', file], { maxBuffer: 256 * 1024 * 1024 });
  const text = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(text).join('');
    if (!v || typeof v !== 'object') return '';
    const n = v as PandocNode;
    if (n.t === 'Str') return String(n.c);
    if (n.t === 'Space' || n.t === 'SoftBreak' || n.t === 'LineBreak') return ' ';
    return text(n.c);
  };
  return ((JSON.parse(stdout) as { blocks: PandocNode[] }).blocks ?? [])
    .filter((b) => b.t === 'Header')
    .map((b) => {
      const [level, , inlines] = b.c as [number, unknown, unknown];
      return { level, text: collapse(text(inlines)) };
    });
}

/**
 * Reading a pack back, format by format, for cross-format parity: the text a
 * reader gets, the headings in order, and the number each numbered
 * paragraph shows.
 * - HTML: parse5; headings are h1–h6; a numbered paragraph is the element
 *   with its id, showing `span.num`.
 * - DOCX: word/document.xml (and footnotes.xml for the notes' words);
 *   headings are paragraphs styled Heading1–9; a numbered paragraph carries
 *   a bookmark named by its id, and shows the number Word gives it from
 *   numbering.xml (simulated here: a w:num with a startOverride counts on
 *   its own; without one it shares its abstractNum's counter).
 * - PDF: pdftotext -layout for the text and the numbers (a numbered
 *   paragraph starts a line with `N.` followed by its first words), and the
 *   document outline (qpdf --json) for the headings.
 */
import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { parsePage, attr, elements, textOf, type Element } from './html-page.js';
import { parseXml, all, type XmlElement } from './ooxml.js';
import { words } from './words.js';

export interface ReadBack {
  text: string;
  headings: string[];
  /** The number shown by each paragraph id asked for (null when the id is not found or shows none). */
  numbers: Map<string, number | null>;
}

export function readHtml(html: string, ids: readonly string[]): ReadBack {
  const page = parsePage(html);
  const headings = page.all.filter((e) => /^h[1-6]$/.test(e.tagName)).map((e) => textOf(e));
  const numbers = new Map<string, number | null>();
  for (const id of ids) {
    const el = page.byId.get(id);
    const num = el ? elements(el).find((e: Element) => e.tagName === 'span' && (attr(e, 'class') ?? '').split(/\s+/).includes('num')) : undefined;
    const m = num ? /(\d+)/.exec(textOf(num)) : null;
    numbers.set(id, m ? Number(m[1]) : null);
  }
  return { text: page.text, headings, numbers };
}

function xmlText(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'w:t') s += c.children.filter((x): x is string => typeof x === 'string').join('');
    else if (c.name === 'w:tab' || c.name === 'w:br' || c.name === 'w:cr') s += ' ';
    else if (c.name !== 'w:instrText' && c.name !== 'w:delText') s += xmlText(c);
  }
  return s;
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** Word's numbering, simulated for the paragraphs that carry w:numPr. */
class WordNumbering {
  private readonly abstractOf = new Map<string, string>();
  private readonly overrides = new Map<string, Map<string, number>>();
  private readonly starts = new Map<string, Map<string, number>>();
  private readonly counters = new Map<string, number>();

  constructor(numbering: XmlElement | null) {
    if (!numbering) return;
    for (const a of all(numbering, 'w:abstractNum')) {
      const levels = new Map<string, number>();
      for (const l of all(a, 'w:lvl')) levels.set(l.attrs['w:ilvl'], Number(child(l, 'w:start')?.attrs['w:val'] ?? 1));
      this.starts.set(a.attrs['w:abstractNumId'], levels);
    }
    for (const n of all(numbering, 'w:num')) {
      this.abstractOf.set(n.attrs['w:numId'], child(n, 'w:abstractNumId')?.attrs['w:val'] ?? '');
      const o = new Map<string, number>();
      for (const lo of all(n, 'w:lvlOverride')) {
        const start = child(lo, 'w:startOverride');
        if (start) o.set(lo.attrs['w:ilvl'], Number(start.attrs['w:val']));
      }
      this.overrides.set(n.attrs['w:numId'], o);
    }
  }

  /** The value Word shows for the next paragraph of list `numId` at level `ilvl`. */
  next(numId: string, ilvl: string): number | null {
    if (numId === '0' || !this.abstractOf.has(numId)) return null;
    const abstract = this.abstractOf.get(numId)!;
    const override = this.overrides.get(numId)?.get(ilvl);
    const base = override != null ? `num ${numId}` : `abstract ${abstract}`;
    const key = `${base} ${ilvl}`;
    const value = this.counters.has(key) ? this.counters.get(key)! + 1 : (override ?? this.starts.get(abstract)?.get(ilvl) ?? 1);
    this.counters.set(key, value);
    // A paragraph at one level restarts the levels below it.
    for (const k of [...this.counters.keys()]) if (k.startsWith(`${base} `) && Number(k.slice(base.length + 1)) > Number(ilvl)) this.counters.delete(k);
    return value;
  }
}

export function readDocx(bytes: Uint8Array, ids: readonly string[]): ReadBack {
  const parts = unzipSync(bytes);
  const part = (name: string) => (parts[name] ? parseXml(strFromU8(parts[name])) : null);
  const document = part('word/document.xml')!;
  const numbering = new WordNumbering(part('word/numbering.xml'));
  const wanted = new Set(ids);
  const headings: string[] = [];
  const numbers = new Map<string, number | null>(ids.map((id) => [id, null]));
  const texts: string[] = [];
  for (const p of all(document, 'w:p')) {
    const text = xmlText(p);
    texts.push(text);
    const pPr = child(p, 'w:pPr');
    const style = pPr ? child(pPr, 'w:pStyle')?.attrs['w:val'] : undefined;
    if (style && /^Heading\d$/.test(style)) headings.push(text);
    const numPr = pPr ? child(pPr, 'w:numPr') : undefined;
    const shown = numPr ? numbering.next(child(numPr, 'w:numId')?.attrs['w:val'] ?? '0', child(numPr, 'w:ilvl')?.attrs['w:val'] ?? '0') : null;
    for (const b of all(p, 'w:bookmarkStart')) {
      const name = b.attrs['w:name'];
      if (!wanted.has(name)) continue;
      const typed = /^\s*(\d+)\.\s/.exec(text);
      numbers.set(name, shown ?? (typed ? Number(typed[1]) : null));
    }
  }
  for (const extra of ['word/footnotes.xml', 'word/endnotes.xml']) {
    const x = part(extra);
    if (x) for (const p of all(x, 'w:p')) texts.push(xmlText(p));
  }
  return { text: texts.join('\n'), headings, numbers };
}

/** `expected` numbered paragraphs (number and text), in order: the numbers a PDF shows at the start of their lines, in order. */
export function readPdf(pdf: string, expected: ReadonlyArray<{ id: string; number: number; text: string }>): ReadBack {
  const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Hangul, kana and Han text may break between any two characters at a line end: join those lines again.
  const cjk = '\\p{scx=Hangul}\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}';
  const text = layout.replace(new RegExp(`([${cjk}])[ \\t]*\\n[ \\t]*(?=[${cjk}])`, 'gu'), '$1');
  const outline = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
    outlines: Outline[];
  };
  const headings: string[] = [];
  const walk = (list: Outline[]) => {
    for (const o of list) {
      headings.push(o.title);
      walk(o.kids ?? []);
    }
  };
  walk(outline.outlines);
  // The body starts after the contents page: look for numbers from the first paragraph's line on.
  const lines = text.split('\n');
  const numbers = new Map<string, number | null>();
  let from = 0;
  for (const p of expected) {
    const opening = words(p.text).slice(0, 2).join(' ');
    const at = lines.findIndex((line, i) => {
      if (i < from) return false;
      const m = /^\s*(\d+)\.(?:\s+(.*))?$/.exec(line);
      if (!m || Number(m[1]) !== p.number) return false;
      // When the number sits alone (the paragraph opens with a block), the first words are on the next line that has any.
      const next = lines.slice(i + 1, i + 4).find((l) => l.trim() !== '') ?? '';
      const rest = `${m[2] ?? ''} ${next}`;
      return opening === '' || words(rest).join(' ').startsWith(opening);
    });
    numbers.set(p.id, at >= 0 ? p.number : null);
    if (at >= 0) from = at + 1;
  }
  return { text, headings, numbers };
}

interface Outline {
  title: string;
  kids?: Outline[];
}

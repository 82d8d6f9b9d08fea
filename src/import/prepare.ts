/**
 * Import (docx): the pass over the Word XML that mammoth cannot make.
 *
 * mammoth turns runs, links, notes and tables into HTML well, but it writes
 * lists without their numbers and forgets styles, indents and bookmarks. So
 * before mammoth reads the package, this pass walks every paragraph of the
 * body and the notes, computes its Word number (numbering.ts), notes its
 * style, heading level, indent and bookmarks, and puts a marker run at its
 * start: a private-use character pair around the paragraph's index into
 * `paragraphs`. mammoth carries the marker into its HTML, where the
 * assembler (assemble.ts) reads it back. numbering.xml is emptied for mammoth,
 * so it writes every paragraph as a paragraph and the assembler builds the
 * lists.
 *
 * A briefpack DOCX (recognised by its parts: a cover in the first section,
 * the "text" and "annexes" bookmarks, briefpack's styles) is cut back to the
 * source it came from: the cover becomes front matter, the contents and the
 * annexes (which briefpack generates) are left out. A contents field in any
 * Word file is left out too; everything else of a generic Word file is kept.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Element } from './xml.js';
import { attr, descendants, kid, kids, parseXmlPart, path, rootElement, val, wordText } from './xml.js';
import { Styles, leftIndent } from './styles.js';
import { Numbering, type ListLabel } from './numbering.js';

export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
export const MARKER = /\uE000(\d+)\uE001/g;

export interface ParagraphInfo {
  part: 'body' | 'note';
  styleId: string | null;
  styleName: string | null;
  /** Heading level 1-9 (style name or outline level), null for body text. */
  heading: number | null;
  /** Word's "Title" style. */
  title: boolean;
  list: ListLabel | null;
  /** Left indent of the paragraph's text, in twips. */
  indent: number;
  align: 'left' | 'right' | 'center' | null;
  bookmarks: string[];
  inTable: boolean;
  /** Set on the first paragraph of a table's first cell: the table's indent in twips. */
  tableIndent: number | null;
  /** An empty paragraph with a bottom border: a horizontal rule. */
  rule: boolean;
  preformatted: boolean;
  quote: boolean;
  footnoteText: boolean;
  /** The paragraph's text as Word shows it (numbers not included). */
  text: string;
}

export interface CoverData {
  title?: string;
  kind?: string;
  marking?: string;
  meeting?: string;
  venue?: string;
  date?: string;
  chair?: string;
  shortTitle?: string;
}

export interface Prepared {
  /** The package mammoth reads: markers in, numbering out, generated parts cut. */
  docx: Uint8Array;
  paragraphs: ParagraphInfo[];
  /** Made by briefpack: its parts are recognised. */
  briefpack: boolean;
  /** The cover's fields (briefpack DOCX only), as label → value, in order. */
  cover: Array<{ style: string; label: string | null; value: string }>;
  shortTitle: string | null;
  core: Record<string, string>;
  application: string | null;
  language: string | null;
  /** Parts left out, for messages: "contents", "annexes". */
  skipped: string[];
  /** Plain text of the whole body, for checks on the properties' dates. */
  bodyText: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export class NotAWordFile extends Error {}

/** A Word file whose parts (images aside) unpack to more than this is refused: a text is never that large. */
export const MAX_UNZIPPED_BYTES = 256 * 2 ** 20;

export function prepareDocx(bytes: Uint8Array): Prepared {
  let files: Record<string, Uint8Array>;
  const head = Array.from(bytes.subarray(0, 5), (b) => b.toString(16).padStart(2, '0')).join('');
  if (head.startsWith('d0cf11e0')) throw new NotAWordFile('a Word 97-2003 (.doc) file: save it as .docx (Word Document) first');
  if (head === '255044462d') throw new NotAWordFile('a PDF file: briefpack imports Word files (.docx) only');
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        // Images are never imported (their alt text is in document.xml): they are not even inflated.
        if (/^word\/media\//.test(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new NotAWordFile(`its parts unpack to more than ${MAX_UNZIPPED_BYTES / 2 ** 20} MiB`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof NotAWordFile) throw error;
    throw new NotAWordFile(`not a zip package (${error instanceof Error ? error.message : String(error)})`);
  }
  const documentName = mainDocumentName(files);
  if (!documentName || !files[documentName]) throw new NotAWordFile('no word/document.xml: not a Word document');
  const part = (name: string) => rootElement(parseXmlPart(files[name]));
  const styles = new Styles(part('word/styles.xml'));
  const numbering = new Numbering(part('word/numbering.xml'), styles);
  const core = coreProperties(part('docProps/core.xml'));
  const application =
    path(part('docProps/app.xml') ?? undefined, 'Application')
      ?.children.map((c) => (c.type === 'text' ? c.value : ''))
      .join('') ?? null;

  const documentXml = strFromU8(files[documentName]);
  const documentRoot = rootElement(parseXmlPart(files[documentName]));
  const body = kid(documentRoot, 'w:body');
  if (!body) throw new NotAWordFile('word/document.xml has no body');

  const bookmarkNames = new Set(descendants(body, 'w:bookmarkStart').map((b) => attr(b, 'w:name') ?? ''));
  const briefpack = bookmarkNames.has('text') && (application?.startsWith('briefpack') === true || styles.has('CoverDetail') || bookmarkNames.has('annexes'));

  const paragraphs: ParagraphInfo[] = [];
  const skipped = new Set<string>();
  const cover: Prepared['cover'] = [];
  const walker = new Walker(styles, numbering, paragraphs, briefpack);

  // The body: cover, contents and annexes handled at the top level; everything else walked.
  const edits: Edit[] = [];
  const top = kids(body).filter((el) => el.name !== 'w:sectPr');
  let i = 0;
  if (briefpack) {
    // The cover is the first section: up to the paragraph that carries its w:sectPr.
    const end = top.findIndex((el) => el.name === 'w:p' && kid(kid(el, 'w:pPr'), 'w:sectPr'));
    if (end >= 0 && top.slice(0, end + 1).every((el) => el.name === 'w:p')) {
      let label: string | null = null;
      for (const p of top.slice(0, end + 1)) {
        const style = val(kid(p, 'w:pPr'), 'w:pStyle') ?? '';
        const text = visibleText(p).trim();
        if (style === 'CoverLabel') label = text;
        else if (text) {
          cover.push({ style, label: style === 'CoverDetail' ? label : null, value: text });
          label = null;
        }
      }
      edits.push(cut(top[0], top[end]));
      i = end + 1;
    }
  }
  for (; i < top.length; i++) {
    const el = top[i];
    if (isContents(el, styles)) {
      edits.push(cut(el, el));
      skipped.add('contents');
      continue;
    }
    if (briefpack && el.name === 'w:p' && bookmarksOf(el).includes('annexes')) {
      edits.push(cut(el, top[top.length - 1]));
      skipped.add('annexes');
      break;
    }
    walker.walk(el, edits, false);
  }
  files[documentName] = strToU8(applyEdits(documentXml, edits));

  for (const [name, noteName] of [
    ['word/footnotes.xml', 'w:footnote'],
    ['word/endnotes.xml', 'w:endnote'],
  ] as const) {
    const bytesOf = files[name];
    if (!bytesOf) continue;
    const xml = strFromU8(bytesOf);
    const root = rootElement(parseXmlPart(bytesOf));
    const noteEdits: Edit[] = [];
    for (const note of kids(root, noteName)) {
      const type = attr(note, 'w:type');
      if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
      walker.part = 'note';
      for (const el of kids(note)) walker.walk(el, noteEdits, false);
    }
    files[name] = strToU8(applyEdits(xml, noteEdits));
  }
  // mammoth must not build lists: the assembler does, with Word's numbers.
  if (files['word/numbering.xml'])
    files['word/numbering.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    );

  // The running header holds the marking (style Marking) above the short title (style Header).
  let shortTitle: string | null = null;
  if (briefpack) {
    for (const name of Object.keys(files)
      .filter((n) => /^word\/header\d*\.xml$/.test(n))
      .sort()) {
      for (const p of descendants(rootElement(parseXmlPart(files[name]))!, 'w:p')) {
        const style = val(kid(p, 'w:pPr'), 'w:pStyle') ?? '';
        const text = visibleText(p).split('\t')[0].trim();
        if (!text) continue;
        if (style === 'Marking') {
          if (!cover.some((c) => c.style === 'Marking')) cover.push({ style: 'Marking', label: null, value: text });
        } else shortTitle ??= text;
      }
    }
  }

  const language = core.language ?? styles.defaultLanguage ?? null;
  return {
    docx: zipSync(files, { level: 0 }),
    paragraphs,
    briefpack,
    cover,
    shortTitle,
    core,
    application,
    language,
    skipped: [...skipped],
    bodyText: paragraphs
      .filter((p) => p.part === 'body')
      .map((p) => p.text)
      .join('\n'),
  };
}

/** Walks paragraphs and tables, recording each paragraph and marking it. */
class Walker {
  part: 'body' | 'note' = 'body';
  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
    private readonly paragraphs: ParagraphInfo[],
    private readonly briefpack: boolean,
  ) {}

  walk(el: Element, edits: Edit[], inTable: boolean, tableIndent: number | null = null): void {
    switch (el.name) {
      case 'w:p':
        this.paragraph(el, edits, inTable, tableIndent);
        return;
      case 'w:tbl': {
        const indent = Number(attr(path(el, 'w:tblPr', 'w:tblInd'), 'w:w') ?? 0) || 0;
        let first = true;
        for (const tr of kids(el, 'w:tr'))
          for (const tc of kids(tr, 'w:tc'))
            for (const c of kids(tc)) {
              this.walk(c, edits, true, first ? indent : null);
              if (c.name === 'w:p') first = false;
            }
        return;
      }
      case 'w:sdt':
        for (const c of kids(kid(el, 'w:sdtContent'))) this.walk(c, edits, inTable, tableIndent);
        return;
      case 'w:customXml':
      case 'w:ins':
      case 'w:moveTo':
        for (const c of kids(el)) this.walk(c, edits, inTable, tableIndent);
        return;
      default:
        return;
    }
  }

  private paragraph(p: Element, edits: Edit[], inTable: boolean, tableIndent: number | null): void {
    const pPr = kid(p, 'w:pPr');
    const styleId = val(pPr, 'w:pStyle') ?? null;
    const place = this.numbering.placeOf(pPr, styleId);
    const list = place ? this.numbering.next(place.numId, place.level) : null;
    const text = visibleText(p);
    const direct = leftIndent(kid(pPr, 'w:ind'));
    const preformatted = this.styles.isNamed(styleId, /^(htmlpreformatted|preformattedtext|sourcecode|code|plaintext)$/);
    const quote = this.styles.isNamed(styleId, /^(quote|intensequote|quotations|blocktext|blockquote)$/);
    // A quote or code style's own indent is its look, not a place under a list item.
    const indent = direct ?? (list ? list.indent : null) ?? (quote || preformatted ? 0 : this.styles.indent(styleId)) ?? 0;
    const jc = val(pPr, 'w:jc');
    const info: ParagraphInfo = {
      part: this.part,
      styleId,
      styleName: this.styles.name(styleId),
      heading: inTable || this.part === 'note' ? null : (this.styles.headingLevel(styleId) ?? outlineLevel(pPr)),
      title: !inTable && this.styles.isNamed(styleId, /^title$/),
      list: list && (list.ordered || list.format === 'bullet') ? list : null,
      indent,
      align: jc === 'right' || jc === 'end' ? 'right' : jc === 'center' ? 'center' : jc === 'left' || jc === 'start' ? 'left' : null,
      bookmarks: bookmarksOf(p),
      inTable,
      tableIndent,
      rule: !text.trim() && kid(kid(pPr, 'w:pBdr'), 'w:bottom') !== undefined,
      preformatted,
      quote,
      footnoteText: this.styles.isNamed(styleId, /^(footnotetext|endnotetext)$/),
      text,
    };
    const index = this.paragraphs.push(info) - 1;
    const marker = `<w:r><w:t xml:space="preserve">${MARK_OPEN}${index}${MARK_CLOSE}</w:t></w:r>`;
    const start = p.position!.start.offset!;
    const end = p.position!.end.offset!;
    if (pPr) edits.push({ start: pPr.position!.end.offset!, end: pPr.position!.end.offset!, text: marker });
    else {
      const firstChild = kids(p)[0];
      if (firstChild) edits.push({ start: firstChild.position!.start.offset!, end: firstChild.position!.start.offset!, text: marker });
      else edits.push({ start, end, text: `<w:p>${marker}</w:p>` });
    }
    // Notes briefpack adds for translators ("[Untranslated: source text shown]") are not text.
    if (this.briefpack) for (const r of descendants(p, 'w:r')) if (val(kid(r, 'w:rPr'), 'w:rStyle') === 'TranslationNote') edits.push(cut(r, r));
    // Tables nested in a paragraph do not exist in Word; text boxes are read by mammoth as they are.
  }
}

function outlineLevel(pPr: Element | undefined): number | null {
  const v = val(pPr, 'w:outlineLvl');
  if (v === undefined) return null;
  const n = Number(v);
  return n >= 0 && n <= 8 ? n + 1 : null;
}

/** Text of a paragraph without briefpack's translation notes. */
function visibleText(p: Element): string {
  let s = '';
  for (const c of kids(p)) {
    if (c.name === 'w:r' && val(kid(c, 'w:rPr'), 'w:rStyle') === 'TranslationNote') continue;
    if (c.name === 'w:pPr') continue;
    s += wordText(c);
  }
  return s;
}

function bookmarksOf(el: Element): string[] {
  return descendants(el, 'w:bookmarkStart')
    .map((b) => attr(b, 'w:name') ?? '')
    .filter(Boolean);
}

/** A contents field (a `w:sdt` of the "Table of Contents" gallery) or a contents paragraph (TOC styles). */
function isContents(el: Element, styles: Styles): boolean {
  if (el.name === 'w:sdt') {
    const gallery = val(path(el, 'w:sdtPr', 'w:docPartObj'), 'w:docPartGallery');
    return gallery === 'Table of Contents';
  }
  if (el.name !== 'w:p') return false;
  const style = val(kid(el, 'w:pPr'), 'w:pStyle') ?? null;
  if (!style) return false;
  return styles.isNamed(style, /^(toc[1-9]|toc|tocheading|contents[1-9]|contentsheading)$/);
}

function cut(from: Element, to: Element): Edit {
  return { start: from.position!.start.offset!, end: to.position!.end.offset!, text: '' };
}

/** Apply non-overlapping edits (a cut that contains other edits wins over them). */
function applyEdits(text: string, edits: Edit[]): string {
  // At one place, insertions go before cuts (a marker goes in, then the run after it is cut).
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

function mainDocumentName(files: Record<string, Uint8Array>): string | null {
  const types = files['[Content_Types].xml'];
  if (types) {
    const m = /PartName="\/([^"]+)"\s+ContentType="application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml"/.exec(
      strFromU8(types),
    );
    const m2 = /ContentType="application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml"\s+PartName="\/([^"]+)"/.exec(
      strFromU8(types),
    );
    const name = m?.[1] ?? m2?.[1];
    if (name === 'word/document.xml') return name;
  }
  return files['word/document.xml'] ? 'word/document.xml' : null;
}

function coreProperties(root: Element | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of kids(root)) {
    const name = el.name.replace(/^.*:/, '');
    const text = el.children
      .map((c) => (c.type === 'text' ? c.value : ''))
      .join('')
      .trim();
    if (text) out[name] = text;
  }
  return out;
}

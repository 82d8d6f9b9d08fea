/**
 * Run phase (docx): model inline content -> Word runs.
 *
 * Bold, italic, strike and code are run properties (code is the "HTML Code"
 * character style); links to http, https and mailto become hyperlinks,
 * `#id` links to a paragraph of the text become internal links, any other
 * link keeps only its text. Raw inline HTML shows its text, with `<sup>` and
 * `<sub>` as super- and subscript; images show their alt text and are never
 * fetched.
 */
import { ExternalHyperlink, FootnoteReferenceRun, InternalHyperlink, TextRun, type ParagraphChild } from 'docx';
import type { Inline, Position } from '../../model/schema.js';
import { htmlToText } from '../../model/raw-html.js';
import type { DocxContext } from './docx-context.js';
import { STYLE } from './styles.js';

interface Format {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
}

/** Super/subscript opened by raw `<sup>`/`<sub>` tags: it spans sibling nodes, so it lives for one paragraph. */
interface HtmlState {
  sup: number;
  sub: number;
}

export interface InlineOptions {
  /** Where the content comes from, for diagnostics. */
  position?: Position | null;
  /** Inside a footnote: Word footnotes cannot hold footnote references. */
  inFootnote?: boolean;
}

const SAFE_URL = /^(https?:|mailto:)/i;
const UNSAFE_URL = /^\s*(javascript|vbscript|data|file):/i;

/** Word runs for inline content. */
export function inlineRuns(nodes: readonly Inline[], dc: DocxContext, options: InlineOptions = {}): ParagraphChild[] {
  return walk(nodes, dc, options, {}, { sup: 0, sub: 0 });
}

function walk(nodes: readonly Inline[], dc: DocxContext, options: InlineOptions, format: Format, html: HtmlState): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(textRun(node.value, format, html));
        break;
      case 'emphasis':
        out.push(...walk(node.children, dc, options, { ...format, italics: true }, html));
        break;
      case 'strong':
        out.push(...walk(node.children, dc, options, { ...format, bold: true }, html));
        break;
      case 'delete':
        out.push(...walk(node.children, dc, options, { ...format, strike: true }, html));
        break;
      case 'inlineCode':
        out.push(textRun(node.value, { ...format, code: true }, html));
        break;
      case 'break':
        out.push(new TextRun({ break: 1 }));
        break;
      case 'image':
        if (/^https?:/i.test(node.url)) dc.report('image-remote', `Image ${node.url} is never fetched; its alt text is shown`, options.position ?? null);
        if (node.alt) out.push(textRun(node.alt, format, html));
        break;
      case 'html':
        out.push(...htmlRuns(node.value, format, html));
        break;
      case 'footnoteReference':
        out.push(footnoteReference(node.identifier, node.label, dc, options, format));
        break;
      case 'link':
        out.push(...link(node, dc, options, format, html));
        break;
    }
  }
  return out;
}

function link(node: Extract<Inline, { type: 'link' }>, dc: DocxContext, options: InlineOptions, format: Format, html: HtmlState): ParagraphChild[] {
  const url = node.url.trim();
  if (SAFE_URL.test(url)) {
    const children = walk(node.children, dc, options, { ...format, link: true }, html);
    return [new ExternalHyperlink({ link: url, children })];
  }
  const anchor = url.startsWith('#') ? dc.bookmarks.name(decodeURIComponent(url.slice(1))) : null;
  if (anchor) {
    const children = walk(node.children, dc, options, { ...format, link: true }, html);
    return [new InternalHyperlink({ anchor, children })];
  }
  if (UNSAFE_URL.test(url)) dc.report('unsafe-link', `Link to ${url.split(':')[0]}: removed; its text is kept`, options.position ?? null);
  return walk(node.children, dc, options, format, html);
}

function footnoteReference(identifier: string, label: string, dc: DocxContext, options: InlineOptions, format: Format): ParagraphChild {
  const index = dc.footnoteIndex.get(identifier);
  // A Word footnote has one reference mark; a second reference, or one inside a note, shows the number as text.
  if (index != null && !options.inFootnote && !dc.referencedFootnotes.has(identifier)) {
    dc.referencedFootnotes.add(identifier);
    return new FootnoteReferenceRun(index);
  }
  return new TextRun({ text: String(index ?? label), superScript: true, bold: format.bold, italics: format.italics });
}

/** Raw HTML: tags are dropped but `<sup>`, `<sub>` and `<br>`; the text between them is kept. */
function htmlRuns(value: string, format: Format, html: HtmlState): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const token = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>|([^<]+|<)/g;
  for (const m of value.matchAll(token)) {
    const [, closing, tag, text] = m;
    if (text !== undefined) {
      const t = htmlToText(text);
      if (t) out.push(textRun(t, format, html));
      continue;
    }
    const name = tag?.toLowerCase();
    if (name === 'sup') html.sup = Math.max(0, html.sup + (closing ? -1 : 1));
    else if (name === 'sub') html.sub = Math.max(0, html.sub + (closing ? -1 : 1));
    else if (name === 'br' && !closing) out.push(new TextRun({ break: 1 }));
  }
  return out;
}

function textRun(value: string, format: Format, html: HtmlState): TextRun {
  // Soft line breaks are spaces; Word would draw a raw newline or tab in w:t as nothing.
  const text = value.replace(/\r\n?|\n|\t/g, ' ');
  return new TextRun({
    text,
    bold: format.bold || undefined,
    italics: format.italics || undefined,
    strike: format.strike || undefined,
    superScript: html.sup > 0 || undefined,
    subScript: html.sub > 0 && html.sup === 0 ? true : undefined,
    style: format.code ? STYLE.code : format.link ? STYLE.hyperlink : undefined,
  });
}

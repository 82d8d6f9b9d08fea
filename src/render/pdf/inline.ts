/**
 * Model inline content -> flat pdfmake text runs (run phase). Raw HTML is
 * never markup here: its text is shown, with <sup>/<sub> as super/subscript.
 * Images show their alt text and are never fetched. External links are kept
 * only for http(s) and mailto.
 */
import type { Inline } from '../../model/schema.js';
import { htmlToText } from '../../model/raw-html.js';
import type { PdfEnv } from './env.js';
import { COLORS } from './theme.js';
import type { Run, RunStyle } from './types.js';

/** Raw-HTML super/subscript state: an opening tag and its closing tag are separate inline nodes. */
interface HtmlState {
  sup: number;
  sub: number;
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url.trim());
}

/** Runs for inline content; `style` is the style of the surrounding block. */
export function inlineRuns(nodes: readonly Inline[], env: PdfEnv, style: RunStyle = {}): Run[] {
  const out: Run[] = [];
  walk(nodes, env, style, { sup: 0, sub: 0 }, out);
  return out;
}

/** Runs for plain text. Soft line breaks and tabs become spaces. */
export function textRuns(text: string, env: PdfEnv, style: RunStyle = {}): Run[] {
  return env.glyphs.split(text.replace(/[\t\r\n]+/g, ' '), style);
}

function withHtml(style: RunStyle, html: HtmlState): RunStyle {
  if (html.sup > 0 && !style.sup) return { ...style, sup: true };
  if (html.sub > 0 && !style.sub) return { ...style, sub: true };
  return style;
}

function walk(nodes: readonly Inline[], env: PdfEnv, style: RunStyle, html: HtmlState, out: Run[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(...textRuns(node.value, env, withHtml(style, html)));
        break;
      case 'emphasis':
        walk(node.children, env, { ...style, italics: true }, html, out);
        break;
      case 'strong':
        walk(node.children, env, { ...style, bold: true }, html, out);
        break;
      case 'delete':
        walk(node.children, env, { ...style, decoration: 'lineThrough' }, html, out);
        break;
      case 'inlineCode':
        out.push(...env.glyphs.split(node.value.replace(/[\r\n]+/g, ' '), { ...withHtml(style, html), background: COLORS.code }));
        break;
      case 'link': {
        const linked = isSafeUrl(node.url) ? { ...style, link: node.url.trim(), color: COLORS.link } : style;
        walk(node.children, env, linked, html, out);
        break;
      }
      case 'image':
        if (node.alt) out.push(...textRuns(`[${node.alt}]`, env, { ...withHtml(style, html), italics: true, color: COLORS.muted }));
        break;
      case 'footnoteReference': {
        const note = env.footnotes.get(node.identifier);
        const ref: RunStyle = { ...style, sup: true, bold: true, color: COLORS.link };
        if (note) out.push({ ...ref, text: String(note.index), linkToDestination: note.id });
        else out.push(...textRuns(node.label, env, ref));
        break;
      }
      case 'break':
        out.push({ ...style, text: '\n' });
        break;
      case 'html':
        htmlRuns(node.value, env, style, html, out);
        break;
    }
  }
}

const SUPSUB = /<(\/?)(sup|sub)\b[^>]*>/gi;

/** The text of a raw HTML fragment; <sup>/<sub> tags switch super/subscript on and off. */
function htmlRuns(value: string, env: PdfEnv, style: RunStyle, html: HtmlState, out: Run[]): void {
  let last = 0;
  const emit = (fragment: string) => {
    const text = htmlToText(fragment);
    if (text) out.push(...textRuns(text, env, withHtml(style, html)));
  };
  for (const m of value.matchAll(SUPSUB)) {
    emit(value.slice(last, m.index));
    const key = m[2].toLowerCase() as 'sup' | 'sub';
    html[key] = Math.max(0, html[key] + (m[1] ? -1 : 1));
    last = m.index! + m[0].length;
  }
  emit(value.slice(last));
}

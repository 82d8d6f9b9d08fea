/**
 * Model inline content -> view inline content: link targets through the one
 * URL policy, images embedded or replaced by their alt text, raw HTML parsed
 * and allow-listed, footnote references numbered, and the first use of each
 * glossary acronym marked. Nothing is reported here: lint reported it all.
 */
import type { ElementContent } from 'hast';
import type { Inline } from '../model/schema.js';
import { linkTarget } from '../model/urls.js';
import { resolveImage } from '../model/images.js';
import { SLOT, inlineHtml, rawHtmlBlock, type Dropped } from '../model/raw-html.js';
import type { ViewImage, ViewInline } from './types.js';

/** A glossary acronym waiting for its first use. */
export interface TermMark {
  acronym: string;
  expansion: string;
  pattern: RegExp;
}

export function termMark(acronym: string, expansion: string): TermMark {
  const escaped = acronym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { acronym, expansion, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u') };
}

export interface InlineContext {
  /** Footnotes by identifier: their id and number. */
  notes: Map<string, { id: string; number: number }>;
  /** Every anchor of the document, for internal links. */
  anchors: Set<string>;
  /** Folder local images are read from. */
  imageFolder: string;
}

const ignore: Dropped = () => undefined;

export class InlineBuilder {
  /** Anchors of the references to each note, filled in reading order. */
  readonly noteRefs = new Map<string, string[]>();
  /** Acronyms whose first use is in the unit being built. */
  pending: TermMark[] = [];

  constructor(private readonly ctx: InlineContext) {}

  /** Inline content of one unit. */
  inline(content: readonly Inline[]): ViewInline[] {
    const out = content.some((n) => n.type === 'html' || hasHtml(n)) ? this.viaHtml(content) : this.convert(content);
    if (this.pending.length) placeTerms(out, this.pending);
    return out;
  }

  /** A raw HTML block: its allow-listed content as inline nodes, with line breaks between its blocks. */
  htmlBlock(value: string): ViewInline[] {
    const out = this.fromHast(rawHtmlBlock(value, ignore));
    if (this.pending.length) placeTerms(out, this.pending);
    return trimBreaks(out);
  }

  private convert(nodes: readonly Inline[]): ViewInline[] {
    const out: ViewInline[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          pushText(out, node.value);
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
          out.push({ type: node.type, children: this.convert(node.children) });
          break;
        case 'inlineCode':
          out.push({ type: 'code', value: node.value });
          break;
        case 'break':
          out.push({ type: 'break' });
          break;
        case 'link':
          out.push(...this.link(node.url, this.convert(node.children)));
          break;
        case 'image':
          out.push({ type: 'image', image: this.image(node.url), alt: node.alt });
          break;
        case 'footnoteReference':
          out.push(this.noteRef(node.identifier, node.label));
          break;
        case 'html':
          // Handled by fromHast; a lone piece that got here has no words to show.
          break;
      }
    }
    return out;
  }

  private link(url: string, children: ViewInline[]): ViewInline[] {
    const target = linkTarget(url);
    if (target.kind === 'unsafe') return children;
    if (target.kind === 'internal') return this.ctx.anchors.has(target.id) ? [{ type: 'xref', target: target.id, children }] : children;
    return [{ type: 'link', href: target.href, children }];
  }

  private image(url: string): ViewImage | null {
    const resolved = resolveImage(url, this.ctx.imageFolder);
    if (!resolved.ok) return null;
    const { mediaType, bytes, width, height } = resolved.image;
    return { mediaType, bytes, width, height };
  }

  private noteRef(identifier: string, label: string): ViewInline {
    const note = this.ctx.notes.get(identifier);
    // A reference without a definition (lint reported it): its label as written.
    if (!note) return { type: 'superscript', children: [{ type: 'text', value: `[${label}]` }] };
    const refs = this.noteRefs.get(note.id) ?? [];
    const anchor = refs.length === 0 ? `${note.id}-ref` : `${note.id}-ref-${refs.length + 1}`;
    refs.push(anchor);
    this.noteRefs.set(note.id, refs);
    return { type: 'noteRef', note: note.id, number: note.number, anchor };
  }

  /** Inline content holding raw HTML: through hast, so tags split across nodes pair up; images and note references come back from their slots. */
  private viaHtml(content: readonly Inline[]): ViewInline[] {
    const { nodes, slots } = inlineHtml(content, ignore);
    const filled = (list: ViewInline[]): ViewInline[] =>
      list.flatMap((n): ViewInline[] => {
        if (n.type === 'text') {
          if (!n.value.includes('\uE000')) return [n];
          const out: ViewInline[] = [];
          let last = 0;
          for (const m of n.value.matchAll(SLOT)) {
            pushText(out, n.value.slice(last, m.index));
            out.push(...this.convert([slots[Number(m[1])]]));
            last = m.index + m[0].length;
          }
          pushText(out, n.value.slice(last));
          return out;
        }
        return 'children' in n ? [{ ...n, children: filled(n.children) } as ViewInline] : [n];
      });
    return filled(this.fromHast(nodes));
  }

  private fromHast(nodes: readonly ElementContent[]): ViewInline[] {
    const out: ViewInline[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        pushText(out, node.value);
        continue;
      }
      if (node.type !== 'element') continue;
      const children = () => this.fromHast(node.children);
      switch (node.tagName) {
        case 'em':
        case 'i':
        case 'cite':
        case 'dfn':
        case 'var':
          out.push({ type: 'emphasis', children: children() });
          break;
        case 'strong':
        case 'b':
          out.push({ type: 'strong', children: children() });
          break;
        case 'del':
        case 's':
          out.push({ type: 'delete', children: children() });
          break;
        case 'sup':
          out.push({ type: 'superscript', children: children() });
          break;
        case 'sub':
          out.push({ type: 'subscript', children: children() });
          break;
        case 'code':
        case 'kbd':
        case 'samp':
          out.push({ type: 'code', value: textOf(node) });
          break;
        case 'a': {
          const href = node.properties?.href;
          out.push(...(typeof href === 'string' ? this.link(href, children()) : children()));
          break;
        }
        case 'img': {
          const src = node.properties?.src;
          const alt = typeof node.properties?.alt === 'string' ? node.properties.alt : '';
          out.push({ type: 'image', image: typeof src === 'string' ? this.image(src) : null, alt });
          break;
        }
        case 'br':
        case 'hr':
          out.push({ type: 'break' });
          break;
        case 'p':
        case 'div':
        case 'li':
        case 'tr':
        case 'dt':
        case 'dd':
        case 'blockquote':
        case 'pre':
        case 'caption':
        case 'table':
        case 'ul':
        case 'ol':
        case 'dl':
          out.push({ type: 'break' }, ...children(), { type: 'break' });
          break;
        case 'td':
        case 'th':
          out.push(...children(), { type: 'text', value: ' ' });
          break;
        default:
          out.push(...children());
      }
    }
    return mergeTexts(out);
  }
}

/** Does an inline subtree hold raw HTML? */
function hasHtml(node: Inline): boolean {
  return 'children' in node && node.children.some((c) => c.type === 'html' || hasHtml(c));
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function pushText(out: ViewInline[], value: string): void {
  if (!value) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value += value;
  else out.push({ type: 'text', value });
}

function mergeTexts(list: ViewInline[]): ViewInline[] {
  const out: ViewInline[] = [];
  for (const node of list) {
    if (node.type === 'text') pushText(out, node.value);
    else out.push(node);
  }
  return out;
}

/** No line break at the start or end of a block, and never two in a row. */
function trimBreaks(list: ViewInline[]): ViewInline[] {
  const out: ViewInline[] = [];
  for (const node of list) {
    if (node.type === 'break' && (out.length === 0 || out[out.length - 1].type === 'break')) continue;
    if (node.type === 'text' && !node.value.trim() && (out.length === 0 || out[out.length - 1].type === 'break')) continue;
    out.push(node);
  }
  while (
    out.length &&
    (out[out.length - 1].type === 'break' || (out[out.length - 1].type === 'text' && !(out[out.length - 1] as { value: string }).value.trim()))
  )
    out.pop();
  return out;
}

/** Never inside links, code or a term already marked. */
function placeTerms(nodes: ViewInline[], pending: TermMark[]): void {
  for (let i = 0; i < nodes.length && pending.length; i++) {
    const node = nodes[i];
    if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'superscript' || node.type === 'subscript') {
      placeTerms(node.children, pending);
      continue;
    }
    if (node.type !== 'text') continue;
    let best: { mark: TermMark; index: number } | null = null;
    for (const mark of pending) {
      const m = mark.pattern.exec(node.value);
      if (m && (!best || m.index < best.index)) best = { mark, index: m.index };
    }
    if (!best) continue;
    const { mark, index } = best;
    const before = node.value.slice(0, index);
    const after = node.value.slice(index + mark.acronym.length);
    const replacement: ViewInline[] = [];
    if (before) replacement.push({ type: 'text', value: before });
    replacement.push({ type: 'term', expansion: mark.expansion, children: [{ type: 'text', value: mark.acronym }] });
    if (after) replacement.push({ type: 'text', value: after });
    nodes.splice(i, 1, ...replacement);
    pending.splice(pending.indexOf(mark), 1);
    // Go on with the text after the term: other acronyms may be in it.
    i += replacement.length - (after ? 2 : 1);
  }
}

/** Plain text of view inline content (contents entries, outlines, alt text). */
export function viewText(nodes: readonly ViewInline[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'code') s += n.value;
    else if (n.type === 'image') s += n.image ? '' : n.alt;
    else if (n.type === 'break') s += ' ';
    else if (n.type === 'noteRef') continue;
    else s += viewText(n.children);
  }
  return s.replace(/\s+/g, ' ').trim();
}

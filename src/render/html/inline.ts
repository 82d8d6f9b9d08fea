/**
 * Run phase: model inline content -> safe HTML.
 *
 * Model inlines -> mdast phrasing -> hast (mdast-util-to-hast, raw HTML kept
 * as `raw` nodes) -> allow-listed raw HTML (raw-html.ts) -> glossary marks ->
 * hast-util-sanitize -> hast-util-to-html. Only the result of this file is
 * ever handed to a template unescaped.
 */
import type { PhrasingContent, Paragraph as MdastParagraph } from 'mdast';
import type { Element, ElementContent } from 'hast';
import type { VFile } from 'vfile';
import { toHast, type State } from 'mdast-util-to-hast';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Footnote, Inline, Position } from '../../model/schema.js';
import { report } from '../../diagnostics/report.js';
import { SANITIZE_SCHEMA } from './sanitize-schema.js';
import { resolveRaw, type Dropped } from './raw-html.js';
import { placeMarks, type Mark } from './glossary-marks.js';
import { unsafeUrlReason } from './urls.js';
import { resolveImage } from './images.js';

export interface FootnoteRef {
  href: string;
  id: string;
}

export interface InlineRendererOptions {
  file: VFile;
  footnotes: readonly Footnote[];
  /** Path of the source, for resolving local images. */
  sourcePath: string | undefined;
}

/**
 * Renders inline content and raw HTML blocks of one document, in document
 * order: footnote reference ids and glossary first uses depend on that order.
 */
export class InlineRenderer {
  private readonly file: VFile;
  private readonly sourcePath: string | undefined;
  private readonly footnotes = new Map<string, Footnote>();
  /** Back-links of each footnote, filled as references are rendered. */
  readonly backrefs = new Map<string, FootnoteRef[]>();
  /** Acronyms whose first use is in the block being rendered. */
  pending: Mark[] = [];

  constructor(options: InlineRendererOptions) {
    this.file = options.file;
    this.sourcePath = options.sourcePath;
    for (const fn of options.footnotes) {
      this.footnotes.set(fn.identifier, fn);
      this.backrefs.set(fn.id, []);
    }
  }

  /** Inline content as an HTML string; `place` locates diagnostics. */
  inline(content: readonly Inline[], place: Position | null): string {
    if (content.length === 0) return '';
    // Plain text needs none of the machinery (most of a declaration is plain text).
    if (content.length === 1 && content[0].type === 'text' && !this.pending.length) return escapeText(trimLines(content[0].value));
    // A paragraph, not a root: a root would put line breaks between its children ("12\n<sup>th").
    const mdast: MdastParagraph = { type: 'paragraph', children: this.toMdast(content, place) };
    const hast = toHast(mdast, { allowDangerousHtml: true, handlers: { footnoteReference: this.footnoteHandler } }) as Element;
    return this.finish(hast.children, false, place);
  }

  /** A raw HTML block as an HTML string (allow-listed flow content). */
  block(html: string, place: Position | null): string {
    return this.finish([{ type: 'raw', value: html } as unknown as ElementContent], true, place);
  }

  private finish(children: ElementContent[], block: boolean, place: Position | null): string {
    const resolved = resolveRaw(children, block, this.dropped(place));
    placeMarks(resolved, this.pending);
    const clean = sanitize({ type: 'root', children: resolved }, SANITIZE_SCHEMA);
    // Spaces before a line break show as nothing; dropped so the page has no trailing white space.
    return toHtml(clean).replace(/[ \t]+(?=\r?\n)/g, '');
  }

  private dropped(place: Position | null): Dropped {
    return (rule, reason) => {
      report(this.file, rule, reason, place ?? undefined);
    };
  }

  private toMdast(content: readonly Inline[], place: Position | null): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const node of content) {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          out.push({ type: node.type, value: node.value });
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
          out.push({ type: node.type, children: this.toMdast(node.children, place) } as PhrasingContent);
          break;
        case 'break':
          out.push({ type: 'break' });
          break;
        case 'html':
          out.push({ type: 'html', value: node.value });
          break;
        case 'link': {
          const children = this.toMdast(node.children, place);
          const unsafe = unsafeUrlReason(node.url);
          if (unsafe) {
            report(this.file, 'unsafe-link', `A link to ${unsafe} was removed (its text is kept)`, place ?? undefined);
            out.push(...children);
          } else out.push({ type: 'link', url: node.url, title: node.title, children } as PhrasingContent);
          break;
        }
        case 'image': {
          const image = resolveImage(node.url, this.sourcePath);
          if (image.ok) out.push({ type: 'image', url: image.src, alt: node.alt, title: node.title });
          else {
            if (image.rule) report(this.file, image.rule, image.reason, place ?? undefined);
            // The alt text stands in for the image.
            if (node.alt) {
              out.push({
                type: 'emphasis',
                children: [{ type: 'text', value: node.alt }],
                data: { hName: 'span', hProperties: { className: ['img-alt'] } },
              });
            }
          }
          break;
        }
        case 'footnoteReference':
          out.push({ type: 'footnoteReference', identifier: node.identifier, label: node.label });
          break;
      }
    }
    return out;
  }

  private readonly footnoteHandler = (_state: State, node: { identifier: string; label?: string | null }): Element => {
    const fn = this.footnotes.get(node.identifier);
    if (!fn) {
      // An undefined footnote (reported by the model checks): show its label as written.
      return { type: 'element', tagName: 'sup', properties: {}, children: [{ type: 'text', value: `[${node.label ?? node.identifier}]` }] };
    }
    const refs = this.backrefs.get(fn.id)!;
    const id = refs.length === 0 ? `${fn.id}-ref` : `${fn.id}-ref-${refs.length + 1}`;
    refs.push({ id, href: `#${id}` });
    return {
      type: 'element',
      tagName: 'sup',
      properties: { className: ['fnref'] },
      children: [{ type: 'element', tagName: 'a', properties: { href: `#${fn.id}`, id }, children: [{ type: 'text', value: String(fn.index) }] }],
    };
  };
}

/** Spaces and tabs around line endings dropped, as mdast-util-to-hast does for text. */
function trimLines(value: string): string {
  return value.includes('\n') ? value.replace(/[ \t]*(\r?\n|\r)[ \t]*/g, '$1') : value;
}

/** Text as HTML, the way hast-util-to-html writes it. */
export function escapeText(value: string): string {
  return value.replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'));
}

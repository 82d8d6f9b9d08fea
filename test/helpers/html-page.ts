/**
 * Helpers for the HTML page tests: render a source or a model with a fresh
 * context, and read the page back with parse5.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';
import type { ViewOptions } from '../../src/view/index.js';
import type { BriefingView } from '../../src/view/types.js';
import type { RenderContext } from '../../src/render/context.js';
import { renderHtml } from '../../src/render/html/index.js';
import { viewFor } from './compile.js';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export function contextFor(model: Declaration, options: Partial<RenderContext> = {}): RenderContext {
  return { templatesDir: null, file: new VFile({ path: model.source.path }), ...options };
}

/** The page of a model, as a build renders it. */
export async function htmlOf(model: Declaration, options: Partial<RenderContext> = {}, view: Partial<ViewOptions> = {}): Promise<string> {
  return renderHtml(viewFor(model, view), contextFor(model, options));
}

/** Compile a source (errors kept) and render its page; the file holds every diagnostic. */
export async function pageOf(
  path: string,
  options: Partial<RenderContext> = {},
  viewOptions: Partial<ViewOptions> = {},
): Promise<{ html: string; file: VFile; model: Declaration; view: BriefingView }> {
  const compiled = compileSource(path, readFileSync(path), { keepOnError: true });
  if (!compiled.model) throw new Error(`${path} did not compile:\n${compiled.file.messages.map(String).join('\n')}`);
  const ctx = contextFor(compiled.model, { file: compiled.file, ...options });
  const view = viewFor(compiled.model, viewOptions);
  const html = await renderHtml(view, ctx);
  return { html, file: compiled.file, model: compiled.model, view };
}

export function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node as Element);
  const children = (node as { childNodes?: Node[] }).childNodes ?? [];
  for (const child of children) elements(child, out);
  const content = (node as { content?: Node }).content;
  if (content) elements(content, out);
  return out;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** HTML elements that break a line of text (text extraction puts a newline around them). */
export const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Visible text of a subtree: inline siblings join as written, block elements are separated by a space. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text') {
      parts.push((n as DefaultTreeAdapterMap['textNode']).value);
      return;
    }
    if (n.nodeName === 'style' || n.nodeName === 'script' || n.nodeName === 'head' || n.nodeName === '#comment') return;
    const block = BLOCK.has(n.nodeName);
    if (block) parts.push(' ');
    for (const child of (n as { childNodes?: Node[] }).childNodes ?? []) walk(child);
    if (block) parts.push(' ');
  };
  walk(node);
  return parts.join('');
}

export function parsePage(html: string) {
  const document = parse(html);
  const all = elements(document);
  const body = all.find((e) => e.tagName === 'body')!;
  const byId = new Map<string, Element>();
  for (const el of all) {
    const id = attr(el, 'id');
    if (id) byId.set(id, el);
  }
  return { document, all, body, byId, text: textOf(body) };
}

/**
 * The check of a book's brief (run phase, as lint): every link that names a
 * document of the pack (`[¶7](apec-2025-digital-ai-ministerial#p7)`) must
 * name one of its documents and a paragraph, section or note of it. Each
 * broken link is reported once, at its own line and column in the brief
 * (the model keeps no places inside a block, so the brief's text is read
 * again); the book view applies the same decision (model/book-links.ts).
 */
import type { Definition, Link, Nodes } from 'mdast';
import type { VFile } from 'vfile';
import { parseMarkdown } from '../parse/parse-markdown.js';
import { resolveBookLink } from '../model/book-links.js';
import { report } from '../diagnostics/report.js';

/** `documents`: each document id of the pack and the anchors it has on its own. */
export function checkBookLinks(file: VFile, text: string, documents: ReadonlyMap<string, ReadonlySet<string>>): void {
  const visit = (node: Nodes) => {
    if (node.type === 'link' || node.type === 'definition') {
      const { url } = node as Link | Definition;
      const resolved = resolveBookLink(url, documents);
      if (resolved.kind === 'broken') {
        const place = node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined;
        report(file, 'pack-link-broken', `The link ${url} ${resolved.reason} (its words are kept, unlinked)`, place);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(parseMarkdown(text));
}

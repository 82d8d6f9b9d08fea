/**
 * Named styles copied onto the nodes that use them, just before layout (run
 * phase helper, speed only: the PDF is the same).
 *
 * pdfmake looks up about twenty style properties for every word, walking the
 * style stack down to the default style for each one that no node sets; at
 * every named style on the way it allocates a Set (for `extends` cycles). A
 * node whose named style has been copied onto it answers the same lookups
 * from the node itself, which pdfmake checks just before the style: so
 * `{ style: 'paragraph', id }` becomes `{ id, alignment: 'left', margin: … }`.
 * Properties the node sets itself win, as they do over a named style; a
 * style's margin applies only to the node that names it, as pdfmake's own
 * margin rule does. The `styles` table stays for the nodes pdfmake makes
 * itself (the contents entries name `toc`).
 */
import type { DocDefinition, DynamicContent, Node } from './types.js';

export function inlineNamedStyles(definition: DocDefinition): DocDefinition {
  const styles = definition.styles;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (typeof n.style === 'string' && Object.prototype.hasOwnProperty.call(styles, n.style)) copyStyle(n, styles[n.style]);
    if (typeof n.text === 'object') visit(n.text);
    // A note printed at the foot of a page rides on the run that refers to it.
    if (n.footnote) visit(n.footnote);
    if (n.stack) visit(n.stack);
    if (n.columns) visit(n.columns);
    const table = n.table as { body?: unknown } | undefined;
    if (table && typeof table === 'object') visit(table.body);
    const toc = n.toc as { title?: unknown } | undefined;
    if (toc && typeof toc === 'object') visit(toc.title);
  };
  const dynamic =
    (content: DynamicContent): DynamicContent =>
    (page, pages) => {
      const out = content(page, pages);
      visit(out);
      return out;
    };
  visit(definition.content);
  definition.header = dynamic(definition.header);
  definition.footer = dynamic(definition.footer);
  return definition;
}

function copyStyle(node: Node, style: Node): void {
  for (const key of Object.keys(style)) {
    // pdfmake treats undefined and null as "not set" and looks further down the stack.
    if (node[key] !== undefined && node[key] !== null) continue;
    const value = style[key];
    node[key] = Array.isArray(value) ? [...value] : value;
  }
  // Set to undefined rather than deleted: a delete turns the node into a slow (dictionary) object,
  // about four times the memory, and a long text has hundreds of thousands of nodes.
  node.style = undefined;
}

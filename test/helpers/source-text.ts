/**
 * The body text of a Markdown source, read straight from mdast and
 * independently of the model: the reference for "nothing lost" checks.
 * Front matter, URLs and link definitions are not text; typed paragraph
 * numbers (`12\.`) and the `# Background` heading are structure, not text.
 */
import { parseMarkdown } from '../../src/parse/parse-markdown.js';
import { htmlToText, nonTextRuns } from '../../src/model/raw-html.js';
import { BACKGROUND_HEADING } from '../../src/model/to-declaration.js';

type Node = { type: string; value?: string; alt?: string; depth?: number; children?: Node[] };

const INLINE = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'footnoteReference',
  'break',
  'html',
]);

function plain(n: Node): string {
  return (n.value ?? '') + (n.children ?? []).map(plain).join('');
}

/** `<script>`, `alert(1)`, `</script>` as one piece of HTML, whose content is not text (as in the model). */
function joinNonText(children: Node[]): Node[] {
  const runs = nonTextRuns(children);
  if (runs.size === 0) return children;
  const out: Node[] = [];
  for (let i = 0; i < children.length; i++) {
    const end = runs.get(i);
    if (end === undefined) out.push(children[i]);
    else {
      out.push({
        type: 'html',
        value: children
          .slice(i, end + 1)
          .map(plain)
          .join(''),
      });
      i = end;
    }
  }
  return out;
}

export function sourceBodyText(markdown: string): string {
  const tree = parseMarkdown(markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')) as Node;
  const out: string[] = [];
  const SPACE: Node = { type: 'space' };
  const stack: Array<[Node, boolean]> = [[tree, false]];
  while (stack.length) {
    const [n, inline] = stack.pop()!;
    if (n === SPACE) {
      out.push(' ');
      continue;
    }
    if (n.type === 'yaml' || n.type === 'definition') continue;
    if (n.type === 'heading' && n.depth === 1 && BACKGROUND_HEADING.test(plain(n).trim())) continue;
    if (n.type === 'html') out.push(htmlToText(n.value ?? ''));
    else if (n.type === 'text') out.push((n.value ?? '').replace(/(^|\n)[ \t]*\d+\.[ \t]+/g, '$1'));
    else if (typeof n.value === 'string') out.push(n.value);
    else if (n.type === 'image' || n.type === 'imageReference') out.push(n.alt ?? '');
    // Inline siblings join without a space ("12<sup>th</sup>" is one word); blocks are separated.
    if (!(inline && INLINE.has(n.type))) {
      out.push(' ');
      stack.push([SPACE, false]);
    }
    const childInline = n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell' || inline;
    if (n.children) {
      const children = joinNonText(n.children);
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], childInline]);
    }
  }
  return out.join('');
}

/**
 * The allow-list every piece of source-derived HTML passes before it reaches
 * a template. Written out in full (no key falls back to GitHub's default
 * schema) so what a page can hold is readable in one place.
 */
import type { Schema } from 'hast-util-sanitize';

const cells = ['colSpan', 'rowSpan'];

export const SANITIZE_SCHEMA: Schema = {
  allowComments: false,
  allowDoctypes: false,
  tagNames: [
    // phrasing
    'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark',
    'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
    // flow (raw HTML blocks only)
    'p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  ],
  attributes: {
    '*': ['lang', 'dir', 'title'],
    // Footnote references carry the ids their back-links point at.
    a: ['href', ['id', /^[a-z][\w-]*-ref(?:-\d+)?$/]],
    sup: [['className', 'fnref']],
    span: [['className', 'img-alt']],
    img: ['src', 'alt'],
    code: [['className', /^language-[\w-]+$/]],
    div: [['className', 'raw-html']],
    td: cells,
    th: cells,
    ol: ['start', 'reversed'],
    li: ['value'],
    time: ['dateTime'],
    data: ['value'],
  },
  // Our ids are generated, never taken from the source: no clobbering needed.
  clobber: [],
  clobberPrefix: '',
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    // Only images inlined by briefpack itself; remote images are never fetched.
    src: ['data'],
  },
  ancestors: {
    caption: ['table'],
    tbody: ['table'],
    thead: ['table'],
    tfoot: ['table'],
    tr: ['table'],
    td: ['table'],
    th: ['table'],
    li: ['ol', 'ul'],
    dt: ['dl'],
    dd: ['dl'],
  },
  required: {},
  strip: ['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'textarea', 'title', 'svg', 'math'],
};

/**
 * The readable text of a raw HTML fragment: tags and comments removed,
 * script/style bodies dropped, common entities decoded. Used for the model's
 * plain text and for "nothing lost" word checks, never for rendering.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Elements whose content is code or embedded media, never text of the
 * declaration: the HTML page drops them with their content
 * (src/render/html/raw-html.ts), and the plain text leaves their content out.
 */
export const NON_TEXT_ELEMENTS = ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'svg', 'math'] as const;

const NON_TEXT = new RegExp(`<(${NON_TEXT_ELEMENTS.join('|')})\\b[\\s\\S]*?(<\\/\\1\\s*>|$)`, 'gi');
const OPENS_NON_TEXT = new RegExp(`^<(${NON_TEXT_ELEMENTS.join('|')})(?=[\\s/>])[^>]*>$`, 'i');

/**
 * Inline raw HTML comes from Markdown in pieces: `<script>`, the text
 * `alert(1)`, `</script>` are three siblings. For each sibling that opens a
 * non-text element (and is not closed in the same piece), the index of the
 * sibling that closes it, so callers can take the run as one piece of HTML.
 */
export function nonTextRuns(nodes: ReadonlyArray<{ type: string; value?: unknown }>): Map<number, number> {
  const runs = new Map<number, number>();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type !== 'html' || typeof n.value !== 'string') continue;
    const open = OPENS_NON_TEXT.exec(n.value.trim());
    if (!open || /\/>$/.test(n.value.trim())) continue;
    const close = new RegExp(`^<\\/${open[1]}\\s*>$`, 'i');
    const j = nodes.findIndex((m, k) => k > i && m.type === 'html' && typeof m.value === 'string' && close.test(m.value.trim()));
    if (j > i) {
      runs.set(i, j);
      i = j;
    }
  }
  return runs;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(NON_TEXT, ' ')
    .replace(/<\/?(p|div|br|li|tr|td|th|h[1-6]|table|ul|ol|blockquote|section|article)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

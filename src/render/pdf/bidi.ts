/**
 * Right-to-left text in the PDF definition (run phase helper), just before
 * layout. pdfmake lays every line out from left to right; fontkit shapes an
 * Arabic word (joining forms) and draws its letters from right to left, but
 * nothing orders the words of a line. Here every text node of a right-to-left
 * paragraph (the document's language, or a block's own `lang`: `directionOf`,
 * as the HTML's `dir` and the DOCX's `w:bidi`), and every text node with
 * right-to-left characters in a left-to-right paragraph, is resolved with the
 * Unicode Bidirectional Algorithm (UAX #9, bidi-js) as one paragraph: its runs
 * are split where the embedding level changes, and each piece carries its
 * level (`bidiLevel`) and its paragraph's (`bidiBase`). The pdfmake patch
 * (`pdfmake#942 (bidi)`, ElementWriter) then places the inlines of each line
 * in visual order (rule L2), leaving them in logical order in the content
 * stream, so extracted text and the structure tree read in logical order.
 * Numbers and Latin words keep their own order inside Arabic text.
 *
 * Brackets at an odd level are drawn mirrored by the patch (rule L4: the
 * fonts have no `rtlm` feature and fontkit does not mirror); the text keeps
 * the logical character, so line breaking is not changed, but the glyph drawn
 * is the other bracket's, and extracted text has "(" and ")" swapped inside
 * right-to-left text.
 *
 * A right-to-left node is mirrored: start alignment becomes right alignment
 * (and "right" left), margins swap sides, and columns and the cells of
 * table rows are set from right to left (`direction: 'rtl'`, read by the
 * patch), so a paragraph number or a list label stands on the right of its
 * text, and a contents entry on the right of its page number.
 */
import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import { directionOf } from '../../view/format.js';
import type { Content, DocDefinition, DynamicContent, Node, Run } from './types.js';

type Direction = 'ltr' | 'rtl';
type Alignment = 'left' | 'right' | 'center' | 'justify';

// bidi-js is CommonJS whose types declare an ES default export: required, as its types do not fit an import.
const require = createRequire(import.meta.url);
const bidi = (require('bidi-js') as () => Bidi)();

/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RTL_CHARACTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]/;

/** Resolve bidi levels and mirror right-to-left nodes of a definition, in place. */
export function applyBidi(definition: DocDefinition): DocDefinition {
  const base = directionOf(definition.language);
  // Mirroring is not idempotent (margins swap): a node met twice is changed once.
  const seen = new WeakSet<object>();
  visit(definition.content, base, undefined, seen);
  if (definition.footnoteSeparator) visit(definition.footnoteSeparator, base, undefined, seen);
  const dynamic =
    (content: DynamicContent): DynamicContent =>
    (page, pages) => {
      const out = content(page, pages);
      if (out) visit(out, base, undefined, seen);
      return out;
    };
  definition.header = dynamic(definition.header);
  definition.footer = dynamic(definition.footer);
  return definition;
}

/** The alignment a right-to-left paragraph shows for the alignment a left-to-right one would have. */
function mirrorAlignment(alignment: Alignment | undefined): Alignment {
  if (alignment === 'right') return 'left';
  if (alignment === 'center' || alignment === 'justify') return alignment;
  return 'right';
}

function visit(content: Content | Content[], direction: Direction, alignment: Alignment | undefined, seen: WeakSet<object>): void {
  if (Array.isArray(content)) {
    for (const child of content) visit(child, direction, alignment, seen);
    return;
  }
  if (!content || typeof content !== 'object' || seen.has(content)) return;
  seen.add(content);
  const node = content as Node;
  const dir = typeof node.lang === 'string' ? directionOf(node.lang) : direction;
  const align = (node.alignment as Alignment | undefined) ?? alignment;
  if (dir === 'rtl') {
    const margin = node.margin;
    if (Array.isArray(margin) && margin.length === 4) node.margin = [margin[2], margin[1], margin[0], margin[3]];
    if (Array.isArray(node.columns) || node.table) node.direction = 'rtl';
  }
  if (node.text !== undefined) {
    const resolved = resolveText(node, dir);
    if (dir === 'rtl') node.alignment = mirrorAlignment(align);
    // A note printed at the foot of the page rides on the run that refers to it.
    if (resolved) for (const run of resolved) if (run.footnote) visit(run.footnote, direction, undefined, seen);
  }
  if (Array.isArray(node.stack)) visit(node.stack as Content[], dir, align, seen);
  if (Array.isArray(node.columns)) visit(node.columns as Content[], dir, align, seen);
  const table = node.table as { body?: unknown } | undefined;
  if (table && typeof table === 'object' && Array.isArray(table.body)) for (const row of table.body) visit(row as Content[], dir, align, seen);
}

/**
 * Split the runs of a text node where the embedding level changes and give
 * each piece its level; returns the runs (null: a node whose text is not a
 * flat list of runs, left alone).
 */
function resolveText(node: Node, direction: Direction): Run[] | null {
  const raw = node.text;
  const runs: Run[] = [];
  if (typeof raw === 'string') runs.push({ text: raw });
  else if (Array.isArray(raw)) {
    for (const item of raw) {
      if (typeof item === 'string') runs.push({ text: item });
      else if (item && typeof item === 'object' && typeof (item as Run).text === 'string') runs.push(item as Run);
      else return null;
    }
  } else return null;
  const whole = runs.map((run) => run.text).join('');
  if (direction === 'ltr' && !RTL_CHARACTER.test(whole)) return runs;
  const { levels } = bidi.getEmbeddingLevels(whole, direction);
  const bidiBase = direction === 'rtl' ? 1 : 0;
  const out: Run[] = [];
  let offset = 0;
  for (const run of runs) {
    const { text } = run;
    let start = 0;
    let first = true;
    const piece = (end: number) => {
      const bidiLevel = levels[offset + start] ?? bidiBase;
      const split: Run = { ...run, text: text.slice(start, end), bidiLevel, bidiBase };
      // A note, once: on the first piece of its run.
      if (!first) delete split.footnote;
      out.push(split);
      first = false;
      start = end;
    };
    for (let i = 1; i < text.length; i++) if (levels[offset + i] !== levels[offset + i - 1]) piece(i);
    piece(text.length);
    offset += text.length;
  }
  node.text = out;
  return out;
}

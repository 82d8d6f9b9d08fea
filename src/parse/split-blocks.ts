/**
 * Split a large Markdown text at top-level block boundaries, so that each
 * piece can be parsed on its own (micromark slows down superlinearly on one
 * huge document). A boundary is a line at column 0 after a blank line that
 * cannot continue the block before it: not indented, not `>`, not a bullet
 * marker, and not inside a fenced code block or a multi-line HTML block.
 * Ordered-list markers are boundaries: briefpack reads each item's number
 * from the source, so a list cut in two keeps its numbers.
 */
export interface Piece {
  text: string;
  /** Offset of the piece in the whole text. */
  offset: number;
  /** 1-based line of the piece's first line. */
  line: number;
}

const HTML_OPEN: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

export function splitBlocks(text: string, target = 16 * 1024): Piece[] {
  const pieces: Piece[] = [];
  let fence: { char: string; length: number } | null = null;
  let htmlEnd: RegExp | null = null;
  let pieceStart = 0;
  let pieceLine = 1;
  let previousBlank = true;
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const content = text.slice(offset, end);
    const blank = /^[ \t]*$/.test(content);
    if (
      !fence &&
      !htmlEnd &&
      previousBlank &&
      !blank &&
      offset - pieceStart >= target &&
      /^[^\s>]/.test(content) &&
      !/^[-*+](\s|$)/.test(content) &&
      !/^(---|\+\+\+)\s*$/.test(content)
    ) {
      pieces.push({ text: text.slice(pieceStart, offset), offset: pieceStart, line: pieceLine });
      pieceStart = offset;
      pieceLine = line;
    }
    if (fence) {
      const close = new RegExp(`^\\s*${fence.char === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(content)) fence = null;
    } else if (htmlEnd) {
      if (htmlEnd.test(content)) htmlEnd = null;
    } else {
      const open = /^\s*(`{3,}|~{3,})/.exec(content);
      if (open && !(open[1][0] === '`' && content.slice(content.indexOf(open[1]) + open[1].length).includes('`'))) {
        fence = { char: open[1][0], length: open[1].length };
      } else {
        for (const [start, close] of HTML_OPEN) {
          if (start.test(content) && !close.test(content.replace(start, ''))) {
            htmlEnd = close;
            break;
          }
        }
      }
    }
    previousBlank = blank;
    offset = end + 1;
    line++;
  }
  pieces.push({ text: text.slice(pieceStart), offset: pieceStart, line: pieceLine });
  return pieces.filter((p) => p.text.length > 0 || pieces.length === 1);
}

/** Normalized label of a reference or definition: case-folded, white space collapsed. */
export function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Link reference and footnote definitions (with their indented continuation
 * lines), by normalized label: they apply to the whole document.
 */
export function definitionBlocks(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {0,3}\[([^\]]+)\]:/.exec(lines[i]);
    if (!m) continue;
    const block = [lines[i]];
    while (i + 1 < lines.length && (/^( {4}|\t)/.test(lines[i + 1]) || (/^\s*$/.test(lines[i + 1]) && /^( {4}|\t)/.test(lines[i + 2] ?? ''))))
      block.push(lines[++i]);
    const label = normalizeLabel(m[1]);
    if (!out.has(label)) out.set(label, block.join('\n'));
  }
  return out;
}

/** The definitions a piece refers to, as text to append to it. */
export function definitionsFor(piece: string, definitions: Map<string, string>): string {
  if (definitions.size === 0) return '';
  const wanted = new Set<string>();
  for (const m of piece.matchAll(/\[([^[\]]{1,999})\]/g)) {
    const label = normalizeLabel(m[1]);
    if (definitions.has(label)) wanted.add(label);
  }
  return [...wanted].map((l) => definitions.get(l)!).join('\n\n');
}

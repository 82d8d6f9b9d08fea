/**
 * Parse phase, before micromark: cap how deep block containers (block quotes
 * and list items) can nest. micromark takes time that grows faster than the
 * square of the nesting depth on one line (`- - - … x` 10,000 deep runs for
 * minutes), and the mdast utilities recurse once per level, so a hostile
 * source could hang a build or overflow the stack.
 *
 * A line whose container prefix is deeper than MAX_CONTAINERS markers, or
 * whose indentation is wider than MAX_INDENT columns, is changed so that the
 * excess is read as text. Every change keeps the text's length (one UTF-16
 * unit replaced by one), so offsets, lines and columns stay those of the
 * source. The words are all kept: the markers cut off show as characters.
 * The model flattens anything deeper than its own limit (32) and reports
 * `nesting-too-deep`, so a capped text is always reported.
 */

/** Container markers read on one line; deeper ones become text. */
export const MAX_CONTAINERS = 64;
/** Indentation (in columns, tabs to multiples of 4) read as structure; wider becomes text. */
export const MAX_INDENT = 160;

const NBSP = '\u00a0';

/**
 * Cap container nesting. Returns the text unchanged (the same string) when
 * no line is over the limits.
 */
export function limitNesting(text: string): string {
  // Fast path: no line starts with long indentation or with many markers.
  if (!/^[ \t]{40,}|^[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*){16,}/m.test(text)) return text;
  const out: string[] = [];
  // Front matter is YAML, not Markdown: leave it as it is.
  const front = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  let offset = 0;
  if (front) {
    out.push(front[0].replace(/\n$/, ''));
    offset = front[0].endsWith('\n') ? front[0].length : text.length + 1;
  }
  let changed = false;
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(offset, end);
    const limited = limitLine(line);
    if (limited !== line) changed = true;
    out.push(limited);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return changed ? out.join('\n') : text;
}

/** Cap one line; returns a string of the same length. */
export function limitLine(line: string): string {
  let i = 0;
  let column = 0;
  let markers = 0;
  // Leading white space, and white space between markers, counts as indentation.
  const skipSpace = (): number | null => {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
      column = line[i] === '\t' ? column + 4 - (column % 4) : column + 1;
      if (column > MAX_INDENT) return i;
      i++;
    }
    return null;
  };
  for (;;) {
    const tooWide = skipSpace();
    // An NBSP is not white space to CommonMark: the rest of the line is text.
    if (tooWide != null) return line.slice(0, tooWide) + NBSP + line.slice(tooWide + 1);
    if (i >= line.length) return line;
    const c = line[i];
    let width = 0;
    if (c === '>') width = 1;
    else if ((c === '-' || c === '+' || c === '*') && /^[ \t]|^$/.test(line.slice(i + 1, i + 2))) width = 1;
    else {
      const m = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(i, i + 11));
      if (m) width = m[0].length;
    }
    if (width === 0) return line;
    markers++;
    if (markers > MAX_CONTAINERS) {
      // `>` becomes `\`, which escapes what follows; a list marker loses the
      // space after it, which makes it text (an NBSP looks the same).
      if (c === '>') return `${line.slice(0, i)}\\${line.slice(i + 1)}`;
      // At the end of the line the marker's last character gives way instead.
      const at = i + width < line.length ? i + width : i + width - 1;
      return line.slice(0, at) + NBSP + line.slice(at + 1);
    }
    i += width;
    column += width;
  }
}

/**
 * PO string syntax (C-style quoted strings), shared by the writer and the
 * reader so both agree on escapes.
 */

/** Escape a string's content for a PO quoted string. */
export function escapePo(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\r':
        out += '\\r';
        break;
      default: {
        const code = ch.codePointAt(0)!;
        out += code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : ch;
      }
    }
  }
  return out;
}

/**
 * `keyword "…"` lines, wrapped as GNU gettext wraps them: a string with a
 * newline or longer than the width starts with `""` and breaks after each
 * `\n` and at spaces.
 */
export function poString(keyword: string, value: string, prefix = '', width = 79): string[] {
  const escaped = escapePo(value);
  const single = `${prefix}${keyword} "${escaped}"`;
  if (!value.includes('\n') && single.length <= width) return [single];
  const lines = [`${prefix}${keyword} ""`];
  const limit = Math.max(20, width - prefix.length - 2);
  for (const piece of splitAfterNewlines(value)) {
    let rest = escapePo(piece);
    while (rest.length > limit) {
      // Break after the last space that keeps the line within the limit, never inside an escape.
      let cut = rest.lastIndexOf(' ', limit - 1);
      while (cut > 0 && isInsideEscape(rest, cut)) cut = rest.lastIndexOf(' ', cut - 1);
      if (cut <= 0) break;
      lines.push(`${prefix}"${rest.slice(0, cut + 1)}"`);
      rest = rest.slice(cut + 1);
    }
    if (rest) lines.push(`${prefix}"${rest}"`);
  }
  return lines;
}

function splitAfterNewlines(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n') {
      out.push(s.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

function isInsideEscape(s: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && s[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Parse one quoted PO string (`"…"`, the whole trimmed line). Returns null when it is not one. */
export function unquotePo(line: string): string | null {
  const t = line.trim();
  if (t.length < 2 || t[0] !== '"' || t[t.length - 1] !== '"') return null;
  let out = '';
  for (let i = 1; i < t.length - 1; i++) {
    const ch = t[i];
    if (ch === '"') return null;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    i++;
    if (i >= t.length - 1) return null;
    const e = t[i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case '"':
      case "'":
      case '?':
        out += e;
        break;
      case 'x': {
        const m = /^[0-9a-fA-F]+/.exec(t.slice(i + 1, t.length - 1));
        if (!m) return null;
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      default: {
        const m = /^[0-7]{1,3}/.exec(t.slice(i, t.length - 1));
        if (!m) return null;
        out += String.fromCharCode(parseInt(m[0], 8));
        i += m[0].length - 1;
      }
    }
  }
  return out;
}

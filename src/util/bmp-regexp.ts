/**
 * Cheaper twins of Unicode regular expressions, for a text without astral
 * characters (issue 18, start-up).
 *
 * V8 compiles a class such as `\p{L}` under the `u` flag into code for every
 * letter, those beyond U+FFFF included, which it matches as surrogate pairs;
 * and it compiles a pattern again for each kind of string it meets (a text
 * with ’ or – is a two-byte string). The instrument tokenizer's pattern, with
 * fifteen such classes, took 26 ms to compile to bytecode and 7 more to
 * machine code, in every process.
 *
 * In a text without surrogates, `\p{L}` matches exactly what the class of its
 * letters up to U+FFFF matches. `forText` gives the pattern with each `\p{…}`
 * written out as those ranges (same flags, same groups), made once, when the
 * text has no surrogate; else the pattern itself. The ranges are worked out by
 * `npm run build` from this Node's own `\p{…}` (scripts/precompile.mjs, in
 * dist/precompiled.json) and used only with the Unicode version they were
 * made with. A pattern with `\P{…}` or a property the table lacks is used as
 * it is.
 */
import { precompiledUnicodeClasses } from './precompiled.js';

/** The properties the table holds: the ones briefpack's patterns use. */
export const BMP_PROPERTIES = ['L', 'Lu', 'Ll', 'Lo', 'N', 'M'];

/** The ranges of a property up to U+FFFF, surrogates left out, as class text (`a-zA-Z\u00aa…`). */
export function bmpRanges(property: string): string {
  const test = new RegExp(`^\\p{${property}}$`, 'u');
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  let start = -1;
  for (let c = 0; c <= 0x10000; c += 1) {
    const inside = c <= 0xffff && (c < 0xd800 || c > 0xdfff) && test.test(String.fromCharCode(c));
    if (inside && start < 0) start = c;
    if (!inside && start >= 0) {
      out += start === c - 1 ? hex(start) : `${hex(start)}-${hex(c - 1)}`;
      start = -1;
    }
  }
  return out;
}

/** The pattern with every `\p{…}` written out as ranges, or null when one cannot be (see above). */
export function bmpVariant(re: RegExp, classes: Record<string, string>): RegExp | null {
  // Case folding may pair a letter with one beyond U+FFFF: such patterns stay as they are.
  if (re.flags.includes('i')) return null;
  const source = re.source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') {
      const property = /^\\([pP])\{([A-Za-z_]+)\}/.exec(source.slice(i));
      if (property) {
        const ranges = property[1] === 'p' ? classes[property[2]] : undefined;
        if (ranges === undefined) return null;
        out += inClass ? ranges : `[${ranges}]`;
        i += property[0].length - 1;
      } else {
        out += source.slice(i, i + 2);
        i += 1;
      }
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return new RegExp(out, re.flags);
}

const SURROGATE = /[\uD800-\uDFFF]/;
const twins = new WeakMap<RegExp, RegExp>();

/** `re`, or its cheaper twin when `text` has no astral character (the same matches either way). */
export function forText(re: RegExp, text: string): RegExp {
  if (SURROGATE.test(text)) return re;
  let twin = twins.get(re);
  if (twin === undefined) {
    const classes = precompiledUnicodeClasses();
    twin = (classes && bmpVariant(re, classes)) ?? re;
    twins.set(re, twin);
  }
  return twin;
}

/**
 * Soft hyphens from TeX hyphenation patterns (run phase helper), for the
 * justified text of the PDF: the `hyphen` package's patterns (Liang's
 * algorithm, ported from CTAN) for each language briefpack labels that
 * hyphenates (en, fr, es, de, ru; Korean, Chinese, Japanese and Arabic are
 * not hyphenated). pdfmake breaks a line at a soft hyphen and draws a hyphen
 * there (see the pdfmake patch); elsewhere a soft hyphen is not drawn.
 *
 * A word is left whole when it is short (under 6 letters), in capitals (an
 * acronym), joined to a digit, or part of a hyphenated compound, a path, an
 * address or a name with dots ("Asia-Pacific", "example.org"): a compound
 * breaks only at its own hyphen, which stays on the line.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const SOFT_HYPHEN = '\u00ad';

/** The `hyphen` module of each hyphenating language (primary subtag). */
const PATTERNS: Record<string, string> = {
  en: 'hyphen/en',
  fr: 'hyphen/fr',
  es: 'hyphen/es',
  de: 'hyphen/de',
  ru: 'hyphen/ru',
};

/** Languages whose words get soft hyphens. */
export const HYPHENATED_LANGUAGES = Object.keys(PATTERNS);

const loaded = new Map<string, Hyphenator | null>();

/** The hyphenator of a language (BCP 47 tag), or null when the language is not hyphenated. One per process. */
export function hyphenatorFor(lang: string): Hyphenator | null {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  let hit = loaded.get(primary);
  if (hit === undefined) {
    const module = PATTERNS[primary];
    hit = module ? new Hyphenator((require(module) as { hyphenateSync: (text: string, options?: object) => string }).hyphenateSync) : null;
    loaded.set(primary, hit);
  }
  return hit;
}

const MIN_LETTERS = 6;
/** Runs of letters (with combining marks); everything else separates them. */
const WORD = /[\p{L}\p{M}]+/gu;
/** Characters that make a neighbouring word part of a compound, a number, a path or an address. */
const JOINER = /[-\u2010\u2011\d./@_:\\\u00ad]/;

export class Hyphenator {
  private readonly cache = new Map<string, string>();

  constructor(private readonly hyphenateSync: (text: string, options?: object) => string) {}

  /** `text` with soft hyphens where the patterns allow a break. */
  hyphenate(text: string): string {
    if (text.length < MIN_LETTERS) return text;
    return text.replace(WORD, (word, offset: number) => {
      if (word.length < MIN_LETTERS) return word;
      const before = offset > 0 ? text[offset - 1] : '';
      const after = text[offset + word.length] ?? '';
      if ((before && JOINER.test(before)) || (after && JOINER.test(after))) return word;
      if (word === word.toUpperCase()) return word;
      return this.word(word);
    });
  }

  private word(word: string): string {
    let hit = this.cache.get(word);
    if (hit === undefined) {
      hit = this.hyphenateSync(word, { minWordLength: MIN_LETTERS }) as string;
      // No break that leaves fewer than two letters before or three after it.
      const parts = hit.split(SOFT_HYPHEN);
      if (parts.length > 1) {
        while (parts.length > 1 && [...parts[0]].length < 2) parts.splice(0, 2, parts[0] + parts[1]);
        while (parts.length > 1 && [...parts[parts.length - 1]].length < 3) parts.splice(-2, 2, parts[parts.length - 2] + parts[parts.length - 1]);
        hit = parts.join(SOFT_HYPHEN);
      }
      this.cache.set(word, hit);
    }
    return hit;
  }
}

/**
 * Work done once at build time instead of at every start (issue 18,
 * start-up): `npm run build` (scripts/precompile.mjs) parses the YAML files
 * of data/ and precompiles the built-in Handlebars templates into
 * dist/precompiled.json. At run time a file whose text has an entry is taken
 * from there; any other text (a user's template folder, an edited data
 * file, a tree without dist/) is parsed as before.
 *
 * - Entries are keyed by a hash of the kind, the parser's version where it
 *   has one, and the file's whole text, so an edited file never finds a
 *   stale entry.
 * - A data entry is kept as JSON text and parsed on every hit, so a caller
 *   may change what it gets.
 * - BRIEFPACK_PRECOMPILED=0 turns the table off (tests compare both ways;
 *   the benchmark measures what it saves).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root.js';

export interface PrecompiledTable {
  /** Hash -> the parsed value of a YAML file, as JSON text. */
  data: Record<string, string>;
  /** Hash -> Handlebars.precompile output (a JavaScript object literal). */
  templates: Record<string, string>;
  /** Long dates of the label languages as this Node's ICU writes them (src/view/format.ts), for that ICU only. */
  dates?: { icu: string; forms: Record<string, DateForm> };
  /** Unicode properties up to U+FFFF as class ranges, for this Unicode version only (src/util/bmp-regexp.ts). */
  unicode?: { version: string; classes: Record<string, string> };
}

/**
 * How a language writes a long date, taken from Intl at build time: the parts
 * in order (a literal text, or 0 for the day, 1 for the month, 2 for the
 * year, as plain digits) and the twelve month names as the date writes them.
 */
export interface DateForm {
  parts: Array<string | 0 | 1 | 2>;
  months: string[];
}

/** The ICU and CLDR versions a stored date form holds for. */
export const ICU_KEY = `${process.versions.icu}/${process.versions.cldr}`;

export const PRECOMPILED_FILE = 'precompiled.json';

/** The key of a text of one kind (`data`, or `template` with the Handlebars version and options). */
export function precompiledKey(kind: string, text: string): string {
  return createHash('sha256').update(kind).update('\0').update(text).digest('base64url');
}

let table: PrecompiledTable | null | undefined;

function loaded(): PrecompiledTable | null {
  if (table !== undefined) return table;
  table = null;
  if (process.env.BRIEFPACK_PRECOMPILED === '0') return table;
  try {
    table = JSON.parse(readFileSync(join(packageRoot(), 'dist', PRECOMPILED_FILE), 'utf8')) as PrecompiledTable;
  } catch {
    // No build yet (tests from src/, a plain checkout): parse everything.
  }
  return table;
}

/** Forget the loaded table (tests that switch BRIEFPACK_PRECOMPILED). */
export function resetPrecompiled(): void {
  table = undefined;
}

/** The precompiled form of a template text, if the build made one. */
export function precompiledTemplate(kind: string, text: string): string | undefined {
  return loaded()?.templates[precompiledKey(kind, text)];
}

/** A YAML data file's value: from the build's table when its text has an entry, else parsed now. */
export function readYamlData(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  const hit = loaded()?.data[precompiledKey('data', text)];
  return hit === undefined ? parse(text) : JSON.parse(hit);
}

/** The stored long-date form of a language (exactly as given, `en` not `en-GB`), when the build made one with this ICU. */
export function precompiledDateForm(lang: string): DateForm | undefined {
  const dates = loaded()?.dates;
  return dates?.icu === ICU_KEY && Object.hasOwn(dates.forms, lang) ? dates.forms[lang] : undefined;
}

/** The ranges of the Unicode properties the build wrote out (bmp-regexp.ts), when it did with this Unicode version. */
export function precompiledUnicodeClasses(): Record<string, string> | undefined {
  const unicode = loaded()?.unicode;
  return unicode && unicode.version === process.versions.unicode ? unicode.classes : undefined;
}

/**
 * Where a returned translation of a document lives: `translations/<lang>/`,
 * named `<id>.xlf`, `<id>.xliff` or `<id>.po`, or with the language in the
 * name as `extract --lang` writes it (`<id>.<lang>.po`, `<id>.<lang>.xlf`).
 * The one list of names, used by the build (cache keys) and the loader.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Extensions looked for, in order of preference. */
export const TRANSLATION_EXTENSIONS = ['.xlf', '.xliff', '.po'] as const;

/** Paths of the translation files present for a document and language, preferred first. */
export function findTranslationFiles(translationsDir: string, lang: string, id: string): string[] {
  const names = [...TRANSLATION_EXTENSIONS.map((ext) => `${id}${ext}`), ...TRANSLATION_EXTENSIONS.map((ext) => `${id}.${lang}${ext}`)];
  return names.map((name) => join(translationsDir, lang, name)).filter((p) => existsSync(p));
}

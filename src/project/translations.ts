/**
 * The bridge from the build to the translation stage (src/l10n/):
 * which languages a document has translations for, and the translated model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { VFile } from 'vfile';
import { findTranslationFiles } from '../l10n/files.js';
import type { Declaration } from '../model/schema.js';

export interface Coverage {
  translated: number;
  stale: number;
  missing: number;
  total: number;
}

export interface TranslateApi {
  translateModel(
    model: Declaration,
    lang: string,
    options: { translationsDir: string; file: VFile },
  ): Promise<{ model: Declaration; coverage: Coverage; unusable: boolean }>;
  translatedMarkdown?(model: Declaration): string;
}

let api: Promise<TranslateApi> | null = null;

export function loadTranslateApi(): Promise<TranslateApi> {
  // Loaded on first use: a build without translations never loads the translation stage.
  api ??= import('../l10n/index.js') as Promise<TranslateApi>;
  return api;
}

/** Translation files for a document: `translations/<lang>/<id>.{xlf,po}` (or `<id>.<lang>.{xlf,po}`), the preferred one per language. */
export function translationFiles(translationsDir: string, id: string, langs: string[] | 'auto'): Array<{ lang: string; path: string }> {
  if (!existsSync(translationsDir)) return [];
  const languages =
    langs === 'auto'
      ? readdirSync(translationsDir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
          .sort()
      : langs;
  const out: Array<{ lang: string; path: string }> = [];
  for (const lang of languages) {
    const [path] = findTranslationFiles(translationsDir, lang, id);
    if (path) out.push({ lang, path });
  }
  return out;
}

/** Bytes of every translation file of a document, for the cache key. */
export function translationBytes(files: Array<{ path: string }>): Buffer[] {
  return files.map((f) => readFileSync(f.path));
}

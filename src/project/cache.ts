/**
 * The incremental cache: one small JSON entry per document under
 * <out>/.cache/, keyed by a hash of the source bytes, its translation files,
 * the asset hash (templates, fonts, lexicon), the options and the version.
 * An entry is fresh when its key matches and every artifact it lists is
 * still on disk with the recorded size.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Artifact } from './artifact.js';
import type { Diagnostic } from '../diagnostics/format.js';
import type { Coverage } from './translations.js';
import { outputAffectingOptions, type BuildOptions } from './options.js';
import { writeFileAtomic } from './atomic-write.js';
import { assetHash } from './asset-hash.js';
import { translationFiles } from './translations.js';
import { briefpackVersion } from '../util/version.js';

export interface CacheEntry {
  key: string;
  source: string;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  coverage: Array<{ lang: string } & Coverage>;
}

export const CACHE_DIR = '.cache';

export function cacheKey(
  source: Uint8Array,
  translations: Array<{ lang: string; path: string }>,
  assets: string,
  options: BuildOptions,
  version: string,
): string {
  const hash = createHash('sha256');
  hash
    .update(`briefpack ${version}\0assets ${assets}\0`)
    .update(JSON.stringify(outputAffectingOptions(options)))
    .update('\0')
    .update(source);
  for (const t of translations) hash.update(`\0${t.lang}\0`).update(readFileSync(t.path));
  return hash.digest('hex');
}

function entryPath(out: string, id: string): string {
  return join(out, CACHE_DIR, `${id}.json`);
}

export function readCacheEntry(out: string, id: string): CacheEntry | null {
  try {
    return JSON.parse(readFileSync(entryPath(out, id), 'utf8')) as CacheEntry;
  } catch {
    return null;
  }
}

export function writeCacheEntry(out: string, id: string, entry: CacheEntry): void {
  writeFileAtomic(entryPath(out, id), JSON.stringify(entry));
}

export function isFresh(entry: CacheEntry, out: string): boolean {
  return entry.artifacts.every((a) => {
    try {
      return statSync(join(out, a.path)).size === a.bytes;
    } catch {
      return false;
    }
  });
}

/**
 * The cache entry of a source when its outputs are up to date, else null.
 * Cheap and free of the compile and render stages, so the main thread can
 * settle a no-op build without loading them or starting a worker. It computes
 * the same key as buildDocument (the id is the file name without extension,
 * as documentId in src/model/compile.ts).
 */
export function freshEntry(source: string, options: BuildOptions): CacheEntry | null {
  if (!options.cache) return null;
  const id = basename(source, extname(source));
  const entry = readCacheEntry(options.out, id);
  if (!entry || entry.source !== source) return null;
  try {
    const translations = translationFiles(options.translationsDir, id, options.langs);
    const key = cacheKey(readFileSync(source), translations, assetHash(options.templatesDir, options.pack.inputs), options, briefpackVersion());
    return entry.key === key && isFresh(entry, options.out) ? entry : null;
  } catch {
    // Unreadable source or translation: let buildDocument report it.
    return null;
  }
}

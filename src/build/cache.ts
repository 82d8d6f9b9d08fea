/**
 * The incremental cache: one small JSON entry per document under
 * <out>/.cache/, keyed by a hash of the source bytes, its translation files,
 * the asset hash (templates, fonts, lexicon), the options and the version.
 * An entry is fresh when its key matches and every artifact it lists is
 * still on disk with the recorded size.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from './artifact.js';
import type { Diagnostic } from '../diagnostics/format.js';
import type { Coverage } from './translations.js';
import { outputAffectingOptions, type BuildOptions } from './options.js';
import { writeFileAtomic } from './atomic-write.js';

export interface CacheEntry {
  key: string;
  source: string;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  coverage: Array<{ lang: string } & Coverage>;
}

export const CACHE_DIR = '.cache';

export function cacheKey(source: Uint8Array, translations: Array<{ lang: string; path: string }>, assets: string, options: BuildOptions, version: string): string {
  const hash = createHash('sha256');
  hash.update(`briefpack ${version}\0assets ${assets}\0`).update(JSON.stringify(outputAffectingOptions(options))).update('\0').update(source);
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

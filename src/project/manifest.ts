/**
 * out/manifest.json: every artifact of the packs in the folder, sorted by
 * path, with no timestamps, so two builds of the same inputs write the same
 * bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from './artifact.js';
import { writeFileAtomic } from './atomic-write.js';

export interface Manifest {
  manifestVersion: 1;
  generator: string;
  artifacts: Artifact[];
}

export const MANIFEST = 'manifest.json';

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function readManifest(out: string): Manifest | null {
  try {
    const parsed = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as Manifest;
    return Array.isArray(parsed.artifacts) ? parsed : null;
  } catch {
    return null;
  }
}

export function serializeManifest(artifacts: Artifact[], version: string): string {
  const sorted = [...artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { manifestVersion: 1, generator: `briefpack ${version}`, artifacts: sorted };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * Merge this build's files into the manifest already in `out`: an entry
 * for a path written now replaces the old one; entries of removed paths go;
 * every other entry (another format, another language, another shard, a
 * document that failed this time) stays.
 */
export function updateManifest(out: string, produced: readonly Artifact[], removed: ReadonlySet<string>, version: string): Manifest {
  const previous = readManifest(out)?.artifacts ?? [];
  const now = new Set(produced.map((a) => a.path));
  const keep = previous.filter((a) => !now.has(a.path) && !removed.has(a.path));
  const artifacts = [...keep, ...produced];
  const text = serializeManifest(artifacts, version);
  // Unchanged: leave the file (and its mtime) alone, as for up-to-date documents.
  if (readText(join(out, MANIFEST)) !== text) writeFileAtomic(join(out, MANIFEST), text);
  return JSON.parse(text) as Manifest;
}

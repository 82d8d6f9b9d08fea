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
 * Merge this build's documents into the manifest already in `out`: entries of
 * documents built now replace their old ones; failed documents lose theirs;
 * others (another shard, another invocation) stay.
 */
export function updateManifest(out: string, built: Map<string, Artifact[]>, failed: Set<string>, version: string): Manifest {
  const previous = readManifest(out)?.artifacts ?? [];
  const keep = previous.filter((a) => !built.has(a.source.path) && !failed.has(a.source.path));
  const artifacts = [...keep, ...[...built.values()].flat()];
  const text = serializeManifest(artifacts, version);
  // Unchanged: leave the file (and its mtime) alone, as for up-to-date documents.
  if (readText(join(out, MANIFEST)) !== text) writeFileAtomic(join(out, MANIFEST), text);
  return JSON.parse(text) as Manifest;
}

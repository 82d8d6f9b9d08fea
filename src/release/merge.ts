/**
 * Merge output folders built separately (the shards of a CI matrix) into
 * one: every file is checked against its own manifest, copied, and listed in
 * one merged, sorted manifest. Two folders may hold the same path only with
 * the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readManifest, serializeManifest, MANIFEST, type Manifest } from '../project/manifest.js';
import { writeFileAtomic } from '../project/atomic-write.js';
import type { Artifact } from '../project/artifact.js';
import type { VerifyProblem } from './verify.js';

export interface MergeResult {
  problems: VerifyProblem[];
  files: number;
}

export function mergeOutputs(folders: string[], out: string, version: string): MergeResult {
  const problems: VerifyProblem[] = [];
  const merged = new Map<string, { artifact: Artifact; from: string }>();
  const manifests: Array<[string, Manifest]> = [];
  for (const folder of folders) {
    const manifest = readManifest(folder);
    if (!manifest) problems.push({ path: join(folder, MANIFEST), severity: 'error', ruleId: 'verify-manifest', message: 'No readable manifest.json' });
    else manifests.push([folder, manifest]);
  }
  const copies: Array<{ to: string; data: Buffer }> = [];
  for (const [folder, manifest] of manifests) {
    for (const a of manifest.artifacts) {
      let data: Buffer;
      try {
        data = readFileSync(join(folder, a.path));
      } catch {
        problems.push({ path: `${folder}/${a.path}`, severity: 'error', ruleId: 'verify-missing', message: 'Listed in the manifest but missing' });
        continue;
      }
      if (data.length !== a.bytes || createHash('sha256').update(data).digest('hex') !== a.sha256) {
        problems.push({ path: `${folder}/${a.path}`, severity: 'error', ruleId: 'verify-hash', message: 'Content does not match its manifest entry' });
        continue;
      }
      const seen = merged.get(a.path);
      if (seen) {
        if (seen.artifact.sha256 !== a.sha256)
          problems.push({
            path: `${folder}/${a.path}`,
            severity: 'error',
            ruleId: 'verify-extra',
            message: `Also in ${seen.from} with other content; a document may be built by one shard only`,
          });
        continue;
      }
      merged.set(a.path, { artifact: a, from: folder });
      if (resolve(folder) !== resolve(out)) copies.push({ to: join(out, a.path), data });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { problems, files: 0 };
  for (const c of copies) writeFileAtomic(c.to, c.data);
  writeFileAtomic(
    join(out, MANIFEST),
    serializeManifest(
      [...merged.values()].map((m) => m.artifact),
      version,
    ),
  );
  return { problems, files: merged.size };
}

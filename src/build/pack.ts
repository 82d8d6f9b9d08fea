/**
 * Release bundles: a deterministic zip of one document's pack, or of the
 * whole output folder, with the matching part of the manifest inside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, serializeManifest } from './manifest.js';
import { zipDeterministic } from '../util/zip.js';
import { parseSourceDateEpoch, ZIP_EPOCH } from './epoch.js';
import { briefpackVersion } from '../util/version.js';

export interface PackResult {
  zip: Uint8Array;
  files: number;
}

export function packOutput(out: string, documentId: string | null): PackResult {
  const manifest = readManifest(out);
  if (!manifest) throw new Error(`No manifest.json in ${out}: run briefpack build first`);
  const artifacts = manifest.artifacts.filter((a) => documentId == null || a.path.startsWith(`${documentId}/`));
  if (!artifacts.length) throw new Error(documentId ? `No document "${documentId}" in ${out}/manifest.json` : `${out}/manifest.json lists no files`);
  const epoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH) ?? ZIP_EPOCH;
  const files = artifacts.map((a) => ({
    name: a.path,
    data: new Uint8Array(readFileSync(join(out, a.path))),
    // PDFs, DOCX and PNG are compressed already.
    level: (/\.(pdf|docx|zip|png)$/.test(a.path) ? 0 : 9) as 0 | 9,
  }));
  files.push({ name: 'manifest.json', data: new TextEncoder().encode(serializeManifest(artifacts, briefpackVersion())), level: 9 });
  return { zip: zipDeterministic(files, epoch), files: files.length };
}

/**
 * Release bundles: a deterministic zip of one document's pack, or of the
 * whole output folder, with the matching part of the manifest inside.
 * Entries are sorted, stamped with SOURCE_DATE_EPOCH (else 1980-01-01) and
 * checked against the manifest first: the same folder gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readManifest, serializeManifest } from '../project/manifest.js';
import { zipDeterministic } from '../util/zip.js';
import { parseSourceDateEpoch, ZIP_EPOCH } from '../model/epoch.js';
import { briefpackVersion } from '../util/version.js';

/** The folder does not hold what its manifest says: not a usage mistake, a failed check (exit 1). */
export class PackMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackMismatch';
  }
}

export interface PackResult {
  zip: Uint8Array;
  files: number;
}

export function packOutput(out: string, documentId: string | null): PackResult {
  const manifest = readManifest(out);
  if (!manifest) throw new Error(`No manifest.json in ${out}: run briefpack build first`);
  const artifacts = manifest.artifacts.filter((a) => documentId == null || a.path.startsWith(`${documentId}/`));
  const what = documentId?.startsWith('packs/') ? `pack "${documentId.slice('packs/'.length)}"` : `document "${documentId}"`;
  if (!artifacts.length) throw new Error(documentId ? `No ${what} in ${out}/manifest.json` : `${out}/manifest.json lists no files`);
  const epoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH) ?? ZIP_EPOCH;
  const files = artifacts.map((a) => {
    let data: Buffer;
    try {
      data = readFileSync(join(out, a.path));
    } catch {
      throw new PackMismatch(`${out}/${a.path} is listed in the manifest but missing: run briefpack verify ${out}`);
    }
    // A release must hold what its manifest says: no packing of a tampered or half-updated folder.
    if (data.length !== a.bytes || createHash('sha256').update(data).digest('hex') !== a.sha256) {
      throw new PackMismatch(`${out}/${a.path} does not match its manifest entry: run briefpack verify ${out}, or rebuild`);
    }
    // PDFs, DOCX and PNG are compressed already.
    return { name: a.path, data: new Uint8Array(data), level: (/\.(pdf|docx|zip|png)$/.test(a.path) ? 0 : 9) as 0 | 9 };
  });
  files.push({ name: 'manifest.json', data: new TextEncoder().encode(serializeManifest(artifacts, briefpackVersion())), level: 9 });
  return { zip: zipDeterministic(files, epoch), files: files.length };
}

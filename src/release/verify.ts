/**
 * Verify an output folder against its manifest: every listed file exists with
 * the recorded size and sha256, no unlisted file is present, every source
 * still has the recorded hash, and the assets and version match this briefpack.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readManifest, serializeManifest, MANIFEST } from '../project/manifest.js';
import { CACHE_DIR } from '../project/cache.js';
import { assetHash } from '../project/asset-hash.js';
import { briefpackVersion } from '../util/version.js';

export interface VerifyProblem {
  path: string;
  severity: 'error' | 'warning';
  ruleId: 'verify-missing' | 'verify-extra' | 'verify-size' | 'verify-hash' | 'verify-source' | 'verify-assets' | 'verify-version' | 'verify-manifest';
  message: string;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (d === dir && entry.name === CACHE_DIR) continue;
        walk(path);
      } else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function verifyOutput(
  out: string,
  options: {
    templatesDir?: string | null;
    /** The project file and the files it names, as the build's asset hash took them (`packSettings(…).inputs`). */
    inputs?: readonly string[];
    checkSources?: boolean;
  } = {},
): { problems: VerifyProblem[]; checked: number } {
  const problems: VerifyProblem[] = [];
  const manifest = readManifest(out);
  if (!manifest) {
    return { problems: [{ path: join(out, MANIFEST), severity: 'error', ruleId: 'verify-manifest', message: 'No readable manifest.json' }], checked: 0 };
  }
  // The manifest itself: sorted, no path twice, in the form briefpack writes (not edited by hand).
  const raw = readFileSync(join(out, MANIFEST), 'utf8');
  const paths = manifest.artifacts.map((a) => a.path);
  if (new Set(paths).size !== paths.length) problems.push({ path: MANIFEST, severity: 'error', ruleId: 'verify-manifest', message: 'Lists a path twice' });
  else if (raw !== serializeManifest(manifest.artifacts, String(manifest.generator).replace(/^briefpack /, ''))) {
    problems.push({ path: MANIFEST, severity: 'error', ruleId: 'verify-manifest', message: 'Not in the sorted form briefpack writes (edited by hand?)' });
  }
  const listed = new Set<string>();
  const assets = assetHash(options.templatesDir ?? null, options.inputs);
  const version = briefpackVersion();
  const sourceHashes = new Map<string, string | null>();
  for (const a of manifest.artifacts) {
    listed.add(a.path);
    const path = join(out, a.path);
    if (!existsSync(path)) {
      problems.push({ path: a.path, severity: 'error', ruleId: 'verify-missing', message: 'Listed in the manifest but missing' });
      continue;
    }
    const data = readFileSync(path);
    if (data.length !== a.bytes)
      problems.push({ path: a.path, severity: 'error', ruleId: 'verify-size', message: `Size ${data.length} bytes, manifest says ${a.bytes}` });
    else if (createHash('sha256').update(data).digest('hex') !== a.sha256)
      problems.push({ path: a.path, severity: 'error', ruleId: 'verify-hash', message: 'Content does not match the manifest sha256' });
    if (options.checkSources !== false) {
      // A pack's files come from its brief (the source) and its documents (the inputs).
      for (const input of [a.source, ...(a.inputs ?? [])]) {
        if (!sourceHashes.has(input.path)) sourceHashes.set(input.path, existsSync(input.path) ? sha256File(input.path) : null);
        const now = sourceHashes.get(input.path);
        if (now == null) problems.push({ path: a.path, severity: 'warning', ruleId: 'verify-source', message: `Source ${input.path} is not here to check` });
        else if (now !== input.sha256)
          problems.push({
            path: a.path,
            severity: 'error',
            ruleId: 'verify-source',
            message: `Source ${input.path} changed since this file was built (stale)`,
          });
      }
    }
    if (a.assets !== assets)
      problems.push({ path: a.path, severity: 'warning', ruleId: 'verify-assets', message: `Built with templates/fonts ${a.assets}, these are ${assets}` });
    if (a.version !== version)
      problems.push({ path: a.path, severity: 'warning', ruleId: 'verify-version', message: `Built by briefpack ${a.version}, this is ${version}` });
  }
  for (const file of listFiles(out)) {
    if (file === MANIFEST || listed.has(file)) continue;
    problems.push({ path: file, severity: 'error', ruleId: 'verify-extra', message: 'Present in the output folder but not in the manifest' });
  }
  return { problems, checked: manifest.artifacts.length };
}

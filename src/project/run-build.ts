/**
 * A whole build: discover sources, shard, settle the fresh ones from the
 * cache, build the rest on the pool, report diagnostics, drop outputs that
 * are no longer produced, write the manifest. Returns the exit code.
 *
 * With `failFast` (--no-keep-going), no document is started after the first
 * failure; documents already running finish and are reported, the ones never
 * started keep their previous outputs and manifest entries, and the summary
 * counts them as "not started". Either way, any failure exits 1.
 */
import { accessSync, constants, rmSync, existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { discoverSources, toPosixRelative } from './discover.js';
import { runPool } from './pool.js';
import { selectShard, type Shard } from './shard.js';
import { updateManifest, readManifest } from './manifest.js';
import { removeStaleTemps, makeDirectory } from './atomic-write.js';
import { CACHE_DIR, freshEntry } from './cache.js';
import type { BuildOptions } from './options.js';
import type { Artifact } from './artifact.js';
import type { DocumentResult } from './build-document.js';
import type { Diagnostic } from '../diagnostics/format.js';
import type { RunObserver } from './observer.js';
import { briefpackVersion } from '../util/version.js';

export interface RunOptions {
  jobs: number;
  shard: Shard | null;
  /** Told of every document, diagnostic and the summary (the command line prints them). */
  observer: RunObserver;
  /** Stop starting new documents after the first failure (default: keep going). */
  failFast: boolean;
  strict: boolean;
  /** Build in worker threads only, even one document (watch, serve: see runPool). */
  isolate?: boolean;
}

export interface BuildSummary {
  exitCode: number;
  results: DocumentResult[];
}

/** The id a source's outputs are named by (as documentId in src/model/compile.ts, without loading that stage). */
function documentIdOf(source: string): string {
  return basename(source, extname(source));
}

/**
 * Sources whose id another source already has (`a/x.md` and `b/x.md` would
 * both write out/x/): each maps to the first one, in sorted order. Found over
 * the whole list before sharding, so every shard agrees.
 */
function duplicateIds(sources: string[]): Map<string, string> {
  const first = new Map<string, string>();
  const duplicates = new Map<string, string>();
  for (const source of sources) {
    const id = documentIdOf(source);
    const owner = first.get(id);
    if (owner) duplicates.set(source, owner);
    else first.set(id, source);
  }
  return duplicates;
}

function duplicateResult(source: string, first: string): DocumentResult {
  const id = documentIdOf(source);
  return {
    source,
    id,
    status: 'failed',
    diagnostics: [
      {
        file: source,
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        severity: 'error',
        ruleId: 'output-write',
        message: `Document id "${id}" is already taken by ${first}; both would write ${id}/ in the output folder. Rename one of the files`,
      },
    ],
    artifacts: [],
    coverage: [],
    ms: 0,
  };
}

/**
 * Sources in the old manifest that no longer exist, inside the files and
 * folders this build was given. The manifest's paths are relative to the
 * folder the build ran in: from another folder (a subfolder of a project, its
 * briefpack.yaml found above) a source that is still here reads as gone, so
 * a source counts as gone only when no output folder it wrote (`<id>/`,
 * `packs/<id>/`) belongs to a document or pack of this build.
 */
function deletedSources(previous: Artifact[], paths: string[], present: ReadonlySet<string>): string[] {
  const roots = paths.map((p) => toPosixRelative(p));
  const inside = (source: string) => roots.some((r) => r === '.' || source === r || source.startsWith(`${r}/`));
  const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
  const gone = [...new Set(previous.map((a) => a.source.path))].filter((s) => inside(s) && !existsSync(s));
  return gone.filter((s) => !previous.some((a) => a.source.path === s && present.has(folderOf(a.path))));
}

export async function runBuild(paths: string[], options: BuildOptions, run: RunOptions): Promise<BuildSummary> {
  const reporter = run.observer;
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic) => {
    diagnostics.push(d);
    reporter.diagnostic(d);
  };
  try {
    if (!options.check) {
      makeDirectory(options.out);
      accessSync(options.out, constants.W_OK);
    }
  } catch (error) {
    fail({
      file: options.out,
      line: null,
      column: null,
      endLine: null,
      endColumn: null,
      severity: 'error',
      ruleId: 'output-write',
      message: `Cannot write to the output folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
    reporter.end({ built: 0, upToDate: 0, failed: 0, ms: 0 }, diagnostics);
    return { exitCode: 1, results: [] };
  }
  if (!options.check) removeStaleTemps(options.out);
  const { sources: all, missing, wordFiles } = discoverSources(paths);
  for (const path of wordFiles) {
    fail({
      file: path,
      line: null,
      column: null,
      endLine: null,
      endColumn: null,
      severity: 'info',
      ruleId: 'source-binary',
      message: 'A Word file in a source folder is not built: run `briefpack import` on it to make a Markdown source',
    });
  }
  for (const path of missing) {
    fail({
      file: path,
      line: null,
      column: null,
      endLine: null,
      endColumn: null,
      severity: 'error',
      ruleId: 'source-unreadable',
      message: 'No such file or folder',
    });
  }
  const sources = selectShard(all, run.shard);
  // Books are slices of their own: shard 1 builds them, after its documents.
  const packs = !run.shard || run.shard.index === 1 ? (options.packs ?? []) : [];
  const duplicates = duplicateIds(all);
  const started = Date.now();
  const progress = reporter;
  reporter.begin(sources.length + packs.length);
  const results: DocumentResult[] = [];
  const shared = new Set<string>();
  let failures = 0;
  const record = (result: DocumentResult) => {
    results.push(result);
    if (result.status === 'failed') failures++;
    for (const d of result.diagnostics) {
      // A problem of a shared file (a template, the project file) is met by every document: say it once.
      if (d.file !== result.source) {
        const key = `${d.file}\0${d.line}\0${d.column}\0${d.ruleId}\0${d.message}`;
        if (shared.has(key)) continue;
        shared.add(key);
      }
      diagnostics.push(d);
      if (result.status !== 'up-to-date' || d.severity !== 'info') reporter.diagnostic(d);
    }
    const how = { failed: 'failed', 'up-to-date': 'up to date', built: 'built', checked: 'checked' }[result.status];
    progress.finish(`${how} ${result.source}${result.status === 'built' ? ` (${result.artifacts.length} files, ${result.ms} ms)` : ''}`);
  };

  // Settle what the cache says is fresh here, before any worker starts or
  // any renderer loads: a no-op build reads sources and cache entries only.
  const stale: string[] = [];
  for (const source of sources) {
    const first = duplicates.get(source);
    if (first) {
      progress.start(source);
      record(duplicateResult(source, first));
      continue;
    }
    const entry = options.check ? null : freshEntry(source, options);
    if (!entry) {
      stale.push(source);
      continue;
    }
    progress.start(source);
    record({
      source,
      id: documentIdOf(source),
      status: 'up-to-date',
      diagnostics: entry.diagnostics,
      artifacts: entry.artifacts,
      coverage: entry.coverage,
      ms: 0,
    });
  }
  await runPool(
    stale,
    options,
    run.jobs,
    {
      onStart: (source) => progress.start(source),
      shouldStop: () => run.failFast && failures > 0,
      onResult: record,
    },
    { isolate: run.isolate },
  );
  if (packs.length) {
    // Loaded only for a project with books: a build of documents never loads the book stages.
    const { buildPack } = await import('./build-pack.js');
    const built = new Set(sources);
    for (const pack of packs) {
      if (run.failFast && failures > 0) break;
      progress.start(`pack ${pack.id}`);
      record(await buildPack(pack, options, built));
    }
  }
  const count = (s: DocumentResult['status']) => results.filter((r) => r.status === s).length;
  const notStarted = sources.length + packs.length - results.length;
  const errors = diagnostics.some((d) => d.severity === 'error') || failures > 0;
  const warnings = diagnostics.some((d) => d.severity === 'warning');
  const exitCode = errors || (run.strict && warnings) ? 1 : 0;
  if (options.check) {
    reporter.end({ built: 0, upToDate: 0, failed: count('failed'), checked: results.length, notStarted, ms: Date.now() - started }, diagnostics);
    return { exitCode, results };
  }

  // Nothing is destroyed by a narrower or failed build: a document's files
  // are replaced by the ones this build wrote, its other files (formats or
  // languages not asked for now, or everything when it failed) stay, with
  // their manifest entries. Only a source that is gone, or --clean, removes
  // files.
  const previous = readManifest(options.out)?.artifacts ?? [];
  const produced = results.flatMap((r) => r.artifacts);
  const producedPaths = new Set(produced.map((a) => a.path));
  const removed = new Set<string>();
  const remove = (a: Artifact) => {
    rmSync(join(options.out, a.path), { force: true });
    removed.add(a.path);
  };
  if (options.clean) {
    const here = new Set(results.map((r) => r.source));
    for (const a of previous) if (here.has(a.source.path) && !producedPaths.has(a.path)) remove(a);
  }
  // A source deleted from a folder this build reads takes its outputs with it.
  const present = new Set([...all.map(documentIdOf), ...(options.packs ?? []).map((p) => `packs/${p.id}`)]);
  for (const source of deletedSources(previous, paths, present)) {
    for (const a of previous) if (a.source.path === source) remove(a);
    rmSync(join(options.out, CACHE_DIR, `${documentIdOf(source)}.json`), { force: true });
    rmSync(join(options.out, CACHE_DIR, 'nlp', `${documentIdOf(source)}.json`), { force: true });
  }
  for (const r of results) if (r.status === 'failed' && !duplicates.has(r.source)) rmSync(join(options.out, CACHE_DIR, `${r.id}.json`), { force: true });
  updateManifest(options.out, produced, removed, briefpackVersion());

  reporter.end({ built: count('built'), upToDate: count('up-to-date'), failed: count('failed'), notStarted, ms: Date.now() - started }, diagnostics);
  return { exitCode, results };
}

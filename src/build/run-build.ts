/**
 * A whole build: discover sources, shard, build them on the pool, report
 * diagnostics, drop outputs of documents that failed, write the manifest.
 * Returns the exit code.
 */
import { mkdirSync, accessSync, constants, rmSync } from 'node:fs';
import { join } from 'node:path';
import { discoverSources } from './discover.js';
import { runPool } from './pool.js';
import { selectShard, type Shard } from './shard.js';
import { updateManifest, readManifest } from './manifest.js';
import { removeStaleTemps } from './atomic-write.js';
import { CACHE_DIR } from './cache.js';
import type { BuildOptions } from './options.js';
import type { Artifact } from './artifact.js';
import type { DocumentResult } from './build-document.js';
import type { Diagnostic } from '../diagnostics/format.js';
import { Progress, progressMode } from '../cli/progress.js';
import { makeReporter, type ReporterName } from '../cli/reporter.js';
import { briefpackVersion } from '../util/version.js';

export interface RunOptions {
  jobs: number;
  shard: Shard | null;
  reporter: ReporterName;
  quiet: boolean;
  /** Stop starting new documents after the first failure (default: keep going). */
  failFast: boolean;
  strict: boolean;
}

export interface BuildSummary {
  exitCode: number;
  results: DocumentResult[];
}

export async function runBuild(paths: string[], options: BuildOptions, run: RunOptions): Promise<BuildSummary> {
  const reporter = makeReporter(run.reporter, run.quiet);
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic) => {
    diagnostics.push(d);
    reporter.diagnostic(d);
  };
  try {
    mkdirSync(options.out, { recursive: true });
    accessSync(options.out, constants.W_OK);
  } catch (error) {
    fail({ file: options.out, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'output-write', message: `Cannot write to the output folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    reporter.end({ built: 0, upToDate: 0, failed: 0, ms: 0 }, diagnostics);
    return { exitCode: 1, results: [] };
  }
  removeStaleTemps(options.out);
  const { sources: all, missing } = discoverSources(paths);
  for (const path of missing) {
    fail({ file: path, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'source-unreadable', message: 'No such file or folder' });
  }
  const sources = selectShard(all, run.shard);
  const started = Date.now();
  const progress = new Progress(progressMode(run.quiet || run.reporter === 'json'), sources.length);
  const results: DocumentResult[] = [];
  let failures = 0;
  reporter.attach(progress);
  await runPool(sources, options, run.jobs, {
    onStart: (source) => progress.start(source),
    shouldStop: () => run.failFast && failures > 0,
    onResult: (result) => {
      results.push(result);
      if (result.status === 'failed') failures++;
      for (const d of result.diagnostics) {
        diagnostics.push(d);
        if (result.status !== 'up-to-date' || d.severity !== 'info') reporter.diagnostic(d);
      }
      progress.finish(`${result.status === 'failed' ? 'failed' : result.status === 'up-to-date' ? 'up to date' : 'built'} ${result.source}${result.status === 'built' ? ` (${result.artifacts.length} files, ${result.ms} ms)` : ''}`);
    },
  });
  progress.end();

  // Outputs of a document that failed now would be stale: remove them and their cache entry.
  const previous = readManifest(options.out)?.artifacts ?? [];
  const failed = new Set(results.filter((r) => r.status === 'failed').map((r) => r.source));
  for (const r of results.filter((x) => x.status === 'failed')) {
    for (const a of previous.filter((p) => p.source.path === r.source)) rmSync(join(options.out, a.path), { force: true });
    rmSync(join(options.out, CACHE_DIR, `${r.id}.json`), { force: true });
  }
  const built = new Map<string, Artifact[]>();
  for (const r of results) if (r.status !== 'failed') built.set(r.source, r.artifacts);
  updateManifest(options.out, built, failed, briefpackVersion());

  const count = (s: DocumentResult['status']) => results.filter((r) => r.status === s).length;
  reporter.end({ built: count('built'), upToDate: count('up-to-date'), failed: count('failed'), ms: Date.now() - started }, diagnostics);
  const errors = diagnostics.some((d) => d.severity === 'error') || failures > 0;
  const warnings = diagnostics.some((d) => d.severity === 'warning');
  return { exitCode: errors || (run.strict && warnings) ? 1 : 0, results };
}

/**
 * Where diagnostics and the closing summary go: text lines on stderr,
 * one JSON document on stdout, or GitHub Actions annotations on stdout;
 * with a progress line on a terminal. The command line makes this observer
 * and injects it into a run (src/project/observer.ts).
 */
import { appendFileSync } from 'node:fs';
import { formatText, formatGithub, sortDiagnostics } from '../diagnostics/format.js';
import type { RunObserver, Summary } from '../project/observer.js';
import { Progress, progressMode } from './progress.js';

export type ReporterName = 'text' | 'json' | 'github';
export type { Summary };

export function defaultReporter(env: NodeJS.ProcessEnv = process.env): ReporterName {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

export type Level = 'error' | 'warning' | 'info';
const RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

/** The lowest severity printed by default: warnings on CI, everything on a terminal. */
export function defaultLevel(env: NodeJS.ProcessEnv = process.env): Level {
  return env.CI === 'true' || env.CI === '1' || env.GITHUB_ACTIONS === 'true' ? 'warning' : 'info';
}

export function summaryLine(s: Summary): string {
  const parts = s.checked != null ? [`${s.checked} checked`] : [`${s.built} built`, `${s.upToDate} up to date`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.notStarted) parts.push(`${s.notStarted} not started (--no-keep-going)`);
  return `${parts.join(', ')} in ${(s.ms / 1000).toFixed(1)} s`;
}

/**
 * The observer of a command-line run: `quiet` prints diagnostics only;
 * `level` is the lowest severity printed (every diagnostic still counts for
 * the exit code and the JSON report). The GitHub reporter prints at most one
 * notice per rule and file, then a summary (also to $GITHUB_STEP_SUMMARY).
 */
export function makeReporter(name: ReporterName, quiet = false, level: Level = defaultLevel()): RunObserver {
  let progress: Progress | null = null;
  const line = (text: string, stream: NodeJS.WriteStream) => (progress ? progress.log(text, stream) : stream.write(text + '\n'));
  if (name === 'json') {
    return {
      begin: () => {},
      start: () => {},
      finish: () => {},
      diagnostic: () => {},
      end: (summary, all) => process.stdout.write(JSON.stringify({ summary, diagnostics: sortDiagnostics(all) }, null, 2) + '\n'),
    };
  }
  const github = name === 'github';
  const format = github ? formatGithub : formatText;
  const stream = github ? process.stdout : process.stderr;
  const noticed = new Set<string>();
  let folded = 0;
  return {
    begin: (total) => (progress = new Progress(progressMode(quiet), total)),
    start: (source) => progress?.start(source),
    finish: (text) => progress?.finish(text),
    diagnostic: (d) => {
      if (RANK[d.severity] > RANK[level]) return;
      if (github && d.severity === 'info') {
        const key = `${d.file}\0${d.ruleId}`;
        if (noticed.has(key)) {
          folded++;
          return;
        }
        noticed.add(key);
      }
      line(format(d), stream);
    },
    end: (summary, all) => {
      progress?.end();
      if (github) githubSummary(all, folded);
      if (summary && !quiet) process.stderr.write(summaryLine(summary) + '\n');
    },
  };
}

/** One closing notice with the counts, and a table by rule in the job summary. */
function githubSummary(all: readonly { severity: Level; ruleId: string | null }[], folded: number): void {
  if (!all.length) return;
  const count = (s: Level) => all.filter((d) => d.severity === s).length;
  const more = folded ? ` (${folded} more notices not shown: one per rule and file)` : '';
  process.stdout.write(`::notice title=briefpack::${count('error')} errors, ${count('warning')} warnings, ${count('info')} notices${more}\n`);
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const byRule = new Map<string, { severity: Level; n: number }>();
  for (const d of all) {
    const key = d.ruleId ?? '-';
    const entry = byRule.get(key) ?? { severity: d.severity, n: 0 };
    entry.n++;
    byRule.set(key, entry);
  }
  const rows = [...byRule]
    .sort((a, b) => RANK[a[1].severity] - RANK[b[1].severity] || b[1].n - a[1].n)
    .map(([rule, e]) => `| ${rule} | ${e.severity} | ${e.n} |`);
  try {
    appendFileSync(file, ['### briefpack diagnostics', '', '| rule | severity | count |', '| --- | --- | --- |', ...rows, ''].join('\n') + '\n');
  } catch {
    /* the summary is a convenience; the annotations are already out */
  }
}

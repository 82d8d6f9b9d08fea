/**
 * Where diagnostics and the closing summary go: text lines on stderr,
 * one JSON document on stdout, or GitHub Actions annotations on stdout;
 * with a progress line on a terminal. The command line makes this observer
 * and injects it into a run (src/project/observer.ts).
 */
import { formatText, formatGithub, sortDiagnostics } from '../diagnostics/format.js';
import type { RunObserver, Summary } from '../project/observer.js';
import { Progress, progressMode } from './progress.js';

export type ReporterName = 'text' | 'json' | 'github';
export type { Summary };

export function defaultReporter(env: NodeJS.ProcessEnv = process.env): ReporterName {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

export function summaryLine(s: Summary): string {
  const parts = s.checked != null ? [`${s.checked} checked`] : [`${s.built} built`, `${s.upToDate} up to date`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.notStarted) parts.push(`${s.notStarted} not started (--no-keep-going)`);
  return `${parts.join(', ')} in ${(s.ms / 1000).toFixed(1)} s`;
}

/** The observer of a command-line run: `quiet` prints diagnostics only. */
export function makeReporter(name: ReporterName, quiet = false): RunObserver {
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
  const format = name === 'github' ? formatGithub : formatText;
  const stream = name === 'github' ? process.stdout : process.stderr;
  return {
    begin: (total) => (progress = new Progress(progressMode(quiet), total)),
    start: (source) => progress?.start(source),
    finish: (text) => progress?.finish(text),
    diagnostic: (d) => line(format(d), stream),
    end: (summary) => {
      progress?.end();
      if (summary && !quiet) process.stderr.write(summaryLine(summary) + '\n');
    },
  };
}

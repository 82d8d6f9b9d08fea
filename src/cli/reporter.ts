/**
 * Where diagnostics and the closing summary go: text lines on stderr,
 * one JSON document on stdout, or GitHub Actions annotations on stdout.
 */
import { formatText, formatGithub, sortDiagnostics, type Diagnostic } from '../diagnostics/format.js';
import type { Progress } from './progress.js';

export type ReporterName = 'text' | 'json' | 'github';

export interface Summary {
  built: number;
  upToDate: number;
  failed: number;
  /** Documents never started because --no-keep-going stopped the build. */
  notStarted?: number;
  ms: number;
}

export interface Reporter {
  attach(progress: Progress): void;
  diagnostic(d: Diagnostic): void;
  end(summary: Summary | null, all: Diagnostic[]): void;
}

export function defaultReporter(env: NodeJS.ProcessEnv = process.env): ReporterName {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

export function summaryLine(s: Summary): string {
  const parts = [`${s.built} built`, `${s.upToDate} up to date`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.notStarted) parts.push(`${s.notStarted} not started (--no-keep-going)`);
  return `${parts.join(', ')} in ${(s.ms / 1000).toFixed(1)} s`;
}

export function makeReporter(name: ReporterName, quiet = false): Reporter {
  let progress: Progress | null = null;
  const line = (text: string, stream: NodeJS.WriteStream) => (progress ? progress.log(text, stream) : stream.write(text + '\n'));
  if (name === 'json') {
    return {
      attach: () => {},
      diagnostic: () => {},
      end: (summary, all) => process.stdout.write(JSON.stringify({ summary, diagnostics: sortDiagnostics(all) }, null, 2) + '\n'),
    };
  }
  const format = name === 'github' ? formatGithub : formatText;
  const stream = name === 'github' ? process.stdout : process.stderr;
  return {
    attach: (p) => (progress = p),
    diagnostic: (d) => line(format(d), stream),
    end: (summary) => {
      if (summary && !quiet) process.stderr.write(summaryLine(summary) + '\n');
    },
  };
}

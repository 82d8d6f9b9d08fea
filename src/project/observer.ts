/**
 * What a run tells its caller as it goes: documents starting and finishing,
 * diagnostics, the closing summary. The command line injects an observer
 * that prints (text, JSON, GitHub annotations, progress); tests and the
 * library may pass their own. The project layer never prints by itself.
 */
import type { Diagnostic } from '../diagnostics/format.js';

export interface Summary {
  built: number;
  upToDate: number;
  failed: number;
  /** Documents never started because --no-keep-going stopped the build. */
  notStarted?: number;
  /** Documents checked without building (`check`). */
  checked?: number;
  ms: number;
}

export interface RunObserver {
  /** The run is about to handle `total` documents. */
  begin(total: number): void;
  start(source: string): void;
  /** A document is done: `line` says how ("built x.md (6 files, 120 ms)"). */
  finish(line: string): void;
  diagnostic(d: Diagnostic): void;
  /** The run is over; `summary` is null when it could not start. */
  end(summary: Summary | null, all: Diagnostic[]): void;
}

/** An observer that keeps nothing and prints nothing. */
export const silentObserver: RunObserver = { begin() {}, start() {}, finish() {}, diagnostic() {}, end() {} };

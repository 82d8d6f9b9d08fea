/**
 * Runs buildDocument over many sources: in this thread for one job, or on a
 * pool of worker threads. Results arrive in completion order through
 * `onResult`; `shouldStop` lets the caller stop scheduling (fail fast).
 */
import { Worker } from 'node:worker_threads';
import { buildDocument, type DocumentResult } from './build-document.js';
import type { BuildOptions } from './options.js';

export interface PoolHooks {
  onStart?: (source: string) => void;
  onResult: (result: DocumentResult) => void;
  shouldStop?: () => boolean;
}

export async function runPool(sources: string[], options: BuildOptions, jobs: number, hooks: PoolHooks): Promise<void> {
  const queue = [...sources];
  const workers = Math.max(1, Math.min(jobs, queue.length));
  if (workers === 1 || !import.meta.url.endsWith('.js')) {
    for (const source of queue) {
      if (hooks.shouldStop?.()) break;
      hooks.onStart?.(source);
      hooks.onResult(await buildDocument(source, options));
    }
    return;
  }
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { options } });
        let current: string | null = null;
        const next = () => {
          const source = hooks.shouldStop?.() ? undefined : queue.shift();
          if (source === undefined) {
            current = null;
            worker.postMessage(null);
            return;
          }
          current = source;
          hooks.onStart?.(source);
          worker.postMessage({ source });
        };
        worker.on('message', (result: DocumentResult) => {
          hooks.onResult(result);
          next();
        });
        worker.on('error', (error) => {
          // A crashed worker fails its document; the others go on in a new worker.
          if (current) {
            hooks.onResult({
              source: current,
              id: current,
              status: 'failed',
              diagnostics: [{ file: current, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'internal-error', message: `Internal error: ${error.message.split('\n')[0]}. This is a bug in briefpack.` }],
              artifacts: [],
              coverage: [],
              ms: 0,
            });
          }
          runPool(queue.splice(0), options, 1, hooks).then(resolve, reject);
        });
        worker.on('exit', () => resolve());
        next();
      }),
    ),
  );
}

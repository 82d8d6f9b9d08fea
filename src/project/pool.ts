/**
 * Runs buildDocument over many sources: in this thread for one job, or on a
 * pool of worker threads (piscina) fed from one queue. Results arrive in
 * completion order through `onResult`; `shouldStop` lets the caller stop
 * scheduling (fail fast). The build stage itself is imported only when this
 * thread builds, so a main thread that hands everything to workers stays small.
 */
import { Piscina } from 'piscina';
import { getHeapStatistics } from 'node:v8';
import { basename, extname } from 'node:path';
import type { DocumentResult } from './build-document.js';
import type { BuildOptions } from './options.js';

export interface PoolHooks {
  onStart?: (source: string) => void;
  onResult: (result: DocumentResult) => void;
  shouldStop?: () => boolean;
}

/**
 * The old-generation heap limit of a worker. Below about 2 GB V8 also grows
 * the heap less eagerly between collections (a growth factor near 2 instead
 * of 4): on a batch of 200 documents with two workers, peak RSS fell from
 * 820 MB to about 400 MB at no cost in CPU time. 1 GB is still far more than
 * a document of ordinary size needs (a 60 KB one: under 200 MB), and one that
 * needs more is rebuilt in the main thread. When the process itself has a
 * lower limit (NODE_OPTIONS=--max-old-space-size), workers get that one.
 * BRIEFPACK_WORKER_HEAP_MB overrides it (tests use a tiny one).
 */
function workerHeapMb(): number {
  const override = Number(process.env.BRIEFPACK_WORKER_HEAP_MB);
  if (override > 0) return override;
  return Math.min(1024, Math.floor(mainHeapMb()));
}

function mainHeapMb(): number {
  return getHeapStatistics().heap_size_limit / 2 ** 20;
}

function outOfMemory(source: string, limitMb: number): DocumentResult {
  return {
    ...crashed(source, ''),
    diagnostics: [{ file: source, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'input-too-large', message: `Building this document ran out of memory (heap limit ${limitMb} MB); give it more with NODE_OPTIONS=--max-old-space-size=<MB> or BRIEFPACK_WORKER_HEAP_MB` }],
  };
}

function crashed(source: string, why: string): DocumentResult {
  return {
    source,
    id: basename(source, extname(source)),
    status: 'failed',
    diagnostics: [{ file: source, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'internal-error', message: `Internal error: ${why}. This is a bug in briefpack; please report it with this source file.` }],
    artifacts: [],
    coverage: [],
    ms: 0,
  };
}

async function runInThread(queue: string[], options: BuildOptions, hooks: PoolHooks): Promise<void> {
  const { buildDocument } = await import('./build-document.js');
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
    if (hooks.shouldStop?.()) {
      queue.unshift(source);
      break;
    }
    hooks.onStart?.(source);
    hooks.onResult(await buildDocument(source, options));
  }
}

/**
 * One lane: takes documents from the shared queue and hands each to the pool,
 * so that piscina never holds more tasks than it has workers and a document
 * starts (onStart) when a worker takes it. If a worker dies on a document
 * after this lane has built others, that document fails and piscina starts a
 * fresh worker; if the lane has finished none (a worker could not start), the
 * document goes back on the queue and this lane builds the rest in the main
 * thread. A document that exhausts the worker's heap is rebuilt in the main
 * thread only when that has at least twice the room; else it fails with a
 * clear message rather than risk aborting the whole build.
 */
async function runLane(workers: Piscina, heapMb: number, queue: string[], options: BuildOptions, hooks: PoolHooks): Promise<void> {
  let finished = 0;
  for (;;) {
    const source = hooks.shouldStop?.() ? undefined : queue.shift();
    if (source === undefined) return;
    hooks.onStart?.(source);
    let result: DocumentResult;
    try {
      result = (await workers.run({ source })) as DocumentResult;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        // Too big for a worker's heap: build it here if this thread has much more room (else it
        // would likely abort the whole process), then go on with the pool's new worker.
        if (mainHeapMb() >= heapMb * 2) await runInThread([source], options, hooks);
        else hooks.onResult(outOfMemory(source, heapMb));
        continue;
      }
      if (finished === 0) {
        queue.unshift(source);
        return runInThread(queue, options, hooks);
      }
      hooks.onResult(crashed(source, (error instanceof Error ? error.message : String(error)).split('\n')[0]));
      continue;
    }
    finished++;
    hooks.onResult(result);
  }
}

/**
 * `isolate`: build even a single document in a worker, never in this thread.
 * watch and serve use it: renderers keep per-process caches (compiled
 * templates, labels), and a long-lived process must not reuse them after an edit.
 */
export async function runPool(sources: string[], options: BuildOptions, jobs: number, hooks: PoolHooks, pool: { isolate?: boolean } = {}): Promise<void> {
  const queue = [...sources];
  if (!queue.length) return;
  const lanes = Math.max(1, Math.min(jobs, queue.length));
  // Worker threads run the compiled dist/ build; from the TypeScript sources (tests) build here.
  if ((lanes === 1 && !pool.isolate) || !import.meta.url.endsWith('.js')) return runInThread(queue, options, hooks);
  const heapMb = workerHeapMb();
  // A pool per run, closed at its end: every run starts from fresh workers (see `isolate`).
  const workers = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: lanes,
    maxThreads: lanes,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    workerData: { options },
    // Never block a worker's event loop while it waits for the next task (the 'sync' default does).
    atomics: 'disabled',
    recordTiming: false,
  });
  // A worker failing outside any task (its tasks, if any, are rejected and handled by their lane).
  workers.on('error', () => {});
  try {
    await Promise.all(Array.from({ length: lanes }, () => runLane(workers, heapMb, queue, options, hooks)));
  } finally {
    await workers.destroy();
  }
}

/**
 * Runs buildDocument over many sources: in this thread for one job, or on a
 * pool of worker threads sharing one queue. Results arrive in completion
 * order through `onResult`; `shouldStop` lets the caller stop scheduling
 * (fail fast). The build stage itself is imported only when this thread
 * builds, so a main thread that hands everything to workers stays small.
 *
 * Kept hand-written. Issue 12 asked to replace it with piscina or tinypool
 * where no behaviour or speed is lost. piscina 5.3 (Node >= 20) was tried in
 * its place, with the same lanes, heap caps and fallbacks on top
 * (2026-11, Node 20.20, 2 cores shared with other work):
 *
 * - It loses a behaviour. A worker that fails while starting (e.g. a heap
 *   cap too small to load the build, BRIEFPACK_WORKER_HEAP_MB=4), when it
 *   replaces a worker that died, makes piscina stop starting workers
 *   (`workerFailsDuringBootstrap`). A task already queued is then never run
 *   and never rejected: the process exits with code 0, with documents
 *   missing and no summary (batch.test "still builds every document when a
 *   worker runs out of heap" built 2 of 3). tinypool 2 is a fork with the
 *   same rule. Working around it would mean reaching into piscina's
 *   start-up states.
 * - It costs start-up time: start 2 workers, run one trivial task on each,
 *   shut down: median 514 ms against 378 ms with `Worker` (paired +107 ms,
 *   slower in 24 of 30 runs); importing piscina and its own worker bootstrap
 *   account for it. watch and serve pay it on every rebuild (`isolate`).
 * - It is not faster on a batch: the 6 corpus texts and the seed, --no-cache
 *   --format html,docx -j 2, 22 interleaved runs each: wall median 8.7 s
 *   (ours) and 10.8 s (piscina), paired difference +0.8 s with piscina
 *   slower in 12 of 22 runs (noise on this shared machine); CPU 9.2 s and
 *   9.4 s; peak RSS 356 MB and 371 MB. Outputs are byte-identical.
 *
 * What it would replace is small: spawning workers and passing messages. The
 * queue, fail fast, heap caps, the out-of-memory rebuild and the fallback to
 * this thread stay ours either way.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { basename, extname, join } from 'node:path';
import { removeStaleTemps } from './atomic-write.js';
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
 * 820 MB to about 400 MB at no cost in CPU time. 1.5 GB is far more than a
 * document of ordinary size needs (a 60 KB one: under 200 MB), and lets the
 * PDF of a 5 MB text finish in its worker: with 1 GB it ran out of heap and
 * was built again in the main thread, without a cap (PDF alone: 1.95 GB
 * peak, 198 s of CPU; in the worker: 1.85 GB, 109 s). One that needs more
 * is rebuilt in the main thread. When the process itself has a lower limit
 * (NODE_OPTIONS=--max-old-space-size), workers get that one.
 * BRIEFPACK_WORKER_HEAP_MB overrides it (tests use a tiny one).
 */
export const WORKER_HEAP_MB = 1536;

export function workerHeapMb(): number {
  const override = Number(process.env.BRIEFPACK_WORKER_HEAP_MB);
  if (override > 0) return override;
  return Math.min(WORKER_HEAP_MB, Math.floor(mainHeapMb()));
}

export function mainHeapMb(): number {
  return getHeapStatistics().heap_size_limit / 2 ** 20;
}

export function outOfMemory(source: string, limitMb: number): DocumentResult {
  return {
    ...crashed(source, ''),
    diagnostics: [
      {
        file: source,
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        severity: 'error',
        ruleId: 'input-too-large',
        message: `Building this document ran out of memory (heap limit ${limitMb} MB); give it more with NODE_OPTIONS=--max-old-space-size=<MB> or BRIEFPACK_WORKER_HEAP_MB`,
      },
    ],
  };
}

export function crashed(source: string, why: string): DocumentResult {
  return {
    source,
    id: basename(source, extname(source)),
    status: 'failed',
    diagnostics: [
      {
        file: source,
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        severity: 'error',
        ruleId: 'internal-error',
        message: `Internal error: ${why}. This is a bug in briefpack; please report it with this source file.`,
      },
    ],
    artifacts: [],
    coverage: [],
    ms: 0,
  };
}

/**
 * A source this large is built in a worker even when it builds alone, under
 * the worker's heap cap, as in a batch: V8 then collects garbage before it
 * grows the heap. A 5 MB text's DOCX peaked at 1.0 GB so, against 1.4–1.6 GB
 * in this thread with its default limit (about 4 GB here). Smaller sources
 * are built in this thread, which saves a worker's start-up (0.1–0.2 s).
 * A document that outgrows the cap is rebuilt here, as in a batch.
 */
export const ISOLATE_BYTES = 1024 * 1024;

/** Whether a run builds in this thread: one lane, not isolated, and no source over ISOLATE_BYTES. */
export function buildsInThread(sources: readonly string[], lanes: number, isolate: boolean): boolean {
  return lanes === 1 && !isolate && !sources.some(isLarge);
}

function isLarge(source: string): boolean {
  try {
    return statSync(source).size > ISOLATE_BYTES;
  } catch {
    return false;
  }
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
 * One worker thread taking documents from the shared queue until it is
 * empty. If the worker dies on a document after it has built others, that
 * document fails and a fresh worker takes the lane over; if it dies before
 * finishing any (it could not start), the document goes back on the queue
 * and this lane builds the rest in the main thread. A document that exhausts
 * the worker's heap is rebuilt in the main thread only when that has at
 * least twice the room; else it fails with a clear message rather than risk
 * aborting the whole build.
 */
function runLane(queue: string[], options: BuildOptions, hooks: PoolHooks): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const heapMb = workerHeapMb();
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { options }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    let current: string | null = null;
    let finished = 0;
    let settled = false;
    const settle = (then: () => Promise<void> = () => Promise.resolve()) => {
      if (settled) return;
      settled = true;
      then().then(resolve, reject);
    };
    const died = (why: string, exhausted = false) => {
      const source = current;
      current = null;
      if (source == null) return settle();
      // A build stages each file as it renders it: what the dead worker staged of this document goes.
      if (!options.check) removeStaleTemps(join(options.out, basename(source, extname(source))));
      if (finished === 0 && !exhausted) {
        queue.unshift(source);
        return settle(() => runInThread(queue, options, hooks));
      }
      if (exhausted) {
        // Too big for a worker's heap: build it here if this thread has much more room (else it
        // would likely abort the whole process), then go on with a new worker.
        if (mainHeapMb() >= heapMb * 2) {
          return settle(async () => {
            await runInThread([source], options, hooks);
            await runLane(queue, options, hooks);
          });
        }
        hooks.onResult(outOfMemory(source, heapMb));
        return settle(() => runLane(queue, options, hooks));
      }
      hooks.onResult(crashed(source, why));
      settle(() => runLane(queue, options, hooks));
    };
    const next = () => {
      const source = hooks.shouldStop?.() ? undefined : queue.shift();
      current = source ?? null;
      if (source === undefined) {
        worker.postMessage(null);
        return;
      }
      hooks.onStart?.(source);
      worker.postMessage({ source });
    };
    worker.on('message', (result: DocumentResult) => {
      current = null;
      finished++;
      hooks.onResult(result);
      next();
    });
    worker.on('error', (error) => died(error.message.split('\n')[0], (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'));
    // 'exit' follows 'error'; on its own it means the worker stopped, normally or not.
    worker.on('exit', (code) => died(`the worker thread exited with code ${code}`));
    next();
  });
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
  if (import.meta.url.endsWith('.ts') || buildsInThread(queue, lanes, pool.isolate === true)) return runInThread(queue, options, hooks);
  await Promise.all(Array.from({ length: lanes }, () => runLane(queue, options, hooks)));
}

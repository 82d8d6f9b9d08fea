/**
 * Worker thread entry for `build x.md -o x.pdf` on a large source
 * (single.ts): builds the one output in memory and posts it back; the main
 * thread writes it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderSingle } from './single.js';
import type { BuildOptions } from './options.js';

const { path, bytes, format, options } = workerData as { path: string; bytes: Uint8Array; format: string; options: BuildOptions };
// Copied, not transferred: the bytes may sit in a pooled buffer.
parentPort!.postMessage(await renderSingle(path, bytes, format, options));

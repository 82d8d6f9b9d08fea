/**
 * Worker thread entry: builds the documents the main thread sends, one at a
 * time, and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildDocument } from './build-document.js';
import type { BuildOptions } from './options.js';

const options = (workerData as { options: BuildOptions }).options;

parentPort!.on('message', async (message: { source: string } | null) => {
  if (message == null) {
    process.exit(0);
  }
  const result = await buildDocument(message.source, options);
  parentPort!.postMessage(result);
});

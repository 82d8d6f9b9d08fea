/**
 * Worker thread entry (a piscina task handler): builds one document and
 * returns its result. The build options come once, as the pool's workerData.
 */
import { workerData } from 'node:worker_threads';
import { buildDocument, type DocumentResult } from './build-document.js';
import type { BuildOptions } from './options.js';

const options = (workerData as { options: BuildOptions }).options;

export default function build(task: { source: string }): Promise<DocumentResult> {
  return buildDocument(task.source, options);
}

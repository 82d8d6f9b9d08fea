/**
 * One source to one file, as pandoc does: `briefpack build x.md -o x.pdf`
 * writes exactly that file (the format from its extension, no folder, no
 * manifest), and `briefpack build - -f html -o -` reads the source from
 * standard input and writes the page to standard output. Diagnostics go to
 * the observer; nothing is written when there is an error. A source over
 * ISOLATE_BYTES is built in a worker under the heap cap a batch uses.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { VFile } from 'vfile';
import { compileSource } from '../pipeline/compile.js';
import { epochFor } from '../model/epoch.js';
import { loadLabels } from '../view/labels.js';
import { diagnosticsOf, type Diagnostic } from '../diagnostics/format.js';
import { hasErrors, report } from '../diagnostics/report.js';
import { briefpackVersion } from '../util/version.js';
import { writeFileAtomic } from './atomic-write.js';
import { checkAssets } from './check-assets.js';
import { projectContext, renderFormats } from './build-document.js';
import { FORMATS } from './formats.js';
import type { BuildOptions } from './options.js';
import type { RunObserver } from './observer.js';
import { ISOLATE_BYTES, crashed, mainHeapMb, outOfMemory, workerHeapMb } from './pool.js';

/** The format written for an output file name, by its extension ("x.pdf" -> pdf); null when it names none. */
export function formatOfPath(path: string): string | null {
  const ext = extname(path).slice(1).toLowerCase();
  for (const [name, spec] of Object.entries(FORMATS)) if (spec.ext === ext || (name === 'xliff' && ext === 'xliff')) return name;
  return null;
}

export interface SingleTarget {
  /** A source file, or '-' for standard input. */
  source: string;
  /** An output file, or '-' for standard output. */
  output: string;
  format: string;
}

/** What building one source to one format gives: the file's bytes (null when it failed) and the diagnostics. */
export interface SingleOutput {
  data: string | Uint8Array | null;
  diagnostics: Diagnostic[];
}

/** Compile one source and render one format, in memory (in this thread or in a worker: see single-worker.ts). */
export async function renderSingle(path: string, bytes: Uint8Array, format: string, options: BuildOptions): Promise<SingleOutput> {
  const file = new VFile({ path });
  const compiled = compileSource(path, bytes, { maxInputBytes: options.maxInputBytes, rules: options.pack.rules });
  file.messages.push(...compiled.file.messages);
  const model = compiled.model;
  let data: string | Uint8Array | null = null;
  if (model && checkAssets(file, { ...options, formats: [format] }, model.meta.language) && !hasErrors(file)) {
    const project = projectContext(options.pack, file, options.templatesDir);
    const outputs = await renderFormats(
      model,
      [format],
      {
        labels: loadLabels(model.meta.language, options.pack.labels),
        epoch: epochFor(model),
        version: briefpackVersion(),
        view: project.view,
        render: project.render,
      },
      '',
      file,
    );
    if (outputs && !hasErrors(file)) data = outputs[0].data;
  }
  return { data, diagnostics: diagnosticsOf(file) };
}

export async function buildSingle(target: SingleTarget, options: BuildOptions, observer: RunObserver): Promise<number> {
  const started = Date.now();
  const fromStdin = target.source === '-';
  const path = fromStdin ? (target.output !== '-' ? `${basename(target.output, extname(target.output))}.md` : 'stdin.md') : target.source;
  observer.begin(1);
  observer.start(path);
  const { data, diagnostics } = await readAndRender(fromStdin ? 0 : target.source, path, target.format, options);
  if (data != null) {
    if (target.output === '-') process.stdout.write(typeof data === 'string' ? data : Buffer.from(data));
    else writeFileAtomic(target.output, data);
  }
  const written = data != null;
  for (const d of diagnostics) observer.diagnostic(d);
  observer.finish(`${written ? 'built' : 'failed'} ${path}${written && target.output !== '-' ? ` -> ${target.output}` : ''}`);
  observer.end({ built: written ? 1 : 0, upToDate: 0, failed: written ? 0 : 1, ms: Date.now() - started }, diagnostics);
  return written ? 0 : 1;
}

/** Read the source (a path, or 0 for standard input) and build it, here or in a worker by its size. */
async function readAndRender(source: string | 0, path: string, format: string, options: BuildOptions): Promise<SingleOutput> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(source));
  } catch (error) {
    const file = new VFile({ path });
    report(file, 'source-unreadable', `Cannot read the source: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return { data: null, diagnostics: diagnosticsOf(file) };
  }
  return (bytes.length > ISOLATE_BYTES ? renderIsolated : renderSingle)(path, bytes, format, options);
}

/**
 * A large source (over ISOLATE_BYTES) is built in a worker thread under the
 * worker heap cap, as a batch builds it (pool.ts): V8 then collects garbage
 * before it grows the heap, and running out of heap ends the worker, not
 * the process. A source that outgrows the cap is built here when this
 * thread has at least twice the room, else it fails with `input-too-large`.
 */
async function renderIsolated(path: string, bytes: Uint8Array, format: string, options: BuildOptions): Promise<SingleOutput> {
  // Workers run the built files only (tests run the sources, and build here).
  if (import.meta.url.endsWith('.ts')) return renderSingle(path, bytes, format, options);
  const heapMb = workerHeapMb();
  const outcome = await new Promise<SingleOutput | 'exhausted'>((resolve) => {
    const worker = new Worker(new URL('./single-worker.js', import.meta.url), {
      workerData: { path, bytes, format, options },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    worker.on('message', (result: SingleOutput) => {
      settled = true;
      resolve(result);
    });
    // A worker that fails otherwise is an internal error of this document, reported as a batch reports it.
    const failed = (why: string) => resolve({ data: null, diagnostics: crashed(path, why).diagnostics });
    worker.on('error', (error) => {
      settled = true;
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') resolve('exhausted');
      else failed(error.message.split('\n')[0]);
    });
    worker.on('exit', (code) => {
      if (!settled) failed(`the worker thread exited with code ${code}`);
    });
  });
  if (outcome !== 'exhausted') return outcome;
  if (mainHeapMb() >= heapMb * 2) return renderSingle(path, bytes, format, options);
  return { data: null, diagnostics: outOfMemory(path, heapMb).diagnostics };
}

/**
 * One source to one file, as pandoc does: `briefpack build x.md -o x.pdf`
 * writes exactly that file (the format from its extension, no folder, no
 * manifest), and `briefpack build - -f html -o -` reads the source from
 * standard input and writes the page to standard output. Diagnostics go to
 * the observer; nothing is written when there is an error.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { VFile } from 'vfile';
import { compileSource } from '../pipeline/compile.js';
import { epochFor } from '../model/epoch.js';
import { loadLabels } from '../view/labels.js';
import { diagnosticsOf } from '../diagnostics/format.js';
import { hasErrors, report } from '../diagnostics/report.js';
import { briefpackVersion } from '../util/version.js';
import { writeFileAtomic } from './atomic-write.js';
import { checkAssets } from './check-assets.js';
import { projectContext, renderFormats } from './build-document.js';
import { FORMATS } from './formats.js';
import type { BuildOptions } from './options.js';
import type { RunObserver } from './observer.js';

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

export async function buildSingle(target: SingleTarget, options: BuildOptions, observer: RunObserver): Promise<number> {
  const started = Date.now();
  const fromStdin = target.source === '-';
  const path = fromStdin ? (target.output !== '-' ? `${basename(target.output, extname(target.output))}.md` : 'stdin.md') : target.source;
  const file = new VFile({ path });
  observer.begin(1);
  observer.start(path);
  let bytes: Uint8Array | null = null;
  try {
    bytes = new Uint8Array(readFileSync(fromStdin ? 0 : target.source));
  } catch (error) {
    report(file, 'source-unreadable', `Cannot read the source: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let written = false;
  if (bytes) {
    const compiled = compileSource(path, bytes, { maxInputBytes: options.maxInputBytes, rules: options.pack.rules });
    file.messages.push(...compiled.file.messages);
    const model = compiled.model;
    if (model && checkAssets(file, { ...options, formats: [target.format] }, model.meta.language) && !hasErrors(file)) {
      const project = projectContext(options.pack, file, options.templatesDir);
      const outputs = await renderFormats(
        model,
        [target.format],
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
      if (outputs && !hasErrors(file)) {
        const data = outputs[0].data;
        if (target.output === '-') process.stdout.write(typeof data === 'string' ? data : Buffer.from(data));
        else writeFileAtomic(target.output, data);
        written = true;
      }
    }
  }
  const diagnostics = diagnosticsOf(file);
  for (const d of diagnostics) observer.diagnostic(d);
  observer.finish(`${written ? 'built' : 'failed'} ${path}${written && target.output !== '-' ? ` -> ${target.output}` : ''}`);
  observer.end({ built: written ? 1 : 0, upToDate: 0, failed: written ? 0 : 1, ms: Date.now() - started }, diagnostics);
  return written ? 0 : 1;
}

/**
 * The output formats and where their renderers live. Renderers are imported
 * lazily so a build that asks only for json never loads pdfmake or docx.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Renderer } from '../render/context.js';

export interface FormatSpec {
  /** File extension written: out/<id>/<id>[.<lang>].<ext> */
  ext: string;
  mediaType: string;
  /** Renderer module, relative to this file. */
  module: string;
  load: () => Promise<Renderer>;
  /** Also built for translated packs (`--lang`). */
  translated: boolean;
}

async function load(modulePath: string, name: string): Promise<Renderer> {
  const mod = (await import(modulePath)) as Record<string, Renderer>;
  const fn = mod[name];
  if (typeof fn !== 'function') throw new Error(`briefpack: ${modulePath} does not export ${name}`);
  return fn;
}

export const FORMATS: Record<string, FormatSpec> = {
  json: { ext: 'json', mediaType: 'application/json', module: '../render/json/index.js', load: () => load('../render/json/index.js', 'renderJson'), translated: false },
  html: { ext: 'html', mediaType: 'text/html', module: '../render/html/index.js', load: () => load('../render/html/index.js', 'renderHtml'), translated: true },
  pdf: { ext: 'pdf', mediaType: 'application/pdf', module: '../render/pdf/index.js', load: () => load('../render/pdf/index.js', 'renderPdf'), translated: true },
  docx: {
    ext: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    module: '../render/docx/index.js', load: () => load('../render/docx/index.js', 'renderDocx'),
    translated: true,
  },
  xliff: { ext: 'xlf', mediaType: 'application/xliff+xml', module: '../render/xliff/index.js', load: () => load('../render/xliff/index.js', 'renderXliff'), translated: false },
  po: { ext: 'pot', mediaType: 'text/x-gettext-translation-template', module: '../render/po/index.js', load: () => load('../render/po/index.js', 'renderPot'), translated: false },
};

export const FORMAT_NAMES = Object.keys(FORMATS);

/** Formats whose renderer is present in this installation: the default of `build`. */
export function availableFormats(): string[] {
  return FORMAT_NAMES.filter((name) => {
    const url = new URL(FORMATS[name].module, import.meta.url);
    const path = fileURLToPath(url);
    return existsSync(path) || existsSync(path.replace(/\.js$/, '.ts'));
  });
}

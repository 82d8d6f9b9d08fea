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


export const FORMATS: Record<string, FormatSpec> = {
  json: { ext: 'json', mediaType: 'application/json', module: '../render/json/index.js', load: async () => (await import('../render/json/index.js')).renderJson as Renderer, translated: false },
  html: { ext: 'html', mediaType: 'text/html', module: '../render/html/index.js', load: async () => (await import('../render/html/index.js')).renderHtml as Renderer, translated: true },
  pdf: { ext: 'pdf', mediaType: 'application/pdf', module: '../render/pdf/index.js', load: async () => (await import('../render/pdf/index.js')).renderPdf as Renderer, translated: true },
  docx: {
    ext: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    module: '../render/docx/index.js', load: async () => (await import('../render/docx/index.js')).renderDocx as Renderer,
    translated: true,
  },
  xliff: { ext: 'xlf', mediaType: 'application/xliff+xml', module: '../l10n/xliff/index.js', load: async () => (await import('../l10n/xliff/index.js')).renderXliff as Renderer, translated: false },
  po: { ext: 'pot', mediaType: 'text/x-gettext-translation-template', module: '../l10n/po/index.js', load: async () => (await import('../l10n/po/index.js')).renderPot as Renderer, translated: false },
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

/**
 * The output formats and where their renderers live. Renderers are loaded on
 * first use, by literal paths, so a build that asks only for json never
 * loads pdfmake or docx. Layout formats take the briefing view; the model
 * formats (json, xliff, po) take the model itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Declaration } from '../model/schema.js';
import type { Renderer, StreamRenderer } from '../render/context.js';
import type { Labels } from '../view/labels.js';

export interface ModelContext {
  labels: Labels;
  version: string;
  epoch: number;
}

export type ModelRenderer = (model: Declaration, ctx: ModelContext) => Promise<string>;

interface SpecBase {
  /** File extension written: out/<id>/<id>[.<lang>].<ext> */
  ext: string;
  mediaType: string;
  /** Renderer module, relative to this file. */
  module: string;
  /** Also built for translated packs (`--lang`). */
  translated: boolean;
}

/** A view format may also be made as a stream (`stream`): a build writes its pieces to disk as they come. */
type ViewSpec = SpecBase & { load: () => Promise<Renderer>; stream?: () => Promise<StreamRenderer> };

export type FormatSpec = (ViewSpec & { input: 'view' }) | (SpecBase & { input: 'model'; load: () => Promise<ModelRenderer> });

const view = (spec: ViewSpec): FormatSpec => ({ ...spec, input: 'view' });
const model = (spec: SpecBase & { load: () => Promise<ModelRenderer> }): FormatSpec => ({ ...spec, input: 'model' });

export const FORMATS: Record<string, FormatSpec> = {
  json: model({
    ext: 'json',
    mediaType: 'application/json',
    module: '../render/json/index.js',
    load: async () => (await import('../render/json/index.js')).renderJson,
    translated: false,
  }),
  html: view({
    ext: 'html',
    mediaType: 'text/html',
    module: '../render/html/index.js',
    load: async () => (await import('../render/html/index.js')).renderHtml,
    translated: true,
  }),
  pdf: view({
    ext: 'pdf',
    mediaType: 'application/pdf',
    module: '../render/pdf/index.js',
    load: async () => (await import('../render/pdf/index.js')).renderPdf,
    stream: async () => (await import('../render/pdf/index.js')).renderPdfTo,
    translated: true,
  }),
  docx: view({
    ext: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    module: '../render/docx/index.js',
    load: async () => (await import('../render/docx/index.js')).renderDocx,
    translated: true,
  }),
  xliff: model({
    ext: 'xlf',
    mediaType: 'application/xliff+xml',
    module: '../l10n/xliff/index.js',
    load: async () => (await import('../l10n/xliff/index.js')).renderXliff,
    translated: false,
  }),
  po: model({
    ext: 'pot',
    mediaType: 'text/x-gettext-translation-template',
    module: '../l10n/po/index.js',
    load: async () => (await import('../l10n/po/index.js')).renderPot,
    translated: false,
  }),
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

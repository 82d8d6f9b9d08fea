/**
 * The one signature every emitter shares (run phase: model -> bytes).
 * `renderHtml`, `renderPdf`, `renderDocx`, `renderXliff`, `renderPot` all take
 * `(model, ctx)` and return the file's bytes; they never write files themselves.
 */
import type { VFile } from 'vfile';
import type { Declaration } from '../model/schema.js';
import type { Labels } from '../view/labels.js';

export interface RenderContext {
  /** Localized UI strings for the model's language. */
  labels: Labels;
  /** Seconds since the Unix epoch used for every embedded date (SOURCE_DATE_EPOCH or the source date). */
  epoch: number;
  /** briefpack version, recorded in generator metadata. */
  version: string;
  /** A user folder of Handlebars templates that override the built-in ones (HTML only). */
  templatesDir: string | null;
  /** The source file: emitters add content diagnostics to it with `file.message/info`. */
  file: VFile;
}

export type Renderer = (model: Declaration, ctx: RenderContext) => Promise<Uint8Array | string>;

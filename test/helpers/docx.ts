import { VFile } from 'vfile';
import type { Declaration } from '../../src/model/schema.js';
import { loadLabels } from '../../src/view/labels.js';
import { renderDocx } from '../../src/render/docx/index.js';
import type { RenderContext } from '../../src/render/context.js';
import { modelOf } from './compile.js';

/** 2025-08-04T00:00:00Z, the seed's date. */
export const EPOCH = 1754265600;

export function contextFor(model: Declaration, path: string): RenderContext {
  return { labels: loadLabels(model.meta.language), epoch: EPOCH, version: '0.0.0-test', templatesDir: null, file: new VFile({ path }) };
}

/** Compile a source and render its DOCX, with the file that collected the renderer's diagnostics. */
export async function docxOf(path: string, change?: (model: Declaration) => Declaration): Promise<{ model: Declaration; bytes: Uint8Array; ctx: RenderContext }> {
  const compiled = modelOf(path);
  const model = change ? change(compiled) : compiled;
  const ctx = contextFor(model, path);
  return { model, bytes: await renderDocx(model, ctx), ctx };
}

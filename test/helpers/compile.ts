import { readFileSync } from 'node:fs';
import { compileSource } from '../../src/pipeline/compile.js';
import { VFile } from 'vfile';
import type { Declaration } from '../../src/model/schema.js';
import { buildView, loadLabels, type ViewOptions } from '../../src/view/index.js';
import type { BriefingView } from '../../src/view/types.js';
import { imageFolder } from '../../src/model/images.js';
import type { RenderContext } from '../../src/render/context.js';

/** Compile a source file to its model, failing the test when it does not compile. */
export function modelOf(path: string): Declaration {
  const result = compileSource(path, readFileSync(path));
  if (!result.model) throw new Error(`${path} did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

/** The briefing view of a model, as a build makes it (labels of its language, the source's image folder). */
export function viewFor(model: Declaration, options: Partial<ViewOptions> = {}): BriefingView {
  return buildView(model, {
    labels: loadLabels(model.meta.language),
    epoch: 1754265600,
    version: 'test',
    imageFolder: imageFolder(model.source.path),
    ...options,
  });
}

/** Compile a source file (optionally changing its model first) and build its view. */
export function viewOf(path: string, mutate?: (model: Declaration) => void, options: Partial<ViewOptions> = {}): BriefingView {
  const model = modelOf(path);
  mutate?.(model);
  return viewFor(model, options);
}

/** A render context for tests: diagnostics go to a fresh file. */
export function renderContext(path = 'test.md', extra: Partial<RenderContext> = {}): RenderContext {
  return { file: new VFile({ path }), templatesDir: null, ...extra };
}

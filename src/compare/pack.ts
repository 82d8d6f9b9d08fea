/**
 * Run phase (compare): the compare pack of two models — the alignment, the
 * comparison (the JSON contract), the compare view, and each requested
 * format rendered from that one view. Writes nothing: the caller (the
 * `compare` command, or a project build for a source whose front matter
 * names its `previous:` text) stages the files and adds them to the
 * manifest. Renderers are loaded on first use, so a JSON-only compare never
 * loads pdfmake or docx.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Declaration } from '../model/schema.js';
import { packageRoot } from '../util/package-root.js';
import type { ViewOptions } from '../view/build-view.js';
import type { BriefingView } from '../view/types.js';
import type { RenderContext } from '../render/context.js';
import { align, type Alignment } from './align.js';
import { compareClauses } from './clauses.js';
import { comparisonOf, type Comparison } from './comparison.js';
import { buildCompareView } from './view.js';

/** The formats of a compare pack, and what each file is. */
const COMPARE_FORMATS = {
  html: { ext: 'compare.html', mediaType: 'text/html' },
  pdf: { ext: 'compare.pdf', mediaType: 'application/pdf' },
  docx: { ext: 'compare.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  json: { ext: 'compare.json', mediaType: 'application/json' },
} as const;

export type CompareFormat = keyof typeof COMPARE_FORMATS;
export const COMPARE_FORMAT_NAMES = Object.keys(COMPARE_FORMATS) as CompareFormat[];

export interface CompareOptions {
  formats: readonly CompareFormat[];
  /** Labels, date, version, image folder (of the new source) and the project's view settings. */
  view: ViewOptions;
  render: RenderContext;
}

export interface CompareOutput {
  /** File name: `<new-id>.compare.<ext>`. */
  name: string;
  data: Uint8Array | string;
  mediaType: string;
  language: string;
}

export interface ComparedTexts {
  alignment: Alignment;
  comparison: Comparison;
  view: BriefingView;
}

/** Compare two models: alignment, comparison and the compare view. */
export function compareTexts(oldModel: Declaration, newModel: Declaration, view: ViewOptions): ComparedTexts {
  const alignment = align(oldModel, newModel);
  const clauses = compareClauses(alignment);
  const comparison = comparisonOf(alignment, clauses);
  return { alignment, comparison, view: buildCompareView(alignment, comparison, clauses, view) };
}

/** The files of a compare pack, in the order of `options.formats`. */
export async function comparePack(
  oldModel: Declaration,
  newModel: Declaration,
  options: CompareOptions,
): Promise<ComparedTexts & { outputs: CompareOutput[] }> {
  const compared = compareTexts(oldModel, newModel, options.view);
  // The formats are independent: they render side by side (pdfmake and docx each yield while they pack).
  const outputs = await Promise.all(
    options.formats.map(async (format): Promise<CompareOutput> => {
      const spec = COMPARE_FORMATS[format];
      return {
        name: `${newModel.id}.${spec.ext}`,
        data: await render(format, compared, options.render),
        mediaType: spec.mediaType,
        language: compared.view.lang,
      };
    }),
  );
  return { ...compared, outputs };
}

let css: string | null = null;

/** templates/html/compare.css: the look of insertions, deletions, change bars and the switch. */
function compareCss(): string {
  return (css ??= readFileSync(join(packageRoot(), 'templates', 'html', 'compare.css'), 'utf8'));
}

async function render(format: CompareFormat, compared: ComparedTexts, ctx: RenderContext): Promise<Uint8Array | string> {
  switch (format) {
    case 'json':
      return JSON.stringify(compared.comparison, null, 2) + '\n';
    case 'html':
      // The marks' look, after the page's own stylesheet (and before the project's, which may restyle them).
      return (await import('../render/html/index.js')).renderHtml(compared.view, { ...ctx, css: [compareCss(), ...(ctx.css ?? [])] });
    case 'pdf':
      return (await import('../render/pdf/index.js')).renderPdf(compared.view, ctx);
    case 'docx':
      return (await import('../render/docx/index.js')).renderDocx(compared.view, ctx);
  }
}

/**
 * briefpack as a library: compile a Markdown source to the declaration
 * model, build its briefing view, and render each format. This file only
 * re-exports; the code lives in the stage folders (see README, "How it is
 * built").
 *
 *   const { model, file } = compileSource('x.md', bytes);          // parse, model, analyze, lint
 *   const view = buildView(model!, { labels: loadLabels('en'), epoch, version, imageFolder });
 *   const html = await renderHtml(view, { file, templatesDir: null });
 *   const pdf = await renderPdf(view, { file, templatesDir: null });
 *   const docx = await renderDocx(view, { file, templatesDir: null });
 *   const json = await renderJson(model!);
 */
export { compileSource, documentId, type Compiled, type CompileOptions } from './pipeline/compile.js';
export {
  SCHEMA_VERSION,
  Declaration,
  type Block,
  type Inline,
  type Section,
  type Footnote,
  type Clause,
  type GlossaryEntry,
  type Instrument,
  type Meta,
} from './model/schema.js';
export { buildView, loadLabels, fillLabel, ALL_PARTS, type ViewOptions, type PartOptions, type Labels, type LabelOverrides } from './view/index.js';
export type { BriefingView, ViewBlock, ViewInline, Part, Annex } from './view/types.js';
export { epochFor } from './model/epoch.js';
export { imageFolder } from './model/images.js';
export { DEFAULT_THEME, type RenderContext, type Theme } from './render/context.js';
export { renderHtml } from './render/html/index.js';
export { renderPdf } from './render/pdf/index.js';
export { renderDocx } from './render/docx/index.js';
// Books: several documents and a brief in one view; renderHtml (with bookCss() in ctx.css) and renderPdf lay it out, renderBookDocx gives each document a Word section.
export { buildBookView, type BookSource, type BookInfo, type BookOptions } from './view/index.js';
export { renderBookDocx } from './render/docx/book.js';
export { bookCss } from './render/html/book.js';
export { renderJson } from './render/json/index.js';
export { renderXliff } from './l10n/xliff/index.js';
export { renderPot } from './l10n/po/index.js';
export { listUnits, translateModel, type TranslationUnit } from './l10n/index.js';
export { rules, type RuleId, type Severity } from './diagnostics/rules.js';
export { diagnosticsOf, formatText, type Diagnostic } from './diagnostics/format.js';

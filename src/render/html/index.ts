/** The HTML briefing page: `renderHtml(model, ctx)` (run phase, model -> string). */
export { renderHtml } from './render-html.js';
export { clearTemplateCache, builtinTemplatesDir } from './templates.js';

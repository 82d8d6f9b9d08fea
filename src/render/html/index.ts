/** The HTML briefing page: `renderHtml(view, ctx)` (run phase, view -> string). */
export { renderHtml } from './render-html.js';
export { clearTemplateCache, builtinTemplatesDir } from './templates.js';

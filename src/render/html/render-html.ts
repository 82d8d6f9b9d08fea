/**
 * Run phase: briefing view -> one self-contained HTML page (a string).
 * Never writes files, never reads the clock, never touches the network.
 */
import type { BriefingView } from '../../view/types.js';
import type { RenderContext } from '../context.js';
import { DEFAULT_THEME } from '../context.js';
import { DocumentFailed } from '../../diagnostics/report.js';
import { failWith, isProblem, loadTemplates } from './templates.js';
import { pageContext } from './page.js';
import { themeCss } from './theme-css.js';

export async function renderHtml(view: BriefingView, ctx: RenderContext): Promise<string> {
  const templates = loadTemplates(ctx.templatesDir);
  if (isProblem(templates)) failWith(ctx.file, templates);
  const css = [templates.css, themeCss(ctx.theme ?? DEFAULT_THEME, view), ...(ctx.css ?? [])].join('\n');
  const context = pageContext(view, css);
  try {
    return templates.layout(context);
  } catch (error) {
    if (error instanceof DocumentFailed) throw error;
    // A user template that compiles but fails when run (a missing partial or helper).
    const e = error as { message?: string; templatePath?: string; lineNumber?: number; column?: number };
    const missing = /could not be found/.test(String(e.message));
    failWith(ctx.file, {
      rule: missing ? 'template-missing' : 'template-syntax',
      reason: `Template failed: ${String(e.message ?? error).replace(/ - \d+:\d+$/, '')}`,
      path: e.templatePath ?? null,
      line: typeof e.lineNumber === 'number' ? e.lineNumber : null,
      column: typeof e.column === 'number' ? e.column + 1 : null,
    });
  }
}

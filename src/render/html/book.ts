/**
 * The look of a book's page (templates/html/book.css: each document's cover
 * block and new page in print, the annex tables that scroll), given to
 * renderHtml in `ctx.css` for a book only, so a single pack's page keeps
 * its stylesheet byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';

let css: string | null = null;

export function bookCss(): string {
  return (css ??= readFileSync(join(packageRoot(), 'templates', 'html', 'book.css'), 'utf8'));
}

/**
 * The theme as CSS custom properties and page rules, appended after the
 * built-in stylesheet: the accent colour, the fonts, the page size, and the
 * marking at the top and bottom of every printed page.
 */
import type { BriefingView } from '../../view/types.js';
import type { Theme } from '../context.js';

/** A CSS string literal. */
function cssString(value: string): string {
  return `"${value
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3C ')}"`;
}

export function themeCss(theme: Theme, view: BriefingView): string {
  const rules: string[] = [];
  const vars: string[] = [`--accent: ${/^#[0-9a-fA-F]{3,8}$/.test(theme.colors.accent) ? theme.colors.accent : '#1f3864'};`];
  if (theme.fonts.text) vars.push(`--font-text: ${cssString(theme.fonts.text)}, var(--font-system);`);
  if (theme.fonts.heading) vars.push(`--font-heading: ${cssString(theme.fonts.heading)}, var(--font-system);`);
  rules.push(`:root { ${vars.join(' ')} }`);
  const page = [`size: ${theme.page === 'Letter' ? 'letter' : 'A4'};`];
  rules.push(
    `@page { ${page.join(' ')}${view.marking ? ` @top-center { content: ${cssString(view.marking)}; } @bottom-center { content: ${cssString(view.marking)}; }` : ''} }`,
  );
  return rules.join('\n');
}

/**
 * Every Handlebars helper the HTML templates may use, registered in one place
 * (plugin style: one function that receives the environment). Helpers return
 * plain strings, so Handlebars escapes what they give back.
 */
import type HandlebarsNamespace from 'handlebars';
import { fillLabel } from '../../view/labels.js';

type Env = typeof HandlebarsNamespace;

export function registerHelpers(env: Env): void {
  /** `{{#if (eq kind "table")}}` */
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /** `{{#if (not marker)}}` */
  env.registerHelper('not', (a: unknown) => !a);
  /** `{{fill @root.labels.pageOf page=1 pages=3}}`: a label with `{name}` placeholders. */
  env.registerHelper('fill', (label: unknown, options: HandlebarsNamespace.HelperOptions) =>
    fillLabel(String(label ?? ''), options.hash as Record<string, string | number>),
  );
  /** `{{join list ", "}}`: plain strings joined (escaped as a whole). */
  env.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  );
}

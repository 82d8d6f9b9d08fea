/**
 * Loading the HTML templates: built-in ones from templates/html/, each of
 * which a user folder (`--templates`) may replace by file name. Templates are
 * compiled once per process and folder. A template that does not compile
 * becomes a `template-syntax` diagnostic naming the template file and line.
 *
 * Templates run on Handlebars' runtime alone (`handlebars/runtime.js`, 46 KB
 * bundled): the built-in ones are precompiled by `npm run build`. The
 * compiler (242 KB with its source-map library) is loaded only for a
 * template that is not, such as one of a user's folder, which it
 * precompiles the same way. Loading the runtime instead of the whole
 * package took 12 against 22 ms in a bundle of each.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import type { VFile } from 'vfile';
import { DocumentFailed, report } from '../../diagnostics/report.js';
import type { RuleId } from '../../diagnostics/rules.js';
import { packageRoot } from '../../util/package-root.js';
import { precompiledTemplate } from '../../util/precompiled.js';
import { registerHelpers } from './helpers.js';

export type TemplateFn = (context: unknown) => string;

type Env = typeof Handlebars;
/** The runtime is the same object as the package's, without `parse`, `compile` and `precompile`. */
const runtime = HandlebarsRuntime as unknown as Env;
let compiler: Env | null = null;
/** The whole package, for templates that were not precompiled (required when first needed). */
function handlebarsCompiler(): Env {
  return (compiler ??= createRequire(import.meta.url)('handlebars') as Env);
}

export interface TemplateSet {
  layout: TemplateFn;
  css: string;
  /** Where each template came from (name -> path), for tests and error messages. */
  sources: Map<string, string>;
}

/** A template problem, kept so every document that uses the folder reports it. */
export interface TemplateProblem {
  rule: RuleId;
  reason: string;
  path: string | null;
  line: number | null;
  column: number | null;
}

export const COMPILE_OPTIONS = {
  // Indenting partial output would change the text of <pre> blocks.
  preventIndent: true,
  strict: false,
} as const;

/** The kind under which dist/precompiled.json keeps a template: the Handlebars version and the options it was compiled with. */
export const TEMPLATE_KIND = `handlebars ${runtime.VERSION} ${JSON.stringify(COMPILE_OPTIONS)}`;

export function builtinTemplatesDir(): string {
  return join(packageRoot(), 'templates', 'html');
}

const cache = new Map<string, TemplateSet | TemplateProblem>();

/** The compiled templates for a user folder (or none), from the cache after the first call. */
export function loadTemplates(templatesDir: string | null): TemplateSet | TemplateProblem {
  const key = templatesDir ? resolve(templatesDir) : '';
  let hit = cache.get(key);
  if (!hit) {
    hit = compileTemplates(key || null);
    cache.set(key, hit);
  }
  return hit;
}

/** Forget compiled templates (tests that rewrite a folder between runs). */
export function clearTemplateCache(): void {
  cache.clear();
}

export function isProblem(value: TemplateSet | TemplateProblem): value is TemplateProblem {
  return 'rule' in value;
}

/** Report a template problem on `file` and stop this output. */
export function failWith(file: VFile, problem: TemplateProblem): never {
  const place = problem.line ? { line: problem.line, column: problem.column ?? 1 } : undefined;
  const message = report(file, problem.rule, problem.reason, place, 'error');
  if (problem.path) message.file = problem.path;
  throw new DocumentFailed(message);
}

function compileTemplates(userDir: string | null): TemplateSet | TemplateProblem {
  const files = new Map<string, string>();
  const builtin = builtinTemplatesDir();
  for (const name of readdirSync(builtin)) files.set(name, join(builtin, name));
  let userCss: string | null = null;
  if (userDir) {
    let names: string[];
    try {
      if (!statSync(userDir).isDirectory()) throw new Error('not a folder');
      names = readdirSync(userDir);
    } catch (error) {
      return {
        rule: 'template-missing',
        reason: `The templates folder ${userDir} cannot be read (${(error as Error).message})`,
        path: userDir,
        line: null,
        column: null,
      };
    }
    for (const name of names) {
      if (name.endsWith('.hbs')) files.set(name, join(userDir, name));
      else if (name === 'style.css') userCss = join(userDir, name);
    }
  }

  const env = runtime.create();
  registerHelpers(env);
  const sources = new Map<string, string>();
  let layout: TemplateFn | null = null;
  for (const [name, path] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!name.endsWith('.hbs')) continue;
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch (error) {
      return { rule: 'template-missing', reason: `The template ${path} cannot be read (${(error as Error).message})`, path, line: null, column: null };
    }
    const compiled = compileOne(env, source, path);
    if ('rule' in compiled) return compiled;
    const partial = basename(name, '.hbs');
    sources.set(partial, path);
    if (partial === 'layout') layout = compiled;
    else env.registerPartial(partial, compiled as unknown as Handlebars.Template);
  }
  if (!layout) return { rule: 'template-missing', reason: 'No layout.hbs template found', path: builtin, line: null, column: null };

  // The built-in stylesheet, then the user's: a user style.css adds to the look, it never replaces it.
  const css: string[] = [];
  for (const path of [join(builtin, 'style.css'), userCss]) {
    if (!path || !existsSync(path)) continue;
    try {
      css.push(readFileSync(path, 'utf8'));
    } catch (error) {
      return { rule: 'template-missing', reason: `The stylesheet ${path} cannot be read (${(error as Error).message})`, path, line: null, column: null };
    }
  }
  return { layout, css: css.join('\n'), sources };
}

/** Names of the built-in templates (for suggestions when a user file matches none). */
export function builtinTemplateNames(): string[] {
  return readdirSync(builtinTemplatesDir())
    .filter((n) => n.endsWith('.hbs') || n.endsWith('.css'))
    .sort();
}

/**
 * Compile one template now, not lazily at its first use, so a syntax error
 * (or a misuse the compiler finds, such as too many partial arguments) is
 * reported with its file and line before any document renders.
 */
function compileOne(env: Env, source: string, path: string): TemplateFn | TemplateProblem {
  const template = precompiled(env, source) ?? compiled(env, source, path);
  if ('rule' in template) return template;
  // Errors raised while a template runs (a missing partial or helper) name the file they come from.
  return (context: unknown, options?: unknown) => {
    try {
      return template(context, options as Handlebars.RuntimeOptions);
    } catch (error) {
      if (error && typeof error === 'object' && !('templatePath' in error)) Object.assign(error, { templatePath: path });
      throw error;
    }
  };
}

/** A template the build precompiled (the built-in ones): no parse and no code generation at run time. */
function precompiled(env: Env, source: string): Handlebars.TemplateDelegate | null {
  const spec = precompiledTemplate(TEMPLATE_KIND, source);
  return spec === undefined ? null : fromSpec(env, spec);
}

/** The same step Handlebars.compile ends with: the generated code becomes functions. */
function fromSpec(env: Env, spec: string): Handlebars.TemplateDelegate {
  return env.template(new Function(`return ${spec}`)() as TemplateSpecification);
}

/** A template precompiled now, as `npm run build` precompiles the built-in ones. */
function compiled(env: Env, source: string, path: string): Handlebars.TemplateDelegate | TemplateProblem {
  const full = handlebarsCompiler();
  let spec: string;
  try {
    // A parse error, or a template that parses but does not compile (too many partial arguments, a misused block).
    spec = full.precompile(full.parse(source), COMPILE_OPTIONS) as string;
  } catch (error) {
    return syntaxProblem(error, source, path);
  }
  return fromSpec(env, spec);
}

function syntaxProblem(error: unknown, source: string, path: string): TemplateProblem {
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  let line: number | null = typeof e.lineNumber === 'number' ? e.lineNumber : null;
  // Handlebars columns are 0-based.
  let column: number | null = typeof e.column === 'number' ? e.column + 1 : null;
  const parse = /^Parse error on line (\d+):\n(.*)\n(-*)\^\n(.*)$/s.exec(message);
  if (parse) {
    line = Number(parse[1]);
    column = parseColumn(source, line, parse[2], parse[3].length);
  }
  // The first line of a parse error, or the whole message, without the excerpt.
  const summary = parse ? `${parse[4].trim()}` : message.replace(/ - \d+:\d+$/, '');
  return { rule: 'template-syntax', reason: `Template ${basename(path)} does not compile: ${summary}`, path, line: line ?? 1, column: column ?? 1 };
}

/**
 * The column of a jison parse error: its excerpt shows up to 20 characters
 * before the error (newlines removed, `...` when cut) and a caret under it.
 */
function parseColumn(source: string, line: number, excerpt: string, caret: number): number {
  const text = source.split(/\r?\n/)[line - 1] ?? '';
  const shown = excerpt.slice(0, caret).replace(/^\.\.\./, '');
  for (let c = text.length; c >= 0; c--) {
    const before = text.slice(0, c);
    if (shown.endsWith(before) || before.endsWith(shown)) return c + 1;
  }
  return 1;
}

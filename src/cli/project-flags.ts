/**
 * The flags every building command shares (build, check, watch, serve), and
 * how they combine with the project file: a flag given on the command line
 * wins, then `briefpack.yaml`, then the defaults. A project file with
 * problems is reported (file:line:column) and the command exits 1 before it
 * writes anything.
 */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { diagnosticsOf, formatText, formatGithub } from '../diagnostics/format.js';
import { hasErrors } from '../diagnostics/report.js';
import { findConfig } from '../project/find-config.js';
import type { LoadedConfig } from '../project/config.js';
import { packSettings } from '../project/settings.js';
import { availableFormats, FORMAT_NAMES } from '../project/formats.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../parse/decode-source.js';
import type { BuildOptions, PackSpec } from '../project/options.js';
import { defaultLevel, defaultReporter, type Level, type ReporterName } from './reporter.js';
import { ExitError, UsageError } from './errors.js';

export interface BuildFlags {
  config?: string;
  out?: string;
  format?: string;
  lang?: string;
  translations?: string;
  templates?: string;
  referenceDoc?: string;
  maxInputBytes?: string;
  emitMarkdown?: boolean;
  minTranslated?: string;
  cache: boolean;
  jobs?: string;
  shard?: string;
  reporter?: string;
  quiet?: boolean;
  level?: string;
  strict?: boolean;
  keepGoing: boolean;
  clean?: boolean;
  /** Build only this book of `packs:` (no single documents). */
  pack?: string;
}

/** The flags of build, watch and serve. */
export function addBuildFlags(command: Command): Command {
  return command
    .argument('[paths...]', 'source files or folders (default: `sources` of briefpack.yaml, else source/)')
    .option('-c, --config <file>', 'the project file (default: briefpack.yaml in this folder or the nearest parent)')
    .option('-o, --out <dir>', 'output folder (default: `out` of briefpack.yaml, else out/)')
    .option('-f, --format <list>', `comma list of formats: ${FORMAT_NAMES.join(', ')} (default: every available one)`)
    .option('-l, --lang <list>', 'build translated packs for these languages only (default: every language in the translations folder)')
    .option('--translations <dir>', 'folder of translations/<lang>/<id>.xlf|.po (default: translations/)')
    .option('-t, --templates <dir>', 'folder of Handlebars templates overriding the built-in ones by file name')
    .option('--reference-doc <file>', 'a .docx whose styles and page setup the Word files take (as pandoc --reference-doc)')
    .option('--max-input-bytes <n>', `largest source accepted (default ${DEFAULT_MAX_INPUT_BYTES})`)
    .option('--min-translated <percent>', 'fail a translated pack below this share of translated units')
    .option('-j, --jobs <n>', 'worker threads (default: number of cores)')
    .option('--reporter <name>', 'text, json or github (default: github when GITHUB_ACTIONS=true, else text)')
    .option('-q, --quiet', 'print only diagnostics')
    .option('--level <level>', 'lowest severity printed: error, warning or info (default: warning on CI, info elsewhere)');
}

export function parseLevel(value: string | undefined): Level {
  const level = value ?? defaultLevel();
  if (level !== 'error' && level !== 'warning' && level !== 'info') throw new UsageError(`--level takes error, warning or info, not "${level}"`);
  return level;
}

export function parseFormats(value: string | undefined): string[] {
  if (!value) return availableFormats();
  const list = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean)
    .map((f) => (f === 'xlf' ? 'xliff' : f === 'pot' ? 'po' : f));
  for (const f of list) if (!FORMAT_NAMES.includes(f)) throw new UsageError(`Unknown format "${f}"; choose from ${FORMAT_NAMES.join(', ')}`);
  return [...new Set(list)];
}

export function parseReporter(value: string | undefined): ReporterName {
  const name = value ?? defaultReporter();
  if (name !== 'text' && name !== 'json' && name !== 'github') throw new UsageError(`Unknown reporter "${name}"; choose text, json or github`);
  return name;
}

export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value == null) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not "${value}"`);
  return Number(value);
}

/** The project file named by --config, or found from the working folder up; reported and fatal when it has errors. */
export async function projectConfig(flags: { config?: string; reporter?: string }): Promise<LoadedConfig | null> {
  const path = flags.config ?? findConfig(process.cwd());
  if (!path) return null;
  // The project file's schema (zod) is loaded only when there is a project file (issue 18, start-up).
  const { loadConfig } = await import('../project/config.js');
  const loaded = loadConfig(path);
  if (loaded.file.messages.length) {
    const format = parseReporter(flags.reporter) === 'github' ? formatGithub : formatText;
    for (const d of diagnosticsOf(loaded.file)) process.stderr.write(format(d) + '\n');
  }
  if (hasErrors(loaded.file)) throw new ExitError(1);
  return loaded;
}

/** A path of the project file, as seen from the working folder. */
function fromProject(loaded: LoadedConfig, path: string): string {
  const rel = relative(process.cwd(), resolve(loaded.root, path));
  return rel === '' ? '.' : rel;
}

/** Sources and build options from the flags and the project file. */
export async function resolveBuild(paths: string[], flags: BuildFlags): Promise<{ paths: string[]; options: BuildOptions; config: LoadedConfig | null }> {
  const loaded = await projectConfig(flags);
  const config = loaded?.config ?? {};
  const min = flags.minTranslated;
  if (min != null && !(Number(min) >= 0 && Number(min) <= 100)) throw new UsageError(`--min-translated takes a percentage from 0 to 100, not "${min}"`);
  const sources = paths.length ? paths : loaded && config.sources ? config.sources.map((s) => fromProject(loaded, s)) : ['source'];
  const pick = (flag: string | undefined, value: string | undefined, fallback: string) =>
    flag ?? (loaded && value != null ? fromProject(loaded, value) : fallback);
  const options: BuildOptions = {
    out: pick(flags.out, config.out, 'out'),
    formats: flags.format ? parseFormats(flags.format) : config.formats ? [...new Set(config.formats.map((f) => (f === 'po' ? 'po' : f)))] : availableFormats(),
    langs: flags.lang
      ? flags.lang
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean)
      : (config.languages ?? 'auto'),
    translationsDir: pick(flags.translations, config.translations, 'translations'),
    templatesDir: flags.templates ?? (loaded && config.html?.templates ? fromProject(loaded, config.html.templates) : null),
    maxInputBytes: positiveInt(flags.maxInputBytes, '--max-input-bytes') ?? DEFAULT_MAX_INPUT_BYTES,
    emitMarkdown: Boolean(flags.emitMarkdown),
    minTranslated: min != null ? Number(min) : null,
    cache: flags.cache,
    clean: Boolean(flags.clean),
    pack: packSettings(loaded, { referenceDoc: flags.referenceDoc ?? null }),
    packs: selectPacks(loaded, paths, flags.pack),
  };
  return { paths: sources, options, config: loaded };
}

/**
 * The books to build: every pack of the project file when no source is
 * named (a build of named sources is a narrower build), or the one `--pack`
 * names.
 */
function selectPacks(loaded: LoadedConfig | null, paths: string[], id: string | undefined): PackSpec[] {
  const packs = loaded?.packs ?? [];
  if (id == null) return paths.length ? [] : packs;
  const chosen = packs.filter((p) => p.id === id);
  if (!chosen.length)
    throw new UsageError(
      packs.length
        ? `No pack "${id}" in ${loaded!.path}; its packs are ${packs.map((p) => p.id).join(', ')}`
        : `No pack "${id}": the project file has no \`packs:\``,
    );
  return chosen;
}

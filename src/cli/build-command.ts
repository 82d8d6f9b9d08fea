/** `briefpack build [paths…]`: build packs into the output folder. */
import type { Command } from 'commander';
import { os } from './os.js';
import { FORMAT_NAMES, availableFormats } from '../project/formats.js';
import { runBuild } from '../project/run-build.js';
import { parseShard } from '../project/shard.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../parse/decode-source.js';
import { defaultReporter, makeReporter, type ReporterName } from './reporter.js';
import { UsageError } from './errors.js';
import type { BuildOptions } from '../project/options.js';

export interface BuildFlags {
  out: string;
  format?: string;
  lang?: string;
  translations: string;
  templates?: string;
  maxInputBytes?: string;
  emitMarkdown?: boolean;
  minTranslated?: string;
  cache: boolean;
  jobs?: string;
  shard?: string;
  reporter?: string;
  quiet?: boolean;
  strict?: boolean;
  keepGoing: boolean;
}

export function parseFormats(value: string | undefined): string[] {
  if (!value) return availableFormats();
  const list = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean).map((f) => (f === 'xlf' ? 'xliff' : f === 'pot' ? 'po' : f));
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

export function buildOptionsFrom(flags: BuildFlags): BuildOptions {
  const min = flags.minTranslated;
  if (min != null && !(Number(min) >= 0 && Number(min) <= 100)) throw new UsageError(`--min-translated takes a percentage from 0 to 100, not "${min}"`);
  return {
    out: flags.out,
    formats: parseFormats(flags.format),
    langs: flags.lang ? flags.lang.split(',').map((l) => l.trim()).filter(Boolean) : 'auto',
    translationsDir: flags.translations,
    templatesDir: flags.templates ?? null,
    maxInputBytes: positiveInt(flags.maxInputBytes, '--max-input-bytes') ?? DEFAULT_MAX_INPUT_BYTES,
    emitMarkdown: Boolean(flags.emitMarkdown),
    minTranslated: min != null ? Number(min) : null,
    cache: flags.cache,
  };
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Build briefing packs (html, pdf, docx, json, xliff, po) for every source')
    .argument('[paths...]', 'source files or folders', ['source'])
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-f, --format <list>', `comma list of formats: ${FORMAT_NAMES.join(', ')} (default: every available one)`)
    .option('-l, --lang <list>', 'build translated packs for these languages only (default: every language in the translations folder)')
    .option('--translations <dir>', 'folder of translations/<lang>/<id>.xlf|.po', 'translations')
    .option('-t, --templates <dir>', 'folder of Handlebars templates overriding the built-in ones by file name')
    .option('--max-input-bytes <n>', `largest source accepted (default ${DEFAULT_MAX_INPUT_BYTES})`)
    .option('--emit-markdown', 'also write each translated source as Markdown')
    .option('--min-translated <percent>', 'fail a translated pack below this share of translated units')
    .option('--no-cache', 'rebuild every document, ignoring the incremental cache')
    .option('-j, --jobs <n>', 'worker threads (default: number of cores)')
    .option('--shard <i/n>', 'build only the i-th of n deterministic slices of the sources (round robin over the sorted paths, 1 <= i <= n); merge the outputs with briefpack merge')
    .option('--reporter <name>', 'text, json or github (default: github when GITHUB_ACTIONS=true, else text)')
    .option('-q, --quiet', 'print only diagnostics')
    .option('--strict', 'exit 1 on warnings too')
    .option('--no-keep-going', 'after the first failure start no new document: documents already running finish and are reported, the others keep their previous outputs and are counted "not started" (default: build every document; either way any failure exits 1)')
    .action(async (paths: string[], flags: BuildFlags) => {
      const options = buildOptionsFrom(flags);
      let shard = null;
      try {
        shard = flags.shard ? parseShard(flags.shard) : null;
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const summary = await runBuild(paths, options, {
        jobs: positiveInt(flags.jobs, '--jobs') ?? os.cores(),
        shard,
        observer: makeReporter(parseReporter(flags.reporter), Boolean(flags.quiet)),
        failFast: !flags.keepGoing,
        strict: Boolean(flags.strict),
      });
      process.exitCode = summary.exitCode;
    });
}

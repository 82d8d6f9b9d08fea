/**
 * `briefpack check [paths…]`: everything `build` would report about the
 * sources, their translations and the shared assets, without rendering or
 * writing anything. It runs the same stages as `build` up to rendering, so
 * the two print the same diagnostics.
 */
import type { Command } from 'commander';
import { runBuild } from '../project/run-build.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../parse/decode-source.js';
import { parseLevel, parseReporter, resolveBuild, type BuildFlags } from './project-flags.js';
import { makeReporter } from './reporter.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Check sources, translations and templates, and print diagnostics without writing anything')
    .argument('[paths...]', 'source files or folders (default: `sources` of briefpack.yaml, else source/)')
    .option('-c, --config <file>', 'the project file (default: briefpack.yaml in this folder or the nearest parent)')
    .option('-f, --format <list>', 'check for these formats only (default: every available one)')
    .option('-l, --lang <list>', 'check the translations into these languages only (default: every language in the translations folder)')
    .option('--translations <dir>', 'folder of translations/<lang>/<id>.xlf|.po (default: translations/)')
    .option('-t, --templates <dir>', 'folder of Handlebars templates overriding the built-in ones by file name')
    .option('--max-input-bytes <n>', `largest source accepted (default ${DEFAULT_MAX_INPUT_BYTES})`)
    .option('--min-translated <percent>', 'report translations below this share of translated units as errors')
    .option('--reporter <name>', 'text, json or github')
    .option('-q, --quiet', 'print only diagnostics')
    .option('--level <level>', 'lowest severity printed: error, warning or info (default: warning on CI, info elsewhere)')
    .option('--strict', 'exit 1 on warnings too')
    .action(async (paths: string[], flags: BuildFlags) => {
      const resolved = await resolveBuild(paths, { ...flags, cache: false, keepGoing: true });
      const options = { ...resolved.options, check: true };
      const summary = await runBuild(resolved.paths, options, {
        jobs: 1,
        shard: null,
        observer: makeReporter(parseReporter(flags.reporter), true, parseLevel(flags.level)),
        failFast: false,
        strict: Boolean(flags.strict),
      });
      process.exitCode = summary.exitCode;
    });
}

/** `briefpack build [paths…]`: build packs into the output folder. */
import type { Command } from 'commander';
import { os } from './os.js';
import { runBuild } from '../project/run-build.js';
import { parseShard } from '../project/shard.js';
import { makeReporter } from './reporter.js';
import { UsageError } from './errors.js';
import { addBuildFlags, parseReporter, positiveInt, resolveBuild, type BuildFlags } from './project-flags.js';

export { parseFormats, parseReporter, positiveInt, type BuildFlags } from './project-flags.js';

export function registerBuild(program: Command): void {
  addBuildFlags(program.command('build').description('Build briefing packs (html, pdf, docx, json, xliff, po) for every source'))
    .option('--emit-markdown', 'also write each translated source as Markdown')
    .option('--no-cache', 'rebuild every document, ignoring the incremental cache')
    .option('--shard <i/n>', 'build only the i-th of n deterministic slices of the sources (round robin over the sorted paths, 1 <= i <= n); merge the outputs with briefpack merge')
    .option('--strict', 'exit 1 on warnings too')
    .option('--no-keep-going', 'after the first failure start no new document: documents already running finish and are reported, the others keep their previous outputs and are counted "not started" (default: build every document; either way any failure exits 1)')
    .action(async (paths: string[], flags: BuildFlags) => {
      const { paths: sources, options } = resolveBuild(paths, flags);
      let shard = null;
      try {
        shard = flags.shard ? parseShard(flags.shard) : null;
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const summary = await runBuild(sources, options, {
        jobs: positiveInt(flags.jobs, '--jobs') ?? os.cores(),
        shard,
        observer: makeReporter(parseReporter(flags.reporter), Boolean(flags.quiet)),
        failFast: !flags.keepGoing,
        strict: Boolean(flags.strict),
      });
      process.exitCode = summary.exitCode;
    });
}

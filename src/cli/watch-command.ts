/** `briefpack watch [paths…]`: build, then rebuild what changed on every edit. */
import type { Command } from 'commander';
import { runBuild } from '../project/run-build.js';
import { watchPaths } from '../dev/watch.js';
import { addBuildFlags, parseLevel, parseReporter, positiveInt, resolveBuild, type BuildFlags } from './project-flags.js';
import { ExitError } from './errors.js';
import { os } from './os.js';
import { makeReporter } from './reporter.js';

export { addBuildFlags };

/**
 * Build once, then on every change; `onBuilt` runs after each build with
 * whether it changed anything (built or failed a document). An internal error
 * in a rebuild is reported and the watch goes on.
 */
export async function buildAndWatch(paths: string[], flags: BuildFlags, onBuilt: (changed: boolean) => void): Promise<() => void> {
  const build = () => resolveBuild(paths, { ...flags, cache: true, keepGoing: true });
  let resolved = await build();
  const options = resolved.options;
  const run = {
    jobs: positiveInt(flags.jobs, '--jobs') ?? os.cores(),
    shard: null,
    observer: makeReporter(parseReporter(flags.reporter), Boolean(flags.quiet), parseLevel(flags.level)),
    failFast: false,
    strict: false,
    isolate: true,
  };
  let first = true;
  const once = async () => {
    try {
      // The project file is read again before each rebuild, so an edit to it (a marking, a part, a label) applies
      // without a restart; a file with errors is reported and the next edit is awaited.
      if (resolved.config && !first) resolved = await build();
      first = false;
      const { results } = await runBuild(resolved.paths, resolved.options, run);
      onBuilt(results.some((r) => r.status !== 'up-to-date'));
    } catch (error) {
      if (error instanceof ExitError) return;
      process.stderr.write(`briefpack: internal error during a build: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      if (process.env.BRIEFPACK_DEBUG) console.error(error);
    }
  };
  // Watch before the first build, so an edit made while it runs is not lost: it
  // triggers one more build after it. The project file and the files it names
  // (logo, reference document, stylesheets) are watched too.
  const watched = [...resolved.paths, options.translationsDir, ...(options.templatesDir ? [options.templatesDir] : []), ...options.pack.inputs];
  const watcher = watchPaths(watched, once, { ignore: [options.out] });
  await watcher.run();
  return () => watcher.close();
}

export function registerWatch(program: Command): void {
  addBuildFlags(
    program.command('watch').description('Build, then rebuild whatever changes in the sources, translations, templates or the project file'),
  ).action(async (paths: string[], flags: BuildFlags) => {
    await buildAndWatch(paths, flags, () => process.stderr.write('watching for changes (Ctrl-C to stop)\n'));
    await new Promise(() => {});
  });
}

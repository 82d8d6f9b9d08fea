/** `briefpack serve [paths…]`: watch and rebuild, serve out/ on localhost, reload open pages after each build. */
import type { Command } from 'commander';
import { startServer } from '../build/serve.js';
import { addBuildFlags, buildAndWatch } from './watch-command.js';
import type { BuildFlags } from './build-command.js';

export function registerServe(program: Command): void {
  addBuildFlags(program.command('serve').description('Serve the output folder on localhost, rebuilding and reloading pages on every change'))
    .option('-p, --port <n>', 'port (0 picks a free one)', '8484')
    .action(async (paths: string[], flags: BuildFlags & { port: string }) => {
      let live: Awaited<ReturnType<typeof startServer>> | null = null;
      await buildAndWatch(paths, flags, () => live?.reload());
      live = await startServer(flags.out, Number(flags.port));
      process.stderr.write(`serving ${flags.out} at ${live.url} (Ctrl-C to stop)\n`);
      await new Promise(() => {});
    });
}

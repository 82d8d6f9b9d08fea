/** `briefpack serve [paths…]`: watch and rebuild, serve out/ on localhost, reload open pages after each build. */
import type { Command } from 'commander';
import { startServer } from '../dev/serve.js';
import { addBuildFlags, buildAndWatch } from './watch-command.js';
import { resolveBuild } from './project-flags.js';
import type { BuildFlags } from './project-flags.js';
import { UsageError } from './errors.js';

export function registerServe(program: Command): void {
  addBuildFlags(program.command('serve').description('Serve the output folder on localhost, rebuilding and reloading pages on every change'))
    .option('-p, --port <n>', 'port (0 picks a free one; the line "serving <out> at <url>" on stderr says which)', '8484')
    .action(async (paths: string[], flags: BuildFlags & { port: string }) => {
      if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${flags.port}"`);
      // Listen first, so a taken port is reported before a long build; announce after the first build.
      let live: Awaited<ReturnType<typeof startServer>>;
      const out = (await resolveBuild(paths, { ...flags, cache: true, keepGoing: true })).options.out;
      try {
        live = await startServer(out, Number(flags.port));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES')
          throw new UsageError(`cannot listen on port ${flags.port} (${code}); choose another with --port, or --port 0 for a free one`);
        throw error;
      }
      // Pages reload only after a build that changed something, not after a no-op one.
      await buildAndWatch(paths, flags, (changed) => {
        if (changed) live.reload();
      });
      process.stderr.write(`serving ${out} at ${live.url} (Ctrl-C to stop)\n`);
      await new Promise(() => {});
    });
}

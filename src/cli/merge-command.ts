/** `briefpack merge <folders…> --out <dir>`: join the output folders of CI shards into one, with one manifest. */
import type { Command } from 'commander';
import { mergeOutputs } from '../release/merge.js';
import { briefpackVersion } from '../util/version.js';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description(
      'Merge output folders built separately (e.g. --shard jobs in CI) into one folder with one manifest.json; every file is checked against its manifest, and a path found twice must have the same bytes. Nothing is written on a problem (exit 1)',
    )
    .argument('<folders...>', 'output folders to merge, each with its manifest.json')
    .requiredOption('-o, --out <dir>', 'folder to write the merged packs to')
    .action((folders: string[], flags: { out: string }) => {
      const { problems, files } = mergeOutputs(folders, flags.out, briefpackVersion());
      for (const p of problems) process.stderr.write(`${p.path} ${p.severity} ${p.message} ${p.ruleId}\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      process.stderr.write(errors ? `nothing merged: ${errors} errors\n` : `${files} files from ${folders.length} folders merged into ${flags.out}\n`);
      process.exitCode = errors ? 1 : 0;
    });
}

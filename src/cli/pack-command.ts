/** `briefpack pack [out]`: a deterministic release zip with its manifest. */
import type { Command } from 'commander';
import { packOutput } from '../build/pack.js';
import { writeFileAtomic } from '../build/atomic-write.js';
import { UsageError } from './errors.js';

export function registerPack(program: Command): void {
  program
    .command('pack')
    .description('Write a deterministic zip of the packs in an output folder (or of one document) with its manifest')
    .argument('[out]', 'output folder', 'out')
    .option('-d, --document <id>', 'only this document')
    .option('-o, --output <file>', 'zip to write (default: <out>/../briefpack-<id|packs>.zip)')
    .action((out: string, flags: { document?: string; output?: string }) => {
      let result;
      try {
        result = packOutput(out, flags.document ?? null);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const target = flags.output ?? `briefpack-${flags.document ?? 'packs'}.zip`;
      writeFileAtomic(target, result.zip);
      process.stderr.write(`${target}: ${result.files} files, ${result.zip.length} bytes\n`);
    });
}

/**
 * `briefpack pack [out]`: a deterministic release zip with its manifest.
 * Exit 0 written; 1 a file does not match the manifest (nothing written);
 * 2 no manifest, or no such document.
 */
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { packOutput, PackMismatch } from '../release/pack.js';
import { writeFileAtomic } from '../project/atomic-write.js';
import { UsageError } from './errors.js';

export function registerPack(program: Command): void {
  program
    .command('pack')
    .description(
      'Write a release zip of the packs in an output folder (or of one document) with its manifest: every file is checked against the manifest first; entries are sorted and dated SOURCE_DATE_EPOCH (else 1980-01-01), so the same folder gives the same bytes',
    )
    .argument('[out]', 'output folder', 'out')
    .option('-d, --document <id>', 'only this document')
    .option('-p, --pack <id>', 'only this book of `packs:` (its files in <out>/packs/<id>/)')
    .option('-o, --output <file>', 'zip to write (default: <out>/../briefpack-<id|packs>.zip)')
    .action((out: string, flags: { document?: string; pack?: string; output?: string }) => {
      if (flags.document && flags.pack) throw new UsageError('Give --document or --pack, not both');
      let result;
      try {
        result = packOutput(out, flags.pack ? `packs/${flags.pack}` : (flags.document ?? null));
      } catch (error) {
        if (error instanceof PackMismatch) {
          process.stderr.write(`briefpack pack: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw new UsageError((error as Error).message);
      }
      const target = flags.output ?? join(dirname(out.replace(/[\\/]+$/, '') || '.'), `briefpack-${flags.pack ?? flags.document ?? 'packs'}.zip`);
      writeFileAtomic(target, result.zip);
      process.stderr.write(`${target}: ${result.files} files, ${result.zip.length} bytes\n`);
    });
}

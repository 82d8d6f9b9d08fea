/** `briefpack verify [out]`: recompute the manifest's facts; exit 1 on any mismatch. */
import type { Command } from 'commander';
import { verifyOutput } from '../release/verify.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Check an output folder against its manifest.json: sizes, sha256, missing and extra files, stale sources')
    .argument('[out]', 'output folder', 'out')
    .option('-t, --templates <dir>', 'the template folder the build used, for the asset hash')
    .option('--no-sources', 'do not check the sources (when verifying a downloaded release)')
    .option('--strict', 'exit 1 on warnings too')
    .action((out: string, flags: { templates?: string; sources: boolean; strict?: boolean }) => {
      const { problems, checked } = verifyOutput(out, { templatesDir: flags.templates ?? null, checkSources: flags.sources });
      for (const p of problems) process.stderr.write(`${out}/${p.path} ${p.severity} ${p.message} ${p.ruleId}\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.length - errors;
      process.stderr.write(`${checked} files checked: ${errors} errors, ${warnings} warnings\n`);
      process.exitCode = errors || (flags.strict && warnings) ? 1 : 0;
    });
}

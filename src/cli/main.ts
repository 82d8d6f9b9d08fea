#!/usr/bin/env node
/**
 * The briefpack command line. One file per command; this file only wires
 * them up and turns errors into exit codes: usage errors exit 2 with one
 * line, internal errors exit 70 with a short report (BRIEFPACK_DEBUG=1 for
 * the stack), content problems are diagnostics and exit 1.
 */
import { Command, CommanderError } from 'commander';
import { registerBuild } from './build-command.js';
import { registerCheck } from './check-command.js';
import { registerExtract } from './extract-registration.js';
import { registerVerify } from './verify-command.js';
import { registerPack } from './pack-command.js';
import { registerWatch } from './watch-command.js';
import { registerServe } from './serve-command.js';
import { registerMerge } from './merge-command.js';
import { registerInit } from './init-command.js';
import { registerImport } from './import-command.js';
import { registerPrintDefault } from './print-default-command.js';
import { registerCompare } from './compare-command.js';
import { UsageError, ExitError } from './errors.js';
import { briefpackVersion } from '../util/version.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('briefpack')
    .description('Markdown diplomatic texts to briefing packs: PDF, Word, web page, XLIFF and PO')
    .version(briefpackVersion())
    .exitOverride()
    .showHelpAfterError('(run briefpack --help for usage)');
  registerBuild(program);
  registerCheck(program);
  registerExtract(program);
  registerVerify(program);
  registerPack(program);
  registerMerge(program);
  registerWatch(program);
  registerServe(program);
  registerInit(program);
  registerImport(program);
  registerPrintDefault(program);
  registerCompare(program);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`briefpack: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ExitError) return error.code;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`briefpack: internal error: ${message}\nThis is a bug in briefpack. Run again with BRIEFPACK_DEBUG=1 for details and report it.\n`);
    if (process.env.BRIEFPACK_DEBUG) console.error(error);
    return 70;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
/**
 * The briefpack command line. One file per command; this file only wires
 * them up and turns errors into exit codes: usage errors exit 2 with one
 * line, internal errors exit 70 with a short report (BRIEFPACK_DEBUG=1 for
 * the stack), content problems are diagnostics and exit 1.
 */
import { Command, CommanderError } from 'commander';
import { UsageError, ExitError } from './errors.js';
import { briefpackVersion } from '../util/version.js';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or when the
 * help lists them all): `briefpack build -f html` does not load the Word
 * renderer, compare, import or the dev server. In the order help lists them.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  build: async () => (await import('./build-command.js')).registerBuild,
  check: async () => (await import('./check-command.js')).registerCheck,
  extract: async () => (await import('./extract-registration.js')).registerExtract,
  verify: async () => (await import('./verify-command.js')).registerVerify,
  pack: async () => (await import('./pack-command.js')).registerPack,
  merge: async () => (await import('./merge-command.js')).registerMerge,
  watch: async () => (await import('./watch-command.js')).registerWatch,
  serve: async () => (await import('./serve-command.js')).registerServe,
  init: async () => (await import('./init-command.js')).registerInit,
  import: async () => (await import('./import-command.js')).registerImport,
  'print-default': async () => (await import('./print-default-command.js')).registerPrintDefault,
  compare: async () => (await import('./compare-command.js')).registerCompare,
};

/** The commands to register: the one named first on the command line, or all of them (for help, or an unknown name). */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv.find((a) => !a.startsWith('-'));
  if (first === undefined && argv.some((a) => a === '-V' || a === '--version')) return [];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('briefpack')
    .description('Markdown diplomatic texts to briefing packs: PDF, Word, web page, XLIFF and PO')
    .version(briefpackVersion())
    .exitOverride()
    .showHelpAfterError('(run briefpack --help for usage)');
  for (const register of await Promise.all(commandsFor(argv).map((name) => COMMANDS[name]()))) register(program);
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

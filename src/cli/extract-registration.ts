/** `briefpack extract [paths…] [--lang <code>]`: translation templates (XLIFF 2.1 and PO). */
import type { Command } from 'commander';

interface ExtractModule {
  runExtract(paths: string[], options: { out: string; lang?: string; translationsDir: string }): Promise<number>;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('Write translation templates: out/<id>/<id>.xlf and .pot; with --lang, pre-filled .po/.xlf with existing translations merged in')
    .argument('[paths...]', 'source files or folders', ['source'])
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-l, --lang <code>', 'target language: writes <id>.<lang>.po and <id>.<lang>.xlf')
    .option('--translations <dir>', 'folder of existing translations/<lang>/<id>.xlf|.po', 'translations')
    .action(async (paths: string[], flags: { out: string; lang?: string; translations: string }) => {
      const specifier = './extract-command.js';
      const mod = (await import(specifier)) as ExtractModule;
      process.exitCode = await mod.runExtract(paths, { out: flags.out, lang: flags.lang, translationsDir: flags.translations });
    });
}

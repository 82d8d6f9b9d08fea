/** `briefpack extract [paths…] [--lang <code>]`: translation templates (XLIFF 2.1 and PO). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveBuild } from './project-flags.js';

interface ExtractModule {
  runExtract(paths: string[], options: { out: string; lang?: string; translationsDir: string; terms?: string | null }): Promise<number>;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('Write translation templates: out/<id>/<id>.xlf and .pot; with --lang, pre-filled .po/.xlf with existing translations merged in')
    .argument('[paths...]', 'source files or folders (default: `sources` of briefpack.yaml, else source/)')
    .option('-c, --config <file>', 'the project file (default: briefpack.yaml in this folder or the nearest parent)')
    .option('-o, --out <dir>', 'output folder (default: `out` of briefpack.yaml, else out/)')
    .option('-l, --lang <code>', 'target language: writes <id>.<lang>.po and <id>.<lang>.xlf')
    .option('--translations <dir>', 'folder of existing translations/<lang>/<id>.xlf|.po (default: translations/)')
    .option(
      '--terms <file>',
      'a term list (TBX or CSV) whose official translations pre-fill instrument titles and expansions (default: `terms` of briefpack.yaml)',
    )
    .action(async (paths: string[], flags: { config?: string; out?: string; lang?: string; translations?: string; terms?: string }) => {
      const { paths: sources, options, config } = await resolveBuild(paths, { ...flags, cache: false, keepGoing: true });
      const terms = flags.terms ?? (config?.config.terms ? resolve(config.root, config.config.terms) : null);
      const mod = (await import('./extract-command.js')) as ExtractModule;
      process.exitCode = await mod.runExtract(sources, { out: options.out, lang: flags.lang, translationsDir: options.translationsDir, terms });
    });
}

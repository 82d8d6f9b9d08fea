/** `briefpack check [paths…]`: print diagnostics only; write nothing. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { discoverSources } from '../project/discover.js';
import { diagnosticsOf, type Diagnostic } from '../diagnostics/format.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../parse/decode-source.js';
import { makeReporter } from './reporter.js';
import { parseReporter } from './build-command.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Check sources and print diagnostics without writing anything')
    .argument('[paths...]', 'source files or folders', ['source'])
    .option('--reporter <name>', 'text, json or github')
    .option('--max-input-bytes <n>', `largest source accepted (default ${DEFAULT_MAX_INPUT_BYTES})`)
    .option('--strict', 'exit 1 on warnings too')
    .action(async (paths: string[], flags: { reporter?: string; strict?: boolean; maxInputBytes?: string }) => {
      // Loaded here, not at the top: every other command starts faster without the compile stage.
      const { compileSource } = await import('../pipeline/compile.js');
      const reporter = makeReporter(parseReporter(flags.reporter), true);
      const all: Diagnostic[] = [];
      const { sources, missing } = discoverSources(paths);
      for (const path of missing) {
        const d: Diagnostic = { file: path, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'source-unreadable', message: 'No such file or folder' };
        all.push(d);
        reporter.diagnostic(d);
      }
      for (const source of sources) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(source);
        } catch (error) {
          const d: Diagnostic = { file: source, line: null, column: null, endLine: null, endColumn: null, severity: 'error', ruleId: 'source-unreadable', message: `Cannot read the source: ${(error as NodeJS.ErrnoException).code}` };
          all.push(d);
          reporter.diagnostic(d);
          continue;
        }
        const { file } = compileSource(source, bytes, { keepOnError: true, maxInputBytes: flags.maxInputBytes ? Number(flags.maxInputBytes) : undefined });
        for (const d of diagnosticsOf(file)) {
          all.push(d);
          reporter.diagnostic(d);
        }
      }
      reporter.end(null, all);
      const errors = all.some((d) => d.severity === 'error');
      const warnings = all.some((d) => d.severity === 'warning');
      process.exitCode = errors || (flags.strict && warnings) ? 1 : 0;
    });
}

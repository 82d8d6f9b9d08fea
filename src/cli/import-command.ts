/**
 * `briefpack import <file.docx> [-o out.md]`: a Word file to a briefpack
 * source. Prints what the import noticed, then checks the written source as
 * `briefpack check` would and prints its warnings and errors.
 *
 * Exit 0: written; 1: not a Word file, or the written source has errors
 * (it is still written, to be fixed by hand); 2: usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './errors.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Turn a Word file (.docx) into a source Markdown (numbers, notes, tables, front matter kept)')
    .argument('<file>', 'the .docx file')
    .option('-o, --out <file>', 'where to write the Markdown (default: beside the .docx, same name, .md; - for stdout)')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (file: string, flags: { out?: string; force?: boolean }) => {
      // Loaded here: mammoth and the unified stack are only needed by this command.
      const { importDocx, NotAWordFile } = await import('../import/index.js');
      const { compileSource } = await import('../pipeline/compile.js');
      const { diagnosticsOf, formatText } = await import('../diagnostics/format.js');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      const out = flags.out ?? join(dirname(file), `${basename(file, extname(file))}.md`);
      if (out !== '-' && existsSync(out) && !flags.force) throw new UsageError(`${out} exists: pass --force to overwrite it, or -o to write elsewhere`);
      let result;
      try {
        result = await importDocx(bytes, { path: file });
      } catch (error) {
        if (!(error instanceof NotAWordFile)) throw error;
        process.stderr.write(`${file} error This is not a Word file (.docx): ${error.message} import-not-docx\n`);
        process.exitCode = 1;
        return;
      }
      for (const m of result.messages) process.stderr.write(`${file}${m.line ? `:${m.line}` : ''} ${m.severity} ${m.reason} ${m.ruleId}\n`);
      if (out === '-') process.stdout.write(result.markdown);
      else writeFileSync(out, result.markdown);
      const shown = out === '-' ? `${basename(file, extname(file))}.md` : out;
      const { file: checked } = compileSource(shown, Buffer.from(result.markdown, 'utf8'), { keepOnError: true });
      const problems = diagnosticsOf(checked).filter((d) => d.severity !== 'info');
      for (const d of problems) process.stderr.write(`${formatText(d)}\n`);
      if (out !== '-') process.stderr.write(`Wrote ${out}${result.briefpack ? ' (read back from a briefpack Word file)' : ''}\n`);
      process.exitCode = problems.some((d) => d.severity === 'error') ? 1 : 0;
    });
}

/** `briefpack build [paths…]`: build packs into the output folder. */
import type { Command } from 'commander';
import { os } from './os.js';
import { runBuild } from '../project/run-build.js';
import { parseShard } from '../project/shard.js';
import { makeReporter } from './reporter.js';
import { UsageError } from './errors.js';
import { statSync } from 'node:fs';
import { addBuildFlags, parseFormats, parseLevel, parseReporter, positiveInt, resolveBuild, type BuildFlags } from './project-flags.js';
import { buildSingle, formatOfPath, type SingleTarget } from '../project/single.js';

export { parseFormats, parseReporter, positiveInt, type BuildFlags } from './project-flags.js';

/**
 * One source to one file (`x.md -o x.pdf`, `- -f html -o -`): when the
 * output names a file of a known format, or standard output. Null for a
 * normal build into a folder.
 */
export function singleTarget(paths: string[], flags: BuildFlags): SingleTarget | null {
  const out = flags.out;
  const stdin = paths.includes('-');
  const fileOut = out != null && (out === '-' || (formatOfPath(out) != null && !isDirectory(out)));
  if (!stdin && !fileOut) return null;
  if (paths.length !== 1) throw new UsageError(stdin ? 'Read from standard input (-) with no other source' : `-o ${out} writes one file: give one source`);
  const fromName = out && out !== '-' ? formatOfPath(out) : null;
  const formats = flags.format ? parseFormats(flags.format) : null;
  if (formats && formats.length !== 1) throw new UsageError('Writing one file takes one format');
  const format = formats?.[0] ?? fromName;
  if (!format)
    throw new UsageError(
      out === '-' || out == null
        ? 'Writing to standard output needs --format (html, pdf, docx, json, xliff or po)'
        : `Cannot tell the format of ${out}; name it .html, .pdf, .docx, .json, .xlf or .pot, or give --format`,
    );
  if (fromName && format !== fromName) throw new UsageError(`--format ${format} does not match the file name ${out}`);
  return { source: paths[0], output: out ?? '-', format };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function registerBuild(program: Command): void {
  addBuildFlags(program.command('build').description('Build briefing packs (html, pdf, docx, json, xliff, po) for every source'))
    .option('--emit-markdown', 'also write each translated source as Markdown')
    .option('--no-cache', 'rebuild every document, ignoring the incremental cache')
    .option(
      '--clean',
      'remove the files of these documents that this build does not write (formats or languages not asked for); without it a narrower build keeps them',
    )
    .option(
      '--shard <i/n>',
      'build only the i-th of n deterministic slices of the sources (round robin over the sorted paths, 1 <= i <= n); merge the outputs with briefpack merge',
    )
    .option('--pack <id>', 'build only this book of `packs:` in briefpack.yaml (into <out>/packs/<id>/), no single documents')
    .option('--strict', 'exit 1 on warnings too')
    .option(
      '--no-keep-going',
      'after the first failure start no new document: documents already running finish and are reported, the others keep their previous outputs and are counted "not started" (default: build every document; either way any failure exits 1)',
    )
    .action(async (paths: string[], flags: BuildFlags) => {
      const single = singleTarget(paths, flags);
      if (single) {
        const { options } = await resolveBuild([], { ...flags, out: undefined });
        process.exitCode = await buildSingle(single, options, makeReporter(parseReporter(flags.reporter), true, parseLevel(flags.level)));
        return;
      }
      const { paths: sources, options } = await resolveBuild(paths, flags);
      let shard: ReturnType<typeof parseShard> | null;
      try {
        shard = flags.shard ? parseShard(flags.shard) : null;
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      if (flags.pack && paths.length) throw new UsageError('--pack builds one book of briefpack.yaml: give it no source paths');
      const summary = await runBuild(flags.pack ? [] : sources, options, {
        jobs: positiveInt(flags.jobs, '--jobs') ?? os.cores(),
        shard,
        observer: makeReporter(parseReporter(flags.reporter), Boolean(flags.quiet), parseLevel(flags.level)),
        failFast: !flags.keepGoing,
        strict: Boolean(flags.strict),
      });
      process.exitCode = summary.exitCode;
    });
}

/**
 * `briefpack compare <old.md> <new.md>`: what changed between two versions
 * of a text. Writes `<out>/<new-id>/<new-id>.compare.html|.pdf|.docx|.json`
 * (staged, then renamed into place together), adds them to
 * `<out>/manifest.json`, and prints the summary table. Exit 1 when a source
 * has errors or a format fails to render (nothing is written then); 2 on a
 * usage error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { VFile } from 'vfile';
import { compileSource } from '../pipeline/compile.js';
import { epochFor } from '../model/epoch.js';
import { imageFolder } from '../model/images.js';
import { loadLabels } from '../view/labels.js';
import type { ChangesPart } from '../view/types.js';
import { comparePack, COMPARE_FORMAT_NAMES, summaryText, type CompareFormat } from '../compare/index.js';
import { diagnosticsOf } from '../diagnostics/format.js';
import { DocumentFailed, hasErrors, report } from '../diagnostics/report.js';
import type { Artifact } from '../project/artifact.js';
import { assetHash } from '../project/asset-hash.js';
import { commitStaged, discardStaged, stageFile, type Staged } from '../project/atomic-write.js';
import { updateManifest } from '../project/manifest.js';
import { briefpackVersion } from '../util/version.js';
import { UsageError } from './errors.js';
import { parseLevel, parseReporter } from './project-flags.js';
import { makeReporter } from './reporter.js';

interface CompareFlags {
  out: string;
  format?: string;
  lang?: string;
  templates?: string;
  quiet?: boolean;
  reporter?: string;
  level?: string;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('Compare two versions of a text: a redline (HTML, PDF), tracked changes (Word) and the change in commitments (JSON)')
    .argument('<old>', 'the earlier text (a Markdown source)')
    .argument('<new>', 'the later text (a Markdown source)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-f, --format <list>', `comma list of formats: ${COMPARE_FORMAT_NAMES.join(', ')} (default: all)`)
    .option('-l, --lang <tag>', "language of the words briefpack adds (headings, legend, table heads; default: the new text's language)")
    .option('-t, --templates <dir>', 'folder of Handlebars templates overriding the built-in ones by file name')
    .option('--reporter <name>', 'text, json or github (default: github when GITHUB_ACTIONS=true, else text)')
    .option('--level <level>', 'lowest severity printed: error, warning or info')
    .option('-q, --quiet', 'print only diagnostics, not the summary')
    .action(async (oldPath: string, newPath: string, flags: CompareFlags) => {
      process.exitCode = await runCompare(oldPath, newPath, flags);
    });
}

export function parseCompareFormats(value: string | undefined): CompareFormat[] {
  if (!value) return [...COMPARE_FORMAT_NAMES];
  const list = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list)
    if (!(COMPARE_FORMAT_NAMES as string[]).includes(f)) throw new UsageError(`Unknown compare format "${f}"; choose from ${COMPARE_FORMAT_NAMES.join(', ')}`);
  return [...new Set(list)] as CompareFormat[];
}

async function runCompare(oldPath: string, newPath: string, flags: CompareFlags): Promise<number> {
  const formats = parseCompareFormats(flags.format);
  if (flags.lang != null && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(flags.lang))
    throw new UsageError(`--lang takes a language tag such as en or ko, not "${flags.lang}"`);
  const reporter = makeReporter(parseReporter(flags.reporter), true, parseLevel(flags.level));
  const files: VFile[] = [];
  const compile = (path: string) => {
    const file = new VFile({ path });
    files.push(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      report(file, 'source-unreadable', `Cannot read the source: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return null;
    }
    const compiled = compileSource(path, bytes);
    file.messages.push(...compiled.file.messages);
    return compiled.model ? { model: compiled.model, sha256: createHash('sha256').update(bytes).digest('hex') } : null;
  };
  const done = (code: number) => {
    for (const file of files) for (const d of diagnosticsOf(file)) reporter.diagnostic(d);
    return code;
  };

  const older = compile(oldPath);
  const newer = compile(newPath);
  if (!older || !newer || files.some(hasErrors)) return done(1);

  const version = briefpackVersion();
  const renderFile = files[1];
  let pack;
  try {
    pack = await comparePack(older.model, newer.model, {
      formats,
      view: { labels: loadLabels(flags.lang ?? newer.model.meta.language), epoch: epochFor(newer.model), version, imageFolder: imageFolder(newPath) },
      render: { file: renderFile, templatesDir: flags.templates ?? null },
    });
  } catch (error) {
    if (error instanceof DocumentFailed) return done(1);
    throw error;
  }

  const id = newer.model.id;
  const assets = assetHash(flags.templates ?? null);
  const staged: Staged[] = [];
  const artifacts: Artifact[] = [];
  try {
    for (const output of pack.outputs) {
      staged.push(stageFile(join(flags.out, id, output.name), output.data));
      const data = typeof output.data === 'string' ? Buffer.from(output.data, 'utf8') : output.data;
      artifacts.push({
        path: `${id}/${output.name}`,
        mediaType: output.mediaType,
        bytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        source: { path: newPath, sha256: newer.sha256 },
        language: output.language,
        assets,
        version,
      });
    }
    commitStaged(staged);
    updateManifest(flags.out, artifacts, new Set(), version);
  } catch (error) {
    discardStaged(staged);
    const e = error as NodeJS.ErrnoException;
    report(renderFile, 'output-write', `Cannot write to ${flags.out}: ${e.code ?? ''} ${e.message.split('\n')[0]}`.trim());
    return done(1);
  }
  const code = done(0);
  if (!flags.quiet) {
    const summary = pack.view.parts.find((p): p is ChangesPart => p.kind === 'changes');
    if (summary) process.stdout.write(summaryText(summary));
    process.stderr.write(`wrote ${artifacts.map((a) => join(flags.out, a.path)).join(', ')}\n`);
  }
  return code;
}

/**
 * `briefpack verify [out]`: recompute the manifest's facts; exit 1 on any
 * mismatch. The project file is read as `build` reads it: its `out` is the
 * default folder, and its templates folder and the files it names (logo,
 * reference document, stylesheets) enter the asset hash the build recorded.
 */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { verifyOutput } from '../release/verify.js';
import { packSettings } from '../project/settings.js';
import { projectConfig } from './project-flags.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Check an output folder against its manifest.json: sizes, sha256, missing and extra files, stale sources')
    .argument('[out]', 'output folder (default: `out` of briefpack.yaml, else out/)')
    .option('-c, --config <file>', 'the project file the build used (default: briefpack.yaml in this folder or the nearest parent)')
    .option('-t, --templates <dir>', 'the template folder the build used, for the asset hash (default: `html.templates` of briefpack.yaml)')
    .option('--no-sources', 'do not check the sources (when verifying a downloaded release)')
    .option('--strict', 'exit 1 on warnings too')
    .action(async (outArg: string | undefined, flags: { config?: string; templates?: string; sources: boolean; strict?: boolean }) => {
      const loaded = await projectConfig({ config: flags.config });
      const fromProject = (path: string) => (loaded ? relative(process.cwd(), resolve(loaded.root, path)) || '.' : path);
      const out = outArg ?? fromProject(loaded?.config.out ?? 'out');
      const projectTemplates = loaded?.config.html?.templates;
      const templatesDir = flags.templates ?? (projectTemplates != null ? fromProject(projectTemplates) : null);
      const { problems, checked } = verifyOutput(out, { templatesDir, inputs: packSettings(loaded).inputs, checkSources: flags.sources });
      for (const p of problems) process.stderr.write(`${out}/${p.path} ${p.severity} ${p.message} ${p.ruleId}\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.length - errors;
      process.stderr.write(`${checked} files checked: ${errors} errors, ${warnings} warnings\n`);
      process.exitCode = errors || (flags.strict && warnings) ? 1 : 0;
    });
}

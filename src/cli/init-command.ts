/**
 * `briefpack init [folder]`: a starter project that builds at once:
 * briefpack.yaml (with the schema reference editors use to complete keys),
 * source/example.md and .github/workflows/packs.yml. Files already there are
 * left as they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../util/package-root.js';

const FILES: Array<[template: string, target: string]> = [
  ['briefpack.yaml', 'briefpack.yaml'],
  ['example.md', join('source', 'example.md')],
  ['packs.yml', join('.github', 'workflows', 'packs.yml')],
];

export function initProject(folder: string): Array<{ path: string; written: boolean }> {
  const root = resolve(folder);
  const schema = relative(root, join(packageRoot(), 'schema', 'config.schema.json'))
    .split('\\')
    .join('/');
  return FILES.map(([template, target]) => {
    const path = join(root, target);
    if (existsSync(path)) return { path, written: false };
    mkdirSync(dirname(path), { recursive: true });
    const text = readFileSync(join(packageRoot(), 'templates', 'init', template), 'utf8').replace('{{schema}}', schema);
    writeFileSync(path, text);
    return { path, written: true };
  });
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Write a starter project: briefpack.yaml, source/example.md and a GitHub workflow (files already there are kept)')
    .argument('[folder]', 'where to write it', '.')
    .action((folder: string) => {
      for (const { path, written } of initProject(folder)) {
        process.stderr.write(`${written ? 'wrote' : 'kept  '} ${relative(process.cwd(), path) || path}\n`);
      }
      process.stderr.write('next: briefpack build\n');
    });
}

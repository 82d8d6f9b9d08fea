/**
 * Finding the project file, apart from reading it (config.ts), so that a
 * command run where there is none does not load the project file's schema.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_NAMES = ['briefpack.yaml', 'briefpack.yml'];

/** Look for the project file in `from` and its parents. */
export function findConfig(from: string): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
    if (dirname(dir) === dir) return null;
  }
}

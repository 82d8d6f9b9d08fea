/**
 * Which sources a build reads: files as given, folders searched for Markdown,
 * sorted and de-duplicated, as paths relative to the working folder so that
 * outputs do not depend on where the checkout lives.
 */
import { statSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const MARKDOWN = /\.(md|markdown)$/i;

export interface Discovered {
  sources: string[];
  /** Paths that do not exist or are not Markdown files. */
  missing: string[];
  /** Word files met in the folders searched: not sources, but the user may have meant them to be. */
  wordFiles: string[];
}

export function toPosixRelative(path: string, base = process.cwd()): string {
  const rel = relative(base, resolve(path));
  const out = rel === '' ? '.' : rel;
  return sep === '/' ? out : out.split(sep).join('/');
}

export function discoverSources(paths: string[]): Discovered {
  const found = new Set<string>();
  const missing: string[] = [];
  const wordFiles: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (MARKDOWN.test(entry.name) && entry.name.toLowerCase() !== 'readme.md') found.add(toPosixRelative(path));
      else if (/\.docx$/i.test(entry.name) && !entry.name.startsWith('~$')) wordFiles.push(toPosixRelative(path));
    }
  };
  for (const p of paths) {
    let stats;
    try {
      stats = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (stats.isDirectory()) walk(p);
    else found.add(toPosixRelative(p));
  }
  return { sources: [...found].sort(), missing, wordFiles: wordFiles.sort() };
}

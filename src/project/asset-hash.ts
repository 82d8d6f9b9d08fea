/**
 * A hash of everything besides the source that shapes the outputs: built-in
 * and user templates, the verb lexicon, the fonts, the renderer library
 * versions, the project file and the files it names. Part of the cache key
 * and recorded in the manifest.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { packageRoot } from '../util/package-root.js';

const FONT_PACKAGES = [
  '@expo-google-fonts/noto-serif',
  '@expo-google-fonts/noto-sans-kr',
  '@expo-google-fonts/noto-sans-sc',
  '@expo-google-fonts/noto-sans-jp',
  '@expo-google-fonts/ibm-plex-sans-arabic',
  '@expo-google-fonts/noto-sans-mono',
];
const LIBRARIES = ['pdfmake', 'docx', 'handlebars', 'remark-parse', 'remark-stringify', 'fflate', 'wink-nlp', 'wink-eng-lite-web-model', 'mammoth'];

function hashTree(hash: ReturnType<typeof createHash>, dir: string, label: string): void {
  if (!existsSync(dir)) return;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        hash
          .update(`${label}/${relative(dir, path)}\0`)
          .update(readFileSync(path))
          .update('\0');
    }
  };
  walk(dir);
}

/** The installed version of every font package and renderer library the hash covers. */
export function libraryVersions(): Record<string, string> {
  return Object.fromEntries([...FONT_PACKAGES, ...LIBRARIES].map((name) => [name, packageVersion(name)]));
}

function packageVersion(name: string): string {
  // Where npm puts it (read directly: the resolver's search took 1 ms a package at every start), else wherever it is.
  const direct = join(packageRoot(), 'node_modules', name, 'package.json');
  try {
    const path = existsSync(direct) ? direct : createRequire(join(packageRoot(), 'package.json')).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/** Names, sizes and modification times of a folder's files: cheap to take, and it changes when a file does. */
function stampTree(dir: string): string {
  if (!existsSync(dir)) return `${dir} -`;
  const top = statSync(dir);
  if (top.isFile()) return `${dir} ${top.size} ${top.mtimeMs}`;
  const parts: string[] = [dir];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else parts.push(`${relative(dir, path)} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return parts.join('\n');
}

// Keyed by the stamps of the folders, not only their names: a long-lived
// process (watch, serve) must see a template edited between two builds.
const cache = new Map<string, string>();

/** `inputs`: the project file and the files it names (logo, reference document, stylesheets). */
export function assetHash(templatesDir: string | null, inputs: readonly string[] = []): string {
  const fontsDir = process.env.BRIEFPACK_FONTS_DIR || null;
  const key = [join(packageRoot(), 'templates'), join(packageRoot(), 'data'), templatesDir, fontsDir, ...inputs]
    .map((d) => (d ? stampTree(d) : '-'))
    .join('\0');
  const hit = cache.get(key);
  if (hit) return hit;
  const hash = createHash('sha256');
  hashTree(hash, join(packageRoot(), 'templates'), 'templates');
  hashTree(hash, join(packageRoot(), 'data'), 'data');
  if (templatesDir) hashTree(hash, templatesDir, 'user-templates');
  for (const [name, version] of Object.entries(libraryVersions())) hash.update(`${name}@${version}\n`);
  if (fontsDir) hashTree(hash, fontsDir, 'fonts');
  for (const input of inputs)
    hash
      .update(`input\0`)
      .update(existsSync(input) ? readFileSync(input) : '-')
      .update('\0');
  const value = hash.digest('hex').slice(0, 16);
  cache.set(key, value);
  return value;
}

/**
 * Images in a self-contained page: never fetched from the network, and never
 * read from outside the source's folder. Small local images are inlined as
 * data: URIs; anything else shows its alt text.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { RuleId } from '../../diagnostics/rules.js';
import { isRemote, unsafeUrlReason } from './urls.js';

/** Larger images would make the page heavy; they show their alt text. */
export const MAX_INLINE_IMAGE_BYTES = 512 * 1024;

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

export type ImageResult =
  | { ok: true; src: string }
  | { ok: false; rule: RuleId | null; reason: string };

/**
 * Decide what an image `url` of a source in `sourcePath` becomes.
 * `sourcePath` may be relative to the working directory.
 */
export function resolveImage(url: string, sourcePath: string | undefined): ImageResult {
  const trimmed = url.trim();
  if (isRemote(trimmed)) return { ok: false, rule: 'image-remote', reason: `The remote image ${trimmed} is never fetched; its alt text is shown` };
  const unsafe = unsafeUrlReason(trimmed);
  if (unsafe || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed)) {
    return { ok: false, rule: 'unsafe-link', reason: `An image from ${unsafe ?? 'a non-file address'} was removed; its alt text is shown` };
  }
  if (!sourcePath) return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} cannot be read without a source folder; its alt text is shown` };
  let path: string;
  try {
    path = decodeURIComponent(trimmed.replace(/[?#].*$/, ''));
  } catch {
    path = trimmed;
  }
  const folder = resolve(dirname(sourcePath));
  if (isAbsolute(path) || path.startsWith('\\')) return outside(trimmed);
  const target = resolve(folder, path);
  if (!inside(folder, target)) return outside(trimmed);
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} cannot be read; its alt text is shown` };
  }
  // A symbolic link that leads out of the folder is as bad as ../
  let realFolder = folder;
  try {
    realFolder = realpathSync(folder);
  } catch {
    /* the folder itself resolved above */
  }
  if (!inside(realFolder, real)) return outside(trimmed);
  const type = MEDIA_TYPES[extname(real).toLowerCase()];
  if (!type) return { ok: false, rule: null, reason: 'not a raster image type the page inlines' };
  try {
    const size = statSync(real).size;
    if (size > MAX_INLINE_IMAGE_BYTES) {
      return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} is over ${MAX_INLINE_IMAGE_BYTES / 1024} KB and is not inlined; its alt text is shown` };
    }
    return { ok: true, src: `data:${type};base64,${readFileSync(real).toString('base64')}` };
  } catch {
    return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} cannot be read; its alt text is shown` };
  }
}

function inside(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

function outside(url: string): ImageResult {
  return { ok: false, rule: 'image-outside', reason: `The image path ${url} points outside the source folder; it is not read` };
}

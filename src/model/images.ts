/**
 * The one image policy of every format. An image is never fetched from the
 * network and never read from outside its base folder (the source's folder,
 * or the project's for a logo). A readable local PNG, JPEG or SVG within the
 * size limit is embedded by every format; anything else shows its alt text
 * everywhere. Lint reports the problem once; the view embeds the bytes.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { RuleId } from '../diagnostics/rules.js';
import { isRemote, linkTarget } from './urls.js';

/** Largest image embedded (bytes): larger ones would make every format heavy. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

export interface ImageData {
  /** The file read, resolved (for the manifest and cache keys). */
  path: string;
  mediaType: ImageMediaType;
  bytes: Uint8Array;
  /** Intrinsic size in CSS pixels (SVG: its width/height or viewBox); null when unknown. */
  width: number | null;
  height: number | null;
}

export type ImageResolution = { ok: true; image: ImageData } | { ok: false; rule: RuleId; reason: string };

/** What the bytes are, by their signature (never by the file name). */
export function sniffImage(bytes: Uint8Array): ImageMediaType | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

const cache = new Map<string, { key: string; result: ImageResolution }>();

/**
 * Decide what the image `url` written in a file of folder `baseDir` is. The
 * result is cached by path, size and modification time, so lint, the view
 * and every format read a file once.
 */
export function resolveImage(url: string, baseDir: string, options: { maxBytes?: number } = {}): ImageResolution {
  const trimmed = url.trim();
  if (isRemote(trimmed)) return { ok: false, rule: 'image-remote', reason: `The remote image ${trimmed} is never fetched; its alt text is shown` };
  const target = linkTarget(trimmed);
  if (target.kind === 'unsafe' || target.kind === 'external' || target.kind === 'internal') {
    return {
      ok: false,
      rule: 'unsafe-link',
      reason: `An image from ${target.kind === 'unsafe' ? target.reason : 'a non-file address'} was removed; its alt text is shown`,
    };
  }
  let path: string;
  try {
    path = decodeURIComponent(trimmed.replace(/[?#].*$/, ''));
  } catch {
    path = trimmed;
  }
  const folder = resolve(baseDir);
  if (isAbsolute(path) || path.startsWith('\\')) return outside(trimmed);
  const full = resolve(folder, path);
  if (!inside(folder, full)) return outside(trimmed);
  let real: string;
  let realFolder: string;
  try {
    real = realpathSync(full);
    realFolder = realpathSync(folder);
  } catch {
    return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} cannot be read; its alt text is shown` };
  }
  // A symbolic link that leads out of the folder is as bad as ../
  if (!inside(realFolder, real)) return outside(trimmed);
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  let key: string;
  try {
    const stat = statSync(real);
    if (!stat.isFile()) return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} is not a file; its alt text is shown` };
    if (stat.size > maxBytes) {
      return { ok: false, rule: 'image-too-large', reason: `The image ${trimmed} is ${kb(stat.size)}, over the ${kb(maxBytes)} limit; its alt text is shown` };
    }
    key = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return { ok: false, rule: 'image-missing', reason: `The image ${trimmed} cannot be read; its alt text is shown` };
  }
  const hit = cache.get(real);
  if (hit && hit.key === key) return withUrl(hit.result, trimmed);
  const result = readImage(real, trimmed);
  cache.set(real, { key, result });
  return result;
}

/** Read and identify an image file already known to be inside its folder. */
export function readImage(path: string, shown = path): ImageResolution {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    return { ok: false, rule: 'image-missing', reason: `The image ${shown} cannot be read; its alt text is shown` };
  }
  const mediaType = sniffImage(bytes);
  if (!mediaType) return { ok: false, rule: 'image-type', reason: `The file ${shown} is not a PNG, JPEG or SVG image; its alt text is shown` };
  let width: number | null = null;
  let height: number | null = null;
  try {
    const size = imageSize(bytes);
    width = size.width ?? null;
    height = size.height ?? null;
  } catch {
    if (mediaType !== 'image/svg+xml')
      return { ok: false, rule: 'image-type', reason: `The image ${shown} is damaged: its size cannot be read; its alt text is shown` };
  }
  return { ok: true, image: { path, mediaType, bytes, width, height } };
}

/** A cached failure names the URL as this source writes it. */
function withUrl(result: ImageResolution, url: string): ImageResolution {
  return result.ok ? result : { ...result, reason: result.reason.replace(/^(The (?:image|file)) \S+/, `$1 ${url}`) };
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function inside(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

function outside(url: string): ImageResolution {
  return { ok: false, rule: 'image-outside', reason: `The image path ${url} points outside the source folder; it is not read` };
}

/** The folder images of a source are read from. */
export function imageFolder(sourcePath: string): string {
  return dirname(resolve(sourcePath));
}

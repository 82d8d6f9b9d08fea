/**
 * Images as PDF/A-1b takes them (run phase helper, pure layout: the picture
 * is the same on a white page). PDF/A-1 forbids transparency, and pdfkit
 * embeds the alpha channel of a PNG (or its tRNS transparency) as a soft
 * mask; PDF 1.4 has no 16-bit samples. Such a PNG is decoded and drawn on
 * white into an 8-bit PNG without alpha; every other PNG is embedded as it
 * is. A JPEG in CMYK would need a CMYK output intent (the PDF has an sRGB
 * one): it is refused, and the image's alt text is shown.
 */
import { deflateSync, inflateSync } from 'node:zlib';

/** Pixels decoded to flatten one PNG, at most (a small file can hold a huge picture). */
const MAX_PIXELS = 40_000_000;

interface PngHeader {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
  palette: Uint8Array | null;
  transparency: Uint8Array | null;
  data: Uint8Array[];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function readChunks(bytes: Uint8Array): PngHeader | null {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PngHeader = { width: 0, height: 0, depth: 0, colorType: -1, interlace: 0, palette: null, transparency: null, data: [] };
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    const body = at + 8;
    if (body + length > bytes.length) return null;
    const chunk = bytes.subarray(body, body + length);
    if (type === 'IHDR') {
      if (length < 13) return null;
      out.width = view.getUint32(body);
      out.height = view.getUint32(body + 4);
      out.depth = bytes[body + 8];
      out.colorType = bytes[body + 9];
      out.interlace = bytes[body + 12];
    } else if (type === 'PLTE') out.palette = chunk;
    else if (type === 'tRNS') out.transparency = chunk;
    else if (type === 'IDAT') out.data.push(chunk);
    else if (type === 'IEND') break;
    at = body + length + 4;
  }
  if (!(out.colorType in CHANNELS) || !out.width || !out.height || !out.data.length) return null;
  return out;
}

/** Does pdfkit's embedding of this PNG break PDF/A-1b? */
function needsFlattening(png: PngHeader): boolean {
  return png.colorType === 4 || png.colorType === 6 || png.transparency !== null || png.depth === 16;
}

/** The PNG to embed: the same bytes, a flattened copy, or null when it cannot be read. */
export function pdfaPng(bytes: Uint8Array): Uint8Array | null {
  const png = readChunks(bytes);
  if (!png) return null;
  if (!needsFlattening(png)) return bytes;
  if (png.width * png.height > MAX_PIXELS) return null;
  try {
    return flatten(png);
  } catch {
    return null;
  }
}

/** Can pdfkit embed this JPEG in a PDF/A-1b file with an sRGB output intent? (Grey and RGB: yes; CMYK: no.) */
export function jpegFits(bytes: Uint8Array): boolean {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    // SOF0-SOF15, but DHT (C4), JPG (C8) and DAC (CC): the frame header, with the number of components.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[at + 9] === 1 || bytes[at + 9] === 3;
    at += 2 + length;
  }
  return false;
}

/** Adam7 passes: x start, y start, x step, y step. */
const PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function flatten(png: PngHeader): Uint8Array {
  const { width, height, depth, colorType } = png;
  const channels = CHANNELS[colorType];
  const raw = inflateSync(Buffer.concat(png.data));
  const gray = colorType === 0 || colorType === 4;
  const outChannels = gray ? 1 : 3;
  const out = Buffer.alloc((width * outChannels + 1) * height);
  const bitsPerPixel = channels * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const max = (1 << Math.min(depth, 8)) - 1;
  const trns = png.transparency;
  const keyGray = trns && colorType === 0 && trns.length >= 2 ? (trns[0] << 8) | trns[1] : -1;
  const keyRgb = trns && colorType === 2 && trns.length >= 6 ? [(trns[0] << 8) | trns[1], (trns[2] << 8) | trns[3], (trns[4] << 8) | trns[5]] : null;
  const palette = png.palette ?? new Uint8Array(0);

  /** Sample `index` of a row, at its full depth. */
  const sample = (row: Uint8Array, index: number): number => {
    if (depth === 8) return row[index];
    if (depth === 16) return (row[index * 2] << 8) | row[index * 2 + 1];
    const bit = index * depth;
    return (row[bit >> 3] >> (8 - depth - (bit & 7))) & max;
  };
  const to8 = (v: number): number => (depth === 16 ? v >> 8 : depth === 8 ? v : Math.round((v * 255) / max));
  const over = (c: number, a: number): number => Math.round((c * a + 255 * (255 - a)) / 255);

  const put = (x: number, y: number, row: Uint8Array, i: number): void => {
    const o = y * (width * outChannels + 1) + 1 + x * outChannels;
    const s = i * channels;
    if (colorType === 3) {
      const p = sample(row, i);
      const a = trns && p < trns.length ? trns[p] : 255;
      for (let c = 0; c < 3; c++) out[o + c] = over(palette[p * 3 + c] ?? 0, a);
      return;
    }
    if (gray) {
      const v = sample(row, s);
      const a = colorType === 4 ? to8(sample(row, s + 1)) : v === keyGray ? 0 : 255;
      out[o] = over(to8(v), a);
      return;
    }
    const rgb = [sample(row, s), sample(row, s + 1), sample(row, s + 2)];
    const a = colorType === 6 ? to8(sample(row, s + 3)) : keyRgb && rgb[0] === keyRgb[0] && rgb[1] === keyRgb[1] && rgb[2] === keyRgb[2] ? 0 : 255;
    for (let c = 0; c < 3; c++) out[o + c] = over(to8(rgb[c]), a);
  };

  let offset = 0;
  const pass = (x0: number, y0: number, dx: number, dy: number): void => {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) return;
    const stride = Math.ceil((w * bitsPerPixel) / 8);
    let previous = new Uint8Array(stride);
    for (let r = 0; r < h; r++) {
      const filter = raw[offset];
      const row = Uint8Array.from(raw.subarray(offset + 1, offset + 1 + stride));
      if (row.length < stride) throw new Error('PNG data ends early');
      offset += 1 + stride;
      unfilter(filter, row, previous, bpp);
      for (let i = 0; i < w; i++) put(x0 + i * dx, y0 + r * dy, row, i);
      previous = row;
    }
  };
  if (png.interlace === 1) for (const [x0, y0, dx, dy] of PASSES) pass(x0, y0, dx, dy);
  else pass(0, 0, 1, 1);
  return encode(width, height, gray ? 0 : 2, out);
}

function unfilter(filter: number, row: Uint8Array, previous: Uint8Array, bpp: number): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= bpp ? row[i - bpp] : 0;
    const up = previous[i];
    const upLeft = i >= bpp ? previous[i - bpp] : 0;
    switch (filter) {
      case 0:
        break;
      case 1:
        row[i] = (row[i] + left) & 0xff;
        break;
      case 2:
        row[i] = (row[i] + up) & 0xff;
        break;
      case 3:
        row[i] = (row[i] + ((left + up) >> 1)) & 0xff;
        break;
      case 4: {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        row[i] = (row[i] + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)) & 0xff;
        break;
      }
      default:
        throw new Error(`unknown PNG filter ${filter}`);
    }
  }
}

/** An 8-bit PNG of scanlines that already start with their filter byte (0). */
function encode(width: number, height: number, colorType: 0 | 2, scanlines: Buffer): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colorType;
  return Buffer.concat([Buffer.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let table: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

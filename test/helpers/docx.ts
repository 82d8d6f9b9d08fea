import { deflateSync } from 'node:zlib';
import type { Declaration } from '../../src/model/schema.js';
import type { ViewOptions } from '../../src/view/index.js';
import type { BriefingView } from '../../src/view/types.js';
import { renderDocx } from '../../src/render/docx/index.js';
import type { RenderContext } from '../../src/render/context.js';
import { renderContext, viewOf } from './compile.js';

/** 2025-08-04T00:00:00Z, the seed's date (the epoch `viewFor` gives every view). */
export const EPOCH = 1754265600;

export interface DocxOptions {
  /** Change the model before its view is built. */
  mutate?: (model: Declaration) => void;
  /** View options (parts, organization, marking…). */
  view?: Partial<ViewOptions>;
  /** Render context fields (theme…). */
  ctx?: Partial<RenderContext>;
}

/** Compile a source, build its view and render its DOCX, with the file that collected the renderer's diagnostics. */
export async function docxOf(path: string, options: DocxOptions = {}): Promise<{ view: BriefingView; bytes: Uint8Array; ctx: RenderContext }> {
  const view = viewOf(path, options.mutate, options.view);
  const ctx = renderContext(path, options.ctx);
  return { view, bytes: await renderDocx(view, ctx), ctx };
}

/** A PNG of `width` x `height` pixels of one colour, made with zlib (no image library). */
export function tinyPng(width: number, height: number, rgb: [number, number, number] = [31, 56, 100]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

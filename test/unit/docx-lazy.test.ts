/**
 * The DOCX body made while docx writes it (src/render/docx/lazy.ts, issue
 * 18): the file is the one a body built whole gives, and docx is the patched
 * one (patches/docx+9.15.2.patch), whose stringify works out each element as
 * it writes it, so a large text's body is never held whole. The memory
 * ceiling itself is test/conformance/giant-input.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { buildDocument } from '../../src/render/docx/index.js';
import { PieceSource } from '../../src/render/docx/lazy.js';
import { repack } from '../../src/render/docx/repack.js';
import { docxOf, partsOfZip } from '../helpers/docx.js';
import { FIXTURES } from '../helpers/paths.js';

const require = createRequire(import.meta.url);
const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']);

describe('docx body made while it is written', () => {
  for (const fixture of ['docx-features', 'numbering-across-headings', 'un-preambular']) {
    it(`${fixture}: document.xml is the one of the body built whole`, async () => {
      const { view, bytes, ctx } = await docxOf(join(FIXTURES, fixture, 'input.md'));
      const whole = repack(await partsOfZip(Packer.toBuffer(await buildDocument(view, ctx))), { epoch: view.info.created, replace: {} });
      expect(documentXml(bytes)).toBe(documentXml(whole));
    });
  }

  it('hands the pieces out in order, from the start again for each write', () => {
    let starts = 0;
    const source = new PieceSource(() => {
      starts++;
      return [[], [], []][Symbol.iterator]();
    }, 3);
    for (let round = 0; round < 2; round++) for (let i = 0; i < 3; i++) expect(source.take(i)).toEqual([]);
    expect(starts).toBe(2);
    expect(() => source.take(2)).toThrow(/out of order/);
    expect(() => new PieceSource(() => [[]][Symbol.iterator](), 2).take(0)).not.toThrow();
    const short = new PieceSource(() => [[]][Symbol.iterator](), 2);
    short.take(0);
    expect(() => short.take(1)).toThrow(/made 1 pieces/);
    expect(() => new PieceSource(() => [[], []][Symbol.iterator](), 1).take(0)).toThrow(/more than 1/);
  });

  it('docx is the patched one (patches/docx+9.15.2.patch): stringify works out elements as it writes them', () => {
    const files = [fileURLToPath(import.meta.resolve('docx')), require.resolve('docx').replace(/index\.umd\.cjs$/, 'index.cjs')];
    expect(files.some((f) => f.endsWith('index.mjs'))).toBe(true);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).toContain('(briefpack#18)');
      expect(code, file).toContain('content.push(new Unresolved(value, depth + 1));');
    }
  });
});

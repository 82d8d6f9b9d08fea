/**
 * The DOCX is zipped once: `packageParts` takes the package's parts from
 * docx before it zips them (its private `Packer.compiler`), and `repack`
 * makes the file from them. These tests fail if docx stops having that
 * compiler, or if its parts stop being what `Packer.toBuffer` zips; and
 * they check that both routes give the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync } from 'fflate';
import { partsOfZip, tinyPng } from '../helpers/docx.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { FIXTURES, SEED } from '../helpers/paths.js';
import { buildDocument } from '../../src/render/docx/index.js';
import { packageParts, repack } from '../../src/render/docx/repack.js';

const EPOCH = 1754265600;
/** docx stamps core.xml with the clock: the renderer replaces it, and so do these tests. */
const options = () => ({ epoch: EPOCH, replace: { 'docProps/core.xml': '<cp:coreProperties/>', 'docProps/app.xml': '<Properties/>' } });

async function documentOf(path: string): Promise<Document> {
  return buildDocument(viewOf(path), renderContext(path));
}

const bytesOf = (data: string | Uint8Array) => (typeof data === 'string' ? strToU8(data) : data);

describe("the package's parts", () => {
  it.each([
    ['the seed', SEED],
    ['docx-features', join(FIXTURES, 'docx-features', 'input.md')],
  ])('%s: are what Packer.toBuffer zips, by name, in its order, byte for byte', async (_name, path) => {
    const zipped = unzipSync(new Uint8Array(await Packer.toBuffer(await documentOf(path))));
    const parts = packageParts(await documentOf(path));
    expect([...parts.keys()]).toEqual(Object.keys(zipped));
    expect([...parts.keys()]).toContain('word/document.xml');
    // docx numbers bookmarks and relationship ids from process-wide counters: compare the parts that hold none.
    for (const name of ['[Content_Types].xml', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml'])
      expect(Buffer.from(bytesOf(parts.get(name)!)).equals(Buffer.from(zipped[name])), name).toBe(true);
  });

  it('holds images as bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-docx-parts-'));
    writeFileSync(join(dir, 'chart.png'), tinyPng(40, 20));
    writeFileSync(join(dir, 'x.md'), '---\ntitle: "Images"\n---\n\n# Images\n\n1. A chart ![Chart](chart.png).\n');
    const parts = packageParts(await documentOf(join(dir, 'x.md')));
    const media = [...parts].filter(([name]) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(media[0][1]).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(media[0][1] as Uint8Array).equals(Buffer.from(tinyPng(40, 20)))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('repack', () => {
  it('makes the same file from the parts as from the zip docx makes', async () => {
    const fromZip = repack(await partsOfZip(Packer.toBuffer(await documentOf(SEED))), options());
    const fromParts = repack(packageParts(await documentOf(SEED)), options());
    expect(Buffer.from(fromParts).equals(Buffer.from(fromZip))).toBe(true);
  });

  it('writes a lone surrogate as U+FFFD, as zipping the text did', async () => {
    const doc = () => new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('a\uD800b')] })] }] });
    const fromParts = repack(packageParts(doc()), options());
    const fromZip = repack(await partsOfZip(Packer.toBuffer(doc())), options());
    expect(Buffer.from(fromParts).equals(Buffer.from(fromZip))).toBe(true);
    expect(Buffer.from(unzipSync(fromParts)['word/document.xml']).toString('utf8')).toContain('a\uFFFDb');
  });
});

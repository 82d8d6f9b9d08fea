/**
 * Fonts shared between documents (src/render/pdf/font-sharing.ts) and loaded
 * style by style: the speed-ups must not change a glyph or a position.
 * - pdfkit gets a per-document view of the font fonts.ts parsed, and that
 *   view lays words out exactly as a fresh fontkit parse of the file does
 *   (marks, ligatures, fractions, default-ignorables, Hangul, kana, Han);
 * - the raw reading of where each GSUB/GPOS lookup can apply agrees with the
 *   coverage fontkit decodes;
 * - a style other than the regular one is read when first used, and a
 *   missing or damaged one still stops the document with `font-load`;
 * - rendering other documents in between leaves a document's bytes unchanged.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { VFile } from 'vfile';
import { buildDocDefinition, FontSet, layoutPdf, renderPdf } from '../../src/render/pdf/index.js';
import { loadFontFile, type FaceName, type FontStyle } from '../../src/render/pdf/fonts.js';
import { LookupTriggers, fontSharing } from '../../src/render/pdf/font-sharing.js';
import { DocumentFailed } from '../../src/diagnostics/report.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { FIXTURES, SEED } from '../helpers/paths.js';
import { generatedView } from '../helpers/pdf.js';

const require = createRequire(import.meta.url);

interface Glyph {
  id: number;
  codePoints: number[];
}
interface Run {
  glyphs: Glyph[];
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
}
interface Font {
  layout(text: string): Run;
  numGlyphs: number;
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
}
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number }>;
}
interface LayoutTable {
  lookupList: { length: number; get(i: number): { lookupType: number; subTables: Array<Record<string, unknown>> } };
}
const fontkit = require('fontkit') as { create(buffer: Uint8Array): Font };

const fontSet = new FontSet(new VFile({ path: 'fonts.md' }), null);
function pathOf(face: FaceName, style: FontStyle): string {
  return fontSet.pathOf(face, style);
}

const FILES: Array<[FaceName, FontStyle]> = [
  ['NotoSerif', 'normal'],
  ['NotoSerif', 'bold'],
  ['NotoSerif', 'italics'],
  ['NotoSerif', 'bolditalics'],
  ['NotoSansKR', 'normal'],
  ['NotoSansKR', 'bold'],
  ['NotoSansSC', 'normal'],
  ['NotoSansJP', 'normal'],
];

const WORDS = [
  'We ',
  'reaffirm ',
  'office',
  'affluent, ',
  'fjord',
  'Tokyo',
  'AVATAR',
  'Wa.',
  '(ICT)',
  '2025',
  '10.5%',
  '1/2',
  '3⁄4',
  '½',
  'naïve',
  'nai\u0308ve',
  'Vie\u0302\u0323t',
  'e\u0301\u0301',
  'ǹ',
  'i\u0307',
  'a\u200bb',
  '\u200b',
  'co\u00adop',
  'x\u034fy',
  'a\u200dz',
  '▲activating ',
  '—',
  '“AI”',
  '†',
  '‡',
  '•',
  '–',
  '¶ 12',
  'Ελλάδα',
  'Россия',
  'ﬁ',
  'ſt',
  '대한민국',
  '한국 사람',
  '\u1100\u1161\u11a8',
  '\u1112\u1161\u11ab',
  'ひらがな',
  'カタカナ',
  'ｶﾀｶﾅ',
  '中华人民共和国',
  '日本語',
  '（注）',
  '、。',
];

function shape(font: Font, word: string) {
  const run = font.layout(word);
  return {
    glyphs: run.glyphs.map((g) => [g.id, ...g.codePoints]),
    positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  };
}

describe('fonts shared with pdfkit', () => {
  it('is on (fontkit accepts the registered format)', () => {
    expect(fontSharing()).toBe(true);
  });

  // font-sharing.ts reaches into fontkit: this fails loudly when fontkit changes under it.
  it('runs on the fontkit it was written for: version 2.0.4 and the internal shapes it relies on', () => {
    const pkg = JSON.parse(readFileSync(join(require.resolve('fontkit'), '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version, 'fontkit version (review src/render/pdf/font-sharing.ts before moving on)').toBe('2.0.4');
    const api = require('fontkit') as { registerFormat?: unknown; create: unknown };
    expect(typeof api.registerFormat, 'fontkit.registerFormat').toBe('function');
    const font = fontkit.create(readFileSync(pathOf('NotoSerif', 'normal'))) as unknown as Record<string, unknown> & {
      directory: { tables: Record<string, { offset: number; length: number }> };
      _glyphs: unknown;
      _layoutEngine: {
        engine: Record<string, { applyLookups: unknown; lookupsForFeatures: unknown; table: { lookupList: { get: unknown } }; features: unknown }>;
      };
    };
    // the stand-in is read by fontkit's format probe, the view shares the prototype, glyphs are per view
    expect(typeof font._glyphs).toBe('object');
    for (const table of ['post', 'GSUB', 'GPOS']) {
      expect(font.directory.tables[table]?.offset, `directory.tables.${table}.offset`).toBeTypeOf('number');
      expect(font.directory.tables[table]?.length, `directory.tables.${table}.length`).toBeTypeOf('number');
    }
    (font as unknown as Font).layout('warm');
    const engine = font._layoutEngine.engine;
    for (const tag of ['GSUBProcessor', 'GPOSProcessor']) {
      const processor = engine[tag];
      expect(typeof processor.applyLookups, `${tag}.applyLookups`).toBe('function');
      expect(typeof processor.lookupsForFeatures, `${tag}.lookupsForFeatures`).toBe('function');
      expect(typeof processor.table.lookupList.get, `${tag}.table.lookupList.get`).toBe('function');
      expect(typeof processor.features, `${tag}.features`).toBe('object');
      expect(processor, `${tag}.scriptTag`).toHaveProperty('scriptTag');
    }
    expect((font.post as Record<string, unknown>).italicAngle).toBeTypeOf('number');
  });

  it.each(FILES)('%s %s: pdfkit gets a view of the parsed font, with its own glyphs', (face, style) => {
    const loaded = loadFontFile(pathOf(face, style));
    const a = fontkit.create(loaded.pdfkitSource);
    const b = fontkit.create(loaded.pdfkitSource);
    expect(Object.getPrototypeOf(a)).toBe(loaded.font);
    expect(a).not.toBe(b);
    a.layout('Glyph');
    expect((a as unknown as { _glyphs: object })._glyphs).not.toBe((b as unknown as { _glyphs: object })._glyphs);
  });

  it.each(FILES)('%s %s: reads the post table header pdfkit needs as fontkit decodes it', (face, style) => {
    const path = pathOf(face, style);
    const view = fontkit.create(loadFontFile(path).pdfkitSource) as unknown as Record<string, Record<string, unknown> & unknown>;
    const fresh = fontkit.create(readFileSync(path)) as unknown as Record<string, Record<string, unknown> & unknown>;
    for (const key of [
      'version',
      'italicAngle',
      'underlinePosition',
      'underlineThickness',
      'isFixedPitch',
      'minMemType42',
      'maxMemType42',
      'minMemType1',
      'maxMemType1',
    ]) {
      expect(view.post[key], key).toBe(fresh.post[key]);
    }
    expect(view.italicAngle).toBe(fresh.italicAngle);
    // Fields past the header come from the full table.
    expect(view.post.glyphNameIndex ?? null).toEqual(fresh.post.glyphNameIndex ?? null);
  });

  it.each(FILES)('%s %s: lays words out exactly as a fresh parse of the file', (face, style) => {
    const path = pathOf(face, style);
    const view = fontkit.create(loadFontFile(path).pdfkitSource);
    const fresh = fontkit.create(readFileSync(path));
    for (const word of WORDS) expect(shape(view, word), word).toEqual(shape(fresh, word));
    // The same words again: the view's per-document caches (lookup lists, triggers) give the same answer.
    for (const word of WORDS) expect(shape(view, word), word).toEqual(shape(fresh, word));
  });
});

/** The coverage fontkit tests first on the current glyph, for a decoded subtable; undefined: none (the lookup always runs). */
function firstCoverage(tag: 'GSUB' | 'GPOS', type: number, table: Record<string, unknown>): Coverage | undefined {
  const context = tag === 'GSUB' ? type === 5 : type === 7;
  const chained = tag === 'GSUB' ? type === 6 : type === 8;
  if (context || chained) {
    if (table.version === 1 || table.version === 2) return table.coverage as Coverage;
    return context ? (table.coverages as Coverage[])[0] : (table.inputCoverage as Coverage[])[0];
  }
  if (tag === 'GPOS' && (type === 4 || type === 5)) return table.markCoverage as Coverage;
  if (tag === 'GPOS' && type === 6) return table.mark1Coverage as Coverage;
  if (tag === 'GSUB' && type === 8) return undefined;
  return table.coverage as Coverage;
}

describe('where lookups can apply, read from the raw tables', () => {
  it.each([
    ['NotoSerif', 'normal'],
    ['NotoSansKR', 'normal'],
  ] as Array<[FaceName, FontStyle]>)('%s %s: agrees with the coverage fontkit decodes, for every lookup', (face, style) => {
    const path = pathOf(face, style);
    const buffer = readFileSync(path);
    const font = fontkit.create(buffer);
    for (const tag of ['GSUB', 'GPOS'] as const) {
      const table = font[tag]!;
      const triggers = new LookupTriggers(buffer, font as never, tag);
      expect(triggers.readable).toBe(true);
      for (let i = 0; i < table.lookupList.length; i++) {
        const lookup = table.lookupList.get(i);
        const expected = new Set<number>();
        let always = false;
        for (let sub of lookup.subTables) {
          let type = lookup.lookupType;
          if (type === (tag === 'GSUB' ? 7 : 9)) {
            type = sub.lookupType as number;
            sub = sub.extension as Record<string, unknown>;
          }
          const coverage = firstCoverage(tag, type, sub);
          if (!coverage) always = true;
          else if (coverage.version === 1) for (const g of coverage.glyphs!) expected.add(g);
          else for (const r of coverage.rangeRecords!) for (let g = r.start; g <= r.end; g++) expected.add(g);
        }
        const got = triggers.get(i);
        if (always) expect(got, `${tag} lookup ${i}`).toBeNull();
        else {
          expect(got, `${tag} lookup ${i}`).not.toBeNull();
          const set = new Set<number>();
          got!.forEach((v, g) => v && set.add(g));
          expect(set, `${tag} lookup ${i}`).toEqual(expected);
        }
      }
    }
  });
});

describe('font styles loaded when first used', () => {
  // Latin text only (the seed's ▲ would need the Korean face too), with bold paragraph numbers.
  const view = generatedView(1, 3);
  const serif = (style: FontStyle) => pathOf('NotoSerif', style);

  function folderWith(files: Partial<Record<FontStyle, Buffer | 'copy'>>): string {
    const dir = mkdtempSync(join(tmpdir(), 'briefpack-fonts-'));
    for (const [style, content] of Object.entries(files) as Array<[FontStyle, Buffer | 'copy']>) {
      const target = join(dir, basename(serif(style)));
      if (content === 'copy') copyFileSync(serif(style), target);
      else writeFileSync(target, content);
    }
    return dir;
  }

  it('stop the document at once when a style file is missing', () => {
    const dir = folderWith({ normal: 'copy', italics: 'copy', bolditalics: 'copy' });
    const ctx = renderContext('generated.md', { fontsDir: dir });
    expect(() => buildDocDefinition(view, ctx)).toThrow(DocumentFailed);
    expect(ctx.file.messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['font-load', expect.stringMatching(/NotoSerif bold: font file not found: .*NotoSerif_700Bold\.ttf/)],
    ]);
  });

  it('stop the document with font-load when a damaged style is first used in layout', async () => {
    const dir = folderWith({ normal: 'copy', bold: readFileSync(serif('bold')).subarray(0, 600), italics: 'copy', bolditalics: 'copy' });
    const ctx = renderContext('generated.md', { fontsDir: dir });
    const fonts = new FontSet(ctx.file, dir);
    const definition = buildDocDefinition(view, ctx, { fonts });
    expect(ctx.file.messages).toEqual([]);
    const error = await layoutPdf(definition, fonts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentFailed);
    expect(ctx.file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['font-load', true]]);
    expect(ctx.file.messages[0].reason).toMatch(/NotoSerif bold: font file cannot be parsed/);
  });
});

describe('documents rendered in one process', () => {
  it('do not change each other: the seed gives the same bytes before and after other documents', async () => {
    const seed = viewOf(SEED);
    const before = await renderPdf(seed, renderContext(SEED));
    const features = join(FIXTURES, 'pdf-features', 'input.md');
    await renderPdf(viewOf(features), renderContext(features));
    await renderPdf(
      viewOf(SEED, (m) => (m.meta.language = 'ko')),
      renderContext(SEED),
    );
    const after = await renderPdf(seed, renderContext(SEED));
    expect(Buffer.compare(Buffer.from(before), Buffer.from(after))).toBe(0);
  });
});

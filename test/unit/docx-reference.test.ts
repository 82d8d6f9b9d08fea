/**
 * A Word template (issue 13): `briefpack print-default` writes a reference
 * document, a user restyles it, and `docx.referenceDoc` / `--reference-doc`
 * makes the pack take its style definitions (by style id, then by name),
 * document defaults, theme (when the styles refer to it) and page setup, as
 * pandoc's --reference-doc does. Styles the template lacks keep ours; the
 * output stays byte-identical from run to run.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element as XastElement } from 'xast';
import { printDefault, referenceDocument } from '../../src/cli/print-default-command.js';
import { mergeStyles, readReference } from '../../src/render/docx/reference.js';
import { docxOf, editDocx, restyle, restyledReference, RESTYLED, styleElement } from '../helpers/docx.js';
import { all, first, parseXml, styleOf, unzipParts, type XmlElement } from '../helpers/ooxml.js';
import { SEED } from '../helpers/paths.js';

const { font: BODY_FONT, color: BODY_COLOR } = RESTYLED.body;
const { font: HEADING_FONT, color: HEADING_COLOR } = RESTYLED.heading;
const MARGINS = RESTYLED.margins;

interface Rendered {
  bytes: Uint8Array;
  parts: Record<string, string>;
  styles: XmlElement;
  document: XmlElement;
  messages: string[];
}

async function render(referenceDoc?: Uint8Array): Promise<Rendered> {
  const { bytes, ctx } = await docxOf(SEED, referenceDoc ? { ctx: { referenceDoc } } : {});
  const parts = unzipParts(bytes);
  return {
    bytes,
    parts,
    styles: parseXml(parts['word/styles.xml']),
    document: parseXml(parts['word/document.xml']),
    messages: ctx.file.messages.map((m) => `${m.ruleId}: ${m.reason}`),
  };
}

function style(styles: XmlElement, id: string): XmlElement {
  const found = all(styles, 'w:style').find((s) => s.attrs['w:styleId'] === id);
  expect(found, `style ${id}`).toBeDefined();
  return found!;
}

/** An element as plain data (no parent links), to compare two of them. */
function plain(el: XmlElement): unknown {
  return { name: el.name, attrs: el.attrs, children: el.children.map((c) => (typeof c === 'string' ? c : plain(c))) };
}

function runOf(s: XmlElement): { font?: string; color?: string } {
  const rPr = s.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:rPr');
  return { font: rPr && first(rPr, 'w:rFonts')?.attrs['w:ascii'], color: rPr && first(rPr, 'w:color')?.attrs['w:val'] };
}

describe('docx reference document', () => {
  let template: Uint8Array;
  let reference: Uint8Array;
  let ours: Rendered;
  let styled: Rendered;

  beforeAll(async () => {
    template = await referenceDocument();
    // Normal and Heading 1 in other faces and colours, no Caption, landscape Letter pages with other margins.
    reference = restyledReference(template);
    ours = await render();
    styled = await render(reference);
  });

  describe('print-default', () => {
    it('renders a sample that uses every paragraph and character style of a pack', () => {
      const parts = unzipParts(template);
      const used = new Set<string>();
      for (const [name, xml] of Object.entries(parts)) {
        if (!/^word\/(document|header\d*|footer\d*|footnotes)\.xml$/.test(name)) continue;
        const root = parseXml(xml);
        for (const tag of ['w:pStyle', 'w:rStyle', 'w:tblStyle']) for (const el of all(root, tag)) used.add(el.attrs['w:val']);
      }
      const defined = new Set(all(parseXml(parts['word/styles.xml']), 'w:style').map((s) => s.attrs['w:styleId']));
      for (const id of used) expect(defined.has(id), `style ${id} is defined`).toBe(true);
      for (const id of [
        'Title',
        'Subtitle',
        'CoverLogo',
        'CoverOrganization',
        'CoverLabel',
        'CoverDetail',
        'Marking',
        'Header',
        'Footer',
        'TOCHeading',
        'TOC1',
        'TOC2',
        'TOC3',
        'TOC4',
        'Heading1',
        'Heading2',
        'Heading3',
        'Heading4',
        'ListNumber',
        'ListNumber2',
        'ListBullet',
        'ListBullet2',
        'ListContinue',
        'Quote',
        'HTMLPreformatted',
        'Caption',
        'TableHeading',
        'TableContents',
        'TableGrid',
        'FootnoteText',
        'FootnoteReference',
        'Hyperlink',
        'HTMLCode',
        'IndexLink',
      ])
        expect(used.has(id), `the sample uses ${id}`).toBe(true);
      // Body text is Normal: paragraphs without a style.
      expect(
        all(parseXml(parts['word/document.xml']), 'w:p').some(
          (p) => styleOf(p) === undefined && p.children.some((c) => typeof c !== 'string' && c.name === 'w:r'),
        ),
      ).toBe(true);
      // The styles no sample shows are defined all the same.
      for (const id of ['TranslationNote', 'Strong', 'Heading5', 'Heading6', 'ListNumber5', 'ListBullet5']) expect(defined.has(id), id).toBe(true);
    });

    it('is the same bytes every time', async () => {
      expect(Buffer.from(await referenceDocument()).equals(Buffer.from(template))).toBe(true);
    });

    describe('the file it writes', () => {
      const dir = mkdtempSync(join(tmpdir(), 'briefpack-print-default-'));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      it('is written under any .docx name, and an existing file only with --force', async () => {
        const file = join(dir, 'ministry-template.docx');
        await printDefault(file);
        expect(Buffer.from(readFileSync(file)).equals(Buffer.from(template))).toBe(true);
        writeFileSync(file, 'mine');
        await expect(printDefault(file)).rejects.toThrow(/exists; use --force/);
        expect(readFileSync(file, 'utf8')).toBe('mine');
        await printDefault(file, { force: true });
        expect(Buffer.from(readFileSync(file)).equals(Buffer.from(template))).toBe(true);
      });

      it('must be a .docx', async () => {
        await expect(printDefault(join(dir, 'reference.pdf'))).rejects.toThrow(/\.docx/);
        expect(existsSync(join(dir, 'reference.pdf'))).toBe(false);
      });
    });
  });

  describe('a pack rendered with a restyled template', () => {
    it('has the font and colour of the template for Normal and Heading 1', () => {
      expect(runOf(style(styled.styles, 'Normal'))).toEqual({ font: BODY_FONT, color: BODY_COLOR });
      expect(runOf(style(styled.styles, 'Heading1'))).toEqual({ font: HEADING_FONT, color: HEADING_COLOR });
      expect(style(styled.styles, 'Normal').attrs['w:default']).toBe('1');
      expect(runOf(style(ours.styles, 'Normal')).font).toBe('Times New Roman');
      expect(styled.messages).toEqual(ours.messages);
    });

    it("keeps ours for a style the template lacks, and the template's for the others", () => {
      expect(RESTYLED.dropped).toBe('Caption');
      expect(plain(style(styled.styles, 'Caption'))).toEqual(plain(style(ours.styles, 'Caption')));
      const templateStyles = parseXml(unzipParts(reference)['word/styles.xml']);
      for (const id of ['Heading2', 'Quote', 'TableGrid', 'FootnoteText', 'TOC1'])
        expect(plain(style(styled.styles, id)), id).toEqual(plain(style(templateStyles, id)));
      expect(plain(first(styled.styles, 'w:docDefaults')!)).toEqual(plain(first(templateStyles, 'w:docDefaults')!));
      // Every style the document uses is defined once.
      const ids = all(styled.styles, 'w:style').map((s) => s.attrs['w:styleId']);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of all(styled.document, 'w:pStyle')) expect(ids, p.attrs['w:val']).toContain(p.attrs['w:val']);
    });

    it('lays every section out on the page of the template', () => {
      const sections = all(styled.document, 'w:sectPr');
      expect(sections.length).toBeGreaterThanOrEqual(2);
      for (const sect of sections) {
        expect(first(sect, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '15840', 'w:h': '12240', 'w:orient': 'landscape' });
        expect(first(sect, 'w:pgMar')!.attrs).toMatchObject(Object.fromEntries(Object.entries(MARGINS).map(([k, v]) => [`w:${k}`, v])));
      }
      // Tables span the wider text: 15840 - 1300 - 1100 twips, where A4 gave 9026.
      const widths = all(styled.document, 'w:tblW').map((w) => Number(w.attrs['w:w']));
      expect(Math.max(...widths)).toBeGreaterThan(9026);
      expect(Math.max(...widths)).toBeLessThanOrEqual(15840 - 1300 - 1100);
      expect(Math.max(...all(ours.document, 'w:tblW').map((w) => Number(w.attrs['w:w'])))).toBeLessThanOrEqual(9026);
    });

    it('is byte-identical from run to run', async () => {
      const again = await render(reference);
      expect(Buffer.from(again.bytes).equals(Buffer.from(styled.bytes))).toBe(true);
    });

    it('changes nothing else: the same parts and the same document text', () => {
      expect(Object.keys(styled.parts).sort()).toEqual(Object.keys(ours.parts).sort());
      expect(styled.parts['word/numbering.xml']).toBe(ours.parts['word/numbering.xml']);
      expect(styled.parts['word/footnotes.xml']).toBe(ours.parts['word/footnotes.xml']);
      // No theme fonts or colours in these styles: the theme stays ours.
      expect(styled.parts['word/theme/theme1.xml']).toBe(ours.parts['word/theme/theme1.xml']);
      const strip = (xml: string) => xml.replace(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g, '').replace(/<w:tblW [^>]*>|<w:gridCol [^>]*>|<w:tcW [^>]*>/g, '');
      expect(strip(styled.parts['word/document.xml'])).toBe(strip(ours.parts['word/document.xml']));
    });
  });

  describe('a template saved by Word', () => {
    it('matches styles by name when Word localized their ids, and brings the styles they are based on', async () => {
      const german = editDocx(template, {
        'word/styles.xml': (s) => {
          const h1 = styleElement(s, 'Heading1');
          h1.attributes['w:styleId'] = 'berschrift1';
          restyle(s, 'berschrift1', { font: HEADING_FONT, color: HEADING_COLOR });
          styleElement(s, 'TOCHeading').children.forEach((c) => {
            if (c.type === 'element' && c.name === 'w:basedOn') c.attributes['w:val'] = 'berschrift1';
          });
          // Heading 2 based on a house style that the pack does not have.
          s.children.push({
            type: 'element',
            name: 'w:style',
            attributes: { 'w:type': 'paragraph', 'w:customStyle': '1', 'w:styleId': 'MinistryHeading' },
            children: [
              { type: 'element', name: 'w:name', attributes: { 'w:val': 'Ministry Heading' }, children: [] },
              { type: 'element', name: 'w:basedOn', attributes: { 'w:val': 'Normal' }, children: [] },
              {
                type: 'element',
                name: 'w:rPr',
                attributes: {},
                children: [{ type: 'element', name: 'w:caps', attributes: {}, children: [] }],
              },
            ],
          });
          for (const c of styleElement(s, 'Heading2').children) if (c.type === 'element' && c.name === 'w:basedOn') c.attributes['w:val'] = 'MinistryHeading';
        },
      });
      const out = await render(german);
      expect(runOf(style(out.styles, 'Heading1'))).toEqual({ font: HEADING_FONT, color: HEADING_COLOR });
      expect(all(out.styles, 'w:style').some((s) => s.attrs['w:styleId'] === 'berschrift1')).toBe(false);
      expect(first(style(out.styles, 'TOCHeading'), 'w:basedOn')!.attrs['w:val']).toBe('Heading1');
      expect(first(style(out.styles, 'Heading2'), 'w:basedOn')!.attrs['w:val']).toBe('MinistryHeading');
      expect(first(style(out.styles, 'MinistryHeading'), 'w:caps')).toBeDefined();
    });

    it("takes the theme when the styles use theme fonts, and keeps the pack's language and list numbering", async () => {
      const themed = editDocx(template, {
        'word/styles.xml': (s) => {
          const h2 = styleElement(s, 'Heading2');
          const rPr = h2.children.find((c): c is XastElement => c.type === 'element' && c.name === 'w:rPr')!;
          const fonts = rPr.children.find((c): c is XastElement => c.type === 'element' && c.name === 'w:rFonts')!;
          fonts.attributes = { 'w:asciiTheme': 'majorHAnsi', 'w:hAnsiTheme': 'majorHAnsi', 'w:cstheme': 'majorBidi' };
          const normal = styleElement(s, 'Normal').children.find((c): c is XastElement => c.type === 'element' && c.name === 'w:rPr')!;
          const lang = normal.children.find((c): c is XastElement => c.type === 'element' && c.name === 'w:lang')!;
          lang.attributes = { 'w:val': 'fr-FR' };
          const bullet = styleElement(s, 'ListBullet');
          const pPr = bullet.children.find((c): c is XastElement => c.type === 'element' && c.name === 'w:pPr')!;
          pPr.children.unshift({
            type: 'element',
            name: 'w:numPr',
            attributes: {},
            children: [{ type: 'element', name: 'w:numId', attributes: { 'w:val': '7' }, children: [] }],
          });
        },
        'word/theme/theme1.xml': (theme) => {
          const walk = (el: XastElement) => {
            if (el.name === 'a:majorFont') {
              const latin = el.children.find((c): c is XastElement => c.type === 'element' && c.name === 'a:latin')!;
              latin.attributes = { typeface: HEADING_FONT };
            }
            for (const c of el.children) if (c.type === 'element') walk(c);
          };
          walk(theme);
        },
      });
      const out = await render(themed);
      expect(out.parts['word/theme/theme1.xml']).toBe(unzipParts(themed)['word/theme/theme1.xml']);
      expect(out.parts['word/theme/theme1.xml']).toContain(`typeface="${HEADING_FONT}"`);
      expect(first(style(out.styles, 'Heading2'), 'w:rFonts')!.attrs['w:asciiTheme']).toBe('majorHAnsi');
      expect(first(style(out.styles, 'Normal'), 'w:lang')!.attrs['w:val']).toBe('en-US');
      expect(first(first(out.styles, 'w:docDefaults')!, 'w:lang')!.attrs['w:val']).toBe('en-US');
      expect(first(style(out.styles, 'ListBullet'), 'w:numPr')).toBeUndefined();
    });

    it('makes the paragraph defaults right to left for a right-to-left pack', () => {
      const merged = mergeStyles(ours.parts['word/styles.xml'], readReference(reference).styles!, { rtl: true });
      const pPr = first(first(parseXml(merged.xml), 'w:pPrDefault')!, 'w:pPr')!;
      expect(first(pPr, 'w:bidi')).toBeDefined();
    });
  });

  it("warns about a file that is no Word document and keeps briefpack's styles and page", async () => {
    const out = await render(new TextEncoder().encode('not a zip'));
    expect(out.messages).toEqual([...ours.messages, expect.stringMatching(/^config-file: The reference document is not a \.docx file/)]);
    expect(Buffer.from(out.bytes).equals(Buffer.from(ours.bytes))).toBe(true);
  });
});

/**
 * pdfmake's structure tagging (patches/pdfmake+0.3.11.patch, pdfmake #942),
 * straight through pdfmake with the harness in test/helpers/pdfmake-tagging.ts.
 * These tests fail if pdfmake changes under the patch:
 * - pdfmake is exactly 0.3.11, pdfkit has the structure API the patch calls,
 *   and the files `require('pdfmake')` loads are the patched ones;
 * - without `tagged`, pdfmake writes the same bytes as pdfmake 0.3.11 without
 *   the patch (the patch reversed on a copy);
 * - with `tagged`/`pdfUA`, the file has a structure tree in document order
 *   (Document, H1/H2, P, Link, Span, Sect, L/LI/Lbl/LBody, Table/TR/TH/TD,
 *   Figure, Note, TOC/TOCI), every marked-content sequence of every page is
 *   an Artifact or belongs to the element the ParentTree names, page
 *   furniture is artifact, a paragraph broken across pages is one element,
 *   and the catalog and XMP carry /Lang, /MarkInfo, DisplayDocTitle, the title,
 *   PDF/A-1a and PDF/UA-1 identification.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { PATCHED_FILES } from '../../src/render/pdf/pdfmake-patch.js';
import {
  PDFMAKE_DIR,
  PDFMAKE_ENTRY,
  TAGGED,
  UNTAGGED,
  elementTypes,
  layout,
  pdfObjects,
  readStructure,
  sampleDefinition,
  type Definition,
  type StructElem,
  type Structure,
} from '../helpers/pdfmake-tagging.js';

const require = createRequire(import.meta.url);
const PATCH = join(ROOT, 'patches', 'pdfmake+0.3.11.patch');
/** The files of pdfmake the patch changes (its Node build, js/): those the run-time check reads. */
const PATCHED = PATCHED_FILES;
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));

function latin1(pdf: Buffer): string {
  return pdf.toString('latin1');
}

/** Every element of a structure, depth first. */
function allElements(roots: StructElem[]): StructElem[] {
  const out: StructElem[] = [];
  const walk = (e: StructElem) => {
    out.push(e);
    for (const k of e.kids) if ('type' in k) walk(k);
  };
  roots.forEach(walk);
  return out;
}

/** Text of the MCIDs of an element and its descendants is not available here; its MCID kids are. */
function mcidKids(e: StructElem): Array<{ mcid: number; page: number }> {
  return e.kids.filter((k): k is { mcid: number; page: number } => 'mcid' in k);
}

describe('the pdfmake the project loads', () => {
  it('is pdfmake 0.3.11, loaded from its Node build (js/index.js)', () => {
    const pkg = JSON.parse(readFileSync(join(PDFMAKE_DIR, 'package.json'), 'utf8')) as { version: string; main: string };
    expect(pkg.version).toBe('0.3.11');
    expect(pkg.main).toBe('js/index.js');
    expect(PDFMAKE_ENTRY).toBe(join(PDFMAKE_DIR, 'js', 'index.js'));
  });

  it('runs on a pdfkit with the structure API the patch calls', () => {
    const pdfkit = require(require.resolve('pdfkit', { paths: [PDFMAKE_DIR] })) as { prototype: Record<string, unknown> };
    const pkg = JSON.parse(readFileSync(join(require.resolve('pdfkit', { paths: [PDFMAKE_DIR] }), '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toMatch(/^0\.19\./);
    for (const method of [
      'struct',
      'addStructure',
      'markContent',
      'markStructureContent',
      'endMarkedContent',
      'getStructTreeRoot',
      'link',
      'goTo',
      'annotate',
      'appendXML',
    ]) {
      expect(typeof pdfkit.prototype[method], method).toBe('function');
    }
  });

  it('has the patch applied to the files require("pdfmake") loads', async () => {
    await layout(sampleDefinition().definition);
    for (const file of PATCHED) {
      const path = join(PDFMAKE_DIR, 'js', file);
      expect(require.cache[path], `${file} loaded`).toBeDefined();
      expect(readFileSync(path, 'utf8'), `${file} patched`).toContain('pdfmake#942');
    }
    const Renderer = (require(join(PDFMAKE_DIR, 'js', 'Renderer.js')) as { default: { prototype: Record<string, unknown> } }).default;
    for (const method of ['tagItem', 'markTag', 'structElement', 'inlineTag', 'linkAnnotation']) expect(typeof Renderer.prototype[method]).toBe('function');
  });

  it('the patch file is a patch-package patch of exactly these files, run on install', () => {
    const patch = readFileSync(PATCH, 'utf8');
    const files = [...patch.matchAll(/^diff --git a\/node_modules\/pdfmake\/(\S+)/gm)].map((m) => m[1]);
    expect(files).toEqual(PATCHED.map((f) => `js/${f}`));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts.postinstall).toBe('patch-package');
    expect(pkg.dependencies.pdfmake).toBe('0.3.11');
    expect(pkg.dependencies['patch-package']).toBeDefined();
  });
});

describe('an untagged document', () => {
  let unpatchedDir: string;
  beforeAll(() => {
    // pdfmake 0.3.11 without the patch: the installed one, the patch reversed, with its dependencies beside it
    unpatchedDir = mkdtempSync(join(tmpdir(), 'pdfmake-unpatched-'));
    const modules = join(unpatchedDir, 'node_modules');
    mkdirSync(modules);
    cpSync(PDFMAKE_DIR, join(modules, 'pdfmake'), { recursive: true });
    for (const dep of ['pdfkit', 'linebreak', 'xmldoc']) {
      const nested = join(PDFMAKE_DIR, 'node_modules', dep);
      if (!existsSync(nested)) symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep));
    }
    execFileSync('git', ['apply', '-R', PATCH], { cwd: unpatchedDir });
  });
  afterAll(() => rmSync(unpatchedDir, { recursive: true, force: true }));

  it('gives the same bytes as pdfmake without the patch', async () => {
    const unpatched = createRequire(join(unpatchedDir, 'node_modules', 'pdfmake', 'js', 'index.js'));
    const code = readFileSync(join(unpatchedDir, 'node_modules', 'pdfmake', 'js', 'Renderer.js'), 'utf8');
    expect(code).not.toContain('pdfmake#942');
    const make = (settings: Definition) => ({
      ...sampleDefinition(settings).definition,
      info: { title: 'Same', creationDate: FIXED_DATE, modDate: FIXED_DATE },
    });
    const patchedBytes = await layout(make(UNTAGGED));
    const unpatchedBytes = await layout(make(UNTAGGED), unpatched('./index.js'));
    expect(patchedBytes.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(patchedBytes, unpatchedBytes)).toBe(0);
  });

  it('has no structure and no marked content', async () => {
    const pdf = await layout(sampleDefinition(UNTAGGED).definition);
    const s = readStructure(pdf);
    expect(s.catalog).not.toContain('/StructTreeRoot');
    expect(s.catalog).not.toContain('/MarkInfo');
    for (const page of s.pageContent.values()) expect(page.stream).not.toMatch(/\bBDC\b|\bBMC\b/);
  });
});

describe('a tagged PDF/A-1a + PDF/UA-1 document', () => {
  let pdf: Buffer;
  let s: Structure;
  let elements: StructElem[];
  beforeAll(async () => {
    pdf = await layout(sampleDefinition(TAGGED).definition);
    s = readStructure(pdf);
    elements = allElements(s.roots);
  });

  it('marks the catalog: /MarkInfo, /Lang, DisplayDocTitle, a structure tree', () => {
    const objects = pdfObjects(pdf);
    expect(s.catalog).toMatch(/\/Lang \(en-GB\)/);
    const markInfo = /\/MarkInfo (\d+) 0 R/.exec(s.catalog);
    expect(markInfo).not.toBeNull();
    expect(objects.get(Number(markInfo![1]))!.dict).toMatch(/\/Marked true/);
    const prefs = /\/ViewerPreferences (\d+) 0 R/.exec(s.catalog);
    expect(objects.get(Number(prefs![1]))!.dict).toMatch(/\/DisplayDocTitle true/);
    expect(s.catalog).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(s.pages.length).toBe(5);
  });

  it('identifies PDF/A-1a and PDF/UA-1 in XMP, with the pdfuaid schema described for PDF/A, and the title', () => {
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(latin1(pdf))![0];
    expect(xmp).toMatch(/<pdfaid:part>1<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(xmp).toMatch(
      /<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>\s*<pdfaSchema:prefix>pdfuaid<\/pdfaSchema:prefix>/,
    );
    expect(xmp).toMatch(/<pdfaProperty:name>part<\/pdfaProperty:name>\s*<pdfaProperty:valueType>Integer<\/pdfaProperty:valueType>/);
    expect(xmp).toMatch(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">Tagging sample<\/rdf:li>/);
  });

  it('builds the structure tree in document order', () => {
    const types = elementTypes(s.roots);
    expect(s.roots.map((e) => e.type)).toEqual(['Document']);
    const table = ['Table', 'TR', 'TH', 'TH', 'TR', 'TD', 'TD', 'TR', 'TD', 'TD', 'TR', 'TD'];
    const expected = [
      'Document',
      'H1',
      'H2',
      'TOC',
      'TOCI',
      'Link',
      'TOCI',
      'Link',
      'P',
      'Link',
      'Span',
      'Sect',
      'H2',
      'P',
      'L',
      'LI',
      'LBody',
      'LI',
      'LBody',
      'L',
      'LI',
      'LBody',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'LI',
      'Lbl',
      'LBody',
      'P',
      'P',
      ...table,
      'Figure',
      'P',
      'P',
      'Link',
      'P',
      'Table',
    ];
    expect(types.slice(0, expected.length)).toEqual(expected);
    // the long table: one header row (TH) and 40 rows, then the note
    const rest = types.slice(expected.length);
    expect(rest.filter((t) => t === 'TH')).toHaveLength(2);
    expect(rest.filter((t) => t === 'TR')).toHaveLength(41);
    expect(rest.at(-1)).toBe('Note');
  });

  it('links every marked-content sequence of every page to the element the ParentTree names, or marks it Artifact', () => {
    const byNum = s.elements;
    let checked = 0;
    for (const page of s.pages) {
      const content = s.pageContent.get(page)!;
      expect(content.unmarkedText, `text outside marked content on page object ${page}`).toBe(0);
      expect(content.artifacts, `artifacts on page object ${page}`).toBeGreaterThan(0);
      // MCIDs on a page: 0..n-1, each once
      expect(content.mcids).toEqual(content.mcids.map((_, i) => i));
      if (!content.mcids.length) continue;
      expect(content.structParents).not.toBeNull();
      const parents = s.parentTree.get(content.structParents!);
      expect(Array.isArray(parents)).toBe(true);
      // the ParentTree is complete: one element per MCID, and that element has the MCID on this page
      expect((parents as number[]).length).toBe(content.mcids.length);
      (parents as number[]).forEach((num, mcid) => {
        const elem = byNum.get(num);
        expect(elem, `MCID ${mcid} on page object ${page}: element ${num}`).toBeDefined();
        expect(
          mcidKids(elem!).some((k) => k.mcid === mcid && k.page === page),
          `element ${num} (${elem!.type}) holds MCID ${mcid} of page object ${page}`,
        ).toBe(true);
        checked++;
      });
    }
    // and every MCID an element holds is on its page
    for (const e of elements) {
      for (const k of mcidKids(e)) expect(s.pageContent.get(k.page)!.mcids, `${e.type} MCID ${k.mcid}`).toContain(k.mcid);
    }
    expect(checked).toBe(elements.reduce((n, e) => n + mcidKids(e).length, 0));
  });

  it('marks the running header, the footer, its rule and the background as artifacts', () => {
    for (const page of s.pages) {
      const stream = s.pageContent.get(page)!.stream;
      expect(stream).toMatch(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/);
      expect(stream).toMatch(/\/Artifact <<\s*\/Type \/Layout\s*>> BDC/);
      // the furniture's text is drawn only inside artifacts: count text objects per marked-content kind
      const artifacts = [...stream.matchAll(/\/Artifact <<[^>]*>> BDC([\s\S]*?)EMC/g)].map((m) => m[1]).join('\n');
      expect((artifacts.match(/\bBT\b/g) ?? []).length, 'header, footer and background text').toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps a paragraph broken across pages in one element, and repeats table header rows as artifacts', () => {
    const long = elements.filter((e) => e.type === 'P').find((e) => new Set(mcidKids(e).map((k) => k.page)).size > 1);
    expect(long, 'a P with content on more than one page').toBeDefined();
    expect(new Set(mcidKids(long!).map((k) => k.page)).size).toBe(3);
    // the long table starts on page 4 after the paragraph? it spans pages: its header is drawn on each, tagged once
    const tables = elements.filter((e) => e.type === 'Table');
    const big = tables[1];
    const pagesOfBig = new Set(allElements([big]).flatMap((e) => mcidKids(e).map((k) => k.page)));
    expect(pagesOfBig.size).toBeGreaterThan(1);
    expect(allElements([big]).filter((e) => e.type === 'TH')).toHaveLength(2);
  });

  it('writes the attributes: Lang on spans and paragraphs, Alt on figures, Scope and ColSpan on cells, ID on notes', () => {
    const objects = pdfObjects(pdf);
    const span = elements.find((e) => e.type === 'Span')!;
    expect(span.dict).toMatch(/\/Lang \(fr\)/);
    expect(elements.find((e) => e.type === 'P' && /\/Lang \(de\)/.test(e.dict))).toBeDefined();
    expect(elements.find((e) => e.type === 'Figure')!.dict).toMatch(/\/Alt \(Romeo red square\)/);
    for (const th of elements.filter((e) => e.type === 'TH')) expect(th.dict).toMatch(/\/A <<\s*\/O \/Table\s*\/Scope \/Column\s*>>/);
    expect(elements.filter((e) => e.type === 'TD' && /\/ColSpan 2/.test(e.dict))).toHaveLength(1);
    // the empty cell is kept: every row of the small table has two cells, but the spanned one
    const small = elements.filter((e) => e.type === 'Table')[0];
    expect(small.kids.map((r) => ('kids' in r ? r.kids.length : -1))).toEqual([2, 2, 2, 1]);
    const note = elements.find((e) => e.type === 'Note')!;
    expect(note.dict).toMatch(/\/ID \(note-1\)/);
    const root = objects.get(Number(/\/StructTreeRoot (\d+) 0 R/.exec(s.catalog)![1]))!.dict;
    expect(root).toMatch(new RegExp(`/IDTree <<\\s*/Names \\[\\(note-1\\) ${note.num} 0 R\\]`));
  });

  it('puts each link annotation in its Link element (OBJR, StructParent, Contents)', () => {
    const objects = pdfObjects(pdf);
    const links = elements.filter((e) => e.type === 'Link');
    expect(links.length).toBe(4);
    let annotations = 0;
    for (const link of links) {
      const objrs = link.kids.filter((k): k is { objr: number } => 'objr' in k);
      expect(objrs.length, 'annotations of a Link').toBeGreaterThan(0);
      expect(mcidKids(link).length, 'content of a Link').toBeGreaterThan(0);
      for (const { objr } of objrs) {
        const annot = objects.get(objr)!.dict;
        expect(annot).toMatch(/\/Subtype \/Link/);
        expect(annot).toMatch(/\/Contents \([^)]+\)/);
        const key = Number(/\/StructParent (\d+)/.exec(annot)![1]);
        expect(s.parentTree.get(key)).toBe(link.num);
        annotations++;
      }
    }
    // every link annotation of the file is one of them
    const all = [...objects.values()].filter((o) => /\/Subtype \/Link/.test(o.dict));
    expect(all.length).toBe(annotations);
  });

  it('pdfUA implies tagged and displayTitle', async () => {
    const bytes = await layout({ ...sampleDefinition({ pdfUA: true, compress: false, language: 'en' }).definition });
    const st = readStructure(bytes);
    expect(st.catalog).toMatch(/\/StructTreeRoot/);
    expect(st.catalog).toMatch(/\/ViewerPreferences/);
  });
});

describe('tagging page furniture and details', () => {
  it('a node with its own tag in the footer (a footnote) is content; the rest of the footer stays artifact', async () => {
    const definition: Definition = {
      ...TAGGED,
      info: { title: 'Footnote' },
      defaultStyle: { font: 'Roboto' },
      footer: (page: number) => ({ stack: [{ text: `Folio ${page}` }, { text: 'Footnote in the footer.', tag: 'Note', id: 'fn1' }], margin: [40, 0] }),
      content: [{ text: ['Body text', { text: '1', sup: true, linkToDestination: 'fn1' }], tag: 'P' }],
    };
    const st = readStructure(await layout(definition));
    expect(elementTypes(st.roots)).toEqual(['Document', 'P', 'Link', 'Note']);
    const stream = st.pageContent.get(st.pages[0])!.stream;
    const folio = stream.lastIndexOf('/Artifact');
    expect(folio).toBeGreaterThan(0);
    expect(stream.indexOf('/Note <<')).toBeGreaterThan(folio);
  });

  it('a table tagged Div is a layout grid: its cells are paragraphs, not TD', async () => {
    const definition: Definition = {
      ...TAGGED,
      info: { title: 'Grid' },
      defaultStyle: { font: 'Roboto' },
      content: [{ table: { body: [['left', 'right']] }, tag: 'Div', layout: 'noBorders' }],
    };
    const st = readStructure(await layout(definition));
    expect(elementTypes(st.roots)).toEqual(['Document', 'Div', 'P', 'P']);
  });

  it('an image without alt is an artifact; with alt it is a Figure', async () => {
    const { pngDataUrl } = await import('../helpers/pdfmake-tagging.js');
    const definition: Definition = {
      ...TAGGED,
      info: { title: 'Images' },
      defaultStyle: { font: 'Roboto' },
      content: [
        { image: pngDataUrl(), width: 20 },
        { image: pngDataUrl(), width: 20, alt: 'A square' },
        { text: 'after', tag: 'P' },
      ],
    };
    const st = readStructure(await layout(definition));
    expect(elementTypes(st.roots)).toEqual(['Document', 'Figure', 'P']);
  });
});

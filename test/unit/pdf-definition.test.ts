/**
 * The briefing PDF's document definition, inspected as data before layout:
 * cover, contents, outline, running header and footer, numbered paragraphs,
 * annex tables, internal links, inline formatting, fonts and fallback faces,
 * translated packs and font-load failures.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildDocDefinition, PART_IDS, type DocDefinition } from '../../src/render/pdf/index.js';
import { inlineNamedStyles } from '../../src/render/pdf/inline-styles.js';
import { DocumentFailed } from '../../src/diagnostics/report.js';
import type { Declaration } from '../../src/model/schema.js';
import { modelOf } from '../helpers/compile.js';
import { FIXTURES, ROOT, SEED } from '../helpers/paths.js';
import { EPOCH, pdfContext } from '../helpers/pdf.js';

type AnyNode = Record<string, unknown>;
const FEATURES = join(FIXTURES, 'pdf-features', 'input.md');

/** Every object node of a definition (text leaves, stacks, columns, table cells…), depth first. */
function nodes(root: unknown): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
    else if (n && typeof n === 'object') {
      out.push(n as AnyNode);
      for (const key of ['text', 'stack', 'columns', 'content']) if (key in (n as AnyNode)) stack.push((n as AnyNode)[key]);
      const table = (n as AnyNode).table as { body?: unknown } | undefined;
      if (table?.body) stack.push(table.body);
      const toc = (n as AnyNode).toc as { title?: unknown } | undefined;
      if (toc?.title) stack.push(toc.title);
    }
  }
  return out;
}

/** Plain text of a node. */
function textOf(root: unknown): string {
  if (typeof root === 'string') return root;
  if (Array.isArray(root)) return root.map(textOf).join('');
  if (root && typeof root === 'object') {
    const n = root as AnyNode;
    if ('text' in n) return textOf(n.text);
    if ('stack' in n) return textOf(n.stack);
    if ('columns' in n) return textOf(n.columns);
    if ('table' in n) return ((n.table as { body: unknown[][] }).body ?? []).map((row) => row.map(textOf).join(' ')).join('\n');
  }
  return '';
}

function definitionOf(path: string, change?: (m: Declaration) => void): { model: Declaration; dd: DocDefinition } {
  const model = modelOf(path);
  change?.(model);
  return { model, dd: buildDocDefinition(model, pdfContext(model, path)) };
}

function tableWithHeader(dd: DocDefinition, first: string): { body: unknown[][]; headerRows?: number; widths: unknown[] } {
  const hit = nodes(dd.content).find((n) => n.table && textOf(((n.table as { body: unknown[][] }).body[0] ?? [])[0]) === first);
  expect(hit, `a table whose header starts with ${first}`).toBeDefined();
  return hit!.table as { body: unknown[][]; headerRows?: number; widths: unknown[] };
}

describe('seed document definition', () => {
  const { model, dd } = definitionOf(SEED);
  const all = nodes(dd.content);
  const labels = pdfContext(model).labels;

  it('is A4 PDF/A-1b with metadata from the model', () => {
    expect(dd.pageSize).toBe('A4');
    expect(dd.subset).toBe('PDF/A-1b');
    expect(dd.version).toBe('1.4');
    expect(dd.language).toBe('en');
    expect(dd.info.title).toBe(model.meta.title);
    expect(dd.info.author).toBe(model.meta.meeting);
    expect(dd.info.subject).toBe(model.meta.kind);
    expect(dd.info.keywords).toBe(model.sections.map((s) => s.title).join('; '));
    expect(dd.info.creator).toBe('briefpack 0.1.0');
    expect(dd.info.producer).toBe('briefpack 0.1.0');
    expect(dd.info.creationDate.getTime()).toBe(EPOCH * 1000);
    expect(dd.info.modDate.getTime()).toBe(EPOCH * 1000);
  });

  it('opens with a cover page: kind, title, meeting, venue, date, chair', () => {
    const cover = dd.content[0] as AnyNode;
    expect(cover.pageBreak).toBe('after');
    const text = textOf(cover);
    for (const value of [model.meta.kind!.toUpperCase(), model.meta.title!, model.meta.meeting!, model.meta.venue!, 'August 4, 2025', model.meta.chair!]) expect(text).toContain(value);
  });

  it('has a contents page built by pdfmake toc, with an entry per part, section and annex', () => {
    const toc = all.find((n) => n.toc) as { toc: { title: unknown } } | undefined;
    expect(toc).toBeDefined();
    expect(textOf(toc!.toc.title)).toBe(labels.contents);
    const entries = all.filter((n) => n.tocItem).map((n) => textOf(n));
    expect(entries).toEqual([
      labels.background,
      model.textTitle!.text,
      ...model.sections.map((s) => s.title),
      labels.annexes,
      labels.commitments,
      labels.glossary,
      labels.instruments,
    ]);
  });

  it('has outline entries (bookmarks) for parts, sections and annexes, each under an earlier parent', () => {
    const outline = all.filter((n) => n.outline);
    expect(outline.map((n) => n.outlineText)).toEqual([
      labels.background,
      model.textTitle!.text,
      ...model.sections.map((s) => s.title),
      labels.annexes,
      labels.commitments,
      labels.glossary,
      labels.instruments,
    ]);
    const seen = new Set<string>();
    for (const n of outline) {
      if (n.outlineParentId) expect(seen.has(n.outlineParentId as string), `${String(n.outlineText)} has a parent before it`).toBe(true);
      seen.add(n.id as string);
    }
    const parentOf = new Map(outline.map((n) => [n.outlineText, n.outlineParentId]));
    expect(parentOf.get('Preface')).toBe(PART_IDS.text);
    expect(parentOf.get(labels.glossary)).toBe(PART_IDS.annexes);
    expect(parentOf.get(labels.annexes)).toBeUndefined();
  });

  it('keeps headings with what follows (unbreakable band) and starts parts on a new page', () => {
    const headings = all.filter((n) => n.unbreakable);
    expect(headings.length).toBeGreaterThanOrEqual(model.sections.length + 5);
    for (const h of headings) {
      const [inner] = h.stack as AnyNode[];
      // The heading reserves a band below it that the negative outer margin gives back.
      expect((h.margin as number[])[3]).toBeLessThan(0);
      expect((inner.margin as number[])[3]).toBeGreaterThanOrEqual(-(h.margin as number[])[3]);
    }
    const breaks = headings.filter((h) => h.pageBreak === 'before').map((h) => textOf(h));
    expect(breaks).toEqual([labels.background, model.textTitle!.text, labels.annexes]);
  });

  it('keeps the source numbers 1–14 in a hanging indent, each paragraph a destination', () => {
    for (let n = 1; n <= 14; n++) {
      const p = model.sections.flatMap((s) => s.paragraphs).find((q) => q.number === n)!;
      const row = all.find((c) => Array.isArray(c.columns) && textOf((c.columns as AnyNode[])[0]) === `${n}.`);
      expect(row, `paragraph ${n} has a number column`).toBeDefined();
      const [numberColumn, body] = row!.columns as AnyNode[];
      expect(numberColumn.width).toBeTypeOf('number');
      expect(body.width).toBe('*');
      expect(nodes(numberColumn).some((x) => x.id === p.id)).toBe(true);
      expect(textOf(body).replace(/\s+/g, ' ')).toBe(p.text);
    }
  });

  it('has the annex tables: commitments (paragraph, verb, strength, clause), glossary and instruments', () => {
    const commitments = tableWithHeader(dd, labels.paragraph);
    expect(commitments.headerRows).toBe(1);
    expect(commitments.body[0].map(textOf)).toEqual([labels.paragraph, labels.verb, labels.strength, labels.clause]);
    expect(commitments.body).toHaveLength(model.clauses.length + 1);
    const ranks = commitments.body.slice(1).map((row) => model.clauses.find((c) => c.text === textOf(row[3]) && c.surface === textOf(row[1]))!.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const glossary = tableWithHeader(dd, labels.acronym);
    expect(glossary.headerRows).toBe(1);
    expect(glossary.body.slice(1).map((r) => textOf(r[0]))).toEqual(model.glossary.map((g) => g.acronym));
    const instruments = tableWithHeader(dd, labels.instrument);
    expect(instruments.headerRows).toBe(1);
    expect(instruments.body.slice(1).map((r) => textOf(r[0]))).toEqual(model.instruments.map((i) => i.title));
    // "¶ 12" in the index links to paragraph 12.
    const blueprint = instruments.body.find((r) => textOf(r[0]).startsWith('APEC Connectivity Blueprint'))!;
    expect(nodes(blueprint[1]).some((n) => n.linkToDestination === 'p12' && n.text === '¶ 12')).toBe(true);
  });

  it('has every internal link pointing at an id that exists, and no id twice', () => {
    const ids = all.map((n) => n.id).filter((id): id is string => typeof id === 'string');
    expect(new Set(ids).size).toBe(ids.length);
    const targets = all.flatMap((n) => [n.linkToDestination, n.pageReference]).filter((t): t is string => typeof t === 'string');
    expect(targets.length).toBeGreaterThan(20);
    for (const t of targets) expect(ids, `link target ${t}`).toContain(t);
  });

  it('prints "Page X of Y" and the marking in the footer, the short title in the header (not on the cover)', () => {
    expect(textOf(dd.footer(1, 12))).toContain('Page 1 of 12');
    expect(textOf(dd.footer(7, 12))).toContain('Page 7 of 12');
    expect(dd.header(1, 12)).toBeNull();
    expect(textOf(dd.header(2, 12))).toContain(model.meta.title!);
    const marked = definitionOf(SEED, (m) => {
      m.meta.marking = 'RESTRICTED';
      m.meta.shortTitle = 'Digital and AI Declaration';
    }).dd;
    expect(textOf(marked.footer(3, 9))).toContain('RESTRICTED');
    expect(textOf(marked.header(3, 9))).toContain('Digital and AI Declaration');
    expect(textOf(marked.content[0])).toContain('RESTRICTED');
  });

  it('sets Noto Serif as the text face and sends ▲ (not in Noto Serif) to a fallback face', () => {
    expect(dd.defaultStyle.font).toBe('NotoSerif');
    const triangles = all.filter((n) => typeof n.text === 'string' && (n.text as string).includes('▲'));
    expect(triangles.length).toBeGreaterThan(0);
    for (const t of triangles) expect(t.font).toBe('NotoSansKR');
    // A run in the fallback face holds nothing the main face could draw.
    for (const t of triangles) expect(t.text).toMatch(/^[▲\s]+$/);
  });
});

describe('inline formatting and block kinds (pdf-features fixture)', () => {
  const { model, dd } = definitionOf(FEATURES);
  const all = nodes(dd.content);
  const leaves = all.filter((n) => typeof n.text === 'string');
  const text = textOf(dd.content);

  it('renders bold, italics, strike-through and inline code as styles', () => {
    expect(leaves.find((n) => n.text === 'bold')?.bold).toBe(true);
    expect(leaves.find((n) => n.text === 'italic')?.italics).toBe(true);
    expect(leaves.find((n) => n.text === 'struck')?.decoration).toBe('lineThrough');
    expect(leaves.find((n) => n.text === 'code()')?.background).toBeDefined();
  });

  it('keeps http(s) links and drops javascript: links, keeping their text', () => {
    expect(leaves.find((n) => n.text === 'safe link')?.link).toBe('https://example.org');
    const unsafe = leaves.find((n) => n.text === 'unsafe link');
    expect(unsafe).toBeDefined();
    expect(unsafe!.link).toBeUndefined();
    expect(all.some((n) => typeof n.link === 'string' && /javascript/i.test(n.link))).toBe(false);
  });

  it('shows raw inline HTML as text, <sup>/<sub> as super/subscript, never as markup', () => {
    expect(leaves.find((n) => n.text === 'th')?.sup).toBe(true);
    expect(leaves.find((n) => n.text === '2' && n.sub)).toBeDefined();
    expect(text).toContain('inline html');
    expect(text).not.toMatch(/<\/?(span|sup|sub)\b/);
  });

  it('shows image alt text and never references the image', () => {
    expect(text).toContain('[A chart of results]');
    expect(all.some((n) => 'image' in n)).toBe(false);
  });

  it('links footnote references to their note, and the note back to its paragraph', () => {
    const note = model.footnotes[0];
    const ref = leaves.find((n) => n.sup && n.linkToDestination === note.id);
    expect(ref?.text).toBe(String(note.index));
    const noteRow = all.find((n) => n.id === note.id);
    expect(noteRow).toBeDefined();
    expect(nodes(noteRow).some((n) => n.linkToDestination === 'p1')).toBe(true);
    expect(text).toContain('A footnote with emphasis.');
  });

  it('draws Markdown tables with a repeating header row and source alignment', () => {
    const table = tableWithHeader(dd, 'Name');
    expect(table.headerRows).toBe(1);
    expect(table.body).toHaveLength(3);
    expect((table.body[1][1] as AnyNode).alignment).toBe('right');
  });

  it('keeps sub-items and continuation blocks in source order', () => {
    const one = text.indexOf('We urge');
    const continuation = text.indexOf('A continuation paragraph');
    const bullet = text.indexOf('first bullet');
    expect(one).toBeGreaterThan(-1);
    expect(continuation).toBeGreaterThan(one);
    expect(bullet).toBeGreaterThan(continuation);
    expect(text).toContain('•first bullet');
    expect(text).toContain('–nested bullet');
  });

  it('sends Hangul in an English text to the Korean face', () => {
    const hangul = leaves.find((n) => (n.text as string).includes('대한민국'));
    expect(hangul?.font).toBe('NotoSansKR');
  });
});

describe('translated packs', () => {
  const { dd } = definitionOf(SEED, (m) => {
    m.meta.language = 'ko';
    m.meta.title = '모두의 번영과 지속가능한 성장을 위한 디지털·AI 전환';
    m.translation = { sourceLanguage: 'en', untranslatedMeta: [] };
    m.sections[0].paragraphs[1].untranslated = 'missing';
    m.sections[1].untranslated = 'stale';
  });
  const all = nodes(dd.content);

  it('uses the CJK face of the document language', () => {
    expect(dd.defaultStyle.font).toBe('NotoSansKR');
    const zh = definitionOf(SEED, (m) => (m.meta.language = 'zh-Hans')).dd;
    expect(zh.defaultStyle.font).toBe('NotoSansSC');
    const ja = definitionOf(SEED, (m) => (m.meta.language = 'ja')).dd;
    expect(ja.defaultStyle.font).toBe('NotoSansJP');
  });

  it('marks untranslated and stale units with a dagger explained in a legend, in the labels of the language', () => {
    const p2 = all.find((n) => n.id === 'p2');
    expect(textOf(p2)).toBe('2.†');
    expect(textOf(all.find((n) => n.id === 's2'))).toMatch(/‡$/);
    const legend = textOf(all.find((n) => n.style === 'legend'));
    expect(legend).toContain('미번역: 원문 표시');
    expect(legend).toContain('번역이 최신이 아님: 원문 표시');
    expect(textOf(dd.footer(3, 10))).toContain('10쪽 중 3쪽');
  });
});

describe('fonts that cannot be loaded', () => {
  const model = modelOf(SEED);

  function failure(prepare: (dir: string) => void): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'briefpack-fonts-'));
    prepare(dir);
    const ctx = pdfContext(model);
    expect(() => buildDocDefinition(model, ctx, { fontsDir: dir })).toThrow(DocumentFailed);
    expect(ctx.file.messages.every((m) => m.ruleId === 'font-load' && m.fatal === true)).toBe(true);
    return ctx.file.messages.map((m) => m.reason);
  }

  it('stop the document with a font-load error naming the missing file', () => {
    const [reason] = failure(() => {});
    expect(reason).toMatch(/NotoSerif normal: font file not found: .*NotoSerif_400Regular\.ttf/);
  });

  it('stop the document when a file is not a font, is WOFF2, or is damaged', () => {
    expect(failure((dir) => writeFileSync(join(dir, 'NotoSerif_400Regular.ttf'), 'not a font'))[0]).toMatch(/not a TrueType or OpenType font/);
    expect(failure((dir) => writeFileSync(join(dir, 'NotoSerif_400Regular.ttf'), Buffer.from('wOF2\0\0\0\0')))[0]).toMatch(/WOFF/);
    const real = readFileSync(join(ROOT, 'node_modules/@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'));
    expect(failure((dir) => writeFileSync(join(dir, 'NotoSerif_400Regular.ttf'), real.subarray(0, 600)))[0]).toMatch(/cannot be parsed/);
  });

  it('honour BRIEFPACK_FONTS_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpack-fonts-'));
    const saved = process.env.BRIEFPACK_FONTS_DIR;
    process.env.BRIEFPACK_FONTS_DIR = dir;
    try {
      const ctx = pdfContext(model);
      expect(() => buildDocDefinition(model, ctx)).toThrow(DocumentFailed);
      expect(ctx.file.messages[0].reason).toContain(dir);
    } finally {
      if (saved === undefined) delete process.env.BRIEFPACK_FONTS_DIR;
      else process.env.BRIEFPACK_FONTS_DIR = saved;
    }
  });
});

describe('named styles copied onto nodes before layout', () => {
  const require = createRequire(import.meta.url);
  const StyleContextStack = (require('pdfmake/js/StyleContextStack') as { default: new (styles: object, defaults: object) => StyleStack }).default;
  const { getNodeMargin } = require('pdfmake/js/helpers/node') as { getNodeMargin(node: object, stack: StyleStack): unknown };
  interface StyleStack {
    autopush(node: unknown): number;
    pop(n: number): void;
    getProperty(name: string): unknown;
  }
  const PROPERTIES = ['font', 'fontSize', 'bold', 'italics', 'color', 'alignment', 'lineHeight', 'characterSpacing', 'preserveLeadingSpaces', 'decoration', 'link', 'linkToDestination', 'sup', 'sub', 'background', 'opacity', 'noWrap', 'columnGap'];

  /** Each text leaf's resolved properties and each node's margin, as pdfmake's own style stack gives them. */
  function resolved(dd: DocDefinition): unknown[] {
    const stack = new StyleContextStack(dd.styles, dd.defaultStyle);
    const out: unknown[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const n = node as AnyNode;
      out.push(getNodeMargin(n, stack));
      const pushed = stack.autopush(n);
      if (typeof n.text === 'string' || Array.isArray(n.text)) out.push(PROPERTIES.map((p) => stack.getProperty(p)));
      for (const key of ['text', 'stack', 'columns']) if (typeof n[key] === 'object') visit(n[key]);
      if (n.table) visit((n.table as { body: unknown }).body);
      if (n.toc) visit((n.toc as { title: unknown }).title);
      stack.pop(pushed);
    };
    visit(dd.content);
    visit(dd.header(3, 9));
    visit(dd.footer(3, 9));
    return out;
  }

  it.each([
    ['the seed', SEED],
    ['the pdf-features fixture', FEATURES],
  ])('resolve to the same properties and margins in pdfmake as the named styles, for %s', (_name, path) => {
    const before = resolved(definitionOf(path).dd);
    const dd = inlineNamedStyles(definitionOf(path).dd);
    expect(nodes(dd.content).some((n) => typeof n.style === 'string')).toBe(false);
    expect(resolved(dd)).toEqual(before);
  });
});


/**
 * The briefing PDF's document definition, inspected as data before layout:
 * everything shown comes from the view (cover, contents, outline, running
 * header and footer, the marking at the top and bottom of every page,
 * numbered paragraphs, annex rows, reference labels and links), plus the
 * theme (page size, accent), images (logo, inline, alt text), parts switched
 * off, fonts and fallback faces, translated packs and font-load failures.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildDocDefinition, type DocDefinition } from '../../src/render/pdf/index.js';
import { inlineNamedStyles } from '../../src/render/pdf/inline-styles.js';
import { DocumentFailed } from '../../src/diagnostics/report.js';
import type { Declaration } from '../../src/model/schema.js';
import { PART_IDS } from '../../src/model/ids.js';
import { ALL_PARTS, type ViewOptions } from '../../src/view/build-view.js';
import { viewText } from '../../src/view/inline.js';
import type { BriefingView, ContentsEntry, Part } from '../../src/view/types.js';
import { DEFAULT_THEME, type RenderContext } from '../../src/render/context.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { FIXTURES, ROOT, SEED } from '../helpers/paths.js';
import { EPOCH, pngImage } from '../helpers/pdf.js';

type AnyNode = Record<string, unknown>;
const FEATURES = join(FIXTURES, 'pdf-features', 'input.md');
const IMAGES = join(FIXTURES, 'pdf-images', 'images.md');

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
    }
  }
  return out;
}

/** Plain text of a node (soft hyphens, which are not drawn unless a line breaks there, left out). */
function textOf(root: unknown): string {
  return rawText(root).replace(/\u00ad/g, '');
}

function rawText(root: unknown): string {
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

function definitionOf(
  path: string,
  change?: (m: Declaration) => void,
  options: Partial<ViewOptions> = {},
  ctx: Partial<RenderContext> = {},
): { view: BriefingView; dd: DocDefinition } {
  const view = viewOf(path, change, options);
  return { view, dd: buildDocDefinition(view, renderContext(path, ctx)) };
}

function tableWithHeader(dd: DocDefinition, first: string): { body: unknown[][]; headerRows?: number; widths: unknown[] } {
  const hit = nodes(dd.content).find((n) => n.table && textOf(((n.table as { body: unknown[][] }).body[0] ?? [])[0]) === first);
  expect(hit, `a table whose header starts with ${first}`).toBeDefined();
  return hit!.table as { body: unknown[][]; headerRows?: number; widths: unknown[] };
}

function flatEntries(entries: readonly ContentsEntry[], parent: string | null = null): Array<{ target: string; text: string; parent: string | null }> {
  return entries.flatMap((e) => [{ target: e.target, text: e.text, parent }, ...flatEntries(e.children, e.target)]);
}

function partOf<K extends Part['kind']>(view: BriefingView, kind: K): Extract<Part, { kind: K }> {
  return view.parts.find((p) => p.kind === kind) as Extract<Part, { kind: K }>;
}

describe('seed document definition', () => {
  const { view, dd } = definitionOf(SEED);
  const all = nodes(dd.content);
  const { labels } = view;

  it('is A4 PDF/A-1a with PDF/UA-1 (tagged), with the metadata of the view', () => {
    expect(dd.pageSize).toBe('A4');
    expect(dd.subset).toBe('PDF/A-1a');
    expect(dd.pdfUA).toBe(true);
    expect(dd.version).toBe('1.4');
    expect(dd.language).toBe('en');
    expect(dd.info.title).toBe(view.info.title);
    expect(dd.info.author).toBe(view.info.author);
    expect(dd.info.subject).toBe(view.info.subject);
    expect(dd.info.keywords).toBe(view.info.keywords.join('; '));
    expect(dd.info.creator).toBe(view.info.generator);
    expect(dd.info.producer).toBe(view.info.generator);
    expect(dd.info.creationDate.getTime()).toBe(EPOCH * 1000);
    expect(dd.info.modDate.getTime()).toBe(EPOCH * 1000);
  });

  it('opens with the cover of the view: kind (in capitals), title, fields with the formatted date', () => {
    const cover = view.cover!;
    const text = textOf(dd.content[0]);
    for (const value of [cover.kind!.toUpperCase(), cover.title, ...cover.fields.map((f) => f.label), ...cover.fields.map((f) => f.value)])
      expect(text).toContain(value);
    expect(text).toContain('August 4, 2025');
    expect(nodes(dd.content[0]).some((n) => n.id === PART_IDS.cover)).toBe(true);
  });

  it('has a contents page: the view entries in order, nested, each linked to its destination with its page number', () => {
    const title = dd.content[1] as AnyNode;
    expect(textOf(title)).toBe(view.contents!.heading);
    expect(title.pageBreak).toBe('before');
    expect(title.id).toBe(view.contents!.id);
    const table = (dd.content[2] as { table: { body: AnyNode[][] } }).table;
    const entries = flatEntries(view.contents!.entries);
    expect(table.body.map((row) => textOf(row[0]))).toEqual(entries.map((e) => e.text));
    table.body.forEach(([text, page], i) => {
      expect(nodes(text.text).every((run) => run.linkToDestination === entries[i].target)).toBe(true);
      expect((page.text as AnyNode[])[0].pageReference).toBe(entries[i].target);
    });
    // Nested entries are indented.
    const depthOf = (e: { parent: string | null }): number => (e.parent ? 1 + depthOf(entries.find((x) => x.target === e.parent)!) : 0);
    table.body.forEach(([text], i) => expect((text.margin as number[])[0]).toBe(depthOf(entries[i]) * 14));
  });

  it('has outline entries (bookmarks) matching the contents entries: same order, words and parents', () => {
    const outline = all.filter((n) => n.outline);
    const entries = flatEntries(view.contents!.entries);
    expect(outline.map((n) => n.id)).toEqual(entries.map((e) => e.target));
    expect(outline.map((n) => n.outlineText)).toEqual(entries.map((e) => e.text));
    expect(outline.map((n) => n.outlineParentId ?? null)).toEqual(entries.map((e) => e.parent));
    const parentOf = new Map(outline.map((n) => [n.outlineText, n.outlineParentId]));
    expect(parentOf.get('Preface')).toBe(PART_IDS.text);
    expect(parentOf.get(labels.glossary)).toBe(PART_IDS.annexes);
    expect(parentOf.get(labels.annexes)).toBeUndefined();
  });

  it('keeps headings with what follows (unbreakable band) and starts parts on a new page', () => {
    const headings = all.filter((n) => n.unbreakable);
    expect(headings.length).toBeGreaterThanOrEqual(partOf(view, 'text').sections.length + 5);
    for (const h of headings) {
      const [inner] = h.stack as AnyNode[];
      // The heading reserves a band below it that the negative outer margin gives back.
      expect((h.margin as number[])[3]).toBeLessThan(0);
      expect((inner.margin as number[])[3]).toBeGreaterThanOrEqual(-(h.margin as number[])[3]);
    }
    const breaks = headings.filter((h) => h.pageBreak === 'before').map((h) => textOf(h));
    expect(breaks).toEqual([labels.background, partOf(view, 'text').headingText, labels.annexes]);
  });

  it('keeps the source numbers 1–14 in a hanging indent, each paragraph a destination', () => {
    const numbered = partOf(view, 'text')
      .sections.flatMap((s) => s.blocks)
      .filter((b) => b.kind === 'numbered');
    expect(numbered.map((b) => b.label)).toEqual(Array.from({ length: 14 }, (_, i) => `${i + 1}.`));
    for (const p of numbered) {
      const row = all.find((c) => Array.isArray(c.columns) && nodes((c.columns as AnyNode[])[0]).some((x) => x.id === p.id));
      expect(row, `paragraph ${p.label} has a number column`).toBeDefined();
      const [numberColumn, body] = row!.columns as AnyNode[];
      expect(numberColumn.width).toBeTypeOf('number');
      expect(textOf(numberColumn).trim()).toBe(p.label);
      expect(body.width).toBe('*');
      expect(textOf(body).replace(/\s+/g, ' ').trim()).toBe(viewText(p.content));
    }
  });

  it('has the annex rows of the view: commitments by section (ref, actor, verb, strength, clause), summary, glossary, instruments', () => {
    const annexes = partOf(view, 'annexes').annexes;
    const commitments = annexes.find((a) => a.kind === 'commitments')!;
    if (commitments.kind !== 'commitments') throw new Error('no commitments annex');
    const rowTables = all
      .filter(
        (n) =>
          n.table &&
          (n.table as { body: unknown[][] }).body[0].map(textOf).join('|') ===
            [labels.paragraph, labels.actor, labels.verb, labels.strength, labels.clause].join('|'),
      )
      .map((n) => n.table as { body: unknown[][]; headerRows: number });
    const expected = [...(commitments.strongest ? [commitments.strongest.rows] : []), ...commitments.groups.map((g) => g.rows)];
    expect(rowTables).toHaveLength(expected.length);
    rowTables.forEach((t, i) => {
      expect(t.headerRows).toBe(1);
      expect(t.body.slice(1).map((row) => row.map(textOf))).toEqual(expected[i].map((r) => [r.ref.label, r.actor, r.verb, r.strengthLabel, r.text]));
    });
    // Each group under a heading that is its destination.
    for (const g of commitments.groups) expect(textOf(all.find((n) => n.id === g.id))).toBe(g.heading);
    const byStrength = tableWithHeader(dd, labels.strength);
    expect(byStrength.body.slice(1).map((r) => r.map(textOf))).toEqual([
      ...commitments.summary.byStrength.map((s) => [s.label, String(s.count)]),
      [labels.total, String(commitments.summary.total)],
    ]);
    const byActor = tableWithHeader(dd, labels.actor);
    expect(byActor.body.slice(1).map((r) => r.map(textOf))).toEqual(commitments.summary.byActor.map((a) => [a.actor, String(a.count)]));

    const glossary = annexes.find((a) => a.kind === 'glossary')!;
    if (glossary.kind !== 'glossary') throw new Error('no glossary annex');
    const gTable = tableWithHeader(dd, labels.acronym);
    expect(gTable.body[0].map(textOf)).toEqual([labels.acronym, labels.expansion, labels.origin, labels.firstUse]);
    expect(gTable.body.slice(1).map((r) => r.map(textOf))).toEqual(glossary.rows.map((g) => [g.acronym, g.expansion ?? '', g.origin, g.firstUse.label]));
    expect(gTable.body.slice(1).map((r) => (r[0] as AnyNode).id)).toEqual(glossary.rows.map((g) => g.id));

    const instruments = annexes.find((a) => a.kind === 'instruments')!;
    if (instruments.kind !== 'instruments') throw new Error('no instruments annex');
    const iTable = tableWithHeader(dd, labels.instrument);
    expect(iTable.headerRows).toBe(1);
    expect(iTable.body.slice(1).map((r) => r.map(textOf))).toEqual(instruments.rows.map((r) => [r.title, r.citations.map((c) => c.label).join(', ') || '—']));
    // "¶ 12" in the index links to paragraph 12.
    const blueprint = iTable.body.find((r) => textOf(r[0]).startsWith('APEC Connectivity Blueprint'))!;
    expect(nodes(blueprint[1]).some((n) => n.linkToDestination === 'p12' && n.text === '¶ 12')).toBe(true);
  });

  it('has every internal link pointing at an id that exists, and no id twice', () => {
    const ids = all.map((n) => n.id).filter((id): id is string => typeof id === 'string');
    expect(new Set(ids).size).toBe(ids.length);
    const targets = all.flatMap((n) => [n.linkToDestination, n.pageReference]).filter((t): t is string => typeof t === 'string');
    expect(targets.length).toBeGreaterThan(20);
    for (const t of targets) expect(ids, `link target ${t}`).toContain(t);
  });

  it('prints the page label of the view in the footer, the running head in the header (not on the cover)', () => {
    expect(textOf(dd.footer(1, 12))).toBe('Page 1 of 12');
    expect(textOf(dd.footer(7, 12))).toBe('Page 7 of 12');
    expect(dd.header(1, 12)).toBeNull();
    expect(textOf(dd.header(2, 12))).toBe(`${view.runningHead.title}${view.runningHead.kind}`);
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

describe('the marking', () => {
  const { view, dd } = definitionOf(SEED, undefined, { marking: 'RESTRICTED' });

  it('is the first line of the header and the last line of the footer on every page, centred', () => {
    expect(view.marking).toBe('RESTRICTED');
    for (const page of [1, 2, 3, 9]) {
      const header = dd.header(page, 9) as { stack: AnyNode[] };
      const footer = dd.footer(page, 9) as { stack: AnyNode[] };
      expect(textOf(header.stack[0])).toBe('RESTRICTED');
      expect(textOf(footer.stack[footer.stack.length - 1])).toBe('RESTRICTED');
      for (const line of [header.stack[0], footer.stack[footer.stack.length - 1]]) expect(dd.styles[line.style as string].alignment).toBe('center');
    }
    // Page 1 is the cover: the marking, and no running head.
    expect((dd.header(1, 9) as { stack: AnyNode[] }).stack).toHaveLength(1);
    expect(textOf(dd.header(3, 9))).toContain(view.runningHead.title);
  });

  it('is no longer a banner on the cover', () => {
    expect(textOf(dd.content[0])).not.toContain('RESTRICTED');
  });

  it('takes a short title for the running head from the view', () => {
    const short = definitionOf(SEED, (m) => (m.meta.shortTitle = 'Digital and AI Declaration')).dd;
    expect(textOf(short.header(3, 9))).toContain('Digital and AI Declaration');
  });
});

describe('cover logo and organization', () => {
  const logo = pngImage(120, 40);
  const { view, dd } = definitionOf(SEED, undefined, { organization: { name: 'Ministry of Foreign Affairs', logo } });
  const cover = nodes(dd.content[0]);

  it('shows the logo as an embedded PNG (a data URL in the images of the definition) and the organization', () => {
    expect(view.cover!.organization).toBe('Ministry of Foreign Affairs');
    const image = cover.find((n) => typeof n.image === 'string');
    expect(image).toBeDefined();
    expect(dd.images[image!.image as string]).toBe(`data:image/png;base64,${Buffer.from(logo.bytes).toString('base64')}`);
    expect(image!.width).toBe(90); // 120 CSS pixels
    expect(textOf(dd.content[0])).toContain('Ministry of Foreign Affairs');
  });

  it('shows an SVG logo as an svg node holding the SVG text', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#1f3864"/></svg>';
    const { dd: withSvg } = definitionOf(SEED, undefined, {
      organization: { name: 'Ministry', logo: { mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(svg), width: 80, height: 40 } },
    });
    const node = nodes(withSvg.content[0]).find((n) => typeof n.svg === 'string');
    expect(node?.svg).toBe(svg);
    expect(node?.width).toBe(60);
  });

  it('draws an SVG without what would break PDF/A-1 or the access policies: file images, transparency, links', () => {
    const png = Buffer.from(pngImage(4, 4, { alpha: true }).bytes).toString('base64');
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="80" height="40">' +
      '<g opacity="0.5" clip-path="url(#c)"><rect width="80" height="40" fill="#1f3864" style="fill-opacity:0.3;stroke:#000"/></g>' +
      '<clipPath id="c"><rect width="10" height="10"/></clipPath><mask id="m"><rect width="5" height="5"/></mask>' +
      `<image width="4" height="4" xlink:href="${join(FIXTURES, 'pdf-images', 'chart.png')}"/><image width="4" height="4" href="data:image/png;base64,${png}"/>` +
      '<a href="javascript:alert(1)"><text x="1" y="30">Ministry</text></a><script>alert(1)</script></svg>';
    const logo = { mediaType: 'image/svg+xml' as const, bytes: new TextEncoder().encode(svg), width: 80, height: 40 };
    const { dd: withSvg } = definitionOf(SEED, undefined, { organization: { name: 'Ministry', logo } });
    const drawn = nodes(withSvg.content[0]).find((n) => typeof n.svg === 'string')!.svg as string;
    expect(drawn).not.toMatch(/opacity|clip|mask|script|javascript|chart\.png/i);
    expect(drawn).toContain('>Ministry</text>');
    expect(drawn).toContain('style="stroke:#000"');
    // The data URL image is kept, drawn on white: an RGB PNG without alpha.
    const kept = /href="data:image\/png;base64,([^"]+)"/.exec(drawn)!;
    expect(Buffer.from(kept[1], 'base64')[25]).toBe(2);
    expect(drawn.match(/<image/g)).toHaveLength(1);
  });

  it('flattens a PNG with an alpha channel onto white (PDF/A-1 has no transparency)', () => {
    const { dd: alpha } = definitionOf(SEED, undefined, { organization: { name: 'Ministry', logo: pngImage(64, 16, { alpha: true }) } });
    const key = nodes(alpha.content[0]).find((n) => typeof n.image === 'string')!.image as string;
    const png = Buffer.from(alpha.images[key].split(',')[1], 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png[25]).toBe(2); // colour type: RGB, no alpha
  });
});

describe('the theme', () => {
  it('sets Letter pages and the accent colour', () => {
    const theme = { ...DEFAULT_THEME, page: 'Letter' as const, colors: { accent: '#0a7b3e' } };
    const { dd } = definitionOf(SEED, undefined, {}, { theme });
    expect(dd.pageSize).toBe('LETTER');
    expect(dd.styles.h1.color).toBe('#0a7b3e');
    expect(dd.styles.coverTitle.color).toBe('#0a7b3e');
    // Rules drawn across the text column are as wide as a Letter page's.
    const rule = nodes(dd.header(3, 9)).find((n) => n.canvas) as { canvas: Array<{ x2: number }> };
    expect(rule.canvas[0].x2).toBeCloseTo(612 - 128);
  });

  it('keeps the face of the language for a face it does not ship, and uses a built-in face it names', () => {
    const unknown = definitionOf(SEED, undefined, {}, { theme: { ...DEFAULT_THEME, fonts: { text: 'Garamond', heading: null } } }).dd;
    expect(unknown.defaultStyle.font).toBe('NotoSerif');
    const korean = definitionOf(SEED, undefined, {}, { theme: { ...DEFAULT_THEME, fonts: { text: null, heading: 'Noto Sans KR' } } }).dd;
    expect(korean.defaultStyle.font).toBe('NotoSerif');
    expect(korean.styles.h1.font).toBe('NotoSansKR');
  });
});

describe('parts switched off', () => {
  const parts = { ...ALL_PARTS, background: false, annexes: { commitments: false, glossary: true, instruments: true } };
  const { view, dd } = definitionOf(SEED, undefined, { parts });
  const all = nodes(dd.content);

  it('are absent from the body and the contents', () => {
    expect(view.parts.map((p) => p.kind)).toEqual(['text', 'annexes']);
    expect(all.some((n) => n.id === PART_IDS.background || n.id === PART_IDS.commitments)).toBe(false);
    const contents = textOf(dd.content[2]);
    expect(contents).not.toContain(view.labels.background);
    expect(contents).not.toContain(view.labels.commitments);
    expect(contents).toContain(view.labels.glossary);
    expect(textOf(dd.content)).not.toContain(view.labels.commitmentsIntro);
  });

  it('leave no page behind: without cover and contents the text opens page 1', () => {
    const bare = definitionOf(SEED, undefined, { parts: { ...parts, cover: false, contents: false } });
    const first = bare.dd.content[0] as AnyNode;
    expect(nodes(first).some((n) => n.id === PART_IDS.text)).toBe(true);
    expect(first.pageBreak).toBeUndefined();
    // No contents page, but the bookmarks stay (the view's outline; PDF/UA wants them); every page has the running head.
    expect(nodes(bare.dd.content).some((n) => n.outline)).toBe(true);
    expect(textOf(bare.dd.header(1, 5))).toContain(bare.view.runningHead.title);
    // Links to the parts that are gone are plain text.
    const ids = new Set(nodes(bare.dd.content).map((n) => n.id));
    for (const n of nodes(bare.dd.content)) if (typeof n.linkToDestination === 'string') expect(ids.has(n.linkToDestination)).toBe(true);
  });
});

describe('inline formatting and block kinds (pdf-features fixture)', () => {
  const { view, dd } = definitionOf(FEATURES);
  const all = nodes(dd.content);
  // Text leaves with their words as written (without the soft hyphens of body text).
  const leaves: AnyNode[] = all.filter((n) => typeof n.text === 'string').map((n) => ({ ...n, text: (n.text as string).replace(/\u00ad/g, '') }));
  const text = textOf(dd.content);

  it('renders bold, italics, strike-through and inline code as styles', () => {
    expect(leaves.find((n) => n.text === 'bold')?.bold).toBe(true);
    expect(leaves.find((n) => n.text === 'italic')?.italics).toBe(true);
    expect(leaves.find((n) => n.text === 'struck')?.decoration).toBe('lineThrough');
    expect(leaves.find((n) => n.text === 'code()')?.background).toBeDefined();
  });

  it('links what the view links, and keeps the text of a javascript: link without a link', () => {
    expect(leaves.find((n) => n.text === 'safe link')?.link).toBe('https://example.org');
    // The view keeps the words of an unsafe link as plain text.
    const unsafe = leaves.find((n) => (n.text as string).includes('unsafe link'));
    expect(unsafe).toBeDefined();
    expect(unsafe!.link).toBeUndefined();
    expect(all.some((n) => typeof n.link === 'string' && /javascript/i.test(n.link))).toBe(false);
  });

  it('shows raw inline HTML as the view gives it: <sup>/<sub> as super/subscript, never as markup', () => {
    expect(leaves.find((n) => n.text === 'th')?.sup).toBe(true);
    expect(leaves.find((n) => n.text === '2' && n.sub)).toBeDefined();
    expect(text).toContain('inline html');
    expect(text).not.toMatch(/<\/?(span|sup|sub)\b/);
  });

  it('shows the alt text of an image that is not embedded, in italics and brackets', () => {
    const alt = leaves.find((n) => n.text === '[A chart of results]');
    expect(alt?.italics).toBe(true);
    expect(all.some((n) => 'image' in n || 'svg' in n)).toBe(false);
    expect(dd.images).toEqual({});
  });

  it('links footnote references to their note, and the note back to the paragraph that refers to it', () => {
    const notes = partOf(view, 'notes').notes;
    const note = notes[0];
    const ref = leaves.find((n) => n.sup && n.linkToDestination === note.id);
    expect(ref?.text).toBe(String(note.number));
    expect(ref?.alt).toBe(`${view.labels.note} ${note.number}`);
    // The first reference carries the note, printed at the foot of its page: a Note holding the destination.
    const footnote = ref!.footnote as AnyNode;
    expect(footnote.tag).toBe('Note');
    expect(nodes(footnote).some((n) => n.id === note.id)).toBe(true);
    expect(nodes(footnote).some((n) => n.linkToDestination === 'p1')).toBe(true);
    expect(textOf(footnote)).toContain('A footnote with emphasis.');
    // Every note is at the foot of a page: no notes part.
    expect(all.some((n) => n.id === partOf(view, 'notes').id)).toBe(false);
  });

  it('draws Markdown tables with a repeating header row and source alignment', () => {
    const table = tableWithHeader(dd, 'Name');
    expect(table.headerRows).toBe(1);
    expect(table.body).toHaveLength(3);
    expect((table.body[1][1] as AnyNode).alignment).toBe('right');
  });

  it('keeps sub-items and continuation blocks in source order, with the labels of the view', () => {
    const one = text.indexOf('We urge');
    const continuation = text.indexOf('A continuation paragraph');
    const bullet = text.indexOf('first bullet');
    expect(one).toBeGreaterThan(-1);
    expect(continuation).toBeGreaterThan(one);
    expect(bullet).toBeGreaterThan(continuation);
    const p1 = partOf(view, 'text').sections[0].blocks[0];
    if (p1.kind !== 'numbered') throw new Error('p1 is numbered');
    const list = p1.children.find((b) => b.kind === 'list')!;
    if (list.kind !== 'list') throw new Error('a list');
    expect(text).toContain(`${list.items[0].label}first bullet`);
    const nested = list.items[1].children.find((b) => b.kind === 'list')!;
    if (nested.kind !== 'list') throw new Error('a nested list');
    expect(text).toContain(`${nested.items[0].label}nested bullet`);
  });

  it('sends Hangul in an English text to the Korean face', () => {
    const hangul = leaves.find((n) => (n.text as string).includes('대한민국'));
    expect(hangul?.font).toBe('NotoSansKR');
  });
});

describe('images (pdf-images fixture)', () => {
  const { dd } = definitionOf(IMAGES);
  const all = nodes(dd.content);

  it('embeds a local PNG, scaled to the width of its column, and a local SVG', () => {
    const png = all.find((n) => typeof n.image === 'string');
    expect(png).toBeDefined();
    expect(dd.images[png!.image as string]).toMatch(/^data:image\/png;base64,/);
    expect(png!.width).toBe(360); // 480 CSS pixels
    // In a numbered paragraph's body: the text width less the number column.
    expect(png!.maxWidth).toBeCloseTo(595.28 - 128 - 30);
    const svg = all.find((n) => typeof n.svg === 'string');
    expect(svg?.svg).toMatch(/^<svg/);
    expect(svg?.width).toBe(180);
  });

  it('keeps the words around an image in order, and shows the alt text of one that cannot be read', () => {
    const p2 = all.find((n) => Array.isArray(n.stack) && (n.stack as AnyNode[]).some((s) => typeof s.svg === 'string'))!;
    expect((p2.stack as AnyNode[]).map((s) => (s.svg ? 'SVG' : textOf(s)))).toEqual(['We welcome the cooperation diagram ', 'SVG', ' shown here.']);
    expect(textOf(dd.content)).toContain('[Missing figure]');
  });
});

describe('translated packs', () => {
  const { view, dd } = definitionOf(SEED, (m) => {
    m.meta.language = 'ko';
    m.meta.title = '모두의 번영과 지속가능한 성장을 위한 디지털·AI 전환';
    m.translation = { sourceLanguage: 'en', untranslatedMeta: [] };
    m.sections[0].blocks[1].untranslated = 'missing';
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

  it('shows the markers of the view beside untranslated and stale units, and their legend, in the labels of the language', () => {
    const [missing, stale] = ['missing', 'stale'].map((s) => view.legend.find((m) => m.state === s)!.label);
    expect(missing).toBe('미번역: 원문 표시');
    expect(stale).toBe('번역이 최신이 아님: 원문 표시');
    const p2 = all.find((n) => Array.isArray(n.columns) && nodes((n.columns as AnyNode[])[0]).some((x) => x.id === 'p2'))!;
    expect(
      textOf((p2.columns as AnyNode[])[1])
        .trim()
        .startsWith(missing),
    ).toBe(true);
    expect(textOf(all.find((n) => n.id === 's2'))).toContain(stale);
    const legend = textOf(all.find((n) => n.style === 'legend'));
    expect(legend).toContain(missing);
    expect(legend).toContain(stale);
    expect(textOf(dd.footer(3, 10))).toContain('10쪽 중 3쪽');
  });

  it('draws untranslated English text in the face of its language', () => {
    const p2 = all.find((n) => Array.isArray(n.columns) && nodes((n.columns as AnyNode[])[0]).some((x) => x.id === 'p2'))!;
    const english = nodes((p2.columns as AnyNode[])[1]).filter((n) => typeof n.text === 'string' && /^[A-Za-z]/.test(n.text as string));
    expect(english.length).toBeGreaterThan(0);
    for (const run of english) expect(run.font).toBe('NotoSerif');
  });
});

describe('fonts that cannot be loaded', () => {
  const view = viewOf(SEED);

  function failure(prepare: (dir: string) => void): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'briefpack-fonts-'));
    prepare(dir);
    const ctx = renderContext(SEED, { fontsDir: dir });
    expect(() => buildDocDefinition(view, ctx)).toThrow(DocumentFailed);
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
      const ctx = renderContext(SEED);
      expect(() => buildDocDefinition(view, ctx)).toThrow(DocumentFailed);
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
  const PROPERTIES = [
    'font',
    'fontSize',
    'bold',
    'italics',
    'color',
    'alignment',
    'lineHeight',
    'characterSpacing',
    'preserveLeadingSpaces',
    'decoration',
    'link',
    'linkToDestination',
    'sup',
    'sub',
    'background',
    'opacity',
    'noWrap',
    'columnGap',
  ];

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
      stack.pop(pushed);
    };
    visit(dd.content);
    visit(dd.header(3, 9));
    visit(dd.footer(3, 9));
    return out;
  }

  it.each([
    ['the seed', SEED, {}],
    ['the pdf-features fixture', FEATURES, {}],
    ['the seed with a marking', SEED, { marking: 'RESTRICTED' }],
  ])('resolve to the same properties and margins in pdfmake as the named styles, for %s', (_name, path, options) => {
    const before = resolved(definitionOf(path, undefined, options).dd);
    const dd = inlineNamedStyles(definitionOf(path, undefined, options).dd);
    expect(nodes(dd.content).some((n) => typeof n.style === 'string')).toBe(false);
    expect(resolved(dd)).toEqual(before);
  });
});

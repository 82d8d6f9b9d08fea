/**
 * The HTML page: structure (landmarks, headings, ids, links, annexes), safety
 * basics, determinism and "nothing lost" for the seed and the real corpus.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEED, CORPUS } from '../helpers/paths.js';
import { missingWords } from '../helpers/words.js';
import { modelOf } from '../helpers/compile.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { attr, htmlOf, pageOf, parsePage, textOf, type Element } from '../helpers/html-page.js';

const corpusFiles = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()
  .map((f) => join(CORPUS, f));

const hasClass = (el: Element, name: string) => (attr(el, 'class') ?? '').split(/\s+/).includes(name);

function checkStructure(html: string) {
  const page = parsePage(html);
  const { all, body, byId } = page;
  const tags = (name: string) => all.filter((e) => e.tagName === name);

  // One self-contained file: nothing that runs, nothing that loads.
  expect(tags('script')).toHaveLength(0);
  expect(tags('link')).toHaveLength(0);
  expect(tags('iframe')).toHaveLength(0);
  for (const el of all) for (const a of el.attrs) expect(a.name, `${el.tagName} ${a.name}`).not.toMatch(/^on/i);
  for (const img of tags('img')) expect(attr(img, 'src')).toMatch(/^data:image\//);
  const csp = tags('meta').find((m) => attr(m, 'http-equiv')?.toLowerCase() === 'content-security-policy');
  expect(attr(csp!, 'content')).toMatch(/default-src 'none'/);
  expect(attr(csp!, 'content')).not.toMatch(/script-src/);
  expect(tags('style')).toHaveLength(1);

  // Landmarks, one h1, levels in order.
  const landmarks = body.childNodes.filter((n): n is Element => 'tagName' in n).map((e) => e.tagName);
  expect(landmarks.filter((t) => ['header', 'nav', 'main'].includes(t))).toEqual(['header', 'nav', 'main']);
  expect(tags('main')).toHaveLength(1);
  const headings = all.filter((e) => /^h[1-6]$/.test(e.tagName)).map((e) => Number(e.tagName[1]));
  expect(headings.filter((h) => h === 1)).toHaveLength(1);
  expect(headings[0]).toBe(1);
  headings.forEach((level, i) => {
    if (i > 0) expect(level, `heading ${i} after h${headings[i - 1]}`).toBeLessThanOrEqual(headings[i - 1] + 1);
  });

  // Ids unique; every in-page link lands on an id.
  const ids = all.map((e) => attr(e, 'id')).filter((id): id is string => Boolean(id));
  expect(new Set(ids).size).toBe(ids.length);
  for (const a of tags('a')) {
    const href = attr(a, 'href');
    if (href?.startsWith('#')) expect(byId.has(href.slice(1)), `link ${href}`).toBe(true);
  }

  // Skip link first, to the text.
  const skip = body.childNodes.find((n): n is Element => 'tagName' in n)!;
  expect(skip.tagName).toBe('a');
  expect(attr(skip, 'href')).toBe('#text');

  // Annexes with stable ids.
  for (const id of ['annex-commitments', 'annex-glossary', 'annex-instruments']) {
    expect(byId.get(id), id).toBeDefined();
    expect(hasClass(byId.get(id)!, 'annex')).toBe(true);
  }

  // Every text paragraph has a permalink to itself.
  for (const para of all.filter((e) => hasClass(e, 'para'))) {
    const link = para.childNodes.find((n): n is Element => 'tagName' in n && hasClass(n as Element, 'permalink'));
    expect(attr(link!, 'href')).toBe(`#${attr(para, 'id')}`);
    expect(attr(link!, 'aria-label')).toBeTruthy();
  }
  return page;
}

describe('renderHtml: the seed', async () => {
  const model = modelOf(SEED);
  const html = await htmlOf(model);
  const page = checkStructure(html);

  it('sets the language from the model', () => {
    expect(
      attr(
        page.all.find((e) => e.tagName === 'html')!,
        'lang',
      ),
    ).toBe('en');
  });

  it('shows the cover', () => {
    const header = page.all.find((e) => e.tagName === 'header')!;
    const text = textOf(header);
    for (const value of [model.meta.kind, model.meta.title, model.meta.meeting, model.meta.venue, model.meta.chair]) expect(text).toContain(value);
    expect(page.all.find((e) => e.tagName === 'time')!.attrs).toContainEqual({ name: 'datetime', value: '2025-08-04' });
  });

  it('keeps paragraph numbers 1 to 14, in order, as hanging numbers with ids', () => {
    const numbered = page.all.filter((e) => hasClass(e, 'para') && hasClass(e, 'numbered'));
    expect(numbered.map((e) => attr(e, 'id'))).toEqual(Array.from({ length: 14 }, (_, i) => `p${i + 1}`));
    const numbers = page.all.filter((e) => hasClass(e, 'num')).map((e) => textOf(e).trim());
    expect(numbers).toEqual(Array.from({ length: 14 }, (_, i) => `${i + 1}.`));
  });

  it('lists every section and annex in the contents', () => {
    const nav = page.all.find((e) => e.tagName === 'nav')!;
    const targets = new Set(page.all.filter((e) => e.tagName === 'a' && isInside(e, nav)).map((a) => attr(a, 'href')!.slice(1)));
    for (const s of model.sections) if (s.title) expect(targets.has(s.id), s.id).toBe(true);
    for (const id of ['background', 'text', 'annex-commitments', 'annex-glossary', 'annex-instruments']) expect(targets.has(id), id).toBe(true);
  });

  it('heads the text with the text title and sections one level below', () => {
    const text = page.byId.get('text')!;
    const h2 = text.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'h2')!;
    expect(textOf(h2).trim()).toBe(model.textTitle!.text);
    expect(page.byId.get('s1')!.childNodes.some((n) => 'tagName' in n && n.tagName === 'h3')).toBe(true);
  });

  it('opens the commitments with a summary, then every clause under the section it comes from', () => {
    const annex = page.byId.get('annex-commitments')!;
    const summary = page.all.find((e) => e.tagName === 'table' && hasClass(e, 'by-strength') && isInside(e, annex))!;
    expect(textOf(summary)).toContain(String(model.clauses.length));
    const groups = page.all
      .filter((e) => e.tagName === 'h4' && isInside(e, annex) && attr(e, 'id'))
      .map((e) => attr(e, 'id')!.replace('annex-commitments-', ''));
    const sectionsWithClauses = model.sections.filter((s) => model.clauses.some((c) => s.blocks.some((b) => b.id === c.paragraph))).map((s) => s.id);
    expect(groups).toEqual(sectionsWithClauses);
    const grouped = page.all.filter((e) => e.tagName === 'h4' && isInside(e, annex) && attr(e, 'id'));
    const tables = page.all.filter((e) => e.tagName === 'table' && hasClass(e, 'commitments') && isInside(e, annex));
    // The strongest table comes first, then one table per group.
    expect(tables).toHaveLength(grouped.length + 1);
    const rows = tables
      .slice(1)
      .flatMap((t) =>
        page.all.filter((e) => e.tagName === 'tr' && isInside(e, t) && !e.childNodes.some((c) => 'tagName' in c && (c as Element).tagName === 'th')),
      );
    expect(rows).toHaveLength(model.clauses.length);
    const first = rows[0].childNodes.filter((n): n is Element => 'tagName' in n);
    expect(first).toHaveLength(5);
    expect(attr(first[0].childNodes[0] as Element, 'href')).toMatch(/^#/);
  });

  it('defines glossary terms with <dfn><abbr title> and links their first use', () => {
    const annex = page.byId.get('annex-glossary')!;
    const dfns = page.all.filter((e) => e.tagName === 'dfn' && isInside(e, annex));
    expect(dfns).toHaveLength(model.glossary.length);
    const ai = model.glossary.find((g) => g.acronym === 'AI')!;
    const row = dfns.find((d) => textOf(d) === 'AI')!;
    const abbr = row.childNodes[0] as Element;
    expect(abbr.tagName).toBe('abbr');
    expect(attr(abbr, 'title')).toBe(ai.expansion);
    const firstUse = page.all.find((e) => e.tagName === 'a' && isInside(e, annex) && attr(e, 'href') === `#${ai.firstUse}`);
    expect(firstUse).toBeDefined();
    // The first use in the text is marked too.
    const marked = page.all.find((e) => e.tagName === 'abbr' && isInside(e, page.byId.get(ai.firstUse)!));
    expect(attr(marked!, 'title')).toBe(ai.expansion);
  });

  it('links each instrument to the paragraphs citing it', () => {
    const annex = page.byId.get('annex-instruments')!;
    const rows = page.all.filter((e) => e.tagName === 'tr' && isInside(e, annex)).slice(1);
    expect(rows).toHaveLength(model.instruments.length);
    model.instruments.forEach((instrument, i) => {
      const links = page.all.filter((e) => e.tagName === 'a' && isInside(e, rows[i])).map((a) => attr(a, 'href'));
      expect(links).toEqual(instrument.paragraphs.map((p) => `#${p}`));
    });
  });

  it('loses no word of the source', () => {
    expect(missingWords(sourceBodyText(readFileSync(SEED, 'utf8')), page.text)).toEqual([]);
  });

  it('is deterministic', async () => {
    expect(await htmlOf(model)).toBe(html);
  });

  it('ignores the clock', async () => {
    expect(await htmlOf(model, {}, { epoch: 1_900_000_000 })).toBe(html);
  });
});

describe('renderHtml: the corpus', () => {
  for (const path of corpusFiles) {
    it(`${path.split('/').pop()}: structure and nothing lost`, async () => {
      const { html } = await pageOf(path);
      const page = checkStructure(html);
      expect(missingWords(sourceBodyText(readFileSync(path, 'utf8')), page.text)).toEqual([]);
    });
  }

  it('keeps <sup> from the G7 communiqué and its 66 numbered paragraphs', async () => {
    const { html } = await pageOf(join(CORPUS, 'g7-2023-hiroshima-leaders-communique.md'));
    expect(html).toContain('12<sup>th</sup>');
    const page = parsePage(html);
    expect(page.all.filter((e) => hasClass(e, 'numbered'))).toHaveLength(66);
  });

  it('links footnote references and back (G20 Bali)', async () => {
    const { html, model } = await pageOf(join(CORPUS, 'g20-2022-bali-leaders-declaration.md'));
    const page = parsePage(html);
    const fn = model.footnotes[0];
    const note = page.byId.get(fn.id)!;
    expect(note.tagName).toBe('li');
    const refs = page.all.filter((e) => e.tagName === 'a' && attr(e, 'href') === `#${fn.id}`);
    expect(refs.length).toBeGreaterThan(0);
    const back = page.all.filter((e) => e.tagName === 'a' && isInside(e, note) && hasClass(e, 'backref'));
    expect(back.map((a) => attr(a, 'href'))).toEqual(refs.map((r) => `#${attr(r, 'id')}`));
  });
});

describe('renderHtml: translated packs', async () => {
  const base = modelOf(SEED);
  const model = structuredClone(base);
  model.meta.language = 'ko';
  model.translation = { sourceLanguage: 'en', untranslatedMeta: ['title'] };
  const p3 = model.sections[0].blocks[2];
  p3.untranslated = 'missing';
  model.sections[1].untranslated = 'stale';
  model.background[0].untranslated = 'stale';
  const { loadLabels } = await import('../../src/view/labels.js');
  const labels = loadLabels('ko');
  const html = await htmlOf(model, {}, { labels });
  const page = parsePage(html);

  it('uses the model language and Korean labels', () => {
    expect(
      attr(
        page.all.find((e) => e.tagName === 'html')!,
        'lang',
      ),
    ).toBe('ko');
    expect(textOf(page.all.find((e) => e.tagName === 'nav')!)).toContain(labels.contents);
    expect(
      attr(
        page.all.find((e) => e.tagName === 'h1')!,
        'lang',
      ),
    ).toBe('en');
  });

  it('marks untranslated and stale blocks with the source language and a visible label', () => {
    const body = page.byId.get('p3')!.childNodes.find((n): n is Element => 'tagName' in n && hasClass(n as Element, 'para-body'))!;
    expect(attr(body, 'lang')).toBe('en');
    const marker = page.all.find((e) => hasClass(e, 'tmark') && isInside(e, body))!;
    expect(textOf(marker).trim()).toBe(labels.untranslated);
    expect(attr(marker, 'lang')).toBe('ko');

    const heading = page.byId.get(model.sections[1].id)!.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'h3')!;
    expect(attr(heading, 'lang')).toBe('en');
    expect(textOf(heading)).toContain(labels.stale);

    const b1 = page.byId.get('b1')!;
    expect(attr(b1, 'lang')).toBe('en');
    expect(textOf(b1)).toContain(labels.stale);
    // Translated blocks carry no marker.
    expect(page.all.filter((e) => hasClass(e, 'tmark') && isInside(e, page.byId.get('main')!))).toHaveLength(3);
  });
});

function isInside(el: Element, ancestor: Element): boolean {
  for (let n: Element | null = el; n; n = (n.parentNode as Element | null) ?? null) if (n === ancestor) return true;
  return false;
}

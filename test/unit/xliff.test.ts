import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelOf } from '../helpers/compile.js';
import { SEED } from '../helpers/paths.js';
import { RICH, modelFromText } from '../helpers/l10n.js';
import { renderXliff } from '../../src/l10n/xliff/index.js';
import { segmentContent } from '../../src/l10n/xliff/segments.js';
import { loadLabels } from '../../src/view/labels.js';
import type { ModelContext } from '../../src/project/formats.js';
import type { Declaration } from '../../src/model/schema.js';
import { listUnits, hashContent, parseXml, XLIFF_NS, type XmlElement } from '../../src/l10n/index.js';
import { childElements, textOf } from '../../src/l10n/xml.js';

const ctx = (): ModelContext => ({ labels: loadLabels('en'), epoch: 1754265600, version: '0.1.0' });

async function xliffOf(model: Declaration): Promise<{ text: string; root: XmlElement; units: Map<string, XmlElement> }> {
  const text = await renderXliff(model, ctx());
  const root = parseXml(text);
  const units = new Map<string, XmlElement>();
  const walk = (el: XmlElement) => {
    for (const c of childElements(el, XLIFF_NS)) {
      if (c.local === 'unit') units.set(c.attrs.get('id')!, c);
      else walk(c);
    }
  };
  walk(root);
  return { text, root, units };
}

const notes = (unit: XmlElement) =>
  new Map(childElements(childElements(unit, XLIFF_NS, 'notes')[0], XLIFF_NS, 'note').map((n) => [n.attrs.get('category'), textOf(n)]));
const segments = (unit: XmlElement) => childElements(unit, XLIFF_NS).filter((e) => e.local === 'segment' || e.local === 'ignorable');

describe('XLIFF 2.1 template', () => {
  it('is an XLIFF 2.1 core document with one <file> for the document and srcLang from the model', async () => {
    const model = modelOf(SEED);
    const { text, root } = await xliffOf(model);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en">')).toBe(
      true,
    );
    expect(root.attrs.has('trgLang')).toBe(false);
    const files = childElements(root, XLIFF_NS, 'file');
    expect(files).toHaveLength(1);
    expect(files[0].attrs.get('id')).toBe(model.id);
    expect(files[0].attrs.get('original')).toBe('apec-2025-digital-ai-ministerial.md');
    expect(text).not.toContain('<target');
  });

  it('has one unit per translatable piece, with ids from the model', async () => {
    const { units } = await xliffOf(modelOf(SEED));
    const ids = [...units.keys()];
    expect(ids.slice(0, 5)).toEqual(['meta-title', 'meta-kind', 'meta-meeting', 'meta-venue', 'meta-chair']);
    for (let n = 1; n <= 11; n++) expect(ids).toContain(`b${n}`);
    for (let n = 1; n <= 14; n++) expect(ids).toContain(`p${n}`);
    for (let n = 1; n <= 5; n++) expect(ids).toContain(`s${n}-title`);
    expect(ids).toContain('text-title');
    // Front matter, background, text title, section titles, paragraphs; then the annexes' instrument titles and expansions.
    const model = modelOf(SEED);
    expect(ids).toHaveLength(5 + 11 + 1 + 5 + 14 + model.instruments.length + model.glossary.filter((g) => g.expansion).length);
    expect(ids.filter((id) => id.startsWith('instrument-'))).toHaveLength(model.instruments.length);
    expect(ids).toEqual(listUnits(modelOf(SEED)).map((u) => u.id));
  });

  it('names items, nested blocks, table cells and footnotes by model id', async () => {
    const { units } = await xliffOf(modelOf(RICH));
    const ids = [...units.keys()];
    expect(ids).toEqual(
      expect.arrayContaining([
        'b1',
        'b2',
        'b3',
        'text-title',
        's1-title',
        'p1',
        'p2',
        'p2-i1',
        'p2-i2',
        'p2-i3',
        'p3',
        's1-u1-r0c1',
        's1-u1-r0c2',
        's1-u1-r1c1',
        's1-u1-r2c1',
        's1-u2',
        'p4',
        'p5',
        'fn1',
        'fn1-b2',
      ]),
    );
    expect(ids).not.toContain('fn1-b1');
    // Number-only cells ("500", "80%") read the same in every language: not units.
    expect(ids).not.toContain('s1-u1-r1c2');
    expect(ids).not.toContain('s1-u1-r2c2');
    expect(textOf(units.get('s1-u1-r1c1')!)).toContain('Open datasets per member');
  });

  it('keeps ids (and the other units’ hashes) when the text changes elsewhere', () => {
    const source = readFileSync(SEED, 'utf8');
    const before = listUnits(modelOf(SEED));
    const edited = source
      .replace('Today, we witness an unprecedented integration', 'Today, we observe an unprecedented and rapid integration')
      .replace('on that day.', 'on that day.\n\nA new closing paragraph of the background.');
    const after = listUnits(modelFromText(SEED, edited));
    const afterIds = after.map((u) => u.id);
    expect(afterIds.filter((id) => id !== 'b12')).toEqual(before.map((u) => u.id));
    expect(afterIds).toContain('b12');
    const changed = before.filter((u) => after.find((a) => a.id === u.id)!.hash !== u.hash).map((u) => u.id);
    expect(changed).toEqual(['p3']);
  });

  it('splits a paragraph into sentence segments with the space between them ignorable', async () => {
    const { units } = await xliffOf(modelOf(SEED));
    const p3 = segments(units.get('p3')!);
    expect(p3.map((e) => e.local)).toEqual(['segment', 'ignorable', 'segment']);
    expect(textOf(p3[0])).toBe('Today, we witness an unprecedented integration of digital technologies in everyday life and across society.');
    expect(textOf(p3[1])).toBe(' ');
    expect(p3.map(textOf).join('')).toBe(modelOf(SEED).sections[0].blocks[2].text);
    const p7 = segments(units.get('p7')!).filter((e) => e.local === 'segment');
    expect(p7).toHaveLength(3);
  });

  it('does not cut a sentence boundary that lies inside formatting', () => {
    const content = [
      { type: 'text' as const, value: 'One. ' },
      { type: 'emphasis' as const, children: [{ type: 'text' as const, value: 'Two. Three.' }] },
      { type: 'text' as const, value: ' Four.' },
    ];
    const pieces = segmentContent(content);
    expect(pieces.map((p) => p.kind)).toEqual(['segment', 'ignorable', 'segment', 'ignorable', 'segment']);
    expect(pieces[2]).toEqual({ kind: 'segment', nodes: [content[1]] });
  });

  it('gives each unit notes: location with paragraph number and section, do-not-translate terms, source hash', async () => {
    const model = modelOf(SEED);
    const { units } = await xliffOf(model);
    const p13 = notes(units.get('p13')!);
    expect(p13.get('location')).toBe('Paragraph 13 · Section: Conclusion');
    expect(p13.get('do-not-translate')).toContain('AIDER');
    const unit = listUnits(model).find((u) => u.id === 'p13')!;
    expect(p13.get('briefpack-source-hash')).toBe(unit.hash);
    expect(unit.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(notes(units.get('s2-title')!).get('location')).toBe('Section: Activating digital and AI innovation to solve socio-economic challenges');
    expect(notes(units.get('b3')!).get('location')).toBe('Background note');
    for (const u of units.values()) expect(notes(u).get('briefpack-source-hash')).toMatch(/^sha256:/);
  });

  it('marks acronyms with <mrk translate="no">; instrument titles are not locked but named in a note', async () => {
    const { units } = await xliffOf(modelOf(SEED));
    const p2 = units.get('p2')!;
    const marks: string[] = [];
    const walk = (el: XmlElement) => {
      for (const c of el.children) {
        if (c.type !== 'element') continue;
        if (c.local === 'mrk') {
          expect(c.attrs.get('translate')).toBe('no');
          marks.push(textOf(c));
        } else walk(c);
      }
    };
    walk(p2);
    expect(marks).not.toContain('APEC Internet and Digital Economy Roadmap');
    expect(marks).not.toContain('Aotearoa Action Plan');
    expect(marks).toContain('APEC');
    expect(notes(p2).get('instruments')).toContain('APEC Internet and Digital Economy Roadmap');
    const ids = new Set<string>();
    for (const m of (await renderXliff(modelOf(SEED), ctx())).matchAll(/<unit id="p2">[\s\S]*?<\/unit>/g)) {
      for (const id of m[0].matchAll(/<mrk id="(m\d+)"/g)) {
        expect(ids.has(id[1])).toBe(false);
        ids.add(id[1]);
      }
    }
    expect(ids.size).toBe(marks.length);
  });

  it('writes inline markup as <pc>/<ph> with the Markdown syntax in <originalData>', async () => {
    const { text, units } = await xliffOf(modelOf(RICH));
    const unit = (id: string) => text.slice(text.indexOf(`<unit id="${id}">`), text.indexOf('</unit>', text.indexOf(`<unit id="${id}">`)));
    expect(unit('p1')).toContain('<pc id="1" type="fmt" subType="xlf:i" dataRefStart="d1" dataRefEnd="d1">recognise</pc>');
    expect(unit('p1')).toContain('<data id="d1">_</data>');
    expect(unit('p1')).toMatch(/<ph id="2" type="other" subType="briefpack:footnote" canDelete="no" dataRef="d2" disp="\[\^oecd\]"\/>/);
    expect(unit('p1')).toContain('<data id="d2">[^oecd]</data>');
    expect(unit('p2')).toContain('subType="xlf:b"');
    expect(unit('p2')).toContain('<data id="d1">**</data>');
    expect(unit('p2-i2')).toContain('equiv="CSV" disp="`CSV`"');
    expect(unit('p2-i3')).toContain('subType="briefpack:delete"');
    expect(unit('p4')).toContain('subType="xlf:lb"');
    expect(unit('b3')).toContain('type="link"');
    expect(unit('b3')).toContain('<data id="d2">[</data>');
    expect(unit('b3')).toContain('<data id="d3">](https://g20.org "G20")</data>');
    expect(units.size).toBe(listUnits(modelOf(RICH)).length);
  });

  it('hashes the source text: reflowed lines keep the hash, changed words or markup do not', () => {
    const a = [{ type: 'text' as const, value: 'We  support\nopen data.' }];
    const b = [{ type: 'text' as const, value: 'We support open data.' }];
    const c = [
      { type: 'text' as const, value: 'We support ' },
      { type: 'emphasis' as const, children: [{ type: 'text' as const, value: 'open' }] },
      { type: 'text' as const, value: ' data.' },
    ];
    const d = [{ type: 'text' as const, value: 'We support closed data.' }];
    expect(hashContent(a)).toBe(hashContent(b));
    expect(hashContent(c)).not.toBe(hashContent(b));
    expect(hashContent(d)).not.toBe(hashContent(b));
  });

  it('escapes what XML cannot hold', async () => {
    const model = modelFromText(SEED, readFileSync(SEED, 'utf8').replace('Today, we witness', 'Today & 3 < 4 > 2, we witness \u0007'));
    const text = await renderXliff(model, ctx());
    expect(text).toContain('Today &amp; 3 &lt; 4 &gt; 2, we witness <cp hex="0007"/>');
    expect(() => parseXml(text)).not.toThrow();
  });

  it('escapes attributes with the same escaper: quotes, markup, and a character XML cannot hold as U+FFFD', async () => {
    const model = modelFromText(
      SEED,
      readFileSync(SEED, 'utf8').replace('Today, we witness', 'Today `a"b<c>&d\u0007` and [x](https://e.org/?a=1&b=2) we witness'),
    );
    const text = await renderXliff(model, ctx());
    expect(text).toContain('equiv="a&quot;b&lt;c&gt;&amp;d\uFFFD" disp="`a&quot;b&lt;c&gt;&amp;d\uFFFD`"');
    expect(text).toContain('dispEnd="https://e.org/?a=1&amp;b=2"');
    const root = parseXml(text);
    const ph = (function find(el: XmlElement): XmlElement | undefined {
      return el.local === 'ph' && el.attrs.get('subType') === 'briefpack:code' ? el : childElements(el, XLIFF_NS).map(find).find(Boolean);
    })(root);
    expect(ph?.attrs.get('equiv')).toBe('a"b<c>&d\uFFFD');
  });
});

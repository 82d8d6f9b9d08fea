/**
 * The pieces of the HTML renderer on their own: the raw-HTML allow-list,
 * link and image safety, heading levels and glossary marks.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { resolveRaw, decodeEntities, type DropRule } from '../../src/render/html/raw-html.js';
import { unsafeUrlReason } from '../../src/render/html/urls.js';
import { resolveImage } from '../../src/render/html/images.js';
import { HeadingLevels } from '../../src/render/html/headings.js';
import { markFor, placeMarks } from '../../src/render/html/glossary-marks.js';

function raw(parts: Array<string | { text: string }>, block = false) {
  const drops: Array<[DropRule, string]> = [];
  const children = parts.map((p) => (typeof p === 'string' ? { type: 'raw', value: p } : { type: 'text', value: p.text })) as ElementContent[];
  const out = resolveRaw(children, block, (rule, reason) => drops.push([rule, reason]));
  return { html: toHtml({ type: 'root', children: out }), drops };
}

describe('raw HTML allow-list', () => {
  it('pairs inline tags across siblings', () => {
    const parts = [{ text: '12' }, '<sup>', { text: 'th' }, '</sup>', { text: ' and H' }, '<sub>', { text: '2' }, '</sub>', { text: 'O' }];
    expect(raw(parts).html).toBe('12<sup>th</sup> and H<sub>2</sub>O');
  });

  it('drops script and its content, reporting it', () => {
    const { html, drops } = raw([{ text: 'a ' }, '<script>', { text: 'alert(1)' }, '</script>', { text: ' b' }]);
    expect(html).toBe('a  b');
    expect(drops).toEqual([['html-dropped', 'Raw HTML <script> was dropped with its content']]);
  });

  it('keeps the text after an unclosed script', () => {
    expect(raw([{ text: 'a ' }, '<script>', { text: 'kept' }]).html).toBe('a kept');
  });

  it('drops tags not on the list but keeps their text', () => {
    const { html, drops } = raw(['<font color=red>', { text: 'red' }, '</font>']);
    expect(html).toBe('red');
    expect(drops[0][1]).toMatch(/<font>/);
  });

  it('drops event handlers, styles and ids, keeping allowed attributes', () => {
    const { html, drops } = raw(['<abbr title="World Trade Organization" onclick="x()" style="color:red" id="p1" lang="en">', { text: 'WTO' }, '</abbr>']);
    expect(html).toBe('<abbr title="World Trade Organization" lang="en">WTO</abbr>');
    expect(drops.map((d) => d[1])).toEqual([
      expect.stringMatching(/`onclick`/),
      expect.stringMatching(/`style`/),
      expect.stringMatching(/`id`/),
    ]);
  });

  it('turns a javascript: link into its text', () => {
    const { html, drops } = raw(['<a href=" java\tscript:alert(1)">', { text: 'x' }, '</a>', { text: ' y' }]);
    expect(html).toBe('<span>x</span> y');
    expect(drops[0][0]).toBe('unsafe-link');
  });

  it('keeps flow elements only in raw HTML blocks', () => {
    expect(raw(['<div><p>para</p></div>'], true).html).toBe('<div><p>para</p></div>');
    expect(raw(['<div>', { text: 'inline' }, '</div>']).html).toBe('inline');
  });

  it('drops comments, doctypes and processing instructions', () => {
    const { html, drops } = raw(['<!-- secret --><!DOCTYPE html><?php x ?>text'], true);
    expect(html).toBe('text');
    expect(drops).toHaveLength(3);
  });

  it('treats a lone < as text', () => {
    expect(raw(['a < b and <3 and </'], true).html).toBe('a &#x3C; b and &#x3C;3 and &#x3C;/');
  });

  it('decodes character references', () => {
    expect(decodeEntities('&amp; &eacute; &#233; &#xE9; &#0; &nosuch;')).toBe('& é é é \uFFFD &nosuch;');
  });
});

describe('link safety', () => {
  it.each([
    ['https://example.org', null],
    ['mailto:a@b.c', null],
    ['#p1', null],
    ['../other.md', null],
    ['javascript:alert(1)', 'javascript'],
    ['JAVASCRIPT:alert(1)', 'javascript'],
    [' java\nscript:alert(1)', 'javascript'],
    ['data:text/html,x', 'data'],
    ['vbscript:x', 'vbscript'],
    ['file:///etc/passwd', 'file'],
  ])('%s', (url, scheme) => {
    const reason = unsafeUrlReason(url);
    if (scheme) expect(reason).toContain(`${scheme}:`);
    else expect(reason).toBeNull();
  });
});

describe('images', () => {
  const root = mkdtempSync(join(tmpdir(), 'briefpack-images-'));
  const source = join(root, 'docs');
  mkdirSync(join(source, 'img'), { recursive: true });
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  writeFileSync(join(source, 'img', 'dot.png'), png);
  writeFileSync(join(root, 'secret.png'), png);
  symlinkSync(join(root, 'secret.png'), join(source, 'img', 'link.png'));
  const doc = join(source, 'doc.md');

  it('inlines a small local image as a data: URI', () => {
    const result = resolveImage('img/dot.png', doc);
    expect(result.ok && result.src).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });

  it.each([
    ['../secret.png', 'image-outside'],
    ['img/../../secret.png', 'image-outside'],
    [join(root, 'secret.png'), 'image-outside'],
    ['img/link.png', 'image-outside'],
    ['img/none.png', 'image-missing'],
    ['https://example.org/x.png', 'image-remote'],
    ['//example.org/x.png', 'image-remote'],
    ['data:image/png;base64,AAAA', 'unsafe-link'],
    ['javascript:alert(1)', 'unsafe-link'],
  ])('%s -> %s', (url, rule) => {
    const result = resolveImage(url, doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rule).toBe(rule);
  });
});

describe('heading levels', () => {
  it('never skips a level and never passes h6', () => {
    const levels = new HeadingLevels(3);
    expect([2, 4, 4, 2, 3, 6, 5, 1, 2, 3, 4, 5, 6, 6].map((d) => levels.next(d))).toEqual([3, 4, 4, 3, 4, 5, 5, 3, 4, 5, 6, 6, 6, 6]);
  });
});

describe('glossary marks', () => {
  it('marks the first whole-word use outside links and code', () => {
    const children: ElementContent[] = [
      { type: 'element', tagName: 'a', properties: { href: '#x' }, children: [{ type: 'text', value: 'WTO link' }] },
      { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: 'WTO' }] },
      { type: 'text', value: 'WTOs and the WTO, then WTO and G7 again G7' },
    ];
    const pending = [markFor('WTO', 'World Trade Organization'), markFor('G7', 'Group of Seven')];
    placeMarks(children, pending);
    expect(pending).toEqual([]);
    expect(toHtml({ type: 'root', children })).toBe(
      '<a href="#x">WTO link</a><code>WTO</code>WTOs and the <abbr title="World Trade Organization">WTO</abbr>, then WTO and <abbr title="Group of Seven">G7</abbr> again G7',
    );
  });
});

/**
 * The policies every format shares, decided once in src/model: raw HTML
 * (parsed with hast-util-raw, allow-listed), link targets, images, and the
 * view's heading levels and glossary marks.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Inline } from '../../src/model/schema.js';
import { htmlToText, inlineHtml, rawHtmlBlock, type Dropped } from '../../src/model/raw-html.js';
import { linkTarget } from '../../src/model/urls.js';
import { resolveImage, sniffImage } from '../../src/model/images.js';
import { HeadingLevels } from '../../src/view/headings.js';
import { InlineBuilder, termMark, viewText } from '../../src/view/inline.js';

function inline(parts: Array<string | { text: string }>) {
  const drops: Array<[string, string]> = [];
  const content: Inline[] = parts.map((p) => (typeof p === 'string' ? { type: 'html', value: p, flagged: true } : { type: 'text', value: p.text }));
  const { nodes } = inlineHtml(content, ((rule, reason) => drops.push([rule, reason])) as Dropped);
  return { html: toHtml({ type: 'root', children: nodes }), drops };
}

function block(html: string) {
  const drops: Array<[string, string]> = [];
  const nodes = rawHtmlBlock(html, (rule, reason) => drops.push([rule, reason]));
  return { html: toHtml({ type: 'root', children: nodes }), drops };
}

describe('raw HTML allow-list', () => {
  it('pairs inline tags across Markdown nodes, as a browser does', () => {
    const parts = [{ text: '12' }, '<sup>', { text: 'th' }, '</sup>', { text: ' and H' }, '<sub>', { text: '2' }, '</sub>', { text: 'O' }];
    expect(inline(parts).html).toBe('12<sup>th</sup> and H<sub>2</sub>O');
  });

  it('drops script and its content, reporting it once', () => {
    const { html, drops } = inline([{ text: 'a ' }, '<script>', { text: 'alert(1)' }, '</script>', { text: ' b' }]);
    expect(html).toBe('a  b');
    expect(drops).toEqual([['html-dropped', 'Raw HTML <script> was dropped with its content']]);
  });

  it('drops tags not on the list but keeps their text', () => {
    const { html, drops } = inline(['<font color=red>', { text: 'red' }, '</font>']);
    expect(html).toBe('red');
    expect(drops[0][1]).toMatch(/<font>/);
  });

  it('drops event handlers, styles and ids, keeping allowed attributes', () => {
    const { html, drops } = inline(['<abbr title="World Trade Organization" onclick="x()" style="color:red" id="p1" lang="en">', { text: 'WTO' }, '</abbr>']);
    expect(html).toBe('<abbr title="World Trade Organization" lang="en">WTO</abbr>');
    expect(drops.map((d) => d[1]).sort()).toEqual([expect.stringMatching(/`id`/), expect.stringMatching(/`onclick`/), expect.stringMatching(/`style`/)]);
  });

  it('turns a javascript: link into its text', () => {
    const { html, drops } = inline(['<a href=" java\tscript:alert(1)">', { text: 'x' }, '</a>', { text: ' y' }]);
    expect(html).toBe('<span>x</span> y');
    expect(drops[0][0]).toBe('unsafe-link');
  });

  it('keeps flow elements only in raw HTML blocks', () => {
    expect(block('<div><p>para</p></div>').html).toBe('<div><p>para</p></div>');
    expect(inline(['<div>', { text: 'inline' }, '</div>']).html).toBe('inline');
  });

  it('drops comments (a doctype inside a fragment is no node at all)', () => {
    const { html, drops } = block('<!-- secret --><!DOCTYPE html>text');
    expect(html).toBe('text');
    expect(drops).toEqual([['html-dropped', 'An HTML comment was dropped']]);
  });

  it('reads the text of a fragment: references decoded, code left out', () => {
    expect(htmlToText('a &amp; &eacute; &#233; &#xE9; <script>x()</script><b>b</b>')).toBe('a & é é é b');
  });
});

describe('link targets: one policy', () => {
  it.each([
    ['https://example.org', 'external'],
    ['mailto:a@b.c', 'external'],
    ['//example.org/x', 'external'],
    ['#p1', 'internal'],
    ['../other.md', 'relative'],
    ['javascript:alert(1)', 'unsafe'],
    ['JAVASCRIPT:alert(1)', 'unsafe'],
    [' java\nscript:alert(1)', 'unsafe'],
    ['data:text/html,x', 'unsafe'],
    ['vbscript:x', 'unsafe'],
    ['file:///etc/passwd', 'unsafe'],
  ])('%s is %s', (url, kind) => {
    expect(linkTarget(url).kind).toBe(kind);
  });
});

describe('images: one policy', () => {
  const root = mkdtempSync(join(tmpdir(), 'briefpack-images-'));
  const source = join(root, 'docs');
  mkdirSync(join(source, 'img'), { recursive: true });
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  writeFileSync(join(source, 'img', 'dot.png'), png);
  writeFileSync(join(source, 'img', 'fake.png'), 'not a picture');
  writeFileSync(join(source, 'img', 'pic.svg'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>');
  writeFileSync(join(root, 'secret.png'), png);
  symlinkSync(join(root, 'secret.png'), join(source, 'img', 'link.png'));

  it('reads a local PNG with its size', () => {
    const result = resolveImage('img/dot.png', source);
    expect(result.ok && result.image.mediaType).toBe('image/png');
    expect(result.ok && [result.image.width, result.image.height]).toEqual([1, 1]);
  });

  it('reads an SVG by its content, not its name', () => {
    const result = resolveImage('img/pic.svg', source);
    expect(result.ok && result.image.mediaType).toBe('image/svg+xml');
    expect(sniffImage(new TextEncoder().encode('<svg></svg>'))).toBe('image/svg+xml');
  });

  it.each([
    ['../secret.png', 'image-outside'],
    ['img/../../secret.png', 'image-outside'],
    [join(root, 'secret.png'), 'image-outside'],
    ['img/link.png', 'image-outside'],
    ['img/none.png', 'image-missing'],
    ['img/fake.png', 'image-type'],
    ['https://example.org/x.png', 'image-remote'],
    ['//example.org/x.png', 'image-remote'],
    ['data:image/png;base64,AAAA', 'unsafe-link'],
    ['javascript:alert(1)', 'unsafe-link'],
  ])('%s -> %s', (url, rule) => {
    const result = resolveImage(url, source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rule).toBe(rule);
  });

  it('refuses an image over the size limit', () => {
    const result = resolveImage('img/dot.png', source, { maxBytes: 10 });
    expect(!result.ok && result.rule).toBe('image-too-large');
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
    const builder = new InlineBuilder({ notes: new Map(), anchors: new Set(['x']), imageFolder: tmpdir() });
    builder.pending = [termMark('WTO', 'World Trade Organization'), termMark('G7', 'Group of Seven')];
    const out = builder.inline([
      { type: 'link', url: '#x', title: null, children: [{ type: 'text', value: 'WTO link' }] },
      { type: 'inlineCode', value: 'WTO' },
      { type: 'text', value: 'WTOs and the WTO, then WTO and G7 again G7' },
    ]);
    expect(builder.pending).toEqual([]);
    expect(out.filter((n) => n.type === 'term')).toEqual([
      { type: 'term', expansion: 'World Trade Organization', children: [{ type: 'text', value: 'WTO' }] },
      { type: 'term', expansion: 'Group of Seven', children: [{ type: 'text', value: 'G7' }] },
    ]);
    expect(viewText(out)).toBe('WTO linkWTOWTOs and the WTO, then WTO and G7 again G7');
  });
});

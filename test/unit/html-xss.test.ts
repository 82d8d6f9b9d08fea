/**
 * The hostile fixture: nothing that could run or load survives, the text
 * parts show literally, and every removal is reported.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { attr, pageOf, parsePage } from '../helpers/html-page.js';

const FIXTURE = join(FIXTURES, 'xss', 'input.md');

describe('renderHtml: XSS fixture', async () => {
  const { html, file } = await pageOf(FIXTURE);
  const page = parsePage(html);
  const tags = (name: string) => page.all.filter((e) => e.tagName === name);
  const rules = file.messages.map((m) => m.ruleId);

  it('keeps no script, frame, object, svg, event handler or comment', () => {
    for (const name of ['script', 'iframe', 'object', 'embed', 'svg', 'img', 'base', 'form']) expect(tags(name), name).toHaveLength(0);
    expect(tags('style')).toHaveLength(1);
    for (const el of page.all) {
      for (const a of el.attrs) {
        expect(a.name, `${el.tagName}[${a.name}]`).not.toMatch(/^on/i);
        if (el.tagName !== 'meta') expect(a.value, `${el.tagName}[${a.name}]`).not.toMatch(/javascript:|data:text|alert\(/i);
      }
    }
    expect(html).not.toMatch(/<!--/);
    expect(html).not.toMatch(/hidden comment|alert\(/);
    // The source's `style="color:red"` is gone, and the page itself uses no style attributes.
    expect(page.all.some((e) => e.attrs.some((a) => a.name === 'style'))).toBe(false);
  });

  it('keeps only safe links', () => {
    const hrefs = tags('a').map((a) => attr(a, 'href'));
    for (const href of hrefs) expect(href).toMatch(/^(#|https:\/\/example\.org\/page$)/);
    expect(hrefs).toContain('https://example.org/page');
  });

  it('shows braces and markup-like text literally', () => {
    for (const literal of [
      '{{ not a template }}',
      '{{this}}',
      '{{#each items}}{{/each}}',
      '{{{triple}}}',
      '}} closing',
      '{{> partial}}',
      'Hostile fixture <b>bold?</b> & {{title}}',
      '{{#each meeting}}{{/each}}',
    ]) {
      expect(page.text, literal).toContain(literal);
    }
    // Text of dropped or defused elements stays.
    for (const kept of ['click me', 'click too', 'bad link', 'data link', 'a span', 'Block html kept text', '12th', 'H2O']) expect(page.text).toContain(kept);
    // Alt text stands in for images that are not loaded.
    expect(page.text).toContain('remote chart');
    expect(page.text).toContain('secret file');
  });

  it('keeps allow-listed markup', () => {
    expect(html).toContain('12<sup>th</sup>');
    expect(html).toContain('H<sub>2</sub>O');
    expect(html).toContain('<strong>bold {{this}}</strong>');
  });

  it('reports what it removed', () => {
    const count = (rule: string) => rules.filter((r) => r === rule).length;
    // script ×2, img, iframe ×2, svg, style, object, two comments, onclick, onmouseover and style attributes.
    expect(count('html-dropped')).toBeGreaterThanOrEqual(12);
    expect(count('unsafe-link')).toBe(4);
    expect(count('image-remote')).toBe(1);
    expect(count('image-outside')).toBe(1);
    const reasons = file.messages.map((m) => m.reason).join('\n');
    for (const name of ['<script>', '<iframe>', '<img>', '<svg>', '<style>', '<object>', 'comment', '`onclick`', '`onmouseover`'])
      expect(reasons).toContain(name);
    expect(reasons).toMatch(/`javascript:`/);
    expect(reasons).toMatch(/`data:`/);
    // Every diagnostic has a place in the source.
    for (const m of file.messages) expect(m.line, m.reason).toBeGreaterThan(0);
    const dropped = file.messages.find((m) => m.ruleId === 'html-dropped')!;
    expect(dropped.fatal).toBeUndefined();
  });
});

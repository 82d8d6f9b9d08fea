/**
 * Overriding templates: a user's partial replaces the built-in one, missing
 * ones fall back, and a broken template is a diagnostic with file and line.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { SEED } from '../helpers/paths.js';
import { modelOf, viewFor } from '../helpers/compile.js';
import { contextFor, parsePage } from '../helpers/html-page.js';
import { renderHtml, builtinTemplatesDir } from '../../src/render/html/index.js';
import { DocumentFailed } from '../../src/diagnostics/report.js';

const model = modelOf(SEED);

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefpack-templates-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function failure(templatesDir: string) {
  const file = new VFile({ path: model.source.path });
  const error = await renderHtml(viewFor(model), contextFor(model, { templatesDir, file })).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentFailed);
  return { error: error as DocumentFailed, file };
}

describe('template overrides', () => {
  it('uses a user partial in place of the built-in one and falls back for the rest', async () => {
    const dir = folder({
      'cover.hbs': '<header class="cover custom-cover"><h1>{{title}}</h1><p>Custom cover for {{fields.length}} fields</p></header>\n',
    });
    const html = await renderHtml(viewFor(model), contextFor(model, { templatesDir: dir }));
    const page = parsePage(html);
    expect(html).toContain('custom-cover');
    expect(page.text).toContain('Custom cover for 4 fields');
    // The built-in cover is gone; the built-in paragraphs, contents and annexes are there.
    expect(html).not.toContain('class="meta"');
    expect(page.byId.get('p13')).toBeDefined();
    expect(page.byId.get('contents-title')).toBeDefined();
    expect(page.byId.get('annex-glossary')).toBeDefined();
  });

  it('lets a user layout and stylesheet replace the built-in ones', async () => {
    const dir = folder({
      'layout.hbs':
        '<!DOCTYPE html>\n<html lang="{{lang}}"><head><title>{{title}}</title><style>{{css}}</style></head><body><main>{{#each parts}}{{#if is.text}}{{> text}}{{/if}}{{/each}}</main></body></html>\n',
      'style.css': 'body { color: #000000; } /* user style */',
    });
    const html = await renderHtml(viewFor(model), contextFor(model, { templatesDir: dir }));
    expect(html).toContain('/* user style */');
    expect(html).not.toContain('<nav');
    expect(parsePage(html).byId.get('p1')).toBeDefined();
  });

  it('escapes source text in user templates with {{ }} like the built-in ones', async () => {
    const dir = folder({ 'cover.hbs': '<header><h1>{{title}}</h1></header>' });
    const hostile = structuredClone(model);
    hostile.meta.title = '<script>alert(1)</script> {{title}}';
    const html = await renderHtml(viewFor(hostile), contextFor(hostile, { templatesDir: dir }));
    expect(html).not.toContain('<script>');
    expect(parsePage(html).text).toContain('<script>alert(1)</script> {{title}}');
  });

  it('reports a syntax error with the template file and line, without a stack trace', async () => {
    const dir = folder({ 'section.hbs': '<section id="{{id}}">\n<h3>{{title}}</h3>\n{{#each paragraphs}}\n{{> paragraph}}\n{{/if}}\n</section>\n' });
    const { error, file } = await failure(dir);
    const message = file.messages.find((m) => m.ruleId === 'template-syntax')!;
    expect(message).toBe(error.diagnostic);
    expect(message.file).toBe(join(dir, 'section.hbs'));
    expect(message.line).toBe(3);
    expect(message.fatal).toBe(true);
    expect(message.reason).toMatch(/section\.hbs/);
    expect(message.reason).not.toMatch(/\n\s+at /);
  });

  it('reports a parse error with its line and column', async () => {
    const dir = folder({ 'glossary.hbs': '<section>\n<h2>{{heading}}</h2>\n<p>{{foo bar=}}</p>\n</section>\n' });
    const { file } = await failure(dir);
    const message = file.messages.find((m) => m.ruleId === 'template-syntax')!;
    expect(message.file).toBe(join(dir, 'glossary.hbs'));
    expect(message.line).toBe(3);
    // `}}` comes where a value was expected: column 14.
    expect(message.column).toBe(14);
  });

  it('reports a template that parses but does not compile, naming it', async () => {
    const dir = folder({ 'instruments.hbs': '<section>\n{{> section a b}}\n</section>\n' });
    const { file } = await failure(dir);
    const message = file.messages.find((m) => m.ruleId === 'template-syntax')!;
    expect(message.file).toBe(join(dir, 'instruments.hbs'));
    expect(message.reason).toMatch(/partial arguments/);
  });

  it('reports the same broken template again for every document', async () => {
    const dir = folder({ 'layout.hbs': '{{#if x}}\nnever closed\n' });
    const first = await failure(dir);
    const second = await failure(dir);
    for (const { file } of [first, second]) {
      const message = file.messages.find((m) => m.ruleId === 'template-syntax')!;
      expect(message.file).toBe(join(dir, 'layout.hbs'));
      expect(message.line).toBeGreaterThan(0);
    }
  });

  it('reports a partial that does not exist, naming the template that asks for it', async () => {
    const dir = folder({ 'background.hbs': '<section id="background">\n{{> no-such-partial}}\n</section>\n' });
    const { file } = await failure(dir);
    const message = file.messages.find((m) => m.ruleId === 'template-missing')!;
    expect(message.reason).toMatch(/no-such-partial/);
    expect(message.file).toBe(join(dir, 'background.hbs'));
  });

  it('reports a templates folder that does not exist', async () => {
    const { file } = await failure(join(tmpdir(), 'briefpack-no-such-folder-4b1d'));
    expect(file.messages.map((m) => m.ruleId)).toContain('template-missing');
  });

  it('ships every partial the issue names', () => {
    for (const name of ['layout', 'cover', 'contents', 'background', 'section', 'paragraph', 'commitments', 'glossary', 'instruments']) {
      expect(readFileSync(join(builtinTemplatesDir(), `${name}.hbs`), 'utf8').length, name).toBeGreaterThan(0);
    }
  });

  it('never triple-stashes in the built-in templates', async () => {
    const { readdirSync } = await import('node:fs');
    for (const name of readdirSync(builtinTemplatesDir())) {
      if (name.endsWith('.hbs')) expect(readFileSync(join(builtinTemplatesDir(), name), 'utf8'), name).not.toMatch(/\{\{\{|\{\{&/);
    }
  });
});

/**
 * The fixes behind the bad-input corpus, one by one and fast: nesting capped
 * before micromark (same length, positions kept, words kept), inline nesting
 * capped in the model, script-like raw HTML taken as one piece, numbering
 * diagnostics for huge numbers, a `mkdir -p` that ends under /proc, and one
 * report per problem when several renderers meet it.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limitNesting, MAX_CONTAINERS } from '../../src/parse/limit-nesting.js';
import { parseMarkdown } from '../../src/parse/parse-markdown.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { MAX_BLOCK_CHARS } from '../../src/parse/decode-source.js';
import { makeDirectory } from '../../src/project/atomic-write.js';
import { buildDocument } from '../../src/project/build-document.js';
import { buildOptions } from '../helpers/build-options.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { htmlToText } from '../../src/model/raw-html.js';
import { missingWords, words } from '../helpers/words.js';
import { modelText } from '../helpers/model-text.js';

function depthOf(tree: unknown): number {
  let depth = 0;
  const stack: Array<[unknown, number]> = [[tree, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    depth = Math.max(depth, d);
    for (const c of (n as { children?: unknown[] }).children ?? []) stack.push([c, d + 1]);
  }
  return depth;
}

const compile = (text: string) => compileSource('t.md', Buffer.from(text), { keepOnError: true });

describe('nesting capped before parsing', () => {
  const deep = [
    ['bullets', `# T\n\n${'- '.repeat(10_000)}deepest words\n`],
    ['ordered', `# T\n\n${'1. '.repeat(10_000)}deepest words\n`],
    ['quotes', `# T\n\n${'>'.repeat(10_000)} deepest words\n`],
    ['mixed', `# T\n\n${'> - '.repeat(5_000)}deepest words\n`],
    ['ordered at the end of the line', `# T\n\n${'1. '.repeat(100)}1.\n`],
  ] as const;

  it.each(deep)('%s: same length, bounded depth, every word kept, reported', (_, text) => {
    const limited = limitNesting(text);
    expect(limited.length).toBe(text.length);
    expect(limited.split('\n').length).toBe(text.split('\n').length);
    const tree = parseMarkdown(text);
    expect(depthOf(tree)).toBeLessThan(3 * MAX_CONTAINERS);
    const r = compile(text);
    expect(r.model).not.toBeNull();
    expect(r.file.messages.map((m) => m.ruleId)).toContain('nesting-too-deep');
    expect(missingWords(sourceBodyText(text), modelText(r.model!))).toEqual([]);
    if (text.includes('deepest')) expect(words(modelText(r.model!))).toContain('deepest');
  });

  it('leaves ordinary text, front matter and moderate nesting alone (the same string)', () => {
    const text = `---\nlist:\n${'  - '.repeat(80)}x\n---\n\n1. a\n   - b\n     > c\n`;
    expect(limitNesting(text)).toBe(text);
  });

  it('indentation wider than the cap becomes text', () => {
    const lines = ['# T', ''];
    for (let i = 0; i < 300; i++) lines.push(`${' '.repeat(2 * i)}- level ${i}`);
    const text = lines.join('\n');
    const limited = limitNesting(text);
    expect(limited.length).toBe(text.length);
    expect(depthOf(parseMarkdown(text))).toBeLessThan(3 * MAX_CONTAINERS + 10);
    expect(missingWords(sourceBodyText(text), modelText(compile(text).model!))).toEqual([]);
  });
});

describe('inline nesting and raw HTML in the model', () => {
  it('keeps the words of emphasis nested 1,000 deep, without overflowing the stack', () => {
    const text = `# T\n\n${'*a '.repeat(1000)}core${' a*'.repeat(1000)}\n`;
    const r = compile(text);
    expect(r.model).not.toBeNull();
    expect(missingWords(sourceBodyText(text), modelText(r.model!))).toEqual([]);
  });

  it('takes inline <script>…</script> as one piece of HTML whose content is not text, in the model and in the reference text', () => {
    const text = '# T\n\n1. We <script>alert(5)</script> commit <svg onload="x()"><text>gone</text></svg> to <b>trade</b>.\n';
    const r = compile(text);
    const p = r.model!.sections[0].blocks[0];
    expect(p.content.filter((i) => i.type === 'html').map((i) => (i as { value: string }).value)).toEqual([
      '<script>alert(5)</script>',
      '<svg onload="x()"><text>gone</text></svg>',
      '<b>',
      '</b>',
    ]);
    expect(p.text).toBe('We commit to trade.');
    expect(words(sourceBodyText(text))).toEqual(['t', 'we', 'commit', 'to', 'trade']);
    expect(htmlToText('<math><mi>x</mi></math> kept').trim()).toBe('kept');
  });
});

describe('numbering', () => {
  const messages = (text: string) => compile(text).file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

  it('reports a 12-digit number as too large, typed or not, and no gap around it', () => {
    expect(messages('# T\n\n1. a\n\n123456789012. b\n\n2. c\n')).toEqual(['5:1 numbering-too-large']);
    expect(messages('# T\n\n1\\. a\n\n123456789012\\. b\n\n2\\. c\n')).toEqual(['5:1 numbering-too-large']);
  });

  it('keeps a number of hundreds of digits finite (no Infinity in the model)', () => {
    const r = compile(`# T\n\n${'9'.repeat(400)}\\. b\n`);
    expect(r.file.messages.map((m) => m.ruleId)).toEqual(['numbering-too-large']);
    expect(Number.isFinite(r.model!.sections[0].blocks[0].number)).toBe(true);
  });
});

describe('output folders', () => {
  it('makeDirectory creates missing levels and fails fast where Node’s recursive mkdir spins', () => {
    const base = mkdtempSync(join(tmpdir(), 'briefpack-mkdir-'));
    try {
      makeDirectory(join(base, 'a', 'b', 'c'));
      expect(statSync(join(base, 'a', 'b', 'c')).isDirectory()).toBe(true);
      makeDirectory(join(base, 'a', 'b', 'c'));
      writeFileSync(join(base, 'file'), 'x');
      expect(() => makeDirectory(join(base, 'file', 'out'))).toThrow(/ENOTDIR/);
      if (existsSync('/proc/self')) {
        const started = Date.now();
        expect(() => makeDirectory('/proc/briefpack-test/out')).toThrow(/ENOENT/);
        expect(Date.now() - started).toBeLessThan(1000);
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  const options = (out: string, formats: string[]) => buildOptions(out, { formats, maxInputBytes: 1 << 20 });

  it('reports a problem that several renderers meet once, and writes no file of a failed translation', async () => {
    const base = mkdtempSync(join(tmpdir(), 'briefpack-build-'));
    try {
      const source = join(base, 'doc.md');
      writeFileSync(source, '# T\n\n1. We [commit](javascript:alert(1)) to ![a chart](https://example.org/c.png) trade.\n');
      const built = await buildDocument(source, options(join(base, 'out'), ['html', 'docx', 'json']));
      expect(built.status).toBe('built');
      expect(built.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
        '3:1 image-remote',
        '3:1 unsafe-link',
      ]);

      // A good source whose translation is broken: the document fails; its own pack is written, nothing of the translation.
      const broken = join(base, 'broken.md');
      writeFileSync(broken, '# T\n\n1. We commit to trade.\n');
      mkdirSync(join(base, 'translations', 'ko'), { recursive: true });
      writeFileSync(join(base, 'translations', 'ko', 'broken.po'), 'msgid "unterminated\nmsgstr ""\n');
      const failed = await buildDocument(broken, { ...options(join(base, 'out'), ['html', 'json']), translationsDir: join(base, 'translations') });
      expect(failed.diagnostics.map((d) => d.ruleId)).toContain('translation-malformed');
      expect(failed.status).toBe('failed');
      expect(failed.artifacts.map((a) => a.path).sort()).toEqual(['broken/broken.html', 'broken/broken.json']);
      expect(readdirSync(join(base, 'out', 'broken')).filter((f) => f.includes('.ko.'))).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('a block without paragraph breaks', () => {
  const line = (chars: number) => 'we commit to trade '.repeat(Math.ceil(chars / 19)).slice(0, chars);

  it('is refused up front at its line and column when over MAX_BLOCK_CHARS', () => {
    const result = compileSource('pasted.md', Buffer.from(`# Pasted\n\n${line(Math.ceil(MAX_BLOCK_CHARS * 1.3))}\n`));
    expect(result.model).toBeNull();
    const messages = result.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    expect(messages).toEqual(['3:1 input-too-large']);
  });

  it('is built when the same text has its paragraph breaks', () => {
    const paragraphs = Array.from({ length: 40 }, () => line(MAX_BLOCK_CHARS / 20)).join('\n\n');
    const result = compileSource('broken-up.md', Buffer.from(`# Pasted\n\n${paragraphs}\n`));
    expect(result.model).not.toBeNull();
    expect(result.file.messages.filter((m) => m.ruleId === 'input-too-large')).toEqual([]);
  });
});

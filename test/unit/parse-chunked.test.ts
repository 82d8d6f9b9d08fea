/** Parsing a large text in pieces gives the same tree as parsing it whole. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown } from '../../src/parse/parse-markdown.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { splitBlocks } from '../../src/parse/split-blocks.js';
import { generateDeclaration } from '../helpers/generate.js';
import { CORPUS, FIXTURES } from '../helpers/paths.js';

function corpusText(): string {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => readFileSync(join(CORPUS, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
    .join('\n\n');
}

const tricky = [
  '```',
  '# not a heading inside a fence',
  '',
  'still code',
  '```',
  '',
  '<!--',
  '',
  '# not a heading inside a comment',
  '',
  '-->',
  '',
  '- a bullet',
  '',
  '  continued',
  '',
  '12. a numbered paragraph',
  '',
  '13. another',
  '',
  '> a quote',
  '',
  'A paragraph with a footnote[^far] and a [reference link][far].',
  '',
].join('\n');

describe('chunked parsing', () => {
  const cases: Array<[string, string]> = [
    ['the six corpus texts joined', corpusText()],
    ['a 300 KB synthetic communiqué with footnotes and tables', generateDeclaration({ bytes: 300_000, seed: 5 })],
    ['fences, comments and definitions far from their references', `${tricky.repeat(400)}\n[^far]: The far note.\n\n[far]: https://example.org/far\n`],
  ];
  for (const [name, text] of cases) {
    it(`${name}: same model as one parse`, () => {
      // Trees differ only where an ordered list is cut in two (two list nodes);
      // the model reads every number from the source, so it must not differ.
      expect(splitBlocks(text).length).toBeGreaterThan(2);
      const bytes = new TextEncoder().encode(text);
      const whole = compileSource('big.md', bytes, { chunkedParse: false, keepOnError: true });
      const pieces = compileSource('big.md', bytes, { keepOnError: true });
      expect(JSON.stringify(pieces.model)).toBe(JSON.stringify(whole.model));
      expect(pieces.file.messages.map(String)).toEqual(whole.file.messages.map(String));
    });
  }

  it('small texts are parsed whole', () => {
    const text = readFileSync(join(FIXTURES, 'footnotes', 'input.md'), 'utf8');
    expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(parseMarkdown(text, { chunked: false })));
  });
});

/** What each source variation must produce in the model, beyond its golden file. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource } from '../../src/pipeline/compile.js';
import { generateDeclaration } from '../helpers/generate.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords } from '../helpers/words.js';
import { FIXTURES } from '../helpers/paths.js';
import { modelText, numbers } from '../helpers/model-text.js';
import type { Declaration } from '../../src/model/schema.js';

function compile(name: string) {
  const path = `test/fixtures/${name}/input.md`;
  return compileSource(path, readFileSync(join(FIXTURES, name, 'input.md')), { keepOnError: true });
}
function model(name: string): Declaration {
  const m = compile(name).model;
  if (!m) throw new Error(`${name} did not compile`);
  return m;
}
const rules = (name: string) => compile(name).file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe('source variations', () => {
  it('no headings: one untitled section of plain paragraphs', () => {
    const m = model('no-headings');
    expect(m.sections).toHaveLength(1);
    expect(m.sections[0].title).toBeNull();
    expect(m.sections[0].blocks.map((p) => p.kind)).toEqual(['plain', 'plain', 'plain', 'plain']);
    expect(m.clauses.map((c) => c.verb)).toEqual(expect.arrayContaining(['recognize', 'commit', 'welcome', 'encourage']));
  });

  it('numbering carried across headings keeps the written numbers, skips included', () => {
    const m = model('numbering-across-headings');
    expect(m.sections.map((s) => s.blocks.map((p) => p.number))).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 8],
    ]);
    expect(m.sections[2].blocks[1].id).toBe('p8');
    expect(rules('numbering-across-headings')).toContain('26:1 numbering-gap');
  });

  it('bullets under a numbered paragraph are its sub-items, nested bullets nest', () => {
    const p2 = model('bullets-under-numbered').sections[0].blocks[1];
    expect(p2.number).toBe(2);
    expect(p2.children.map((i) => i.kind)).toEqual(['bullet', 'bullet', 'bullet']);
    expect(p2.children[1].children[0].text).toContain('International Monetary Fund');
    expect(p2.text).toContain('stay agile');
  });

  it('footnotes are numbered by first reference and keep their text', () => {
    const m = model('footnotes');
    expect(m.footnotes.map((f) => [f.id, f.label])).toEqual([
      ['fn1', '1'],
      ['fn2', 'rst'],
    ]);
    expect(m.footnotes[0].text).toMatch(/^Noting that one member/);
    const refs = JSON.stringify(m.sections[0].blocks[0].content);
    expect(refs).toContain('"footnoteReference"');
  });

  it('a --- rule in the body is a rule block, not front matter or a heading', () => {
    const kinds = model('thematic-break').sections[0].blocks.map((p) => p.kind);
    expect(kinds).toEqual(['plain', 'plain', 'list', 'rule', 'plain']);
  });

  it('raw inline HTML is kept, flagged, and its text is text', () => {
    const p1 = model('raw-inline-html').sections[0].blocks[0];
    expect(p1.content).toContainEqual({ type: 'html', value: '<sup>', flagged: true });
    expect(p1.text).toContain('12th WTO');
  });

  it('non-breaking and ideographic spaces separate words in text, and stay in content', () => {
    const p1 = model('nbsp-ideographic-spaces').sections[0].blocks[0];
    expect(p1.text).toContain('We, the Leaders, welcome the G7 Hiroshima AI Process. We also recognize');
    expect(JSON.stringify(p1.content)).toContain('\u00a0');
  });

  it('no front matter: title from the first # heading, language en', () => {
    const m = model('no-front-matter');
    expect(m.meta.title).toBe("Chair's Summary of the Ministerial Meeting");
    expect(m.meta.language).toBe('en');
    expect(m.textTitle?.text).toBe(m.meta.title);
  });

  it('CRLF line endings parse like LF, with the same line numbers', () => {
    const m = model('crlf');
    expect(numbers(m)).toEqual([1, 2]);
    expect(m.sections[0].blocks[0].position.start.line).toBe(8);
    expect(m.sections[0].blocks[0].text).toBe('We recognize the value of consistent line endings.');
  });

  it('a UTF-8 BOM is removed with an info diagnostic, and front matter still reads', () => {
    const m = model('bom');
    expect(m.meta.title).toBe('Statement Saved with a Byte Order Mark');
    expect(rules('bom')).toContain('1:1 encoding-bom');
  });

  it('bold lead-ins ending in ":" are recorded as leads', () => {
    const m = model('bold-lead-ins');
    expect(m.sections[0].blocks[0].lead).toBe('Health security:');
    expect(m.sections[0].blocks[2].lead).toBe('We are taking concrete steps to:');
  });

  it('paragraph numbers typed as escaped text, hard-wrapped, become numbered paragraphs', () => {
    const m = model('escaped-numbers-hard-wrapped');
    expect(numbers(m)).toEqual([1, 2, 3, 12]);
    const [p1, p2, p3] = m.sections[0].blocks;
    expect(p1.text).toBe('We, the Leaders of the G20, met in Osaka on 28-29 June 2019 to make united efforts to address major global economic challenges.');
    expect(p2.text.endsWith('into 2020.')).toBe(true);
    expect(p3.position.start.line).toBe(13);
    expect(rules('escaped-numbers-hard-wrapped')).toContain('18:1 numbering-gap');
  });

  it('UN-style bold participles are preambular clauses, British spelling included', () => {
    const m = model('un-preambular');
    expect(m.clauses.filter((c) => c.type === 'preambular').map((c) => [c.surface, c.verb])).toEqual([
      ['RECOGNISING', 'recognize'],
      ['NOTING', 'note'],
      ['WELCOMING', 'welcome'],
    ]);
    expect(m.clauses.filter((c) => c.type === 'operative').map((c) => [c.verb, c.strength])).toEqual([
      ['urge', 'urge'],
      ['decide', 'commit'],
    ]);
    expect(m.glossary.map((g) => g.acronym)).not.toContain('URGES');
  });

  it('a 100+ KB communiqué builds with numbering across its sections and nothing lost', () => {
    const text = generateDeclaration({ bytes: 120_000 });
    expect(text.length).toBeGreaterThan(100_000);
    const { model: m, file } = compileSource('generated/communique-120k.md', new TextEncoder().encode(text));
    expect(m, file.messages.map(String).join('\n')).not.toBeNull();
    const n = numbers(m!);
    expect(n.length).toBeGreaterThan(300);
    expect(n).toEqual(n.map((_, i) => i + 1));
    expect(m!.sections.length).toBeGreaterThan(50);
    expect(m!.footnotes.length).toBeGreaterThan(20);
    expect(missingWords(sourceBodyText(text), modelText(m!))).toEqual([]);
  });
});

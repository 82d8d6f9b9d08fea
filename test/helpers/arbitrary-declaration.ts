/**
 * fast-check arbitraries for whole sources, wider than arbitrary-markdown.ts
 * (which they include): front matter with any keys and any YAML values,
 * hostile links and images, nested lists and quotes, typed paragraph
 * numbers, footnotes with definitions, tables, and a BOM or CRLF line
 * endings now and then. `arbitraryValidDeclaration` keeps to sources that
 * compile without errors (for cross-format parity and translation round
 * trips, which need a model).
 */
import fc from 'fast-check';
import { arbitraryMarkdown } from './arbitrary-markdown.js';

const word = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'we',
      'commit',
      'welcome',
      'encourage',
      'cooperation',
      'digital',
      'trade',
      'Roadmap',
      'APEC',
      'G20',
      'Lima',
      'inclusive',
      'growth',
      'data',
      '2030',
      'the',
      'of',
      'and',
    ),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z]{2,12}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'café',
      'naïve',
      'Zürich',
      'São',
      'Ελλάδα',
      'Россия',
      '협력',
      '合作',
      'データ',
      'ﾃｽﾄ',
      "l'économie",
      'co-operation',
      'e.g.',
      '3.5',
      '1,000',
      'x²',
    ),
  },
);
const phrase = fc.array(word, { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' '));
const title = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));

const url = fc.constantFrom(
  'https://example.org/x',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(2)',
  'data:text/html,<script>alert(3)</script>',
  'vbscript:x',
  'file:///etc/passwd',
  'mailto:someone@example.org',
  '#p1',
  '../../etc/passwd',
  'relative/page.html',
);
const image = fc.constantFrom(
  'https://example.org/i.png',
  '//example.org/i.png',
  '../../etc/passwd',
  '/etc/passwd',
  'missing.png',
  'data:image/png;base64,iVBORw0KGgo=',
  'file:///etc/hosts',
  'javascript:alert(4)',
);

const inline = fc.oneof(
  { weight: 6, arbitrary: phrase },
  { weight: 1, arbitrary: phrase.map((p) => `**${p}**`) },
  { weight: 1, arbitrary: phrase.map((p) => `_${p}_`) },
  { weight: 1, arbitrary: phrase.map((p) => `~~${p}~~`) },
  { weight: 1, arbitrary: phrase.map((p) => `\`${p}\``) },
  { weight: 1, arbitrary: fc.tuple(phrase, url).map(([p, u]) => `[${p}](${u})`) },
  { weight: 1, arbitrary: fc.tuple(phrase, image).map(([p, u]) => `![${p}](${u})`) },
  { weight: 1, arbitrary: phrase.map((p) => `<span onclick="alert(1)">${p}</span>`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{{ x }}',
      '{{{ y }}}',
      '<% z %>',
      '{{> p }}',
      '<script>alert(5)</script>',
      '<iframe src="x"></iframe>',
      '&amp; &lt; &#169;',
      '\\*',
      '[^n1]',
      '[^n2]',
    ),
  },
);
const line = fc.array(inline, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(' '));

/** A Markdown list nested `depth` levels (bullets or ordered). */
const nestedList = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean(), line).map(([depth, ordered, l]) => {
  const out: string[] = [];
  for (let d = 0; d < depth; d++) out.push(`${'   '.repeat(d)}${ordered ? '1.' : '-'} ${l}`);
  return out.join('\n');
});

const block = fc.oneof(
  { weight: 5, arbitrary: line },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 99 }), line).map(([n, l]) => `${n}. ${l}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 99 }), line, line).map(([n, a, b]) => `${n}\\. ${a}\n${b}`) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 2, max: 4 }), title).map(([d, t]) => `${'#'.repeat(d)} ${t}`) },
  { weight: 1, arbitrary: nestedList },
  { weight: 1, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `> ${l}`).join('\n')) },
  { weight: 1, arbitrary: fc.tuple(phrase, phrase, phrase, phrase).map(([a, b, c, d]) => `| ${a} | ${b} |\n| --- | --- |\n| ${c} | ${d} |`) },
  { weight: 1, arbitrary: phrase.map((p) => `\`\`\`\n${p}\n\`\`\``) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('n1', 'n2'), line).map(([id, l]) => `[^${id}]: ${l}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('<div onmouseover="x()">raw <b>block</b></div>', '<script>\nalert(6)\n</script>', '<!-- comment -->', '---', '# Background'),
  },
);

const yamlScalar = fc.oneof(
  phrase.map((p) => JSON.stringify(p)),
  phrase,
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom(
    'true',
    'no',
    'null',
    '~',
    '2025-08-04',
    '2024-02-30',
    'yesterday',
    "'quoted: colon'",
    '"{{ x }}"',
    '[a, b]',
    '{a: 1}',
    '|\n  block text',
    '&anchor value',
    '*alias',
    '!!binary aGVsbG8=',
    '"\\u0000"',
    '@reserved',
    '`tick`',
  ),
);
const yamlKey = fc.oneof(
  fc.constantFrom(
    'title',
    'kind',
    'meeting',
    'date',
    'venue',
    'chair',
    'language',
    'lang',
    'marking',
    'short-title',
    'instruments',
    'glossary',
    'subtitle',
    'id',
  ),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}$/),
);
const frontMatter = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          yamlKey,
          fc.oneof(
            yamlScalar,
            fc.array(yamlScalar, { maxLength: 3 }).map((xs) => `\n${xs.map((x) => `  - ${x.replace(/\n/g, ' ')}`).join('\n')}`),
          ),
        ),
        { maxLength: 8 },
      )
      .map((pairs) => `---\n${pairs.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n`),
  },
);

/** Any source: broken front matter and numbering included. */
export const arbitraryDeclaration = fc.oneof(
  arbitraryMarkdown,
  fc
    .tuple(fc.boolean(), frontMatter, fc.array(block, { maxLength: 30 }), fc.constantFrom('\n\n', '\n', '\r\n\r\n', '\n\n\n'))
    .map(([bom, fm, blocks, sep]) => (bom ? '\uFEFF' : '') + fm + blocks.join(sep) + '\n'),
);

/** Bullets only: an ordered list at the top level would be numbered paragraphs of its own. */
const nestedBullets = fc
  .tuple(fc.integer({ min: 1, max: 6 }), line)
  .map(([depth, l]) => Array.from({ length: depth }, (_, d) => `${'  '.repeat(d)}- ${l}`).join('\n'));

const validBlock = fc.oneof(
  { weight: 5, arbitrary: line },
  { weight: 1, arbitrary: nestedBullets },
  { weight: 1, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `> ${l}`).join('\n')) },
  { weight: 1, arbitrary: fc.tuple(phrase, phrase, phrase, phrase).map(([a, b, c, d]) => `| ${a} | ${b} |\n| --- | --- |\n| ${c} | ${d} |`) },
  { weight: 1, arbitrary: phrase.map((p) => `\`\`\`\n${p}\n\`\`\``) },
);

/**
 * A source that compiles without errors: a title, sections, and numbered
 * paragraphs 1, 2, 3… (as list items or typed `n\.`), with any content in
 * between, and the footnotes it references defined once.
 */
export const arbitraryValidDeclaration = fc
  .tuple(
    title,
    fc.array(
      fc.tuple(
        fc.option(title, { nil: null }),
        fc.array(fc.tuple(fc.boolean(), line, fc.array(validBlock, { maxLength: 2 }), fc.boolean()), { minLength: 1, maxLength: 5 }),
      ),
      { minLength: 1, maxLength: 5 },
    ),
    fc.option(phrase, { nil: null }),
  )
  .map(([docTitle, sections, note]) => {
    const out = ['---', `title: ${JSON.stringify(docTitle)}`, 'date: 2025-08-04', 'language: en', '---', ''];
    let n = 0;
    let footnote = false;
    for (const [heading, paragraphs] of sections) {
      if (heading) out.push(`## ${heading}`, '');
      for (const [typed, text, extra, note1] of paragraphs) {
        n++;
        // `[^n1]` in the text needs its definition: drop it unless this source defines it.
        const clean = text.replace(/\[\^n[12]\]/g, note && note1 ? '[^n1]' : '');
        if (note && note1 && clean.includes('[^n1]')) footnote = true;
        out.push(typed ? `${n}\\. ${clean}` : `${n}. ${clean}`, '');
        for (const b of extra) out.push(b.replace(/\[\^n[12]\]/g, ''), '');
      }
    }
    if (footnote) out.push(`[^n1]: ${note}`, '');
    return out.join('\n');
  });

/**
 * fast-check arbitraries for Markdown declarations: front matter (valid or
 * not), headings, numbered and escaped-number paragraphs, bullets, footnotes,
 * tables, quotes, code, raw HTML, rules and odd white space, in any order.
 */
import fc from 'fast-check';

const word = fc.oneof(
  fc.constantFrom(
    'we',
    'recognize',
    'commit',
    'APEC',
    'Roadmap',
    'Vision',
    'G20',
    'the',
    'of',
    'and',
    'Digital',
    'Economy',
    'ICT',
    'data',
    'ﾃｽﾄ',
    '협력',
    '合作',
    'café',
    'naïve',
    '12th',
    '2030',
  ),
  fc.stringMatching(/^[A-Za-z]{1,10}$/),
);
const spaces = fc.constantFrom(' ', ' ', ' ', '\u00a0', '\u3000', '\t');
const phrase = fc.array(fc.tuple(word, spaces), { minLength: 1, maxLength: 12 }).map((ws) =>
  ws
    .map(([w, s]) => w + s)
    .join('')
    .trim(),
);
const inline = fc.oneof(
  phrase,
  phrase.map((p) => `**${p}**`),
  phrase.map((p) => `*${p}*`),
  phrase.map((p) => `\`${p}\``),
  phrase.map((p) => `[${p}](https://example.org/x)`),
  phrase.map((p) => `${p}<sup>th</sup>`),
  phrase.map((p) => `${p} (${p.replace(/[^A-Z]/g, '').slice(0, 5) || 'XYZ'})`),
  fc.constantFrom('{{ x }}', '{{{ y }}}', '<% z %>', '<script>alert(1)</script>', '<b>bold</b>', '\\*', '&amp;', '[^1]'),
  fc.string({ maxLength: 20 }),
);
const line = fc.array(inline, { minLength: 1, maxLength: 6 }).map((xs) => xs.join(' '));
const block = fc.oneof(
  line,
  fc.tuple(fc.integer({ min: 1, max: 120 }), line).map(([n, l]) => `${n}. ${l}`),
  fc.tuple(fc.integer({ min: 1, max: 120 }), line, line).map(([n, a, b]) => `${n}\\. ${a}\n${b}`),
  fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([d, l]) => `${'#'.repeat(d)} ${l}`),
  fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
  fc.tuple(line, line).map(([a, b]) => `1. ${a}\n   - ${b}`),
  fc.tuple(line, line).map(([a, b]) => `| ${a.replace(/\|/g, '')} | x |\n| --- | --- |\n| ${b.replace(/\|/g, '')} | y |`),
  line.map((l) => `> ${l}`),
  line.map((l) => `\`\`\`\n${l}\n\`\`\``),
  line.map((l) => `[^1]: ${l}`),
  fc.constantFrom('---', '***', '<div>raw <em>block</em></div>', '<!-- comment -->', '# Background', '\u00a0', ''),
);
const frontMatter = fc.oneof(
  fc.constant(''),
  fc
    .record({ title: phrase, date: fc.constantFrom('2025-08-04', 'yesterday', '2024-02-30'), language: fc.constantFrom('en', 'ko', '42') })
    .map((r) => `---\ntitle: "${r.title.replace(/["\\]/g, '')}"\ndate: ${r.date}\nlanguage: ${r.language}\n---\n\n`),
  fc.constantFrom('---\ntitle: [unclosed\n---\n\n', '---\ntitle: a\ntitle: b\n---\n\n', '---\nfoo: bar\n---\n\n', '---\ntitle: never closed\n\n'),
);

export const arbitraryMarkdown = fc
  .tuple(frontMatter, fc.array(block, { maxLength: 25 }), fc.constantFrom('\n\n', '\n', '\r\n\r\n'))
  .map(([fm, blocks, sep]) => fm + blocks.join(sep) + '\n');

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelOf } from '../helpers/compile.js';
import { SEED } from '../helpers/paths.js';
import { RICH, modelFromText } from '../helpers/l10n.js';
import { renderPot } from '../../src/l10n/po/index.js';
import { loadLabels } from '../../src/view/labels.js';
import type { ModelContext } from '../../src/project/formats.js';
import { listUnits, readPo, inlineMarkdown, parseInlineMarkdown } from '../../src/l10n/index.js';
import { escapePo, poString, unquotePo } from '../../src/l10n/po-string.js';

const EPOCH = 1754265600; // 2025-08-04T00:00:00Z
const ctx = (): ModelContext => ({ labels: loadLabels('en'), epoch: EPOCH, version: '0.1.0' });

/** Entry blocks of a PO text, by msgctxt. */
function blocks(po: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of po.split('\n\n')) {
    const m = /^msgctxt "(.*)"$/m.exec(block);
    if (m) out.set(m[1], block);
  }
  return out;
}

describe('gettext template', () => {
  it('has a UTF-8 header dated from ctx.epoch and naming the document', async () => {
    const pot = await renderPot(modelOf(SEED), ctx());
    expect(pot).toContain('"Content-Type: text/plain; charset=UTF-8\\n"');
    expect(pot).toContain('"POT-Creation-Date: 2025-08-04 00:00+0000\\n"');
    expect(pot).toContain('"X-Briefpack-Document: apec-2025-digital-ai-ministerial\\n"');
    expect(pot).toContain('"X-Briefpack-Source-Language: en\\n"');
    expect(pot).toMatch(/^# .*Markdown/m);
    expect(pot).toContain('#, fuzzy\nmsgid ""\nmsgstr ""\n');
  });

  it('has one entry per unit: msgctxt = unit id, empty msgstr, comments with location, terms and hash', async () => {
    const model = modelOf(SEED);
    const pot = await renderPot(model, ctx());
    const entries = blocks(pot);
    const units = listUnits(model);
    expect([...entries.keys()]).toEqual(units.map((u) => u.id));
    const p13 = entries.get('p13')!;
    expect(p13).toContain('#. Paragraph 13 · Section: Conclusion');
    expect(p13).toMatch(/^#\. do-not-translate: AIDER, APEC, ICT, AI$/m);
    expect(p13).toMatch(/^#\. instruments \(official titles\): APEC Internet and Digital Economy Roadmap$/m);
    expect(p13).toContain(`#. source-hash: ${units.find((u) => u.id === 'p13')!.hash}`);
    expect(p13).toMatch(/^#: (?:source\/)?apec-2025-digital-ai-ministerial\.md:\d+$/m);
    expect(p13).toMatch(/msgstr ""$/);
    expect(entries.get('meta-title')).toContain('#. title');
  });

  it('writes inline markup as canonical Markdown from remark-stringify', async () => {
    const entries = blocks(await renderPot(modelOf(RICH), ctx()));
    const msgid = (id: string) => {
      const block = entries.get(id)!;
      return readPo(`msgctxt "x"\n${block.slice(block.indexOf('msgid '))}\n`, 'x.po').file!.documents[0].entries.get('x')!.source;
    };
    expect(msgid('p1')).toBe(
      'We, the ministers of the Group of Twenty (G20), _recognise_ the value of open data. We support the OECD Recommendation on Artificial Intelligence as a reference.[^oecd]',
    );
    expect(msgid('p2')).toBe('**RECOGNISING** the role of standards, we encourage members to:');
    expect(msgid('p2-i2')).toBe('use `CSV` or other open formats, and report progress.');
    expect(msgid('p2-i3')).toBe('share best practices ~~annually~~ regularly.');
    expect(msgid('b3')).toBe('The **Osaka Track** launched talks on data flows. See the [G20 site](https://g20.org "G20") for records.');
    expect(msgid('p4')).toBe('We thank Indonesia for hosting.\\\nThe next meeting is in India.');
    expect(msgid('s1-u1-r2c1')).toBe('Share of _machine-readable_ data');
    // Meta text with Markdown characters is escaped so it stays text.
    expect(msgid('meta-title')).toBe('Joint Statement on \\*Open\\* Data and AI');
  });

  it('parses its Markdown back to the same inline nodes', () => {
    for (const unit of listUnits(modelOf(RICH))) {
      expect(parseInlineMarkdown(inlineMarkdown(unit.content))).toEqual(unit.content);
    }
    expect(parseInlineMarkdown('1. not a list')).toEqual([{ type: 'text', value: '1. not a list' }]);
    expect(parseInlineMarkdown('# not a heading')).toEqual([{ type: 'text', value: '# not a heading' }]);
    expect(parseInlineMarkdown('_a_ b')[0]).toEqual({ type: 'emphasis', children: [{ type: 'text', value: 'a' }] });
  });

  it('reads its own output back, entry for entry, hashes included', async () => {
    const model = modelOf(SEED);
    const pot = await renderPot(model, ctx());
    const { file, problems } = readPo(pot, 'x.pot');
    expect(problems).toEqual([]);
    const doc = file!.documents[0];
    expect(doc.id).toBe(model.id);
    for (const unit of listUnits(model)) {
      const entry = doc.entries.get(unit.id)!;
      expect(entry.hash).toBe(unit.hash);
      expect(entry.target).toBeNull();
      expect(entry.source).toBe(inlineMarkdown(unit.content));
      expect(pot.split('\n')[entry.line - 1]).toBe(`msgctxt "${unit.id}"`);
    }
  });

  it('escapes and wraps strings as gettext does, and reads them back', () => {
    const s = 'He said "yes" \\ then\tleft.\nNext line with a rather long tail of words that goes on and on past the width limit.';
    expect(escapePo(s)).toBe('He said \\"yes\\" \\\\ then\\tleft.\\nNext line with a rather long tail of words that goes on and on past the width limit.');
    const lines = poString('msgid', s);
    expect(lines[0]).toBe('msgid ""');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
    expect(
      lines
        .slice(1)
        .map((l) => unquotePo(l))
        .join(''),
    ).toBe(s);
    expect(unquotePo('"\\101\\x42\\n"')).toBe('AB\n');
    expect(unquotePo('"unterminated')).toBeNull();
    expect(unquotePo('"bad " quote"')).toBeNull();
  });

  it('reports malformed PO files with the line', () => {
    const header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Briefpack-Document: d\\n"\n\n';
    const cases: Array<[string, number, RegExp]> = [
      [`${header}msgctxt "p1"\nmsgid "a"\nmsgstr "b\n`, 8, /quoted string/],
      [`${header}msgctxt "p1"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "p1"\nmsgid "a"\nmsgstr "c"\n`, 10, /appears twice/],
      [`${header}msgctxt "p1"\nmsgstr "b"\n`, 7, /before msgid/],
      [`${header}msgctxt "p1"\nmsgid "a"\nmsgsrt "b"\n`, 8, /Cannot read this line/],
      ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n', 1, /charset ISO-8859-1/],
    ];
    for (const [text, line, reason] of cases) {
      const { file, problems } = readPo(text, 'bad.po');
      expect(file).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0].ruleId).toBe('translation-malformed');
      expect(problems[0].line).toBe(line);
      expect(problems[0].reason).toMatch(reason);
    }
    const invalid = readPo(new Uint8Array([0x6d, 0x73, 0x67, 0xff, 0xfe]), 'bin.po');
    expect(invalid.file).toBeNull();
    expect(invalid.problems[0].reason).toMatch(/UTF-8/);
  });

  it('reads fuzzy flags, previous msgids and obsolete entries', () => {
    const text = [
      'msgid ""',
      'msgstr ""',
      '"Language: ko\\n"',
      '',
      '#. source-hash: sha256:abc',
      '#, fuzzy',
      '#| msgid "old "',
      '#| "text"',
      'msgctxt "p5"',
      'msgid "new text"',
      'msgstr "번역"',
      '',
      '#~ msgctxt "p99"',
      '#~ msgid "gone"',
      '#~ msgstr "사라짐"',
      '',
    ].join('\n');
    const { file, problems } = readPo(text, 'x.po');
    expect(problems).toEqual([]);
    expect(file!.language).toBe('ko');
    const entries = file!.documents[0].entries;
    expect([...entries.keys()]).toEqual(['p5']);
    const p5 = entries.get('p5')!;
    expect(p5).toMatchObject({
      hash: 'sha256:abc',
      fuzzy: true,
      previousSource: 'old text',
      source: 'new text',
      line: 9,
      target: { kind: 'markdown', text: '번역' },
    });
  });

  it('keeps the source of every meta field intact when it holds Markdown characters', () => {
    const model = modelFromText(SEED, readFileSync(SEED, 'utf8').replace('venue: "Songdo Convensia, Incheon, Korea"', 'venue: "Songdo_Convensia *Hall* [A]"'));
    const venue = listUnits(model).find((u) => u.id === 'meta-venue')!;
    expect(parseInlineMarkdown(inlineMarkdown(venue.content))).toEqual([{ type: 'text', value: 'Songdo_Convensia *Hall* [A]' }]);
  });
});

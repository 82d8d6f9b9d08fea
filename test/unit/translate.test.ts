import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { modelOf } from '../helpers/compile.js';
import { ROOT, SEED, FIXTURES } from '../helpers/paths.js';
import { words } from '../helpers/words.js';
import {
  RICH,
  HANGUL,
  modelFromText,
  fillPo,
  fillXliff,
  translationsWith,
  freshFile,
  allParagraphs,
  visibleText,
  numbers,
  tempFolder,
  removeTempFolders,
} from '../helpers/l10n.js';
import { compileSource } from '../../src/pipeline/compile.js';
import { Declaration } from '../../src/model/schema.js';
import type { Declaration as DeclarationType } from '../../src/model/schema.js';
import { extractTemplates, translateModel, translatedMarkdown, listUnits, readXliff, readPo } from '../../src/l10n/index.js';
import { runExtract } from '../../src/cli/extract-command.js';

const ID = 'apec-2025-digital-ai-ministerial';
const seedText = () => readFileSync(SEED, 'utf8');
const P5_OLD = 'Historically, APEC has addressed opportunities';
const P5_NEW = 'Since 1989, APEC has addressed opportunities';

const messagesOf = (file: ReturnType<typeof freshFile>) =>
  file.messages.map((m) => ({ rule: m.ruleId, file: m.file, line: m.line, fatal: m.fatal, reason: m.reason }));

describe('round trip: extract, copy source to target, translate', () => {
  for (const [name, path] of [
    ['seed', SEED],
    ['rich fixture', RICH],
  ] as const) {
    for (const format of ['po', 'xlf'] as const) {
      it(`${name} via ${format}: same words, same paragraph numbers, same inline content`, async () => {
        const model = modelOf(path);
        const files = extractTemplates(model, { lang: 'ko' });
        const filled = format === 'po' ? fillPo(files.po!) : fillXliff(files.translatedXliff!);
        const dir = translationsWith('ko', `${model.id}.${format}`, filled);
        const file = freshFile(path);
        const { model: translated, coverage, report } = await translateModel(model, 'ko', { translationsDir: dir, file });
        expect(messagesOf(file)).toEqual([]);
        expect(coverage).toEqual({ translated: coverage.total, stale: 0, missing: 0, total: listUnits(model).length });
        expect(report.percent).toBe(100);
        expect(words(visibleText(translated))).toEqual(words(visibleText(model)));
        expect(numbers(translated)).toEqual(numbers(model));
        const source = allParagraphs(model);
        const target = allParagraphs(translated);
        expect(target.map((p) => [p.id, p.content, p.table, p.text])).toEqual(source.map((p) => [p.id, p.content, p.table, p.text]));
        expect(target.some((p) => p.untranslated)).toBe(false);
        expect(translated.meta.language).toBe('ko');
        expect(translated.translation).toEqual({ sourceLanguage: 'en', untranslatedMeta: [] });
        expect(() => Declaration.parse(translated)).not.toThrow();
        // The original model is untouched.
        expect(model.meta.language).toBe('en');
      });
    }
  }

  it('translated Markdown (remark-stringify) builds back into the same text and numbers', async () => {
    for (const path of [SEED, RICH]) {
      const model = modelOf(path);
      const dir = translationsWith('ko', `${model.id}.po`, fillPo(extractTemplates(model, { lang: 'ko' }).po!));
      const { model: translated } = await translateModel(model, 'ko', { translationsDir: dir, file: freshFile(path) });
      const markdown = translatedMarkdown(translated);
      expect(markdown).toMatch(/^---\n# Translated from en/);
      const back = modelFromText(path, markdown);
      expect(numbers(back)).toEqual(numbers(model));
      expect(back.meta.language).toBe('ko');
      expect(words(visibleText(back))).toEqual(words(visibleText(model)));
      expect(allParagraphs(back).map((p) => [p.id, p.content])).toEqual(allParagraphs(model).map((p) => [p.id, p.content]));
    }
  });
});

describe('round trip over every golden fixture', () => {
  const cases = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'input.md')));
  const strip = (m: DeclarationType) =>
    JSON.parse(JSON.stringify([m.meta.title, m.textTitle, m.background, m.sections, m.footnotes], (k, v) => (k === 'position' ? undefined : v)));
  for (const name of cases) {
    it(name, async () => {
      const path = join(FIXTURES, name, 'input.md');
      const model = compileSource(path, readFileSync(path), { keepOnError: true }).model!;
      const files = extractTemplates(model, { lang: 'ko' });
      for (const [ext, text] of [
        ['po', fillPo(files.po!)],
        ['xlf', fillXliff(files.translatedXliff!)],
      ] as const) {
        const dir = translationsWith('ko', `${model.id}.${ext}`, text);
        const file = freshFile(path);
        const { model: translated, coverage } = await translateModel(model, 'ko', { translationsDir: dir, file });
        expect(file.messages.map(String)).toEqual([]);
        expect(coverage.translated).toBe(coverage.total);
        expect(strip(translated)).toEqual(strip(model));
        const back = compileSource(path, Buffer.from(translatedMarkdown(translated)), { keepOnError: true }).model!;
        expect(strip(back)).toEqual(strip(model));
      }
    });
  }
});

describe('front matter', () => {
  it('translates the display fields, a short title included, and lists the ones left in source text', async () => {
    const model = modelFromText(SEED, seedText().replace('language: en', 'language: en\nshort-title: "Digital and AI Transition"'));
    expect(
      listUnits(model)
        .slice(0, 6)
        .map((u) => u.id),
    ).toEqual(['meta-title', 'meta-kind', 'meta-meeting', 'meta-venue', 'meta-chair', 'meta-short-title']);
    const po = extractTemplates(model, { lang: 'ko' })
      .po!.replace(/(msgctxt "meta-short-title"\nmsgid "[^"]*"\nmsgstr )""/, '$1"디지털·AI 전환"')
      .replace(/(msgctxt "meta-kind"\nmsgid "[^"]*"\nmsgstr )""/, '$1"장관 선언문"');
    const dir = translationsWith('ko', `${ID}.po`, po);
    const { model: ko } = await translateModel(model, 'ko', { translationsDir: dir, file: freshFile(SEED) });
    expect(ko.meta.shortTitle).toBe('디지털·AI 전환');
    expect(ko.meta.kind).toBe('장관 선언문');
    expect(ko.meta.title).toBe(model.meta.title);
    expect(ko.translation!.untranslatedMeta).toEqual(['title', 'meeting', 'venue', 'chair', 'textTitle']);
  });
});

describe('stale units', () => {
  async function staleCase(format: 'po' | 'xlf') {
    const model = modelOf(SEED);
    const files = extractTemplates(model, { lang: 'ko' });
    const filled = format === 'po' ? fillPo(files.po!) : fillXliff(files.translatedXliff!);
    const dir = translationsWith('ko', `${ID}.${format}`, filled);
    const path = join(dir, 'ko', `${ID}.${format}`);
    expect(seedText()).toContain(P5_OLD);
    const edited = modelFromText(SEED, seedText().replace(P5_OLD, P5_NEW));
    const file = freshFile(SEED);
    const result = await translateModel(edited, 'ko', { translationsDir: dir, file });
    return { model, edited, dir, path, file, result, filled };
  }

  for (const format of ['po', 'xlf'] as const) {
    it(`${format}: exactly the changed paragraph is stale, warned about at the translation file's line`, async () => {
      const { path, file, result, filled } = await staleCase(format);
      const stale = file.messages.filter((m) => m.ruleId === 'translation-stale');
      expect(stale).toHaveLength(1);
      expect(stale[0].fatal).toBe(false);
      expect(stale[0].file).toBe(path);
      expect(stale[0].reason).toContain('p5');
      const expectedLine = filled.split('\n').findIndex((l) => (format === 'po' ? l === 'msgctxt "p5"' : l.includes('<unit id="p5">'))) + 1;
      expect(stale[0].line).toBe(expectedLine);
      expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
      expect(result.coverage).toMatchObject({ stale: 1, missing: 0 });
      expect(result.report.staleUnits).toEqual(['p5']);
      const marked = allParagraphs(result.model).filter((p) => p.untranslated);
      expect(marked.map((p) => [p.id, p.untranslated])).toEqual([['p5', 'stale']]);
      // The stale unit shows the current source, not the old translation.
      expect(result.model.sections[0].blocks[4].text).toContain(P5_NEW);
    });

    it(`${format}: the next extraction lists the stale unit as fuzzy, and only it`, async () => {
      const { edited, dir } = await staleCase(format);
      const file = freshFile(SEED);
      const { loadTranslation } = await import('../../src/l10n/load.js');
      const existing = await loadTranslation(edited, 'ko', { translationsDir: dir, file });
      const next = extractTemplates(edited, { lang: 'ko', existing: existing!.document });
      expect(next.coverage).toMatchObject({ stale: 1, staleUnits: ['p5'] });
      // PO: "#, fuzzy" with the previous msgid.
      const poEntries = next.po!.split('\n\n');
      const fuzzy = poEntries.filter((e) => /^#, fuzzy$/m.test(e) && /^msgctxt/m.test(e));
      expect(fuzzy).toHaveLength(1);
      expect(fuzzy[0]).toContain('msgctxt "p5"');
      const entry = readPo(next.po!, 'next.po').file!.documents[0].entries.get('p5')!;
      expect(entry.fuzzy).toBe(true);
      expect(entry.previousSource).toMatch(/^Historically, APEC/);
      expect(entry.source).toMatch(/^Since 1989, APEC/);
      expect(entry.target).toMatchObject({ kind: 'markdown', text: expect.stringMatching(/^Historically, APEC/) });
      // XLIFF: state="initial" and a briefpack-stale note on that unit only.
      const xlf = next.translatedXliff!;
      expect(xlf.match(/category="briefpack-stale"/g)).toHaveLength(1);
      const p5 = xlf.slice(xlf.indexOf('<unit id="p5">'), xlf.indexOf('</unit>', xlf.indexOf('<unit id="p5">')));
      expect(p5).toContain('category="briefpack-stale"');
      expect(p5).toContain('state="initial"');
      expect(p5).toContain('<target>Historically, APEC');
      expect(xlf.match(/state="initial"/g)).toHaveLength(1);
      // Translating from the pre-filled file still reports p5 (fuzzy) until a translator clears it.
      for (const [ext, text] of [
        ['po', next.po!],
        ['xlf', xlf],
      ] as const) {
        const d = translationsWith('ko', `${ID}.${ext}`, text);
        const f = freshFile(SEED);
        const r = await translateModel(edited, 'ko', { translationsDir: d, file: f });
        expect(r.report.staleUnits).toEqual(['p5']);
        expect(f.messages.filter((m) => m.ruleId === 'translation-stale')[0].reason).toMatch(/fuzzy/);
        const reviewed = ext === 'po' ? text.replace(/#, fuzzy\n(?:#\|[^\n]*\n)*(msgctxt "p5")/, '$1') : text.replace(/state="initial"/, 'state="translated"');
        const d2 = translationsWith('ko', `${ID}.${ext}`, reviewed);
        const r2 = await translateModel(edited, 'ko', { translationsDir: d2, file: freshFile(SEED) });
        expect(r2.report.staleUnits).toEqual([]);
        expect(r2.coverage.translated).toBe(r2.coverage.total);
      }
    });
  }
});

describe('bad translation files', () => {
  const model = () => modelOf(SEED);

  it('reports a malformed XLIFF with its line and falls back to the source everywhere', async () => {
    const xlf = extractTemplates(model(), { lang: 'ko' }).translatedXliff!.replace('<unit id="p3">', '<unit id="p3"><oops>');
    const dir = translationsWith('ko', `${ID}.xlf`, xlf);
    const file = freshFile(SEED);
    const { model: translated, coverage } = await translateModel(model(), 'ko', { translationsDir: dir, file });
    const errors = file.messages.filter((m) => m.fatal === true);
    expect(errors).toHaveLength(1);
    expect(errors[0].ruleId).toBe('translation-malformed');
    expect(errors[0].file).toBe(join(dir, 'ko', `${ID}.xlf`));
    expect(errors[0].line).toBeGreaterThan(1);
    expect(errors[0].reason).toMatch(/not well-formed/i);
    expect(coverage.missing).toBe(coverage.total);
    expect(allParagraphs(translated).every((p) => p.untranslated === 'missing')).toBe(true);
    expect(translated.sections.every((s) => s.untranslated === 'missing')).toBe(true);
    expect(translated.translation!.untranslatedMeta).toEqual(['title', 'kind', 'meeting', 'venue', 'chair', 'textTitle']);
  });

  it('refuses XLIFF 1.2 and other XML as malformed', () => {
    const v12 = readXliff('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file/></xliff>', 'a.xlf');
    expect(v12.file).toBeNull();
    expect(v12.problems[0]).toMatchObject({ ruleId: 'translation-malformed', line: 2 });
    expect(v12.problems[0].reason).toMatch(/XLIFF 1\.2/);
    expect(readXliff('<html/>', 'a.xlf').problems[0].reason).toMatch(/not <xliff>/);
    expect(readXliff('<!DOCTYPE x [<!ENTITY a "b">]><xliff/>', 'a.xlf').problems[0].reason).toMatch(/DOCTYPE/);
    const dup = readXliff(
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ko"><file id="d">\n<unit id="u"><segment><source>a</source></segment></unit>\n<unit id="u"><segment><source>b</source></segment></unit></file></xliff>`,
      'a.xlf',
    );
    expect(dup.problems[0]).toMatchObject({ ruleId: 'translation-malformed', line: 3 });
  });

  it('points at the culprit of a well-formedness error, and reads a hostile nesting as malformed, not as a crash', () => {
    const head =
      '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ko"><file id="d">\n';
    const unit = (body: string) => readXliff(`${head}<unit id="u"><segment><source>${body}</source></segment></unit></file></xliff>\n`, 'a.xlf').problems[0];
    expect(unit('Q & A')).toMatchObject({ ruleId: 'translation-malformed', line: 3, column: 33 });
    expect(unit('&nbsp;')).toMatchObject({ ruleId: 'translation-malformed', line: 3, column: 31 });
    expect(unit('a</segment>')).toMatchObject({ ruleId: 'translation-malformed', line: 3, column: 32 });
    expect(readXliff('<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff/>', 'a.xlf').problems[0].reason).toMatch(/only UTF-8/);
    const deep = readXliff(`${head}${'<group id="g">'.repeat(30_000)}${'</group>'.repeat(30_000)}</file></xliff>`, 'a.xlf');
    expect(deep.file).toBeNull();
    expect(deep.problems[0]).toMatchObject({ ruleId: 'translation-malformed' });
    expect(deep.problems[0].reason).toMatch(/nested too deeply/);
  });

  it('reports a malformed PO with its line', async () => {
    const po = extractTemplates(model(), { lang: 'ko' }).po!.replace('msgctxt "p3"', 'msgctxt "p3\nmsgctxt "p3"');
    const dir = translationsWith('ko', `${ID}.po`, po);
    const file = freshFile(SEED);
    const { coverage } = await translateModel(model(), 'ko', { translationsDir: dir, file });
    const errors = file.messages.filter((m) => m.fatal === true);
    expect(errors.map((m) => [m.ruleId, m.line])).toEqual([['translation-malformed', po.split('\n').indexOf('msgctxt "p3') + 1]]);
    expect(coverage.missing).toBe(coverage.total);
  });

  it('reports a PO file made for another document (X-Briefpack-Document)', async () => {
    const other = modelOf(RICH);
    const dir = translationsWith('ko', `${ID}.po`, fillPo(extractTemplates(other, { lang: 'ko' }).po!));
    const file = freshFile(SEED);
    const { coverage } = await translateModel(model(), 'ko', { translationsDir: dir, file });
    const errors = file.messages.filter((m) => m.fatal === true);
    expect(errors).toHaveLength(1);
    expect(errors[0].ruleId).toBe('translation-mismatch');
    expect(errors[0].reason).toContain('rich-declaration');
    expect(errors[0].file).toBe(join(dir, 'ko', `${ID}.po`));
    expect(coverage.translated).toBe(0);
  });

  it('reports an XLIFF file made for another document (<file id>)', async () => {
    const other = modelOf(RICH);
    const dir = translationsWith('ko', `${ID}.xlf`, fillXliff(extractTemplates(other, { lang: 'ko' }).translatedXliff!));
    const file = freshFile(SEED);
    await translateModel(model(), 'ko', { translationsDir: dir, file });
    expect(file.messages.filter((m) => m.fatal === true).map((m) => m.ruleId)).toEqual(['translation-mismatch']);
  });

  it('reports a file for another target language, and an XLIFF template without trgLang', async () => {
    const files = extractTemplates(model(), { lang: 'ja' });
    const dir = translationsWith('ko', `${ID}.po`, fillPo(files.po!));
    const file = freshFile(SEED);
    await translateModel(model(), 'ko', { translationsDir: dir, file });
    expect(file.messages.filter((m) => m.fatal === true).map((m) => [m.ruleId, m.reason])).toEqual([['translation-mismatch', expect.stringContaining('"ja"')]]);
    const dir2 = translationsWith('ko', `${ID}.xlf`, files.xliff);
    const file2 = freshFile(SEED);
    await translateModel(model(), 'ko', { translationsDir: dir2, file: file2 });
    expect(file2.messages.filter((m) => m.fatal === true).map((m) => [m.ruleId, m.reason])).toEqual([
      ['translation-malformed', expect.stringContaining('trgLang')],
    ]);
  });

  it('refuses a target code id the source does not have, for that unit only', async () => {
    const xlf = fillXliff(extractTemplates(modelOf(RICH), { lang: 'ko' }).translatedXliff!).replace(
      /(<unit id="p1">(?:(?!<\/unit>)[\s\S])*?<target>(?:(?!<\/target>)[\s\S])*?)<pc id="1"/,
      '$1<pc id="9"',
    );
    const dir = translationsWith('ko', 'rich-declaration.xlf', xlf);
    const file = freshFile(RICH);
    const { report } = await translateModel(modelOf(RICH), 'ko', { translationsDir: dir, file });
    expect(report.missingUnits).toEqual(['p1']);
    const warning = file.messages.find((m) => m.ruleId === 'translation-malformed')!;
    expect(warning.fatal).toBe(false);
    expect(warning.reason).toMatch(/p1.*id="9"/);
  });
});

describe('reading what CAT tools write', () => {
  it('accepts sc/ec pairs, cp, mrk, groups, reordered targets and no hash notes', async () => {
    const model = modelOf(RICH);
    const xlf = `<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0" srcLang="en-US" trgLang="ko-KR">
 <file id="rich-declaration">
  <group id="x"><unit id="p1">
   <mda:metadata><mda:metaGroup><mda:meta type="x">y</mda:meta></mda:metaGroup></mda:metadata>
   <segment state="translated"><source>We, the ministers of the Group of Twenty (<mrk id="m1" translate="no">G20</mrk>), <pc id="1">recognise</pc> the value of open data.</source>
    <target order="3">우리 G20 장관들은 공개 데이터의 가치를 <sc id="1"/>인정<ec startRef="1"/>한다.</target></segment>
   <ignorable><source> </source></ignorable>
   <segment state="final"><source>We support the OECD Recommendation on Artificial Intelligence as a reference.<ph id="2"/></source>
    <target order="1">우리는 OECD 권고를 지지한다<cp hex="0021"/><ph id="2"/></target></segment>
  </unit></group>
 </file>
</xliff>`;
    const dir = translationsWith('ko', 'rich-declaration.xlf', xlf);
    const file = freshFile(RICH);
    const { model: translated, report } = await translateModel(model, 'ko', { translationsDir: dir, file });
    expect(file.messages.filter((m) => m.fatal !== undefined)).toEqual([]);
    expect(report.translated).toBe(1);
    const p1 = translated.sections[0].blocks[0];
    expect(p1.untranslated).toBeUndefined();
    expect(p1.content).toEqual([
      { type: 'text', value: '우리는 OECD 권고를 지지한다!' },
      { type: 'footnoteReference', identifier: 'oecd', label: 'oecd' },
      { type: 'text', value: ' 우리 G20 장관들은 공개 데이터의 가치를 ' },
      { type: 'emphasis', children: [{ type: 'text', value: '인정' }] },
      { type: 'text', value: '한다.' },
    ]);
    expect(p1.text).toBe('우리는 OECD 권고를 지지한다! 우리 G20 장관들은 공개 데이터의 가치를 인정한다.');
  });

  it('reads a PO with re-wrapped lines and no extracted comments, hashing the msgid', async () => {
    const model = modelOf(SEED);
    const po = fillPo(extractTemplates(model, { lang: 'ko' }).po!)
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    const { file, problems } = readPo(po, 'x.po');
    expect(problems).toEqual([]);
    expect([...file!.documents[0].entries.values()].every((e) => e.hash === null)).toBe(true);
    const dir = translationsWith('ko', `${ID}.po`, po);
    const { coverage } = await translateModel(model, 'ko', { translationsDir: dir, file: freshFile(SEED) });
    expect(coverage.translated).toBe(coverage.total);
  });
});

describe('the Korean sample translation', () => {
  const path = join(ROOT, 'translations', 'ko', `${ID}.po`);

  it('is marked as an unofficial sample', () => {
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toMatch(/UNOFFICIAL SAMPLE TRANSLATION/);
    expect(text).toContain('"Language: ko\\n"');
    expect(text).toContain(`"X-Briefpack-Document: ${ID}\\n"`);
  });

  it('gives Hangul for the title, the section headings and at least five paragraphs, all current', async () => {
    const model = modelOf(SEED);
    const file = freshFile(SEED);
    const { model: ko, coverage } = await translateModel(model, 'ko', { translationsDir: join(ROOT, 'translations'), file });
    expect(file.messages.filter((m) => m.ruleId === 'translation-stale' || m.fatal === true)).toEqual([]);
    expect(coverage.stale).toBe(0);
    expect(ko.meta.title).toMatch(HANGUL);
    expect(ko.textTitle!.text).toMatch(HANGUL);
    expect(ko.sections).toHaveLength(5);
    for (const s of ko.sections) {
      expect(s.title).toMatch(HANGUL);
      expect(s.untranslated).toBeUndefined();
    }
    const hangul = ko.sections.flatMap((s) => s.blocks).filter((p) => HANGUL.test(p.text) && !p.untranslated);
    expect(hangul.length).toBeGreaterThanOrEqual(5);
    expect(numbers(ko)).toEqual(numbers(model));
    // Untranslated units fall back to English and are marked.
    expect(ko.background[0].untranslated).toBe('missing');
    expect(ko.background[0].text).toBe(model.background[0].text);
    // Do-not-translate terms survive.
    expect(ko.sections[0].blocks[1].text).toContain('APEC Internet and Digital Economy Roadmap');
    expect(ko.meta.language).toBe('ko');
  });
});

describe('runExtract', () => {
  it('writes the templates and, with --lang, the pre-filled files, atomically', async () => {
    const out = tempFolder();
    const lines: string[] = [];
    const code = await runExtract(
      [SEED],
      { out, lang: 'ko', translationsDir: join(ROOT, 'translations') },
      { stderr: { write: (t: string) => lines.push(t) } },
    );
    expect(code).toBe(0);
    const dir = join(out, ID);
    expect(readdirSync(dir).sort()).toEqual([`${ID}.ko.po`, `${ID}.ko.xlf`, `${ID}.pot`, `${ID}.xlf`]);
    const po = readFileSync(join(dir, `${ID}.ko.po`), 'utf8');
    expect(readPo(po, 'x').file!.documents[0].entries.get('s1-title')!.target).toEqual({ kind: 'markdown', text: '서문' });
    expect(readXliff(readFileSync(join(dir, `${ID}.xlf`)), 'x').problems).toEqual([]);
    expect(lines.join('')).toContain('4 file(s) written');
  });

  it('exits 1 when a translation is malformed, 2 when a path does not exist', async () => {
    const out = tempFolder();
    const dir = translationsWith('ko', `${ID}.po`, 'msgid "x"\nnonsense\n');
    const lines: string[] = [];
    const io = { stderr: { write: (t: string) => lines.push(t) } };
    expect(await runExtract([SEED], { out, lang: 'ko', translationsDir: dir }, io)).toBe(1);
    expect(lines.join('')).toMatch(/ko\/apec-2025-digital-ai-ministerial\.po:2:1 error .*translation-malformed/);
    expect(existsSync(join(out, ID, `${ID}.pot`))).toBe(true);
    expect(await runExtract([join(ROOT, 'no-such-folder')], { out, translationsDir: dir }, io)).toBe(2);
  });
});

afterAll(removeTempFolders);

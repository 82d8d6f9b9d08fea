/**
 * Issue 16: briefing packs as books. The book view (one cover and contents,
 * the brief first with its links made internal, each document with its
 * cover block and its own paragraph numbers, anchors unique across the book
 * and prefixed by the document's id, the annexes across the documents), the
 * HTML page of a book, `packs:` in briefpack.yaml with positioned
 * diagnostics, and a pack as an artifact (manifest, cache, verify, pack,
 * translated editions, a failing document failing only its pack).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { HtmlValidate } from 'html-validate';
import { buildOptions } from '../helpers/build-options.js';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { modelOf } from '../helpers/compile.js';
import { parsePage, attr } from '../helpers/html-page.js';
import { imageFolder } from '../../src/model/images.js';
import { buildBookView, buildView, loadLabels, type BookSource } from '../../src/view/index.js';
import type { BriefingView, ContentsEntry, DocumentPart, Part } from '../../src/view/types.js';
import { instrumentKey } from '../../src/view/book-annexes.js';
import { renderHtml } from '../../src/render/html/index.js';
import { loadConfig } from '../../src/project/config.js';
import { buildPack } from '../../src/project/build-pack.js';
import { runBuild } from '../../src/project/run-build.js';
import { readManifest } from '../../src/project/manifest.js';
import { verifyOutput } from '../../src/release/verify.js';
import { packOutput } from '../../src/release/pack.js';
import { silentObserver } from '../../src/project/observer.js';
import { extractTemplates } from '../../src/l10n/extract.js';
import type { BuildOptions, PackSpec } from '../../src/project/options.js';

const BOOK = join(ROOT, 'test', 'fixtures-book');
const BRIEF = join(BOOK, 'brief.md');
const GOLDEN_GATE = join(CORPUS, 'apec-2023-golden-gate-declaration.md');
const G7 = join(CORPUS, 'g7-2023-hiroshima-ai-process-leaders-statement.md');
const DOCUMENTS = [SEED, GOLDEN_GATE, G7];
const IDS = ['apec-2025-digital-ai-ministerial', 'apec-2023-golden-gate-declaration', 'g7-2023-hiroshima-ai-process-leaders-statement'];
const INFO = { id: 'apec-2025-ministerial', title: 'APEC Digital and AI Ministerial Meeting', subtitle: 'Briefing pack', date: '2025-08-04' };

const source = (path: string): BookSource => ({ model: modelOf(path), imageFolder: imageFolder(path) });

function bookOf(documents = DOCUMENTS, brief = BRIEF): BriefingView {
  return buildBookView(documents.map(source), source(brief), { labels: loadLabels('en'), epoch: 1754265600, version: 'test', book: INFO });
}

const documentsOf = (view: BriefingView) => view.parts.filter((p): p is DocumentPart => p.kind === 'document');

/** Every anchor id placed in the HTML page, in order (duplicates kept). */
function pageIds(html: string): string[] {
  return parsePage(html)
    .all.map((el) => attr(el, 'id'))
    .filter((id): id is string => Boolean(id));
}

describe('the book view', () => {
  const view = bookOf();

  it('has one cover and one contents for the book, the brief first, then each document, then the annexes', () => {
    expect(view.cover).toMatchObject({ title: INFO.title, kind: INFO.subtitle, fields: [{ key: 'date', value: 'August 4, 2025', datetime: '2025-08-04' }] });
    expect(view.contents?.entries.map((e) => e.target)).toEqual(['brief--text', ...IDS.map((id) => `${id}--cover`), 'annexes']);
    expect(view.parts.map((p) => p.kind)).toEqual(['text', 'document', 'document', 'document', 'bookAnnexes']);
    expect(view.runningHead).toEqual({ title: INFO.title, kind: INFO.subtitle });
  });

  it('gives each document its cover block, its running head and its own paragraph numbers', () => {
    const [seed, golden, g7] = documentsOf(view);
    expect(seed.cover).toMatchObject({ kind: 'Ministerial Declaration', organization: null, logo: null });
    expect(seed.cover.fields.map((f) => f.key)).toEqual(['meeting', 'venue', 'date', 'chair']);
    expect(golden.cover.fields.map((f) => f.key)).toEqual(['meeting', 'venue', 'date']);
    expect(g7.runningHead.title).toBe('G7 Leaders’ Statement on the Hiroshima AI Process');
    const numbers = (d: DocumentPart) => {
      const text = d.parts.find((p) => p.kind === 'text') as Extract<Part, { kind: 'text' }>;
      return text.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'numbered' ? [b.number] : []));
    };
    expect(numbers(seed)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(numbers(golden)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('prefixes every anchor of a document with its id, and of the brief with brief--', () => {
    const parts = view.parts.filter((p) => p.kind === 'document' || p.kind === 'text');
    const bad: string[] = [];
    const check = (prefix: string, list: readonly Part[]) => {
      for (const p of list) {
        if (!p.id.startsWith(prefix)) bad.push(p.id);
        if (p.kind === 'text') for (const s of p.sections) for (const b of [s, ...s.blocks]) if (!b.id.startsWith(prefix)) bad.push(b.id);
      }
    };
    for (const p of parts) {
      if (p.kind === 'document') {
        expect(p.id).toBe(`${p.documentId}--cover`);
        check(`${p.documentId}--`, p.parts);
      } else check('brief--', [p]);
    }
    expect(bad).toEqual([]);
  });

  it("makes the brief's links to the documents internal links to their book anchors", () => {
    const brief = view.parts[0] as Extract<Part, { kind: 'text' }>;
    const targets: string[] = [];
    const walk = (nodes: unknown) => {
      if (!Array.isArray(nodes)) return;
      for (const n of nodes as Array<Record<string, unknown>>) {
        if (n.type === 'xref') targets.push(n.target as string);
        if (n.type === 'link') targets.push(`link:${n.href as string}`);
        walk(n.children);
        walk(n.content);
        walk(n.items);
      }
    };
    for (const s of brief.sections) walk(s.blocks);
    expect(targets).toEqual([
      'apec-2025-digital-ai-ministerial--p1',
      'apec-2023-golden-gate-declaration--p3',
      'apec-2025-digital-ai-ministerial--p10',
      'g7-2023-hiroshima-ai-process-leaders-statement--s0-u1',
      'apec-2025-digital-ai-ministerial--p8',
      'apec-2025-digital-ai-ministerial--p9',
      'apec-2025-digital-ai-ministerial--s3',
      'apec-2023-golden-gate-declaration--cover',
      'g7-2023-hiroshima-ai-process-leaders-statement--s0-u3',
      'apec-2025-digital-ai-ministerial--background',
      'brief--p2',
    ]);
  });

  it('lists one outline entry per document, with its sections under it', () => {
    const entry = (id: string) => view.outline.find((e) => e.target === `${id}--cover`)!;
    const titles = (e: ContentsEntry): string[] => e.children.flatMap((c) => [c.text, ...titles(c)]);
    expect(view.outline.filter((e) => e.target.endsWith('--cover'))).toHaveLength(3);
    expect(titles(entry(IDS[0]))).toEqual([
      'Background note',
      'Preface',
      'Activating digital and AI innovation to solve socio-economic challenges',
      'Strengthening digital connectivity for all',
      'Creating a safe, secure, and trustworthy digital and AI ecosystem',
      'Conclusion',
    ]);
    expect(entry(IDS[0]).children.every((c) => c.target.startsWith(`${IDS[0]}--`))).toBe(true);
  });

  it('merges the glossary: each acronym once, with its uses in every document', () => {
    const glossary = (view.parts.at(-1) as Extract<Part, { kind: 'bookAnnexes' }>).annexes.find((a) => a.kind === 'bookGlossary')!;
    if (glossary.kind !== 'bookGlossary') throw new Error('no glossary');
    const acronyms = glossary.rows.map((r) => r.acronym);
    expect(new Set(acronyms).size).toBe(acronyms.length);
    const apec = glossary.rows.find((r) => r.acronym === 'APEC')!;
    expect(apec.uses.map((u) => u.document.target)).toEqual([`${IDS[0]}--cover`, `${IDS[1]}--cover`]);
    expect(apec.uses[1].refs.length).toBeGreaterThan(3);
    expect(apec.uses.flatMap((u) => u.refs).every((r) => r.target.startsWith(`${IDS[0]}--`) || r.target.startsWith(`${IDS[1]}--`))).toBe(true);
    // The text's own expansion wins over the reference list's.
    expect(glossary.rows.find((r) => r.acronym === 'ICT')).toMatchObject({ expansion: 'Information and Communication Technology', origin: 'the text' });
  });

  it('lists an instrument two documents cite under both, in the instruments matrix', () => {
    const matrix = (view.parts.at(-1) as Extract<Part, { kind: 'bookAnnexes' }>).annexes.find((a) => a.kind === 'instrumentsMatrix')!;
    if (matrix.kind !== 'instrumentsMatrix') throw new Error('no matrix');
    expect(matrix.documents.map((d) => d.target)).toEqual(IDS.map((id) => `${id}--cover`));
    const roadmap = matrix.rows.find((r) => r.title === 'APEC Internet and Digital Economy Roadmap')!;
    expect(roadmap.count).toBe(2);
    expect(roadmap.cells[0].map((r) => r.target)).toContain(`${IDS[0]}--p2`);
    expect(roadmap.cells[1].map((r) => r.target)).toContain(`${IDS[1]}--p13`);
    expect(roadmap.cells[2]).toEqual([]);
    // The same instrument under two titles is one row.
    expect(matrix.rows.find((r) => r.title === 'APEC Putrajaya Vision 2040')?.count).toBe(2);
    expect(instrumentKey('Bangkok Goals on Bio-Circular-Green (BCG) Economy')).toBe(instrumentKey('Bangkok Goals on the Bio-Circular-Green Economy'));
    // Instruments cited by several documents first.
    const counts = matrix.rows.map((r) => r.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it('lists the commitments of every document, each with its document', () => {
    const annex = (view.parts.at(-1) as Extract<Part, { kind: 'bookAnnexes' }>).annexes.find((a) => a.kind === 'bookCommitments')!;
    if (annex.kind !== 'bookCommitments') throw new Error('no commitments');
    const rows = annex.groups.flatMap((g) => g.rows);
    const clauses = DOCUMENTS.map((d) => modelOf(d).clauses.length);
    expect(rows).toHaveLength(clauses.reduce((a, b) => a + b, 0));
    expect(annex.summary.totals).toEqual(clauses);
    for (const [i, id] of IDS.entries()) expect(rows.filter((r) => r.document.target === `${id}--cover`)).toHaveLength(clauses[i]);
    expect(rows.every((r) => r.ref.target.startsWith(r.document.target.replace(/cover$/, '')))).toBe(true);
  });

  it('leaves a single pack as it was: no book part, the same anchors', () => {
    const single = buildView(modelOf(SEED), { labels: loadLabels('en'), epoch: 1754265600, version: 'test', imageFolder: imageFolder(SEED) });
    expect(single.parts.map((p) => p.kind)).toEqual(['background', 'text', 'annexes']);
    expect(single.outline.map((e) => e.target)).toEqual(['background', 'text', 'annexes']);
  });
});

describe('the HTML page of a book', () => {
  it('places every anchor once, and every internal link reaches an anchor', async () => {
    const html = await renderHtml(bookOf(), { file: new VFile({ path: 'book' }), templatesDir: null });
    const ids = pageIds(html);
    const seen = new Set<string>();
    expect(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)))).toEqual([]);
    const page = parsePage(html);
    const dangling = page.all.map((el) => attr(el, 'href')).filter((h): h is string => Boolean(h?.startsWith('#')) && !seen.has(h!.slice(1)));
    expect(dangling).toEqual([]);
    // One h1 (the book's title); each document opens with its cover block.
    expect(page.all.filter((el) => el.tagName === 'h1')).toHaveLength(1);
    for (const id of IDS) expect(page.byId.get(`${id}--cover`)?.tagName).toBe('article');
    // Valid as every single pack's page is (html-validate, recommended preset).
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
    const report = await validator.validateString(html, 'book.html');
    expect(report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([]);
  });
});

// --- the project file ------------------------------------------------------

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-book-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const messages = (dir: string) => loadConfig(join(dir, 'briefpack.yaml')).file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);

describe('packs in briefpack.yaml', () => {
  it('accepts the pack of the issue', () => {
    const loaded = loadConfig(join(BOOK, 'briefpack.yaml'));
    expect(loaded.file.messages.map(String)).toEqual([]);
    expect(loaded.packs).toEqual([
      {
        ...INFO,
        brief: relative(process.cwd(), BRIEF),
        documents: DOCUMENTS.map((d) => relative(process.cwd(), d)),
        compare: {},
        config: {
          path: relative(process.cwd(), join(BOOK, 'briefpack.yaml')),
          pack: { line: 3, column: 5 },
          brief: { line: 7, column: 12 },
          documents: [9, 10, 11].map((line) => ({ line, column: 9 })),
        },
      },
    ]);
  });

  it('places a missing document, a missing brief, a duplicate document id and a pack id used twice', () => {
    const dir = project({
      'brief.md': '# Brief\n',
      'docs/x.md': '1. We agree.\n',
      'more/x.md': '1. We agree.\n',
      'briefpack.yaml': [
        'packs:',
        '  - id: a',
        '    title: A',
        '    brief: brief.md',
        '    documents:',
        '      - docs/x.md',
        '      - more/x.md',
        '      - docs/missing.md',
        '  - id: a',
        '    title: B',
        '    brief: none.md',
        '    documents: [docs/x.md]',
        '    compare:',
        '      docs/y.md: docs/old.md',
        '',
      ].join('\n'),
    });
    expect(messages(dir)).toEqual([
      "7:9 config-duplicate Document id `x` is already in pack `a` (documents[0]: docs/x.md); a document's id prefixes its anchors, so each must be one of a kind",
      '8:9 config-file Document docs/missing.md of pack `a` does not exist',
      '9:9 config-duplicate Pack id `a` is already taken by packs[0]; both would write out/packs/a/',
      '11:12 config-file The brief none.md of pack `a` does not exist',
      '14:7 config-type `packs.1.compare`: docs/y.md is not a document of pack `a`',
      '14:18 config-file The earlier text docs/old.md does not exist',
    ]);
  });

  it('checks the keys and values of a pack as any other (did you mean, types)', () => {
    const dir = project({ 'brief.md': '# Brief\n', 'briefpack.yaml': 'packs:\n  - id: a\n    titel: A\n    brief: brief.md\n    documents: []\n' });
    expect(messages(dir)).toEqual([
      '2:5 config-type `packs.0.title`: Invalid input: expected string, received undefined',
      '3:5 config-unknown-key Unknown key `titel` in `packs.0`; did you mean `title`?',
      '5:16 config-type `packs.0.documents`: Too small: expected array to have >=1 items',
    ]);
  });
});

// --- building a pack -------------------------------------------------------

function optionsFor(out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return buildOptions(out, { cache: true, ...extra });
}

/** The packs of a project file written in `dir`. */
function packsOf(dir: string, yaml: string): PackSpec[] {
  writeFileSync(join(dir, 'briefpack.yaml'), yaml);
  const loaded = loadConfig(join(dir, 'briefpack.yaml'));
  expect(loaded.file.messages.map(String)).toEqual([]);
  return loaded.packs;
}

const at = (d: { file: string; line: number | null; column: number | null; ruleId: string | null }) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`;

describe('building a pack', () => {
  it('writes the book, lists it in the manifest, keeps it in the cache, and verify and pack know it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bp-book-out-'));
    const [pack] = loadConfig(join(BOOK, 'briefpack.yaml')).packs;
    const options = optionsFor(out, { formats: ['html', 'xliff', 'po'] });
    const built = await runBuild([], { ...options, packs: [pack] }, { jobs: 1, shard: null, observer: silentObserver, failFast: false, strict: false });
    expect(built.exitCode).toBe(0);
    expect(built.results.map((r) => [r.id, r.status])).toEqual([['packs/apec-2025-ministerial', 'built']]);
    const paths = readManifest(out)!.artifacts.map((a) => a.path);
    expect(paths).toEqual([
      'packs/apec-2025-ministerial/apec-2025-ministerial.html',
      'packs/apec-2025-ministerial/brief.pot',
      'packs/apec-2025-ministerial/brief.xlf',
    ]);
    const artifact = readManifest(out)!.artifacts[0];
    expect(artifact.source.path).toBe(relative(process.cwd(), BRIEF));
    expect(artifact.inputs?.map((i) => i.path)).toEqual(DOCUMENTS.map((d) => relative(process.cwd(), d)));
    // The brief's units are extracted as any source's.
    expect(readFileSync(join(out, 'packs/apec-2025-ministerial/brief.xlf'), 'utf8')).toContain('Lines to take');

    const again = await runBuild([], { ...options, packs: [pack] }, { jobs: 1, shard: null, observer: silentObserver, failFast: false, strict: false });
    expect(again.results.map((r) => r.status)).toEqual(['up-to-date']);
    expect(verifyOutput(out).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const zip = packOutput(out, 'packs/apec-2025-ministerial');
    expect(zip.files).toBe(4);
  });

  it('is checked by `check` as a document is: compiled, its links checked, nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bp-book-check-'));
    const [pack] = loadConfig(join(BOOK, 'briefpack.yaml')).packs;
    const summary = await runBuild(
      [],
      { ...optionsFor(out), check: true, packs: [pack] },
      { jobs: 1, shard: null, observer: silentObserver, failFast: false, strict: false },
    );
    expect(summary.results.map((r) => [r.id, r.status])).toEqual([['packs/apec-2025-ministerial', 'checked']]);
    expect(existsSync(join(out, 'packs'))).toBe(false);
  });

  it('reports a broken link of the brief at its line and column, and fails the pack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-book-link-'));
    writeFileSync(
      join(dir, 'brief.md'),
      '# Brief\n\nSee [¶ 99](apec-2025-digital-ai-ministerial#p99),\nand [the other](nowhere#p1) and [¶ 1](apec-2025-digital-ai-ministerial#p1).\n',
    );
    const packs = packsOf(dir, `packs:\n  - id: a\n    title: A\n    brief: brief.md\n    documents: [${SEED}]\n`);
    const result = await buildPack(packs[0], optionsFor(join(dir, 'out')));
    expect(result.status).toBe('failed');
    const brief = relative(process.cwd(), join(dir, 'brief.md'));
    expect(result.diagnostics.filter((d) => d.ruleId === 'pack-link-broken').map(at)).toEqual([
      `${brief}:3:5 pack-link-broken`,
      `${brief}:4:5 pack-link-broken`,
    ]);
    expect(result.diagnostics.find((d) => d.ruleId === 'pack-link-broken')?.message).toMatch(
      /points at no paragraph, section or note of apec-2025-digital-ai-ministerial/,
    );
    expect(result.diagnostics.filter((d) => d.ruleId === 'pack-document-failed').map(at)).toEqual([`${packs[0].config.path}:4:12 pack-document-failed`]);
    expect(existsSync(join(dir, 'out', 'packs'))).toBe(false);
  });

  it('fails a pack whose document fails, at the place the project file names it; the other packs and documents still build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-book-fail-'));
    writeFileSync(join(dir, 'brief.md'), '# Brief\n\nKey messages.\n');
    writeFileSync(join(dir, 'broken.md'), '1. We agree.\n\n1. We agree again.\n');
    cpSync(G7, join(dir, 'g7.md'));
    const packs = packsOf(
      dir,
      [
        'packs:',
        '  - id: bad',
        '    title: Bad',
        '    brief: brief.md',
        '    documents:',
        '      - g7.md',
        '      - broken.md',
        '  - id: good',
        '    title: Good',
        '    brief: brief.md',
        '    documents: [g7.md]',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const summary = await runBuild(
      [join(dir, 'g7.md')],
      { ...optionsFor(out), packs },
      { jobs: 1, shard: null, observer: silentObserver, failFast: false, strict: false },
    );
    expect(summary.exitCode).toBe(1);
    expect(summary.results.map((r) => [r.id, r.status])).toEqual([
      ['g7', 'built'],
      ['packs/bad', 'failed'],
      ['packs/good', 'built'],
    ]);
    const bad = summary.results[1].diagnostics;
    const config = packs[0].config.path;
    expect(bad.filter((d) => d.ruleId === 'pack-document-failed').map(at)).toEqual([`${config}:7:9 pack-document-failed`]);
    expect(bad.find((d) => d.ruleId === 'pack-document-failed')?.message).toMatch(/broken\.md:3:1: .*; pack `bad` is not built/);
    // The failing document's own error is reported with it (it is not built on its own in this run).
    expect(bad.some((d) => d.ruleId === 'numbering-duplicate' && d.file.endsWith('broken.md'))).toBe(true);
    expect(
      readManifest(out)!
        .artifacts.map((a) => a.path)
        .sort(),
    ).toEqual(['g7/g7.html', 'packs/good/good.html']);
  });

  it('builds the translated edition when every document and the brief have a translation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-book-ko-'));
    writeFileSync(join(dir, 'brief.md'), '---\ntitle: Brief\n---\n\n## Purpose\n\nTo read [¶ 1](apec-2025-digital-ai-ministerial#p1).\n');
    const translations = join(dir, 'translations');
    mkdirSync(join(translations, 'ko'), { recursive: true });
    cpSync(join(ROOT, 'translations', 'ko', 'apec-2025-digital-ai-ministerial.po'), join(translations, 'ko', 'apec-2025-digital-ai-ministerial.po'));
    // The brief's translation: the template pre-filled for Korean (no unit translated yet: source text with markers).
    writeFileSync(join(translations, 'ko', 'brief.po'), extractTemplates(modelOf(join(dir, 'brief.md')), { lang: 'ko' }).po!);
    const packs = packsOf(
      dir,
      `packs:\n  - id: a\n    title: A\n    brief: brief.md\n    documents: [${SEED}]\n  - id: b\n    title: B\n    brief: brief.md\n    documents: [${SEED}, ${G7}]\n`,
    );
    const out = join(dir, 'out');
    const options = optionsFor(out, { translationsDir: translations });
    expect((await buildPack(packs[0], options)).artifacts.map((a) => a.path)).toEqual(['packs/a/a.html', 'packs/a/a.ko.html']);
    const ko = readFileSync(join(out, 'packs/a/a.ko.html'), 'utf8');
    expect(ko).toContain('<html lang="ko"');
    expect(ko).toContain('목차');
    // The G7 statement has no Korean translation: no Korean edition of pack b.
    expect((await buildPack(packs[1], options)).artifacts.map((a) => a.path)).toEqual(['packs/b/b.html']);
  });
});

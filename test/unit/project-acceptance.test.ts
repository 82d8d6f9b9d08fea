/**
 * Issue 13, acceptance: the project file `briefpack.yaml` as a user meets it
 * through the command line. A temporary project sets every key the README
 * documents that shapes a pack (organization and logo, marking, Letter
 * pages, accent colour and fonts, parts with the commitments annex off, a
 * label override, extra CSS, a templates folder, a rule turned off, sources,
 * out and formats), builds the seed and a second text, and the PDF
 * (poppler), the HTML and the DOCX (unzipped) are read back. A file with an
 * unknown key and a wrongly typed value fails `build` and `check` with
 * placed diagnostics and writes nothing; a change to the file, or to the
 * logo it names, rebuilds every document, and an unchanged one does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { FIXTURES, ROOT, SEED } from '../helpers/paths.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { hasCommand, makePng, pdftotext } from '../helpers/pdf.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { ALL_PARTS } from '../../src/view/index.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderDocx } from '../../src/render/docx/index.js';

const ID = 'apec-2025-digital-ai-ministerial';
const SECOND = 'footnotes';
const ORGANIZATION = 'Ministry of Foreign Affairs of Testland';
const CONTENTS = 'Table of Contents (Testland)';
const ACCENT = '#8b1a1a';
const LOGO = join(FIXTURES, 'pdf-images', 'chart.png');
const EN = JSON.parse(readFileSync(join(ROOT, 'templates', 'labels', 'en.json'), 'utf8')) as Record<string, unknown>;
const COMMITMENTS = String(EN.commitments);
const HAS_POPPLER = hasCommand('pdftotext') && hasCommand('pdfinfo');

/** Every key of the README's example that shapes a pack; commitments off. Line numbers matter to no test here. */
function projectFile(marking: string): string {
  return [
    '# yaml-language-server: $schema=../schema/config.schema.json',
    'sources: [texts]',
    'out: build',
    'formats: [html, pdf, docx, xliff, po, json]',
    'languages: []',
    'organization:',
    `  name: "${ORGANIZATION}"`,
    '  logo: assets/logo.png',
    'marking:',
    `  text: "${marking}"`,
    'theme:',
    '  page: Letter',
    `  colors: { accent: "${ACCENT}" }`,
    '  fonts: { text: "Noto Serif", heading: "Noto Serif" }',
    'parts:',
    '  cover: true',
    '  contents: true',
    '  background: true',
    '  annexes:',
    '    commitments: false',
    '    glossary: true',
    '    instruments: true',
    'labels:',
    `  en: { contents: "${CONTENTS}" }`,
    'html:',
    '  css: [assets/extra.css]',
    '  templates: house',
    'rules:',
    '  acronym-before-expansion: off',
    '',
  ].join('\n');
}

/** A temporary project: texts/ (the seed and a second text), assets/ (logo, stylesheet), house/ (templates) and briefpack.yaml. */
function makeProject(marking = 'RESTRICTED'): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-project-acceptance-'));
  mkdirSync(join(dir, 'texts'));
  copyFileSync(SEED, join(dir, 'texts', `${ID}.md`));
  copyFileSync(join(FIXTURES, 'footnotes', 'input.md'), join(dir, 'texts', `${SECOND}.md`));
  mkdirSync(join(dir, 'assets'));
  copyFileSync(LOGO, join(dir, 'assets', 'logo.png'));
  writeFileSync(join(dir, 'assets', 'extra.css'), '.acceptance-extra-css { outline: 1px solid #123456; }\n');
  mkdirSync(join(dir, 'house'));
  writeFileSync(join(dir, 'house', 'style.css'), '.acceptance-house-style { outline: 1px solid #654321; }\n');
  writeFileSync(join(dir, 'briefpack.yaml'), projectFile(marking));
  return dir;
}

/** The page's PNG image given as a data: URI (the logo), its bytes and alt text, read with an HTML parser (attribute values are entity-decoded). */
function logoOf(html: string): { bytes: Buffer; alt: string } | null {
  const found: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'img' && String(child.properties.src ?? '').startsWith('data:image/png;base64,')) found.push(child);
      walk(child);
    }
  };
  walk(fromHtml(html));
  if (found.length !== 1) return null;
  const src = String(found[0].properties.src);
  return { bytes: Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'), alt: String(found[0].properties.alt ?? '') };
}

const summary = (r: CliResult) => r.stderr.match(/^\d+ built, \d+ up to date\b/m)?.[0];
const noStack = (r: CliResult) => expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\n\s+at |Error:\s|node:internal/);

describe('briefpack.yaml: a project with every key, built from the command line', () => {
  let dir: string;
  let build: CliResult;
  const file = (ext: string, id = ID) => join(dir, 'build', id, `${id}.${ext}`);

  beforeAll(() => {
    dir = makeProject();
    build = runCli(['build', '--level', 'info'], { cwd: dir, timeout: 180_000 });
  }, 200_000);

  it('builds every document into `out` in every format of `formats`', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(summary(build)).toBe('2 built, 0 up to date');
    for (const id of [ID, SECOND])
      for (const ext of ['html', 'pdf', 'docx', 'json', 'xlf', 'pot']) expect(existsSync(file(ext, id)), `${id}.${ext}`).toBe(true);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'build', 'manifest.json'))).toBe(true);
  });

  it('applies `rules:`: a rule turned off is not reported', () => {
    expect(build.stderr).not.toContain('acronym-before-expansion');
    // The same build without the project file reports it (so the line above tests something).
    writeFileSync(join(dir, 'plain.yaml'), 'out: plain\n');
    const bare = runCli(['check', '--level', 'info', '--config', 'plain.yaml', 'texts'], { cwd: dir });
    expect(bare.stderr).toContain('acronym-before-expansion');
  });

  it('PDF: every page is Letter (MediaBox)', () => {
    const pdf = readFileSync(file('pdf')).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number).join(' '));
    expect(boxes.length).toBeGreaterThan(1);
    expect(new Set(boxes)).toEqual(new Set(['0 0 612 792']));
  });

  it.skipIf(!HAS_POPPLER)('PDF (poppler): Letter pages; the organization, the overridden label, RESTRICTED on every page, no commitments annex', () => {
    const info = execFileSync('pdfinfo', [file('pdf')], { encoding: 'utf8' });
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
    expect(pages).toBeGreaterThan(2);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file('pdf')], { encoding: 'utf8' }).match(/^Page\s+\d+ size:.*$/gm) ?? [];
    expect(sizes).toHaveLength(pages);
    for (const size of sizes) expect(size).toMatch(/612 x 792 pts \(letter\)/);

    const text = pdftotext(file('pdf'));
    expect(text).toContain(ORGANIZATION);
    expect(text).toContain(CONTENTS);
    expect(text).not.toContain(COMMITMENTS);
    expect(text).toContain(String(EN.glossary)); // the annexes left on are still there
    const perPage = text.split('\f').slice(0, pages);
    expect(perPage).toHaveLength(pages);
    perPage.forEach((page, i) => expect(page.match(/RESTRICTED/g)?.length ?? 0, `page ${i + 1}`).toBeGreaterThanOrEqual(2));

    const images = execFileSync('pdfimages', ['-list', file('pdf')], { encoding: 'utf8' });
    expect(images).toMatch(/^\s*1\s+\d+\s+image\s+480\s+160\s/m); // the logo (chart.png, 480×160) on the cover
  });

  it('HTML: the logo as a data: URI with alt text, the marking banners, the label, the theme, the stylesheets, no commitments', () => {
    const html = readFileSync(file('html'), 'utf8');
    const logo = logoOf(html);
    expect(logo, 'logo img').not.toBeNull();
    expect(logo!.bytes.equals(readFileSync(LOGO))).toBe(true);
    expect(logo!.alt).toBe(ORGANIZATION);
    expect(html).toMatch(/<p class="marking marking-top">(<span[^>]*>[^<]*<\/span>)?RESTRICTED<\/p>/);
    expect(html).toMatch(/<p class="marking marking-bottom">(<span[^>]*>[^<]*<\/span>)?RESTRICTED<\/p>/);
    expect(html).toMatch(/@page\s*\{\s*size:\s*letter/);
    expect(html).toContain(`<h2 id="contents-title">${CONTENTS}`);
    expect(html).not.toContain(COMMITMENTS);
    expect(html).not.toContain('annex-commitments');
    expect(html.toLowerCase()).toContain(ACCENT);
    expect(html).toContain('--font-heading: "Noto Serif"');
    expect(html).toContain('.acceptance-extra-css'); // html.css
    expect(html).toContain('.acceptance-house-style'); // style.css of html.templates
  });

  it('DOCX: the marking in every header and footer, the logo in word/media, the label, Letter pages, the accent, no commitments', () => {
    const parts = unzipSync(readFileSync(file('docx')));
    const names = Object.keys(parts);
    const headersFooters = names.filter((n) => /^word\/(header|footer)\d+\.xml$/.test(n));
    expect(headersFooters.some((n) => n.includes('header'))).toBe(true);
    expect(headersFooters.some((n) => n.includes('footer'))).toBe(true);
    for (const name of headersFooters) expect(strFromU8(parts[name]), name).toContain('RESTRICTED');

    const media = names.filter((n) => n.startsWith('word/media/'));
    const logo = readFileSync(LOGO);
    expect(media.some((n) => Buffer.from(parts[n]).equals(logo))).toBe(true);

    const document = strFromU8(parts['word/document.xml']);
    expect(document).toContain(ORGANIZATION);
    expect(document).toContain(CONTENTS);
    expect(document).not.toContain(COMMITMENTS);
    const sizes = document.match(/<w:pgSz\b[^>]*>/g) ?? [];
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toMatch(/w:w="12240" w:h="15840"/);
    expect(strFromU8(parts['word/styles.xml']).toUpperCase()).toContain(ACCENT.slice(1).toUpperCase());
  });

  it('the second document gets the same settings', () => {
    const html = readFileSync(file('html', SECOND), 'utf8');
    expect(html).toContain('RESTRICTED');
    expect(html).toContain(ORGANIZATION);
    expect(html).not.toContain('annex-commitments');
  });

  it('`briefpack verify` passes the build without a warning: the project file and the files it names are in the asset hash it recomputes', () => {
    const r = runCli(['verify', 'build'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^12 files checked: 0 errors, 0 warnings$/m);
    // Without a folder, the project's `out`.
    expect(runCli(['verify'], { cwd: dir }).stderr).toMatch(/^12 files checked: 0 errors, 0 warnings$/m);
  });

  it('rebuilds every document when briefpack.yaml or a file it names changes, and nothing when they do not', () => {
    const again = runCli(['build'], { cwd: dir, timeout: 180_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(summary(again)).toBe('0 built, 2 up to date');

    writeFileSync(join(dir, 'briefpack.yaml'), projectFile('CONFIDENTIAL'));
    const remarked = runCli(['build'], { cwd: dir, timeout: 180_000 });
    expect(remarked.code, remarked.stderr).toBe(0);
    expect(summary(remarked)).toBe('2 built, 0 up to date');
    for (const id of [ID, SECOND]) {
      const html = readFileSync(file('html', id), 'utf8');
      expect(html).toContain('CONFIDENTIAL');
      expect(html).not.toContain('RESTRICTED');
    }
    expect(summary(runCli(['build'], { cwd: dir, timeout: 180_000 }))).toBe('0 built, 2 up to date');

    // The logo's bytes, not its name: the same bytes copied again rebuild nothing, another PNG under the name rebuilds all.
    copyFileSync(LOGO, join(dir, 'assets', 'logo.png'));
    expect(summary(runCli(['build'], { cwd: dir, timeout: 180_000 }))).toBe('0 built, 2 up to date');
    writeFileSync(join(dir, 'assets', 'logo.png'), makePng(60, 20));
    expect(summary(runCli(['build'], { cwd: dir, timeout: 180_000 }))).toBe('2 built, 0 up to date');
    expect(logoOf(readFileSync(file('html'), 'utf8'))!.bytes.equals(Buffer.from(makePng(60, 20)))).toBe(true);
  }, 300_000);
  it('from a subfolder: finds briefpack.yaml above, builds its sources into its `out`, and destroys nothing', () => {
    const r = runCli(['build', '--format', 'html'], { cwd: join(dir, 'texts'), timeout: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'texts', 'build'))).toBe(false);
    // The narrower build keeps the other formats; every file the manifest lists is there.
    for (const id of [ID, SECOND])
      for (const ext of ['html', 'pdf', 'docx', 'json', 'xlf', 'pot']) expect(existsSync(file(ext, id)), `${id}.${ext}`).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'build', 'manifest.json'), 'utf8')) as { artifacts: Array<{ path: string }> };
    expect(manifest.artifacts).toHaveLength(12);
    for (const a of manifest.artifacts) expect(existsSync(join(dir, 'build', a.path)), a.path).toBe(true);
    expect(readFileSync(file('html'), 'utf8')).toContain(ORGANIZATION);
  }, 200_000);
});

describe('a project started with briefpack init', () => {
  it('checks without writing, builds, and passes `verify --strict` (the starter workflow runs build, then verify)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-project-init-'));
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const check = runCli(['check'], { cwd: dir });
    expect(check.code, check.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.github', 'briefpack.yaml', 'source']);
    const build = runCli(['build'], { cwd: dir, timeout: 180_000 });
    expect(build.code, build.stderr).toBe(0);
    expect(summary(build)).toBe('1 built, 0 up to date');
    const verify = runCli(['verify', '--strict'], { cwd: dir });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).toMatch(/^6 files checked: 0 errors, 0 warnings$/m);
  }, 200_000);
});

describe('briefpack.yaml with problems', () => {
  const BAD = [
    'out: build', // 1
    'organisation:', // 2: unknown key at the top level
    '  name: "Ministry"', // 3
    'marking:', // 4
    '  text: RESTRICTED', // 5
    '  colour: red', // 6: unknown key in `marking`
    'theme:', // 7
    '  page: Legal', // 8: not A4 or Letter
    'parts:', // 9
    '  annexes:', // 10
    '    commitments: "no"', // 11: neither a boolean nor limits
    '',
  ].join('\n');

  function badProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'bp-project-bad-'));
    mkdirSync(join(dir, 'source'));
    copyFileSync(SEED, join(dir, 'source', `${ID}.md`));
    writeFileSync(join(dir, 'briefpack.yaml'), BAD);
    return dir;
  }

  const expectPlaced = (r: CliResult) => {
    expect(r.code, r.stderr).toBe(1);
    noStack(r);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('briefpack.yaml:'));
    for (const line of lines) expect(line).toMatch(/^briefpack\.yaml:\d+:\d+ error .+ config-[a-z-]+$/);
    expect(lines).toEqual([
      'briefpack.yaml:2:1 error Unknown key `organisation` at the top level; did you mean `organization`? config-unknown-key',
      expect.stringMatching(/^briefpack\.yaml:6:3 error Unknown key `colour` in `marking`.* config-unknown-key$/),
      expect.stringMatching(/^briefpack\.yaml:8:9 error `theme\.page`: .* config-type$/),
      expect.stringMatching(/^briefpack\.yaml:11:18 error `parts\.annexes\.commitments`: .* config-type$/),
    ]);
  };

  it('`briefpack build` exits 1 with placed diagnostics and rule ids, no stack trace, and writes nothing', () => {
    const dir = badProject();
    const r = runCli(['build'], { cwd: dir });
    expectPlaced(r);
    expect(readdirSync(dir).sort()).toEqual(['briefpack.yaml', 'source']);
  });

  it('`briefpack check` reports the same and exits 1', () => {
    const dir = badProject();
    const r = runCli(['check'], { cwd: dir });
    expectPlaced(r);
    expect(readdirSync(dir).sort()).toEqual(['briefpack.yaml', 'source']);
  });

  it('a bad file named with --config fails a build that would otherwise write, and keeps earlier outputs as they were', () => {
    const dir = badProject();
    writeFileSync(join(dir, 'good.yaml'), 'out: build\nmarking: { text: RESTRICTED }\n');
    const ok = runCli(['build', '--config', 'good.yaml', '--format', 'html'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    const before = readFileSync(join(dir, 'build', ID, `${ID}.html`));
    const r = runCli(['build', '--config', 'briefpack.yaml', '--format', 'html', '--out', 'build'], { cwd: dir });
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stderr).toContain('briefpack.yaml:2:1 error Unknown key `organisation`');
    expect(readFileSync(join(dir, 'build', ID, `${ID}.html`)).equals(before)).toBe(true);
  });

  it('a misspelt label is an error at its line and column (not silently ignored), and nothing is written', () => {
    const dir = badProject();
    writeFileSync(join(dir, 'briefpack.yaml'), 'labels:\n  en: { contnets: "Table of contents" }\n');
    const r = runCli(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stderr).toContain('briefpack.yaml:2:9 error Unknown key `contnets` in `labels.en`; did you mean `contents`? config-unknown-key');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a missing logo is an error at its line and column, and nothing is written', () => {
    const dir = badProject();
    writeFileSync(join(dir, 'briefpack.yaml'), 'organization:\n  name: "Ministry"\n  logo: assets/missing.png\n');
    const r = runCli(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stderr).toContain('briefpack.yaml:3:9 error The logo assets/missing.png does not exist config-file');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('parts left out (`parts:`)', () => {
  it('without the background, no annex refers to a background paragraph: every link of the page and the Word file lands', async () => {
    const view = viewOf(SEED, undefined, { parts: { ...ALL_PARTS, background: false } });
    expect(view.parts.map((p) => p.kind)).toEqual(['text', 'annexes']);
    const annexes = view.parts.find((p) => p.kind === 'annexes')!;
    const glossary = annexes.kind === 'annexes' ? annexes.annexes.find((a) => a.kind === 'glossary') : undefined;
    expect(glossary?.kind).toBe('glossary');
    // AI and APEC are first used in the background note; in the text, AI first at ¶ 3 and APEC at ¶ 1.
    const firstUse = Object.fromEntries((glossary?.kind === 'glossary' ? glossary.rows : []).map((r) => [r.acronym, r.firstUse.label]));
    expect(firstUse).toMatchObject({ AI: '¶ 3', APEC: '¶ 1' });
    expect(JSON.stringify(annexes)).not.toContain(String(EN.background));

    const html = await renderHtml(view, renderContext(SEED));
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);

    const document = strFromU8(unzipSync(await renderDocx(view, renderContext(SEED)))['word/document.xml']);
    const bookmarks = new Set([...document.matchAll(/<w:bookmarkStart\b[^>]*w:name="([^"]+)"/g)].map((m) => m[1]));
    const anchors = [...document.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1]);
    expect(anchors.filter((a) => !bookmarks.has(a))).toEqual([]);
    expect(document).not.toContain(String(EN.background));
  });
});

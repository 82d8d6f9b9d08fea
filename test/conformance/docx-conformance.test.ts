/**
 * The Word briefing files read by real clients: LibreOffice (headless,
 * private profile) converts every DOCX to PDF, and pandoc reads every DOCX.
 * Nothing of the source text may be lost, and the seed's paragraph numbers
 * must stand at the start of their paragraphs. A pack made as an
 * organization's own (logo, organization, marking, Letter pages, a label
 * override, an annex switched off: issue 13) is checked on LibreOffice's
 * render. The first page and a text page are saved as PNG for a person to
 * look at (test-artifacts/docx/). Rendering is in-process (view -> bytes),
 * so the CLI in dist/ is not needed.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sourceBodyText } from '../helpers/source-text.js';
import { tinyPng } from '../helpers/docx.js';
import { modelOf, renderContext, viewFor } from '../helpers/compile.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { ALL_PARTS, loadLabels, viewText } from '../../src/view/index.js';
import type { BriefingView } from '../../src/view/types.js';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { missingWords, words } from '../helpers/words.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'docx');
const corpus = Object.keys(JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, unknown>).map((f) => join(CORPUS, f));
const SOURCES = [SEED, ...corpus];
const G7 = join(CORPUS, 'g7-2023-hiroshima-leaders-communique.md');

const idOf = (path: string) => basename(path, '.md');

/**
 * Words of the source the reader lacks, but for a word it read as two at a
 * change of baseline: a superscript ("12<sup>th</sup>") comes back from
 * pdftotext as "12 th" and from pandoc as "12^(th)". The DOCX holds the one
 * word (docx-structure checks the runs); the readers split it.
 */
function missingRead(source: string, read: string): string[] {
  const list = words(read);
  const joined = new Set(list.slice(1).map((w, i) => list[i] + w));
  return missingWords(source, read).filter((w) => !joined.has(w));
}
const BRANDED = 'branded-seed';

/** The seed as an organization's pack: every issue-13 switch a DOCX shows. */
function brandedView(): BriefingView {
  const model = modelOf(SEED);
  return viewFor(model, {
    labels: loadLabels('en', { en: { contents: 'Table of contents' } }),
    organization: { name: 'Ministry of Foreign Affairs', logo: { mediaType: 'image/png', bytes: tinyPng(240, 80), width: 240, height: 80 } },
    marking: 'RESTRICTED',
    parts: { ...ALL_PARTS, annexes: { ...ALL_PARTS.annexes, commitments: false } },
  });
}

describe('docx conformance (LibreOffice, pandoc)', () => {
  const work = mkdtempSync(join(tmpdir(), 'briefpack-docx-'));
  const profile = mkdtempSync(join(tmpdir(), 'briefpack-lo-profile-'));
  const timings: Record<string, number> = {};
  const pdfText = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Render time only (the view is built first): cold for every file, then warm for the two the issue names (median of 5).
    for (const path of SOURCES) {
      const view = viewFor(modelOf(path));
      const start = performance.now();
      const bytes = await renderDocx(view, renderContext(path));
      timings[idOf(path)] = performance.now() - start;
      writeFileSync(join(work, `${idOf(path)}.docx`), bytes);
    }
    for (const path of [SEED, G7]) {
      const view = viewFor(modelOf(path));
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await renderDocx(view, renderContext(path));
        runs.push(performance.now() - start);
      }
      timings[`${idOf(path)} (warm, median of 5)`] = runs.sort((a, b) => a - b)[2];
    }
    writeFileSync(join(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
    console.log('ms per DOCX:', Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])));
    const letter = { page: 'Letter' as const, colors: { accent: '#1f3864' }, fonts: { text: null, heading: null } };
    writeFileSync(join(work, `${BRANDED}.docx`), await renderDocx(brandedView(), renderContext(SEED, { theme: letter })));

    const docx = [...SOURCES.map((p) => join(work, `${idOf(p)}.docx`)), join(work, `${BRANDED}.docx`)];
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...docx], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    for (const id of [...SOURCES.map(idOf), BRANDED]) {
      const pdf = join(work, `${id}.pdf`);
      expect(existsSync(pdf), `LibreOffice made ${pdf}`).toBe(true);
      pdfText.set(id, execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    }
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it.each(SOURCES.map((p) => [idOf(p), p]))('LibreOffice PDF of %s holds every word of the source', (id, path) => {
    const source = sourceBodyText(readFileSync(path, 'utf8'));
    expect(words(source).length).toBeGreaterThan(100);
    expect(missingRead(source, pdfText.get(id)!)).toEqual([]);
  });

  it('LibreOffice PDF of the seed shows 1 to 14 at the start of their paragraphs, in order', () => {
    const view = viewFor(modelOf(SEED));
    const numbered = view.parts
      .flatMap((p) => (p.kind === 'text' ? p.sections.flatMap((s) => s.blocks) : []))
      .flatMap((b) => (b.kind === 'numbered' ? [b] : []));
    expect(numbered.map((p) => p.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const lines = pdfText.get(idOf(SEED))!.split('\n');
    let from = 0;
    for (const p of numbered) {
      const opening = words(viewText(p.content)).slice(0, 3);
      const at = lines.findIndex((line, i) => {
        if (i < from) return false;
        const m = /^\s*(\d+)\.\s+(.*)$/.exec(line);
        return m !== null && Number(m[1]) === p.number && words(m[2]).slice(0, 3).join(' ') === opening.join(' ');
      });
      expect(at, `paragraph ${p.number} ("${opening.join(' ')}…") starts a line with its number`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it.each(SOURCES.map((p) => [idOf(p), p]))('pandoc reads %s back with every word', (id, path) => {
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(work, `${id}.docx`)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const source = sourceBodyText(readFileSync(path, 'utf8'));
    expect(missingRead(source, plain)).toEqual([]);
  });

  describe("an organization's own pack (issue 13), as LibreOffice renders it", () => {
    const pages = () =>
      pdfText
        .get(BRANDED)!
        .split('\f')
        .filter((p) => p.trim() !== '');

    it('has Letter pages', () => {
      const info = execFileSync('pdfinfo', [join(work, `${BRANDED}.pdf`)], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    });

    it('shows the logo and the organization on page 1', () => {
      const list = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', join(work, `${BRANDED}.pdf`)], { encoding: 'utf8' });
      const images = list
        .split('\n')
        .slice(2)
        .filter((l) => /^\s*1\s+\d+\s+image\s+240\s+80\b/.test(l));
      expect(images, list).toHaveLength(1);
      expect(pages()[0]).toContain('Ministry of Foreign Affairs');
      const prefix = join(work, `${BRANDED}-cover`);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(work, `${BRANDED}.pdf`), prefix]);
      renameSync(`${prefix}.png`, join(ARTIFACTS, `${BRANDED}-cover.png`));
    });

    it('shows the marking at the top and the bottom of every page', () => {
      expect(pages().length).toBeGreaterThan(3);
      for (const [i, page] of pages().entries()) {
        const lines = page
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        expect(lines[0], `page ${i + 1} top`).toBe('RESTRICTED');
        expect(lines[lines.length - 1], `page ${i + 1} bottom`).toBe('RESTRICTED');
      }
    });

    it('uses the label override and leaves the switched-off annex out', () => {
      const text = pdfText.get(BRANDED)!;
      expect(text).toContain('Table of contents');
      expect(text).not.toContain('Commitments by verb strength');
      expect(text).toContain('Glossary of acronyms');
    });
  });

  it('saves the first page and a text page of each file as PNG', () => {
    for (const path of SOURCES) {
      const id = idOf(path);
      const pdf = join(work, `${id}.pdf`);
      const pages = pdfText.get(id)!.split('\f');
      // The first page of the text: the first page after the contents that holds its opening words.
      const firstParagraph = words((readFileSync(path, 'utf8').match(/^\s*1\.\s+(.+)$/m) ?? [])[1] ?? '')
        .slice(0, 4)
        .join(' ');
      let textPage = pages.findIndex((page, i) => i > 1 && firstParagraph !== '' && words(page).join(' ').includes(firstParagraph));
      if (textPage < 0) textPage = Math.min(3, pages.length - 1);
      for (const [page, name] of [
        [1, 'cover'],
        [textPage + 1, 'text'],
      ] as const) {
        const prefix = join(work, `${id}-${name}`);
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
        renameSync(`${prefix}.png`, join(ARTIFACTS, `${id}-${name}.png`));
        expect(
          readFileSync(join(ARTIFACTS, `${id}-${name}.png`))
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
      }
    }
  });
});

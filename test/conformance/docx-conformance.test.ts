/**
 * The Word briefing files read by real clients: LibreOffice (headless,
 * private profile) converts every DOCX to PDF, and pandoc reads every DOCX.
 * Nothing of the source text may be lost, and the seed's paragraph numbers
 * must stand at the start of their paragraphs. A pack made as an
 * organization's own (logo, organization, marking, Letter pages, a label
 * override, an annex switched off: issue 13) is checked on LibreOffice's
 * render. The seed made with a Word template (print-default's reference
 * document restyled: issue 13) is checked on LibreOffice's render too: its
 * faces, colour and page. The first page and a text page are saved as PNG for a person to
 * look at (test-artifacts/docx/). Rendering is in-process (view -> bytes),
 * so the CLI in dist/ is not needed.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sourceBodyText } from '../helpers/source-text.js';
import { restyledReference, RESTYLED, tinyPng } from '../helpers/docx.js';
import { referenceDocument } from '../../src/cli/print-default-command.js';
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
const TEMPLATED = 'templated-seed';

/** Pixels of a PPM (P6) image within `tolerance` of an RGB colour. */
function pixelsOf(ppm: Buffer, hex: string, tolerance = 24): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PPM');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    if (Math.abs(ppm[i] - r) <= tolerance && Math.abs(ppm[i + 1] - g) <= tolerance && Math.abs(ppm[i + 2] - b) <= tolerance) count++;
  }
  return count;
}

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
    const referenceDoc = restyledReference(await referenceDocument());
    writeFileSync(join(work, `${TEMPLATED}.docx`), await renderDocx(viewFor(modelOf(SEED)), renderContext(SEED, { referenceDoc })));

    const docx = [...SOURCES.map((p) => join(work, `${idOf(p)}.docx`)), join(work, `${BRANDED}.docx`), join(work, `${TEMPLATED}.docx`)];
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...docx], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    for (const id of [...SOURCES.map(idOf), BRANDED, TEMPLATED]) {
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

  describe('a pack made with a Word template (issue 13: docx.referenceDoc), as LibreOffice renders it', () => {
    const pdf = () => join(work, `${TEMPLATED}.pdf`);
    /** Embedded font names without their subset tag: "DejaVuSansMono-Bold". */
    const fonts = (file: string) =>
      execFileSync('pdffonts', [file], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''))
        .filter(Boolean);
    const face = (name: string) => name.replace(/\s+/g, '');

    it("sets the text in the template's Normal face and the headings in its Heading 1 face", () => {
      const used = fonts(pdf());
      expect(used, used.join(', ')).toContain(face(RESTYLED.body.font));
      expect(
        used.some((f) => f.startsWith(`${face(RESTYLED.heading.font)}-Bold`)),
        used.join(', '),
      ).toBe(true);
      // The built-in text face (Times New Roman, which LibreOffice sets in DejaVu Serif here) is gone; without the template it is there.
      const base = (f: string) => f.replace(/-(Bold|Italic|Oblique|BoldItalic|BoldOblique)$/, '');
      expect(fonts(join(work, `${idOf(SEED)}.pdf`)).map(base)).not.toContain(face(RESTYLED.body.font));
      expect(used.map(base)).not.toContain('DejaVuSerif');
    });

    it("draws the text in the template's colour", () => {
      const pages = pdfText.get(TEMPLATED)!.split('\f');
      const page = pages.findIndex((p) => p.includes('Minister Bae')) + 1;
      expect(page).toBeGreaterThan(1);
      const ppm = (file: string, n: number) =>
        execFileSync('pdftoppm', ['-r', '72', '-f', String(n), '-l', String(n), '-singlefile', file], { maxBuffer: 64 * 1024 * 1024 });
      expect(pixelsOf(ppm(pdf(), page), RESTYLED.body.color)).toBeGreaterThan(1000);
      const plainPage =
        pdfText
          .get(idOf(SEED))!
          .split('\f')
          .findIndex((p) => p.includes('Minister Bae')) + 1;
      expect(pixelsOf(ppm(join(work, `${idOf(SEED)}.pdf`), plainPage), RESTYLED.body.color)).toBe(0);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf(), join(ARTIFACTS, `${TEMPLATED}-text`)]);
    });

    it("has the template's page: landscape Letter", () => {
      const info = execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
    });

    it('keeps every word of the source, in LibreOffice and in pandoc', () => {
      const source = sourceBodyText(readFileSync(SEED, 'utf8'));
      expect(missingRead(source, pdfText.get(TEMPLATED)!)).toEqual([]);
      const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(work, `${TEMPLATED}.docx`)], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(missingRead(source, plain)).toEqual([]);
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

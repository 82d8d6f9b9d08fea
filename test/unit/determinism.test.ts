/**
 * Issue 7, acceptance 1: the same inputs built in two different folders,
 * under TZ=UTC and TZ=Asia/Seoul, give the same bytes in every file: html,
 * pdf, docx, json, xlf, pot, the translated packs and manifest.json. Once
 * with SOURCE_DATE_EPOCH and once falling back to each source's date.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CORPUS, FIXTURES, ROOT } from '../helpers/paths.js';
import { listFiles, projectCopy, runCliAsync } from '../helpers/out-tree.js';

/** Besides source/ (the seed): a real declaration, and fixtures with and without front matter (no date: the 1980 fallback). */
const EXTRA: Array<[string, string]> = [
  [join(CORPUS, 'apec-2023-golden-gate-declaration.md'), 'apec-2023-golden-gate-declaration.md'],
  [join(FIXTURES, 'footnotes', 'input.md'), 'footnotes.md'],
  [join(FIXTURES, 'no-front-matter', 'input.md'), 'no-front-matter.md'],
];
const EPOCH = '1767225600'; // 2026-01-01T00:00:00Z

function project(): string {
  const dir = projectCopy('bp-determinism-');
  for (const [from, name] of EXTRA) copyFileSync(from, join(dir, 'source', name));
  return dir;
}

/** Translated packs the build should write: one per translations/<lang>/<id>.po|.xlf of a seed source. */
function expectedTranslated(): string[] {
  const dir = join(ROOT, 'translations');
  if (!existsSync(dir)) return [];
  const ids = new Set(readdirSync(join(ROOT, 'source')).map((f) => basename(f, '.md')));
  const out: string[] = [];
  for (const lang of readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)) {
    for (const file of readdirSync(join(dir, lang))) {
      const id = file.replace(/\.(po|xlf|xliff)$/, '');
      if (ids.has(id)) for (const ext of ['html', 'pdf', 'docx']) out.push(`${id}/${id}.${lang}.${ext}`);
    }
  }
  return out;
}

interface Built {
  dir: string;
  files: string[];
}

async function build(tz: string, epoch: string | null, jobs: string): Promise<Built> {
  const dir = project();
  const env: NodeJS.ProcessEnv = { TZ: tz, SOURCE_DATE_EPOCH: epoch ?? '' };
  const r = await runCliAsync(['build', 'source', '--out', 'out', '--jobs', jobs], { cwd: dir, env });
  expect(r.code, r.stderr).toBe(0);
  return { dir, files: listFiles(join(dir, 'out')) };
}

function differing(a: Built, b: Built): string[] {
  return a.files.filter((f) => !readFileSync(join(a.dir, 'out', f)).equals(readFileSync(join(b.dir, 'out', f))));
}

describe('reproducible builds (two folders, two time zones)', () => {
  const runs: Record<string, Built> = {};

  beforeAll(async () => {
    // Four builds at once; different job counts too, so the worker pool is covered.
    const [utc, seoul, utcEpoch, seoulEpoch] = await Promise.all([
      build('UTC', null, '2'),
      build('Asia/Seoul', null, '1'),
      build('UTC', EPOCH, '1'),
      build('Asia/Seoul', EPOCH, '2'),
    ]);
    Object.assign(runs, { utc, seoul, utcEpoch, seoulEpoch });
  }, 600_000);

  it('writes every format, the translated packs and the manifest', () => {
    const { files } = runs.utc;
    const seed = 'apec-2025-digital-ai-ministerial';
    for (const ext of ['html', 'pdf', 'docx', 'json', 'xlf', 'pot']) {
      expect(files).toContain(`${seed}/${seed}.${ext}`);
      expect(files).toContain(`apec-2023-golden-gate-declaration/apec-2023-golden-gate-declaration.${ext}`);
      expect(files).toContain(`footnotes/footnotes.${ext}`);
      expect(files).toContain(`no-front-matter/no-front-matter.${ext}`);
    }
    for (const translated of expectedTranslated()) expect(files).toContain(translated);
    expect(files).toContain('manifest.json');
  });

  it('gives byte-identical files without SOURCE_DATE_EPOCH (dates from the sources)', () => {
    expect(runs.seoul.files).toEqual(runs.utc.files);
    expect(differing(runs.utc, runs.seoul)).toEqual([]);
  });

  it('gives byte-identical files with SOURCE_DATE_EPOCH', () => {
    expect(runs.seoulEpoch.files).toEqual(runs.utcEpoch.files);
    expect(differing(runs.utcEpoch, runs.seoulEpoch)).toEqual([]);
  });

  it('really embeds SOURCE_DATE_EPOCH (the dated formats change with it)', () => {
    const changed = differing(runs.utc, runs.utcEpoch);
    const seed = 'apec-2025-digital-ai-ministerial';
    expect(changed).toContain(`${seed}/${seed}.docx`);
    expect(changed).toContain(`${seed}/${seed}.pdf`);
    expect(changed).toContain(`${seed}/${seed}.pot`);
  });

  it('records the same manifest facts in both folders: relative source paths, no timestamps', () => {
    const manifest = JSON.parse(readFileSync(join(runs.utc.dir, 'out', 'manifest.json'), 'utf8'));
    const paths = manifest.artifacts.map((a: { path: string }) => a.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(runs.utc.files.filter((f) => f !== 'manifest.json'));
    for (const a of manifest.artifacts) {
      expect(a.source.path).toMatch(/^source\//);
      expect(Object.keys(a).sort()).toEqual(['assets', 'bytes', 'language', 'mediaType', 'path', 'sha256', 'source', 'version']);
    }
  });
});

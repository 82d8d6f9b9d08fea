/** Issue 7, acceptance 2: `briefpack verify` passes a fresh build and catches a flipped byte, a missing file and an extra file. */
import { describe, it, expect, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { CORPUS } from '../helpers/paths.js';
import { projectCopy } from '../helpers/out-tree.js';

const SEED = 'apec-2025-digital-ai-ministerial';
let project: string;

/** A copy of the built output folder, to damage without touching the others. */
function outCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-verify-'));
  cpSync(join(project, 'out'), join(dir, 'out'), { recursive: true });
  cpSync(join(project, 'source'), join(dir, 'source'), { recursive: true });
  return dir;
}

beforeAll(() => {
  project = projectCopy('bp-verify-src-');
  cpSync(join(CORPUS, 'g7-2023-hiroshima-ai-process-leaders-statement.md'), join(project, 'source', 'g7-ai.md'));
  const r = runCli(['build', 'source', '--format', 'html,json,docx,xliff,po'], { cwd: project });
  expect(r.code, r.stderr).toBe(0);
}, 180_000);

describe('briefpack verify', () => {
  it('passes a fresh build: exit 0, every file checked, no problem', () => {
    const r = runCli(['verify'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(project, 'out', 'manifest.json'), 'utf8'));
    expect(r.stderr).toContain(`${manifest.artifacts.length} files checked: 0 errors, 0 warnings`);
  });

  it('catches one flipped byte', () => {
    const dir = outCopy();
    const path = join(dir, 'out', SEED, `${SEED}.docx`);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(path, bytes);
    const r = runCli(['verify', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`out/${SEED}/${SEED}.docx error Content does not match the manifest sha256 verify-hash`);
    expect(r.stderr).toMatch(/: 1 errors, 0 warnings/);
  });

  it('catches a missing file', () => {
    const dir = outCopy();
    rmSync(join(dir, 'out', 'g7-ai', 'g7-ai.html'));
    const r = runCli(['verify', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('out/g7-ai/g7-ai.html error Listed in the manifest but missing verify-missing');
  });

  it('catches an extra file', () => {
    const dir = outCopy();
    writeFileSync(join(dir, 'out', SEED, 'notes.txt'), 'not built by briefpack\n');
    const r = runCli(['verify', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`out/${SEED}/notes.txt error Present in the output folder but not in the manifest verify-extra`);
  });

  it('catches a changed size and a hand-edited manifest', () => {
    const dir = outCopy();
    writeFileSync(join(dir, 'out', 'g7-ai', 'g7-ai.json'), '{}\n');
    const manifestPath = join(dir, 'out', 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(JSON.parse(readFileSync(manifestPath, 'utf8'))));
    const r = runCli(['verify', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/out\/g7-ai\/g7-ai\.json error Size 3 bytes, manifest says \d+ verify-size/);
    expect(r.stderr).toContain('out/manifest.json error Not in the sorted form briefpack writes (edited by hand?) verify-manifest');
  });

  it('flags a source changed since the build (stale), and skips sources with --no-sources', () => {
    const dir = outCopy();
    writeFileSync(join(dir, 'source', 'g7-ai.md'), readFileSync(join(dir, 'source', 'g7-ai.md'), 'utf8') + '\nOne more sentence.\n');
    const r = runCli(['verify', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error Source source/g7-ai.md changed since this file was built (stale) verify-source');
    expect(runCli(['verify', 'out', '--no-sources'], { cwd: dir }).code).toBe(0);
  });

  it('fails without a manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-verify-empty-'));
    const r = runCli(['verify', 'nothing-here'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No readable manifest.json verify-manifest');
  });
});

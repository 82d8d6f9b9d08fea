/**
 * Issue 18, acceptance 3: one source to one file, as pandoc does.
 * `briefpack build x.md -o x.pdf` writes exactly that file (the format from
 * its extension; no folder, no manifest); `briefpack build - -f html -o -`
 * reads standard input and writes standard output; a source with an error
 * writes nothing and exits 1.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { CLI, SEED } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { generateDeclaration } from '../helpers/generate.js';

const TITLE = 'Digital and AI Transition for the Prosperity and Sustainable Growth of All';

function stdinCli(args: string[], input: Buffer | string, cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout as Buffer, stderr: r.stderr.toString('utf8') };
}

describe('single files and standard streams', () => {
  it('build x.md -o x.pdf writes that file only; -o x.docx and -o x.html likewise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-single-'));
    try {
      cpSync(SEED, join(dir, 'x.md'));
      for (const ext of ['pdf', 'docx', 'html']) {
        const r = runCli(['build', 'x.md', '-o', `x.${ext}`], { cwd: dir, timeout: 300_000 });
        expect(r.code, r.stderr).toBe(0);
      }
      expect(readdirSync(dir).sort()).toEqual(['x.docx', 'x.html', 'x.md', 'x.pdf']);
      expect(readFileSync(join(dir, 'x.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(strFromU8(unzipSync(readFileSync(join(dir, 'x.docx')))['word/document.xml'])).toContain('Digital and AI Transition');
      expect(readFileSync(join(dir, 'x.html'), 'utf8')).toContain(`<title>${TITLE}</title>`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('build - -f html -o - reads standard input and writes the page to standard output, nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-stdin-'));
    try {
      const r = stdinCli(['build', '-', '-f', 'html', '-o', '-'], readFileSync(SEED), dir);
      expect(r.code, r.stderr).toBe(0);
      const page = r.stdout.toString('utf8');
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(page).toContain(`<title>${TITLE}</title>`);
      expect(readdirSync(dir)).toEqual([]);
      // A binary format to standard output: the bytes of the file.
      const pdf = stdinCli(['build', '-', '-f', 'pdf', '-o', '-'], readFileSync(SEED), dir);
      expect(pdf.code, pdf.stderr).toBe(0);
      expect(pdf.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('a source with an error writes nothing, says where, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-single-bad-'));
    try {
      writeFileSync(join(dir, 'bad.md'), '---\ndate: yesterday\n---\n# T\n\n1. We commit to trade.\n');
      const r = runCli(['build', 'bad.md', '-o', 'bad.pdf'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/bad\.md:2:7 error .* front-matter-type/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
      const piped = stdinCli(['build', '-', '-f', 'html', '-o', '-'], '---\ndate: yesterday\n---\n# T\n', dir);
      expect(piped.code).toBe(1);
      expect(piped.stdout.length).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a source over 1 MB is built in a worker under the heap cap: out of heap is a diagnostic, not a crash', async () => {
    const { ISOLATE_BYTES } = await import('../../src/project/pool.js');
    const dir = mkdtempSync(join(tmpdir(), 'bp-single-large-'));
    try {
      const text = generateDeclaration({ bytes: ISOLATE_BYTES + 50_000, seed: 3 });
      writeFileSync(join(dir, 'big.md'), text);
      // A worker cap far too small, and a main thread with less than twice it (88 MB) to build it in instead.
      const starved = runCli(['build', 'big.md', '-o', 'big.html', '--quiet'], {
        cwd: dir,
        env: { BRIEFPACK_WORKER_HEAP_MB: '48', NODE_OPTIONS: '--max-old-space-size=40' },
      });
      expect(starved.code, starved.stderr).toBe(1);
      expect(starved.stderr).toMatch(/^big\.md error Building this document ran out of memory \(heap limit 48 MB\).* input-too-large$/m);
      expect(starved.stderr).not.toMatch(/FATAL ERROR|\n\s+at |Native stack/);
      expect(readdirSync(dir)).toEqual(['big.md']);
      // With the default caps it builds, in the worker, to the one file.
      const built = runCli(['build', 'big.md', '-o', 'big.html', '--quiet'], { cwd: dir, timeout: 300_000 });
      expect(built.code, built.stderr).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['big.html', 'big.md']);
      const lastWords = text.trim().split('\n').pop()!.split(/\s+/).slice(-4, -1).join(' ');
      expect(readFileSync(join(dir, 'big.html'), 'utf8')).toContain(lastWords);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

/**
 * Issue 18, acceptance 2: nothing destructive. A full build, then a narrower
 * one (`-f html`), one for a language that has no translation (`--lang de`),
 * and one that fails (`--min-translated 100`): every artifact of the first
 * build is still there, byte for byte where the later builds did not write
 * it, and `briefpack verify` passes after each step.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { listFiles, projectCopy } from '../helpers/out-tree.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('builds never remove another artifact', () => {
  it('build, build -f html, build --lang de, then a failing --min-translated: every earlier artifact stays, verify passes', () => {
    const dir = projectCopy('bp-keep-');
    const out = join(dir, 'out');
    const full = runCli(['build', 'source'], { cwd: dir, timeout: 300_000 });
    expect(full.code, full.stderr).toBe(0);
    const first = new Map(listFiles(out).map((f) => [f, sha(join(out, f))]));
    // The full build wrote the translated packs too.
    expect([...first.keys()].some((f) => /\.ko\.pdf$/.test(f))).toBe(true);
    const verify = () => {
      const r = runCli(['verify'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
    };
    verify();

    const steps: Array<{ args: string[]; code: number; wrote: RegExp }> = [
      // Rewrites the HTML only (cached documents are not even rewritten).
      { args: ['build', 'source', '-f', 'html'], code: 0, wrote: /\.html$/ },
      // No German translation: an info, and nothing of the other languages goes.
      { args: ['build', 'source', '--lang', 'de'], code: 0, wrote: /\.(html|pdf|docx|json|xlf|pot)$/ },
      // The translations are not complete: the build fails, and still removes nothing.
      { args: ['build', 'source', '--min-translated', '100', '--no-cache'], code: 1, wrote: /\.(html|pdf|docx|json|xlf|pot)$/ },
    ];
    for (const step of steps) {
      const r = runCli(step.args, { cwd: dir, timeout: 300_000 });
      expect(r.code, `${step.args.join(' ')}\n${r.stderr}`).toBe(step.code);
      const now = new Set(listFiles(out));
      for (const [file, hash] of first) {
        expect(now.has(file), `${file} after ${step.args.join(' ')}`).toBe(true);
        // What the step did not write is byte-identical; what it wrote is the same build again.
        if (!step.wrote.test(file)) expect(sha(join(out, file)), file).toBe(hash);
      }
      verify();
    }
  }, 600_000);
});

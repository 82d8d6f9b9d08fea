/**
 * `check` and `build` agree: for every fixture (and, in bad-input.test.ts,
 * every hostile input), `briefpack check` prints exactly the diagnostics
 * that `briefpack build` prints, and exits the same way. Both run the same
 * stages up to rendering (src/project/build-document.ts); renderers report
 * only render failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { relativeTo, spawnCollect, type JsonDiagnostic } from '../helpers/bad-inputs.js';
import { privateDist, type PrivateDist } from '../helpers/private-dist.js';

const fixtures = readdirSync(FIXTURES).sort();

describe('check and build print the same diagnostics', () => {
  let dist: PrivateDist;
  beforeAll(() => {
    dist = privateDist();
  }, 1_200_000);
  afterAll(() => dist?.remove());

  it.each(fixtures)('%s', async (name) => {
    const work = mkdtempSync(join(tmpdir(), `bp-check-build-${name}-`));
    try {
      cpSync(join(FIXTURES, name), work, { recursive: true });
      const env = { ...process.env, CI: 'true', GITHUB_ACTIONS: '' };
      const run = (args: string[]) => spawnCollect(process.execPath, [dist.cli, ...args, '--reporter', 'json'], { cwd: work, env, timeoutMs: 300_000 });
      const sources = readdirSync(work).filter((f) => f.endsWith('.md'));
      const built = await run(['build', ...sources, '--no-cache', '--out', 'out']);
      const checked = await run(['check', ...sources]);
      const list = (stdout: string) =>
        (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics
          .map((d) => `${relativeTo(work, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)
          .sort();
      expect(list(checked.stdout), checked.stderr).toEqual(list(built.stdout));
      expect(checked.code).toBe(built.code);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

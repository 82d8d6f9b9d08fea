/**
 * A private copy of dist/ for tests that run the CLI many times over minutes
 * (the bad-input corpus, the kill test, the no-network test). dist/ is
 * rebuilt by every test run's global setup; when several people share one
 * checkout, a rebuild in the middle of a long test mixes old and new
 * modules ("does not provide an export named …"). The copy lives under
 * node_modules/.cache/ so that briefpack still finds its package root
 * (templates/, data/) and its dependencies by walking up.
 *
 * The copy is smoke-tested (a one-page build must succeed) and taken again
 * when it caught dist/ half-written.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI, ROOT } from './paths.js';

const SMOKE = '---\ntitle: Smoke\n---\n\n## Text\n\n1. We commit to cooperation.\n';

export interface PrivateDist {
  /** dist/cli/main.js of the copy. */
  cli: string;
  remove(): void;
}

export function privateDist(): PrivateDist {
  const parent = join(ROOT, 'node_modules', '.cache', 'briefpack-test-dist');
  mkdirSync(parent, { recursive: true });
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const dir = mkdtempSync(join(parent, `${process.pid}-`));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    const cli = join(dir, 'dist', 'cli', 'main.js');
    const work = mkdtempSync(join(dir, 'smoke-'));
    writeFileSync(join(work, 'smoke.md'), SMOKE);
    const r = spawnSync(process.execPath, [cli, 'build', 'smoke.md', '--out', 'out', '--no-cache', '--quiet'], {
      cwd: work,
      encoding: 'utf8',
      timeout: 180_000,
    });
    rmSync(work, { recursive: true, force: true });
    if (r.status === 0) return { cli, remove: () => rmSync(dir, { recursive: true, force: true }) };
    lastError = `${r.stderr}${r.stdout}`;
    rmSync(dir, { recursive: true, force: true });
    // dist/ is being rebuilt: give the other run time to finish.
    spawnSync('sleep', ['5']);
  }
  // Use dist/ itself rather than fail: the tests will show what is wrong.
  process.stderr.write(`private dist copy failed its smoke build 5 times; using dist/ (${lastError.slice(0, 300)})\n`);
  return { cli: CLI, remove: () => {} };
}

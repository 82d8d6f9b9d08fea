import { execFileSync } from 'node:child_process';

/**
 * Tests that run the CLI use dist/: compile it once per test run.
 * BRIEFPACK_SKIP_BUILD=1 skips it (in-process tests only, while dist/ is being reworked).
 */
export default function setup(): void {
  if (process.env.BRIEFPACK_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The command line as users run it: bundled (scripts/bundle-cli.mjs).
  execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { stdio: 'inherit' });
}

import { execFileSync } from 'node:child_process';

/** Tests that run the CLI use dist/: compile it once per test run. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

/**
 * The example GitHub Actions workflow (.github/workflows/packs.yml) is valid
 * YAML, shards the build over a matrix, verifies, packs and uploads, merges
 * the shards in a second job, and calls only commands and options briefpack has.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix: { shard?: number[]; node?: number[] } };
  steps: Step[];
}

const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'packs.yml'), 'utf8')) as { on: unknown; jobs: Record<string, Job> };

/** Every `node dist/cli/main.js <command> …` line of a job. */
function briefpackCalls(job: Job): string[][] {
  return job.steps
    .flatMap((s) => (s.run ?? '').split('\n'))
    .map((line) => /node dist\/cli\/main\.js (.*)$/.exec(line.trim())?.[1])
    .filter((x): x is string => Boolean(x))
    .map((args) => args.split(/\s+/));
}

describe('.github/workflows/packs.yml', () => {
  it('is valid YAML with a build matrix of 4 shards and a release job after it', () => {
    expect(workflow.on).toBeTruthy();
    expect(workflow.jobs.build.strategy?.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(workflow.jobs.release.needs).toBe('build');
  });

  it('runs the unit suite on Node 20 and 22', () => {
    expect(workflow.jobs.test.strategy?.matrix.node).toEqual([20, 22]);
    expect(workflow.jobs.test.steps.map((s) => s.run)).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
  });

  it('shard jobs: npm ci, build the shard with --reporter github, verify, pack, upload', () => {
    const job = workflow.jobs.build;
    const runs = job.steps.map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    const calls = briefpackCalls(job);
    const build = calls.find((c) => c[0] === 'build')!;
    expect(build.join(' ')).toContain('--shard ${{ matrix.shard }}/4');
    expect(build).toContain('--reporter');
    expect(build[build.indexOf('--reporter') + 1]).toBe('github');
    expect(calls.map((c) => c[0])).toEqual(['build', 'verify', 'pack']);
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.name)).toBe('packs-shard-${{ matrix.shard }}');
    expect(String(upload?.with?.path)).toContain('!out/.cache/');
  });

  it('release job: download the shards, merge, verify, pack, upload', () => {
    const job = workflow.jobs.release;
    expect(job.steps.some((s) => s.uses?.startsWith('actions/download-artifact@') && s.with?.pattern === 'packs-shard-*')).toBe(true);
    expect(briefpackCalls(job).map((c) => c[0])).toEqual(['merge', 'verify', 'pack']);
    expect(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('uses only commands and options that briefpack has', () => {
    const calls = [...briefpackCalls(workflow.jobs.build), ...briefpackCalls(workflow.jobs.release)];
    for (const [command, ...args] of calls) {
      const help = runCli([command, '--help']);
      expect(help.code, command).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help.stdout, `${command} ${flag}`).toContain(flag);
    }
  });
});

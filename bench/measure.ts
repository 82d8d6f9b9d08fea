/** Whole-process timing and peak memory for the benchmark, via GNU time when present. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Run {
  ms: number;
  /** Peak resident set size in MB (null when GNU time is absent). */
  rssMb: number | null;
  /** User + system CPU time in ms (null when GNU time is absent). */
  cpuMs?: number | null;
  code: number;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Run a command once, measuring wall time and peak RSS. */
export function runOnce(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const started = process.hrtime.bigint();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '%M %U %S', command, ...args], { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const [kb, user, system] = GNU_TIME ? (r.stderr ?? '').trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN, NaN];
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(0, 400)}`);
  const cpuMs = (user + system) * 1000;
  return { ms, rssMb: Number.isFinite(kb) ? kb / 1024 : null, cpuMs: Number.isFinite(cpuMs) ? cpuMs : null, code: r.status ?? -1 };
}

/** Median of several runs (time and RSS each). */
export function median(runs: Run[]): Run {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rss = runs.map((r) => r.rssMb).filter((x): x is number => x != null);
  const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x != null);
  return { ms: mid(runs.map((r) => r.ms)), rssMb: rss.length ? mid(rss) : null, cpuMs: cpu.length ? mid(cpu) : null, code: runs[0].code };
}

export function repeat(times: number, fn: () => Run): Run {
  const runs: Run[] = [];
  for (let i = 0; i < times; i++) runs.push(fn());
  return median(runs);
}

/** Run many commands with at most `jobs` at a time; total wall time and the largest peak RSS. */
export async function runParallel(commands: Array<[string, string[]]>, jobs: number): Promise<Run> {
  const started = process.hrtime.bigint();
  let peak: number | null = null;
  const queue = [...commands];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [command, args] = next;
      const peakKb = await new Promise<number | null>((resolve, reject) => {
        const child = GNU_TIME
          ? spawn(GNU_TIME, ['-f', '%M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
          : spawn(command, args, { stdio: 'ignore' });
        let err = '';
        child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve(GNU_TIME ? Number(err.trim().split('\n').pop()) : null) : reject(new Error(`${command} exited ${code}: ${err.slice(0, 300)}`)),
        );
      });
      if (peakKb != null && Number.isFinite(peakKb)) peak = Math.max(peak ?? 0, peakKb / 1024);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rssMb: peak, code: 0 };
}

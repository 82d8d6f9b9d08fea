/** Temporary project folders for CLI builds, and the files a build leaves in them. */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { CLI, ROOT } from './paths.js';
import type { CliResult } from './run-cli.js';

/** A fresh temporary folder holding copies of the repository's source/ and translations/ (when present). */
export function projectCopy(prefix = 'bp-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'source'), join(dir, 'source'), { recursive: true });
  if (existsSync(join(ROOT, 'translations'))) cpSync(join(ROOT, 'translations'), join(dir, 'translations'), { recursive: true });
  return dir;
}

/** Every file under `dir`, relative with forward slashes, sorted; the cache folder only when asked. */
export function listFiles(dir: string, options: { cache?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (d === dir && entry.name === '.cache' && !options.cache) continue;
        walk(path);
      } else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** The built CLI in a child process, without blocking the test runner (several builds can run at once). */
export function runCliAsync(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/**
 * `briefpack watch` and `serve` without a browser: a long-lived process sees
 * an edited template (the asset hash and the renderers' caches are not kept
 * across rebuilds), ignores its own output folder, and `serve` reports a
 * taken port as a usage error instead of crashing.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from '../helpers/paths.js';
import { projectCopy } from '../helpers/out-tree.js';
import { runCli } from '../helpers/run-cli.js';

const SEED = 'apec-2025-digital-ai-ministerial';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode == null) child.kill('SIGTERM');
});

/** Start a command and return a function that waits for the n-th line matching `pattern` on stderr. */
function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stderr!.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
    for (const w of waiters.splice(0)) w();
  });
  const count = (pattern: RegExp) => (stderr.match(new RegExp(pattern.source, 'gm')) ?? []).length;
  const waitFor = (pattern: RegExp, n: number, timeoutMs = 150_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} x${n}:\n${stderr}`)), timeoutMs);
      const check = () => {
        if (count(pattern) >= n) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { child, waitFor, count, stderr: () => stderr };
}

describe('briefpack watch', () => {
  it('rebuilds every document after an edit to a --templates file, and only once per edit', async () => {
    const dir = projectCopy('bp-watch-');
    mkdirSync(join(dir, 'tpl'));
    const cover = readFileSync(join(ROOT, 'templates', 'html', 'cover.hbs'), 'utf8');
    writeFileSync(join(dir, 'tpl', 'cover.hbs'), cover);
    const w = start(['watch', 'source', '--templates', 'tpl', '--format', 'html', '--jobs', '1'], dir);
    await w.waitFor(/^watching for changes/, 1);
    writeFileSync(join(dir, 'tpl', 'cover.hbs'), cover.replace('<header class="cover">', '<header class="cover"><p>Edited while watching</p>'));
    await w.waitFor(/^watching for changes/, 2);
    expect(readFileSync(join(dir, 'out', SEED, `${SEED}.html`), 'utf8')).toContain('Edited while watching');
    expect(w.count(/^1 built, 0 up to date/)).toBe(2);
    // Writing out/ must not trigger another build.
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.count(/^watching for changes/)).toBe(2);
  }, 300_000);

  it('watches a folder that also holds the output folder without rebuilding in a loop', async () => {
    const dir = projectCopy('bp-watch-loop-');
    const w = start(['watch', 'source', '--out', 'source/out', '--format', 'json', '--jobs', '1'], dir);
    await w.waitFor(/^watching for changes/, 1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(w.count(/^watching for changes/)).toBe(1);
  }, 200_000);
});

describe('briefpack serve', () => {
  it('reports a taken port as a usage error (exit 2) and exits', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = runCli(['serve', 'source', '--port', String(port)], { cwd: projectCopy('bp-serve-port-'), timeout: 30_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`briefpack: cannot listen on port ${port} (EADDRINUSE); choose another with --port, or --port 0 for a free one`);
    } finally {
      blocker.close();
    }
  });

  it('rejects a port that is not a number', () => {
    const r = runCli(['serve', '--port', 'http'], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port takes a number from 0 to 65535');
  });
});

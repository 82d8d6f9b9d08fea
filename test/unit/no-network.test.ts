/**
 * No network: a full build (every format, the Korean pack from
 * translations/ko included, in the main thread and in worker threads) runs
 * with socket creation and name resolution trapped by a preload
 * (test/helpers/no-network.cjs), and makes no attempt. A control run first
 * proves the trap catches each way out, in the main thread and in a worker.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { NO_NETWORK } from '../helpers/bad-inputs.js';
import { privateDist, type PrivateDist } from '../helpers/private-dist.js';

const ID = 'apec-2025-digital-ai-ministerial';

function attempts(log: string): Array<{ api: string; target: string; thread: number }> {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
}

describe('no network', () => {
  let work: string;
  let dist: PrivateDist;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'briefpack-no-network-'));
    dist = privateDist();
  }, 600_000);
  afterAll(() => {
    dist?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('the trap catches every way out, in the main thread and in worker threads', () => {
    const log = join(work, 'control.log');
    const script = join(work, 'control.mjs');
    writeFileSync(
      script,
      `
import net from 'node:net';
import tls from 'node:tls';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import { request } from 'node:https';
import { Worker, isMainThread } from 'node:worker_threads';
const tries = [
  () => net.connect(80, '192.0.2.1'),
  () => new net.Socket().connect(80, '192.0.2.1'),
  () => net.createConnection({ host: '192.0.2.1', port: 80 }),
  () => tls.connect(443, '192.0.2.1'),
  () => dgram.createSocket('udp4'),
  () => dns.lookup('example.org', () => {}),
  () => dns.promises.lookup('example.org'),
  () => http.get('http://192.0.2.1/'),
  () => request('https://192.0.2.1/'),
];
let thrown = 0;
for (const attempt of tries) {
  try { await attempt(); } catch { thrown++; }
}
try { await fetch('https://192.0.2.1/'); } catch { thrown++; }
console.log(JSON.stringify({ main: isMainThread, thrown }));
if (isMainThread) new Worker(new URL(import.meta.url));
`,
    );
    const r = spawnSync(process.execPath, ['--require', NO_NETWORK, script], {
      env: { ...process.env, BRIEFPACK_NET_LOG: log },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { main: true, thrown: 10 },
      { main: false, thrown: 10 },
    ]);
    const seen = attempts(log);
    const apis = (thread: 'main' | 'worker') => [...new Set(seen.filter((a) => (a.thread === 0) === (thread === 'main')).map((a) => a.api))].sort();
    const expected = [
      'dgram.createSocket',
      'dns.lookup',
      'dns.promises.lookup',
      'fetch',
      'http.get',
      'https.request',
      'net.Socket.connect',
      'net.connect',
      'net.createConnection',
      'tls.connect',
    ];
    expect(apis('main')).toEqual(expected);
    expect(apis('worker')).toEqual(expected);
  });

  it.each([
    ['in the main thread (one document)', [SEED], 1],
    ['in worker threads (the seed and a corpus text)', [SEED, join(CORPUS, 'quad-2024-wilmington-declaration.md')], 2],
  ] as const)(
    'a full build with the Korean pack makes no connection %s',
    (_, sources, jobs) => {
      const log = join(work, `build-${jobs}.log`);
      const out = join(work, `out-${jobs}`);
      const r = spawnSync(
        process.execPath,
        [
          '--require',
          NO_NETWORK,
          dist.cli,
          'build',
          ...sources,
          '--out',
          out,
          '--translations',
          join(ROOT, 'translations'),
          '--no-cache',
          '--jobs',
          String(jobs),
          '--reporter',
          'json',
        ],
        { cwd: ROOT, env: { ...process.env, BRIEFPACK_NET_LOG: log, CI: 'true', GITHUB_ACTIONS: '' }, encoding: 'utf8', timeout: 300_000 },
      );
      expect(attempts(log)).toEqual([]);
      expect(r.status, `${r.stderr}\n${r.stdout.slice(0, 2000)}`).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Array<{ path: string }> };
      const paths = manifest.artifacts.map((a) => a.path);
      for (const ext of ['json', 'html', 'pdf', 'docx', 'xlf', 'pot', 'ko.html', 'ko.pdf', 'ko.docx']) expect(paths).toContain(`${ID}/${ID}.${ext}`);
      console.log(`no-network build (${jobs} job${jobs > 1 ? 's' : ''}): ${paths.length} files, 0 connection attempts`);
    },
    600_000,
  );
});

/**
 * Issue 7, release bundle: `briefpack pack` writes the same zip bytes twice,
 * under different time zones, per corpus or per document, with the matching
 * manifest inside; and src/util/zip.ts stamps entries the same in every zone.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { unzipSync, strFromU8 } from 'fflate';
import { runCli } from '../helpers/run-cli.js';
import { CORPUS } from '../helpers/paths.js';
import { projectCopy } from '../helpers/out-tree.js';
import { dosFields } from '../../src/util/zip.js';

const SEED = 'apec-2025-digital-ai-ministerial';
let dir: string;

interface Entry {
  path: string;
  bytes: number;
  sha256: string;
}

function pack(args: string[], env: NodeJS.ProcessEnv = {}): Buffer {
  const target = `pack-${createHash('sha1')
    .update(JSON.stringify([args, env]))
    .digest('hex')
    .slice(0, 8)}.zip`;
  const r = runCli(['pack', 'out', ...args, '--output', target], { cwd: dir, env });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(dir, target));
}

/** DOS date and time of every central directory record. */
function entryStamps(zip: Uint8Array): Array<{ time: number; date: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    out.push({ time: view.getUint16(at + 12, true), date: view.getUint16(at + 14, true) });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

beforeAll(() => {
  dir = projectCopy('bp-pack-');
  cpSync(join(CORPUS, 'g7-2023-hiroshima-ai-process-leaders-statement.md'), join(dir, 'source', 'g7-ai.md'));
  const r = runCli(['build', 'source', '--format', 'html,json,docx,xliff,po'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
}, 180_000);

describe('briefpack pack', () => {
  it('writes the same bytes twice, in two time zones, with and without SOURCE_DATE_EPOCH', () => {
    const utc = pack([], { TZ: 'UTC', SOURCE_DATE_EPOCH: '' });
    expect(pack([], { TZ: 'Asia/Seoul', SOURCE_DATE_EPOCH: '' }).equals(utc)).toBe(true);
    const epoch = '1764547200'; // 2025-12-01T00:00:00Z
    const a = pack([], { TZ: 'UTC', SOURCE_DATE_EPOCH: epoch });
    expect(pack([], { TZ: 'Asia/Seoul', SOURCE_DATE_EPOCH: epoch }).equals(a)).toBe(true);
    // Midnight on the day Chile springs forward does not exist there: still the same bytes.
    const gap = String(Date.UTC(2023, 8, 3) / 1000);
    expect(pack([], { TZ: 'America/Santiago', SOURCE_DATE_EPOCH: gap }).equals(pack([], { TZ: 'UTC', SOURCE_DATE_EPOCH: gap }))).toBe(true);
    for (const stamp of entryStamps(a)) expect(stamp).toEqual(dosFields(Number(epoch)));
  });

  it('holds every file of the folder and the manifest, whose sizes and hashes match the entries', () => {
    const files = unzipSync(new Uint8Array(pack([])));
    const names = Object.keys(files);
    expect(names).toEqual([...names].sort());
    const inside = JSON.parse(strFromU8(files['manifest.json'])) as { artifacts: Entry[] };
    const outside = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { artifacts: Entry[] };
    expect(inside).toEqual(outside);
    expect(names.filter((n) => n !== 'manifest.json')).toEqual(inside.artifacts.map((a) => a.path));
    for (const a of inside.artifacts) {
      expect(files[a.path].length, a.path).toBe(a.bytes);
      expect(createHash('sha256').update(files[a.path]).digest('hex'), a.path).toBe(a.sha256);
    }
    expect(names).toContain(`${SEED}/${SEED}.docx`);
    expect(names.some((n) => n.startsWith('.cache'))).toBe(false);
  });

  it('--document packs one document with its part of the manifest', () => {
    const files = unzipSync(new Uint8Array(pack(['--document', 'g7-ai'])));
    const inside = JSON.parse(strFromU8(files['manifest.json'])) as { artifacts: Entry[] };
    expect(inside.artifacts.length).toBeGreaterThan(0);
    expect(inside.artifacts.every((a) => a.path.startsWith('g7-ai/'))).toBe(true);
    expect(Object.keys(files).sort()).toEqual(['manifest.json', ...inside.artifacts.map((a) => a.path)].sort());
    for (const a of inside.artifacts) expect(createHash('sha256').update(files[a.path]).digest('hex')).toBe(a.sha256);
  });

  it('writes briefpack-<id|packs>.zip next to the output folder by default', () => {
    expect(runCli(['pack', 'out'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'briefpack-packs.zip'))).toBe(true);
    expect(runCli(['pack', 'out', '--document', SEED], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, `briefpack-${SEED}.zip`))).toBe(true);
  });

  it('refuses an unknown document (exit 2) and a folder that does not match its manifest (exit 1)', () => {
    const unknown = runCli(['pack', 'out', '--document', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No document "nope"');
    const copy = projectCopy('bp-pack-bad-');
    cpSync(join(dir, 'out'), join(copy, 'out'), { recursive: true });
    writeFileSync(join(copy, 'out', 'g7-ai', 'g7-ai.json'), '{}\n');
    const bad = runCli(['pack', 'out', '--output', 'x.zip'], { cwd: copy });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('out/g7-ai/g7-ai.json does not match its manifest entry');
    expect(existsSync(join(copy, 'x.zip'))).toBe(false);
  });

  it.skipIf(spawnSync('unzip', ['-v']).status !== 0)('passes Info-ZIP unzip -t', () => {
    const zip = join(dir, 'briefpack-packs.zip');
    if (!existsSync(zip)) runCli(['pack', 'out'], { cwd: dir });
    const r = spawnSync('unzip', ['-t', zip], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No errors detected');
  });
});

describe('dosFields', () => {
  it('reads the epoch in UTC and packs it as DOS date and time', () => {
    const { time, date } = dosFields(Date.UTC(2025, 10, 1, 13, 45, 30) / 1000);
    expect(date).toBe(((2025 - 1980) << 9) | (11 << 5) | 1);
    expect(time).toBe((13 << 11) | (45 << 5) | 15);
    expect(dosFields(0)).toEqual({ time: 0, date: (0 << 9) | (1 << 5) | 1 });
  });
});

/**
 * The bad-input corpus (test/bad/, see its README.md): reading the cases,
 * generating the inputs that are not committed, and running one case as a
 * user would: `briefpack build` on the bad source and a good companion in
 * one run, with the network trapped and the peak memory measured.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { CLI, ROOT } from './paths.js';

export const BAD = join(ROOT, 'test', 'bad');
export const NO_NETWORK = join(ROOT, 'test', 'helpers', 'no-network.cjs');

export interface ExpectedDiagnostic {
  file: string;
  line: number | null;
  column: number | null;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
}

export interface BadCase {
  name: string;
  args: string[];
  env: Record<string, string>;
  generate: string | null;
  /** CPU seconds allowed (default 60). */
  limitSeconds: number;
  /** Why the case cannot pass yet (a bug in a file this work does not own); the case is skipped. */
  pending: string | null;
  companion: 'built' | 'failed' | 'absent';
  htmlHas: string[];
  htmlLacks: string[];
  expected: ExpectedDiagnostic[];
  /** 1 when an error is expected, else 0. */
  exitCode: 0 | 1;
}

/** `src/x.md:3:1 rule severity` or `src/x.md rule severity`. */
export function formatExpected(d: { file: string; line: number | null; column: number | null; ruleId: string | null; severity: string }): string {
  return `${d.file}${d.line != null ? `:${d.line}:${d.column ?? 1}` : ''} ${d.ruleId} ${d.severity}`;
}

export function parseExpected(name: string, text: string): BadCase {
  const c: BadCase = {
    name,
    args: [],
    env: {},
    generate: null,
    limitSeconds: 60,
    pending: null,
    companion: 'built',
    htmlHas: [],
    htmlLacks: [],
    expected: [],
    exitCode: 0,
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const header = /^#\s*([\w-]+):\s*(.*)$/.exec(line);
    if (header) {
      const [, key, value] = header;
      if (key === 'args') c.args.push(...value.split(/\s+/).filter(Boolean));
      else if (key === 'env')
        for (const pair of value.split(/\s+/).filter(Boolean)) c.env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
      else if (key === 'generate') c.generate = value;
      else if (key === 'pending') c.pending = value;
      else if (key === 'limit-seconds') c.limitSeconds = Number(value);
      else if (key === 'companion') c.companion = value as BadCase['companion'];
      else if (key === 'html-has') c.htmlHas.push(value);
      else if (key === 'html-lacks') c.htmlLacks.push(value);
      else if (key !== 'note') throw new Error(`${name}.expected: unknown header ${key}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^(\S+?)(?::(\d+):(\d+))? ([a-z0-9-]+) (error|warning|info)$/.exec(line);
    if (!m) throw new Error(`${name}.expected: cannot read "${line}"`);
    c.expected.push({
      file: m[1],
      line: m[2] ? Number(m[2]) : null,
      column: m[3] ? Number(m[3]) : null,
      ruleId: m[4],
      severity: m[5] as ExpectedDiagnostic['severity'],
    });
  }
  c.exitCode = c.expected.some((d) => d.severity === 'error') ? 1 : 0;
  return c;
}

export function loadCases(): BadCase[] {
  return readdirSync(BAD)
    .filter((f) => f.endsWith('.expected'))
    .sort()
    .map((f) => parseExpected(f.replace(/\.expected$/, ''), readFileSync(join(BAD, f), 'utf8')));
}

// --- generators: inputs too big, too odd or impossible to commit ----------

/** A 1×1 transparent PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export const DEEP = 10_000;
export const MANY_PARAGRAPHS = 100_000;

function paragraphs(count: number): string {
  const parts = ['---', `title: ${count} paragraphs`, '---', '', '## Text', ''];
  for (let i = 1; i <= count; i++) parts.push(`Paragraph ${i} says that we support cooperation.`, '');
  return parts.join('\n');
}

const generators: Record<string, (work: string, source: string) => void> = {
  'deep-bullets': (_, source) => writeFileSync(source, `# Deep bullets\n\n${'- '.repeat(DEEP)}deepest bullet words\n`),
  'deep-ordered': (_, source) => writeFileSync(source, `# Deep ordered list\n\n${'1. '.repeat(DEEP)}deepest ordered words\n`),
  'deep-quotes': (_, source) => writeFileSync(source, `# Deep quotes\n\n${'>'.repeat(DEEP)} deepest quoted words\n`),
  'deep-quotes-spaced': (_, source) => writeFileSync(source, `# Deep quotes\n\n${'> '.repeat(DEEP)}deepest quoted words\n`),
  'deep-mixed': (_, source) => writeFileSync(source, `# Deep mixed\n\n${'> - '.repeat(DEEP / 2)}deepest mixed words\n`),
  // Indentation nesting needs O(depth²) bytes: 2,000 levels is 4 MB.
  'deep-indented': (_, source) => {
    const lines = ['# Deep indented list', ''];
    for (let i = 0; i < 2000; i++) lines.push(`${' '.repeat(2 * i)}- level ${i + 1}`);
    writeFileSync(source, lines.join('\n') + '\n');
  },
  'deep-emphasis': (_, source) =>
    writeFileSync(source, `# Deep emphasis\n\n${'*a '.repeat(1000)}core${' a*'.repeat(1000)}\n\n${'[link '.repeat(1000)}core${'](u)'.repeat(1000)}\n`),
  'many-paragraphs': (_, source) => writeFileSync(source, paragraphs(MANY_PARAGRAPHS)),
  'ten-thousand-paragraphs': (_, source) => writeFileSync(source, paragraphs(10_000)),
  'too-large-limit': (_, source) => writeFileSync(source, `# Over the limit\n\n${'We commit to cooperation. '.repeat(200)}\n`),
  // Over the default limit of 20 MiB (20,971,520 bytes).
  'too-large-default': (_, source) => {
    const line = 'We commit to cooperation on digital trade and inclusive growth for all.\n\n';
    writeFileSync(source, `# Over the default limit\n\n${line.repeat(Math.ceil((21 * 1024 * 1024) / line.length))}`);
  },
  'symlink-outside': (work, source) => {
    mkdirSync(join(work, 'outside'), { recursive: true });
    writeFileSync(join(work, 'outside', 'secret.png'), TINY_PNG);
    symlinkSync(join('..', 'outside', 'secret.png'), join(work, 'src', 'escape.png'));
    symlinkSync('/etc', join(work, 'src', 'etc-link'));
    void source;
  },
  'out-under-file': (work, source) => {
    writeFileSync(join(work, 'blocker'), 'a regular file, not a folder\n');
    writeFileSync(source, '# Title\n\n## Text\n\n1. We commit to cooperation.\n');
  },
  'out-doc-folder-is-file': (work, source) => {
    mkdirSync(join(work, 'out'), { recursive: true });
    writeFileSync(join(work, 'out', 'out-doc-folder-is-file'), 'a regular file where the document folder should be\n');
    writeFileSync(source, '# Title\n\n## Text\n\n1. We commit to cooperation.\n');
  },
  'out-proc': (_, source) => writeFileSync(source, '# Title\n\n## Text\n\n1. We commit to cooperation.\n'),
};

export function hasGenerator(name: string): boolean {
  return name in generators;
}

// --- running a case ---------------------------------------------------------

export interface JsonDiagnostic {
  file: string;
  line: number | null;
  column: number | null;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
}

export interface CaseRun {
  work: string;
  out: string;
  source: string;
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  diagnostics: JsonDiagnostic[];
  /** Wall time of the build, ms. */
  ms: number;
  /** Peak resident set size of the build process (worker threads included), KiB. */
  rssKiB: number;
  /** CPU time of the build process (user + system, all threads), ms. */
  cpuMs: number;
  /** Network attempts the preload trapped. */
  network: string[];
  inputBytes: number;
}

/** Make the work folder of a case: src/<case>.md, the companion, the case folder's files, generated inputs. */
export function prepareCase(c: BadCase): { work: string; source: string } {
  const work = mkdtempSync(join(tmpdir(), `briefpack-bad-${c.name}-`));
  mkdirSync(join(work, 'src'), { recursive: true });
  const source = join(work, 'src', `${c.name}.md`);
  const file = join(BAD, `${c.name}.md`);
  const folder = join(BAD, c.name);
  if (existsSync(file)) cpSync(file, source);
  if (existsSync(folder) && statSync(folder).isDirectory()) cpSync(folder, work, { recursive: true });
  const fail = (message: string): never => {
    rmSync(work, { recursive: true, force: true });
    throw new Error(message);
  };
  if (c.generate) {
    const generate = generators[c.generate];
    if (!generate) fail(`${c.name}: no generator "${c.generate}"`);
    generate(work, source);
  }
  if (!existsSync(source)) fail(`${c.name}: no source (no ${c.name}.md, no ${c.name}/src/${c.name}.md, no generator)`);
  cpSync(join(BAD, 'companion.md'), join(work, 'src', 'companion.md'));
  return { work, source };
}

/** The environment of a case; a value naming something in the work folder (a fonts folder) is made absolute. */
export function caseEnv(c: BadCase, work: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.env)) env[k] = existsSync(join(work, v)) ? resolve(work, v) : v;
  return env;
}

/** A diagnostic's file as the user sees it from the work folder. */
export function relativeTo(work: string, file: string): string {
  const absolute = resolve(work, file);
  const rel = relative(work, absolute);
  return rel.startsWith('..') ? absolute : rel || file;
}

export async function runCase(c: BadCase, options: { timeoutMs?: number; cli?: string } = {}): Promise<CaseRun> {
  const { work, source } = prepareCase(c);
  const netLog = join(work, 'network.log');
  const rssFile = join(work, 'rss.txt');
  const env = caseEnv(c, work);
  const outArg = c.args.indexOf('--out');
  const out = outArg >= 0 ? resolve(work, c.args[outArg + 1]) : join(work, 'out');
  const args = [
    '--require',
    NO_NETWORK,
    options.cli ?? CLI,
    'build',
    'src',
    '--no-cache',
    '--reporter',
    'json',
    ...(outArg >= 0 ? [] : ['--out', 'out']),
    ...c.args,
  ];
  const started = performance.now();
  const r = await spawnCollect(process.execPath, args, {
    cwd: work,
    env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '', BRIEFPACK_DEBUG: '', BRIEFPACK_NET_LOG: netLog, BRIEFPACK_RSS_FILE: rssFile, ...env },
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  const ms = Math.round(performance.now() - started);
  let diagnostics: JsonDiagnostic[] = [];
  try {
    diagnostics = (JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  } catch {
    /* the test reports the raw output */
  }
  // Paths as the user sees them from the work folder.
  diagnostics = diagnostics.map((d) => ({ ...d, file: relativeTo(work, d.file) }));
  return {
    work,
    out,
    source,
    code: r.code,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    diagnostics,
    ms,
    ...usageOf(rssFile),
    network: existsSync(netLog) ? readFileSync(netLog, 'utf8').split('\n').filter(Boolean) : [],
    inputBytes: statSync(source).size,
  };
}

function usageOf(file: string): { rssKiB: number; cpuMs: number } {
  try {
    const u = JSON.parse(readFileSync(file, 'utf8')) as { maxRSS: number; cpuMs: number };
    return { rssKiB: u.maxRSS, cpuMs: u.cpuMs };
  } catch {
    return { rssKiB: Number.NaN, cpuMs: Number.NaN };
  }
}

export interface Collected {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Run a command to its end without blocking this process (so cases can run side by side). */
export function spawnCollect(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Collected> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** Every file under a folder, as paths relative to it (the cache folder left out). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (d === dir && entry.name === '.cache') continue;
        walk(path);
      } else out.push(relative(dir, path));
    }
  };
  if (existsSync(dir) && statSync(dir).isDirectory()) walk(dir);
  return out.sort();
}

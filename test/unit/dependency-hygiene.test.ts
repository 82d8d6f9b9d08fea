/**
 * Dependency hygiene:
 * - `npm audit --omit=dev` reports no high or critical advisory (skipped,
 *   with the reason printed, when the registry's audit service cannot be
 *   reached);
 * - handlebars is at least 4.7.9 (prototype-pollution and template
 *   injection fixes);
 * - pdfmake's URL and local-file access policies are on: the PDF renderer
 *   sets both, and pdfmake refuses a remote image and a local file outside
 *   the font folders without fetching or reading anything.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { ROOT } from '../helpers/paths.js';
import { FontSet, layoutPdf } from '../../src/render/pdf/index.js';
import type { DocDefinition } from '../../src/render/pdf/index.js';

function atLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.+-]/).slice(0, 3).map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  return true;
}

describe('dependency hygiene', () => {
  afterEach(() => vi.restoreAllMocks());

  it('npm audit --omit=dev: no high or critical advisory', (ctx) => {
    const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    let report: {
      vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
      metadata?: { vulnerabilities?: Record<string, number> };
      error?: unknown;
      message?: string;
    } = {};
    try {
      report = JSON.parse(r.stdout);
    } catch {
      /* no JSON: no answer from the registry */
    }
    if (!report.metadata?.vulnerabilities) {
      const reason = report.message ?? (r.error ? String(r.error) : (`${r.stderr}`.split('\n').find((l) => l.trim()) ?? 'no answer'));
      console.log(`npm audit skipped: the registry's audit service could not be reached (${reason})`);
      ctx.skip();
      return;
    }
    const counts = report.metadata.vulnerabilities;
    const serious = Object.entries(report.vulnerabilities ?? {})
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity})`);
    console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
    expect(serious).toEqual([]);
    expect((counts.high ?? 0) + (counts.critical ?? 0)).toBe(0);
  }, 180_000);

  it('handlebars is at least 4.7.9', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'handlebars', 'package.json'), 'utf8')) as { version: string };
    expect(atLeast(installed.version, '4.7.9'), `handlebars ${installed.version}`).toBe(true);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path.endsWith('node_modules/handlebars')) expect(atLeast(entry.version, '4.7.9'), `${path} ${entry.version}`).toBe(true);
    }
  });

  it('the PDF renderer turns both pdfmake access policies on', () => {
    const dir = join(ROOT, 'src', 'render', 'pdf');
    const code = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(code).toMatch(/setUrlAccessPolicy\(\s*\(\)\s*=>\s*false\s*\)/);
    expect(code).toMatch(/setLocalAccessPolicy\(/);
  });

  it('pdfmake refuses a remote image and a local file, fetching and reading nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const fonts = new FontSet(new VFile({ path: 'policy.md' }));
    const font = fonts.family('NotoSerif');
    // A running header and footer as the renderer's own definitions have (layoutPdf expects them).
    const frame = { styles: {}, header: () => null, footer: () => null, defaultStyle: { font } };
    const remote = { ...frame, images: { chart: 'https://example.org/chart.png' }, content: [{ text: 'x' }, { image: 'chart' }] } as unknown as DocDefinition;
    await expect(layoutPdf(remote, fonts)).rejects.toThrow(/Access to URL denied by resource access policy/);
    const local = { ...frame, content: [{ text: 'x' }, { image: '/etc/hostname' }] } as unknown as DocDefinition;
    await expect(layoutPdf(local, fonts)).rejects.toThrow(/Access to local file denied by resource access policy/);
    expect(fetchSpy).not.toHaveBeenCalled();
    // The same document without the images lays out: the refusals above were the policies.
    const plain = { ...frame, content: [{ text: 'x' }] } as unknown as DocDefinition;
    expect((await layoutPdf(plain, fonts)).length).toBeGreaterThan(1000);
  });
});

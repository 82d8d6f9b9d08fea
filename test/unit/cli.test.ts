/** The command line as a user meets it: diagnostics, exit codes, reporters, help. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/run-cli.js';

function tempSource(name: string, text: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bp-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return { dir, path };
}

describe('briefpack check', () => {
  it('prints file:line:column, severity, message and rule id for a broken source, and exits 1', () => {
    const { dir } = tempSource('broken.md', '---\ntitle: "ok"\ndate: [2025\n---\n\n1. We note.\n');
    const r = runCli(['check', 'broken.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^broken\.md:3:\d+ error Front matter is not valid YAML.* front-matter-yaml$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('warnings alone exit 0; --strict makes them fail', () => {
    const { dir } = tempSource('gap.md', '---\ntitle: Gap\n---\n\n1. We note.\n\n## Next\n\n3. We note again.\n');
    const r = runCli(['check', 'gap.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('gap.md:9:1 warning Paragraph 3 follows 1 numbering-gap');
    expect(runCli(['check', '--strict', 'gap.md'], { cwd: dir }).code).toBe(1);
  });

  it('points a duplicate paragraph number at the second paragraph', () => {
    const { dir } = tempSource('dup.md', '# Dup\n\n## A\n\n1. We note.\n\n## B\n\n1. We note again.\n');
    const r = runCli(['check', 'dup.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dup.md:9:1 error Paragraph number 1 is used twice (first at line 5) numbering-duplicate');
  });

  it('--reporter json gives the same diagnostics as JSON', () => {
    const { dir } = tempSource('gap.md', '# Gap\n\n1. We note.\n\n5. We note.\n');
    const r = runCli(['check', '--reporter', 'json', 'gap.md'], { cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.diagnostics).toContainEqual(expect.objectContaining({ file: 'gap.md', line: 5, column: 1, severity: 'warning', ruleId: 'numbering-gap' }));
  });

  it('--reporter github prints workflow annotations', () => {
    const { dir } = tempSource('gap.md', '# Gap\n\n1. We note.\n\n5. We note.\n');
    const r = runCli(['check', '--reporter', 'github', 'gap.md'], { cwd: dir });
    expect(r.stdout).toContain('::warning file=gap.md,line=5,col=1');
    expect(r.stdout).toContain('title=numbering-gap::Paragraph 5 follows 1');
  });

  it('reports missing title, unknown keys and an empty document', () => {
    const { dir } = tempSource('untitled-note.md', '---\nfoo: 1\n---\n\n');
    const r = runCli(['check', 'untitled-note.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('untitled-note.md:2:1 warning Unknown front-matter key "foo"');
    expect(r.stderr).toMatch(/untitled-note\.md:1:1 error The document has no text empty-document/);
    expect(r.stderr).toMatch(/missing-title/);
  });
});

describe('briefpack build', () => {
  it('builds good documents and reports bad ones, exit 1, nothing written for the bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-build-'));
    writeFileSync(join(dir, 'good.md'), '# Good\n\n1. We note progress.\n');
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: [\n---\n\n1. We note.\n');
    const r = runCli(['build', '.', '--format', 'json', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.md:2:\d+ error .* front-matter-yaml/);
    expect(existsSync(join(dir, 'out', 'good', 'good.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'bad'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.map((a: { path: string }) => a.path)).toEqual(['good/good.json']);
  });

  it('rejects an unknown format with a usage error and exit 2', () => {
    const r = runCli(['build', '--format', 'rtf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown format "rtf"');
  });

  it('every command has --help', () => {
    for (const command of ['build', 'check', 'extract', 'verify', 'pack', 'watch', 'serve']) {
      const r = runCli([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout).toContain(`Usage: briefpack ${command}`);
    }
  });
});

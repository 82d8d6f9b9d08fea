/**
 * Issue 12, acceptance: one pipeline in layers, and a library API.
 *
 * (1) The layer lint (`npm run lint` runs dependency-cruiser with
 * `.dependency-cruiser.cjs`) rejects an import that points up or sideways:
 * the repository's rules are run on tiny fake `src/` trees in a temporary
 * folder, and on the real tree, which passes.
 *
 * (2) The built package is importable as package.json `exports` says: a
 * temporary folder gets node_modules/briefpack as a link to the repository,
 * and a plain Node ES module imports `briefpack`, finds every export that
 * src/index.ts declares, and builds and renders the seed through the public
 * API only, giving the bytes `briefpack build` writes. A TypeScript consumer
 * type-checks against the declared `types`.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, SEED } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const SEED_ID = 'apec-2025-digital-ai-ministerial';

function run(command: string, args: string[], cwd: string, timeout = 120_000): { code: number; output: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** A temporary folder with the repository's layer rules, a tsconfig and the given files of a fake src/ tree. */
function fakeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-layers-'));
  copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const depcruise = (cwd: string) => run(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs'], cwd);

describe('the layer lint (dependency-cruiser)', () => {
  it('rejects an upward import: src/model importing src/render/html', () => {
    const dir = fakeTree({
      'src/model/a.ts': "import { b } from '../render/html/b.js';\nexport const a = b + 1;\n",
      'src/render/html/b.ts': 'export const b = 1;\n',
    });
    const r = depcruise(dir);
    expect(r.code, r.output).not.toBe(0);
    expect(r.output).toMatch(/error model-imports-downward: src\/model\/a\.ts → src\/render\/html\/b\.ts/);
  });

  it('rejects a sideways import between siblings (render and l10n) and between two renderers', () => {
    const dir = fakeTree({
      'src/render/html/page.ts': "import { po } from '../../l10n/po/po.js';\nexport const page = po;\n",
      'src/render/pdf/doc.ts': "import { page } from '../html/page.js';\nexport const doc = page;\n",
      'src/l10n/po/po.ts': 'export const po = 1;\n',
    });
    const r = depcruise(dir);
    expect(r.code, r.output).not.toBe(0);
    expect(r.output).toMatch(/error render-imports-downward: src\/render\/html\/page\.ts → src\/l10n\/po\/po\.ts/);
    expect(r.output).toMatch(/error renderers-apart: src\/render\/pdf\/doc\.ts → src\/render\/html\/page\.ts/);
  });

  it('rejects test code imported from src/', () => {
    const dir = fakeTree({
      'src/util/x.ts': "import { h } from '../../test/helpers/h.js';\nexport const x = h;\n",
      'test/helpers/h.ts': 'export const h = 1;\n',
    });
    const r = depcruise(dir);
    expect(r.code, r.output).not.toBe(0);
    expect(r.output).toMatch(/error no-test-code-in-src: src\/util\/x\.ts → test\/helpers\/h\.ts/);
  });

  it('accepts downward imports (the same temporary setup, so the failures above are the rules)', () => {
    const dir = fakeTree({
      'src/render/html/b.ts': "import { a } from '../../model/a.js';\nimport { u } from '../../util/u.js';\nexport const b = a + u;\n",
      'src/model/a.ts': "import { u } from '../util/u.js';\nexport const a = u;\n",
      'src/util/u.ts': 'export const u = 1;\n',
    });
    const r = depcruise(dir);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/no dependency violations found \(3 modules, 3 dependencies cruised\)/);
  });

  it('passes the real tree', () => {
    const r = depcruise(ROOT);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/no dependency violations found \(\d+ modules/);
  });
});

/** The runtime (not `type`) names that src/index.ts re-exports. */
function declaredExports(): string[] {
  const index = readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const m of index.matchAll(/^export\s*\{([^}]*)\}\s*from/gm)) {
    for (const item of m[1].split(',')) {
      const name = item.trim();
      if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/).pop()!);
    }
  }
  return names.sort();
}

/** A folder where `briefpack` resolves as an installed package: node_modules/briefpack links to the repository. */
function consumer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-library-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'briefpack'), 'dir');
  return dir;
}

function nodeModule(dir: string, code: string, args: string[] = []): { code: number; output: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

describe('briefpack as a library, through package.json `exports`', () => {
  it('exports every name src/index.ts declares, and the functions the README lists', () => {
    const declared = declaredExports();
    expect(declared).toEqual(expect.arrayContaining(['compileSource', 'buildView', 'loadLabels', 'epochFor', 'imageFolder', 'renderHtml']));
    const dir = consumer();
    const r = nodeModule(
      dir,
      `import * as b from 'briefpack';
       const kinds = Object.fromEntries(Object.keys(b).sort().map((k) => [k, typeof b[k]]));
       console.log(JSON.stringify(kinds));`,
    );
    expect(r.code, r.output).toBe(0);
    const kinds = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(kinds)).toEqual(declared);
    for (const name of ['compileSource', 'buildView', 'renderHtml', 'renderPdf', 'renderDocx', 'renderJson', 'renderXliff', 'renderPot'])
      expect(kinds[name], name).toBe('function');
  });

  it('exposes only what `exports` lists: the package.json, not a file of dist/', () => {
    const dir = consumer();
    const pkg = nodeModule(dir, "const p = await import('briefpack/package.json', { with: { type: 'json' } }); console.log(p.default.name);");
    expect(pkg.code, pkg.output).toBe(0);
    expect(pkg.stdout.trim()).toBe('briefpack');
    const deep = nodeModule(dir, "await import('briefpack/dist/index.js');");
    expect(deep.code).not.toBe(0);
    expect(deep.output).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('builds the view of the seed and renders it through the public API: the bytes `briefpack build` writes', async () => {
    const dir = consumer();
    mkdirSync(join(dir, 'source'));
    copyFileSync(SEED, join(dir, 'source', `${SEED_ID}.md`));
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    // The example at the top of src/index.ts, as a user would write it.
    const script = `
      import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
      import { compileSource, buildView, loadLabels, epochFor, imageFolder, renderHtml, renderPdf, renderDocx, renderJson, renderXliff, renderPot, diagnosticsOf } from 'briefpack';
      const [path, version] = process.argv.slice(1);
      const { model, file } = compileSource(path, readFileSync(path));
      if (!model) throw new Error('no model');
      const labels = loadLabels(model.meta.language ?? 'en');
      const epoch = epochFor(model);
      const view = buildView(model, { labels, epoch, version, imageFolder: imageFolder(path) });
      const ctx = { file, templatesDir: null };
      mkdirSync('lib');
      writeFileSync('lib/page.html', await renderHtml(view, ctx));
      writeFileSync('lib/doc.pdf', await renderPdf(view, ctx));
      writeFileSync('lib/doc.docx', await renderDocx(view, ctx));
      writeFileSync('lib/model.json', await renderJson(model));
      writeFileSync('lib/units.xlf', await renderXliff(model, { labels, version }));
      writeFileSync('lib/units.pot', await renderPot(model, { labels, version, epoch }));
      console.log(JSON.stringify({ parts: view.parts.map((p) => p.kind), errors: diagnosticsOf(file).filter((d) => d.severity === 'error').length }));
    `;
    const r = nodeModule(dir, script, [join('source', `${SEED_ID}.md`), version]);
    expect(r.code, r.output).toBe(0);
    const summary = JSON.parse(r.stdout) as { parts: string[]; errors: number };
    expect(summary.errors).toBe(0);
    expect(summary.parts).toEqual(['background', 'text', 'annexes']);

    const html = readFileSync(join(dir, 'lib', 'page.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Digital and AI Transition for the Prosperity and Sustainable Growth of All');
    expect(html).toContain('id="p11"');

    // The same source built by the command line (no project file): the same bytes in every format.
    const built = runCli(['build', '--out', 'out', '--format', 'html,pdf,docx,json,xliff,po', join('source', `${SEED_ID}.md`)], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const out = (ext: string) => readFileSync(join(dir, 'out', SEED_ID, `${SEED_ID}.${ext}`));
    const lib = (name: string) => readFileSync(join(dir, 'lib', name));
    expect(lib('page.html').equals(out('html')), 'html').toBe(true);
    expect(lib('doc.pdf').equals(out('pdf')), 'pdf').toBe(true);
    expect(lib('doc.docx').equals(out('docx')), 'docx').toBe(true);
    expect(lib('model.json').equals(out('json')), 'json').toBe(true);
    expect(lib('units.xlf').equals(out('xlf')), 'xlf').toBe(true);
    expect(lib('units.pot').equals(out('pot')), 'pot').toBe(true);
  }, 120_000);

  it('type-checks a TypeScript consumer against the declared `types`', () => {
    const dir = consumer();
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['use.ts'],
      }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import { compileSource, buildView, loadLabels, epochFor, imageFolder, renderHtml, type BriefingView, type Declaration, type RenderContext } from 'briefpack';",
        'export async function page(path: string, bytes: Uint8Array): Promise<string> {',
        '  const { model, file } = compileSource(path, bytes);',
        '  const m: Declaration = model!;',
        "  const view: BriefingView = buildView(m, { labels: loadLabels('en'), epoch: epochFor(m), version: '0', imageFolder: imageFolder(path) });",
        '  const ctx: RenderContext = { file, templatesDir: null };',
        '  return renderHtml(view, ctx);',
        '}',
        '// @ts-expect-error: buildView needs its options',
        'buildView({} as Declaration);',
        '',
      ].join('\n'),
    );
    const r = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
    expect(r.code, r.output).toBe(0);
  }, 120_000);
});

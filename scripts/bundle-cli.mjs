/**
 * The command line as bundles (issue 18, start-up). tsc compiles src/ to
 * dist/ module by module (the library, dist/index.js, stays that way);
 * esbuild then bundles the command line and the ESM packages it imports, twice:
 *
 * - dist/project/cli.cjs: one CommonJS file, which dist/cli/main.js (this
 *   folder's cli-launcher.mjs) compiles with V8's code cache. The cache is
 *   made here, at the end, by building a sample pack (the seed) with it.
 * - dist/cli/main-esm.js and the two worker entries (dist/project/worker.js,
 *   single-worker.js): ES modules split into chunks at every dynamic import,
 *   so a command loads only its own code. main-esm.js is the command line
 *   when the cache cannot be used (the launcher says when).
 *
 * What each saves: see the README's "Performance" section.
 *
 * - Output goes to dist/project/, next to worker.js: the pool finds the
 *   worker at ./worker.js from its own chunk, and the renderers' files
 *   (availableFormats) at ../render/… as before. In the CommonJS bundle,
 *   import.meta.url is the bundle's own URL, for the same reason.
 * - Packages loaded with createRequire (pdfmake, which is patched, fontkit,
 *   wink's model, resvg's native binding) stay outside: they are
 *   CommonJS, read their own files, or are checked at run time.
 * - BRIEFPACK_BUNDLE=0 keeps tsc's modules (to measure what bundling saves).
 */
import { build } from 'esbuild';
import { parse } from 'acorn';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, sep } from 'node:path';

// The data and templates parsed once, bundle or not.
await import('./precompile.mjs');
if (process.env.BRIEFPACK_BUNDLE === '0') process.exit(0);

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BANNER = "import { createRequire as __bpCreateRequire } from 'node:module'; const require = __bpCreateRequire(import.meta.url);";
const LAUNCHER = readFileSync(fileURLToPath(new URL('./cli-launcher.mjs', import.meta.url)), 'utf8');
// The launcher, from this build or an earlier one (tsc's main.js never names the bundle).
if (readFileSync(`${dist}cli/main.js`, 'utf8').includes("'../project/cli.cjs'")) {
  console.error('bundle-cli: dist/cli/main.js is already the launcher; compile first (npm run build)');
  process.exit(1);
}
// Chunks of an earlier bundle (tsc's own files never end in -XXXXXXXX.js).
for (const name of readdirSync(`${dist}project`)) if (/-[A-Z0-9]{8}\.js$|^cli\.cjs|^deps\.cache/.test(name)) rmSync(`${dist}project/${name}`);
/*
 * zod's messages in English only. zod exports every locale it has (`z.locales`,
 * 48 of them, 369 KB of the 763 KB chunk zod is bundled into); briefpack
 * never selects one, and zod's default, English, is imported by zod itself.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};
const common = {
  plugins: [zodEnglishOnly],
  metafile: true,
  bundle: true,
  platform: 'node',
  // es2022, as tsc emits: with 'node20', esbuild 0.28 turns every \p{…} regular expression literal into a
  // `new RegExp(…)` call, made again each time the expression is evaluated.
  target: 'es2022',
  external: ['pdfmake', 'pdfmake/*', 'fontkit', 'wink-eng-lite-web-model', '@resvg/resvg-js'],
  logLevel: 'warning',
  legalComments: 'none',
};
const split = await build({
  ...common,
  entryPoints: {
    'cli/main-esm': `${dist}cli/main.js`,
    'project/worker': `${dist}project/worker.js`,
    'project/single-worker': `${dist}project/single-worker.js`,
  },
  outdir: dist,
  allowOverwrite: true,
  splitting: true,
  format: 'esm',
  chunkNames: 'project/[name]-[hash]',
  // CommonJS packages inside the bundle (handlebars, …) call require().
  banner: { js: BANNER },
});
/*
 * The commands the CommonJS bundle runs: the ones a pipeline runs again and
 * again. The others (import, compare, watch, serve: mammoth, jsdiff, chokidar
 * and an HTTP server, 1.2 MB of the bundle's 4.5 MB) and the help that lists
 * every command run from the split modules, which load them only when asked
 * (the launcher picks, from dist/project/cli.cjs.json). Every byte of the bundle is read
 * and every function in it is known to the code cache, at each start.
 */
const WHOLE_COMMANDS = ['build', 'check', 'extract', 'verify', 'pack', 'merge', 'init', 'print-default'];
const LEFT_OUT = ['import-command.js', 'compare-command.js', 'watch-command.js', 'serve-command.js'];
const leaveOut = {
  name: 'leave-out-commands',
  setup(b) {
    const files = new Set(LEFT_OUT.map((f) => `./${f}`));
    b.onResolve({ filter: /^\.\/[a-z-]+-command\.js$/ }, (args) =>
      files.has(args.path) && args.importer.endsWith(`${dist}cli/main.js`.replaceAll('/', sep)) ? { path: args.path, namespace: 'left-out' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error('${args.path} is not in this bundle: the launcher runs it from dist/cli/main-esm.js');`,
      loader: 'js',
    }));
  },
};
const whole = await build({
  ...common,
  plugins: [...common.plugins, leaveOut],
  // Whitespace only: names stay, and every byte less is less to read at each start.
  minifyWhitespace: true,
  entryPoints: [`${dist}cli/main.js`],
  outfile: `${dist}project/cli.cjs`,
  format: 'cjs',
  // The modules' import.meta.url: the bundle's own, in dist/project/ as the split chunks are.
  define: { 'import.meta.url': '__bpImportMetaUrl' },
  banner: { js: "var __bpImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const result = { metafile: { outputs: { ...split.metafile.outputs, ...whole.metafile.outputs } } };

/*
 * Every output file in ASCII. esbuild escapes non-ASCII characters in strings
 * and names, but not in regular expression literals ('’', '–', '。'), and
 * one such character makes Node decode the whole file to a two-byte string,
 * which it then compiles as such. Escaped as \uXXXX inside regular
 * expressions (the same pattern, with or without the u flag) and comments,
 * a cold `build --format html` of the seed took 651 against 686 ms (median
 * of 10 interleaved runs). Anything else non-ASCII (a tagged template's raw
 * text) is left as it is.
 */
function escapeRanges(code, sourceType) {
  const ranges = [];
  parse(code, {
    ecmaVersion: 'latest',
    sourceType,
    allowHashBang: true,
    onToken: (token) => {
      if (token.type.label === 'regexp') ranges.push([token.start, token.end]);
    },
    onComment: (_block, _text, start, end) => ranges.push([start, end]),
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}
const u = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** A regular expression or comment with its non-ASCII characters escaped; `\’` (an identity escape) becomes `\u2019` too. */
function escape(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i];
      out += next > '\x7f' ? u(next) : c + next;
    } else out += c > '\x7f' ? u(c) : c;
  }
  return out;
}
for (const file of Object.keys(result.metafile.outputs)) {
  const code = readFileSync(file, 'utf8');
  if (!/[^\0-\x7f]/.test(code)) continue;
  let out = '';
  let at = 0;
  for (const [start, end] of escapeRanges(code, file.endsWith('.cjs') ? 'script' : 'module')) {
    if (start < at) continue;
    out += code.slice(at, start) + escape(code.slice(start, end));
    at = end;
  }
  writeFileSync(file, out + code.slice(at));
}

/*
 * The launcher in place of tsc's main.js, and the bundle's code cache, made by
 * building the seed's full pack (its languages included) into a folder that
 * is then removed. Without the seed (a copy of dist/ elsewhere), no cache: the
 * launcher takes the split modules.
 */
const cli = `${dist}project/cli.cjs`;
const text = readFileSync(cli, 'utf8').replace(/^#!.*\n/, '');
// The launcher reads the bundle as Latin-1, which is its text only while it is ASCII.
const wide = /[^\0-\x7f]/.exec(text);
if (wide) {
  console.error(`bundle-cli: dist/project/cli.cjs holds a non-ASCII character (${JSON.stringify(text.slice(wide.index - 40, wide.index + 40))}); escape it`);
  process.exit(1);
}
writeFileSync(cli, text);
writeFileSync(`${cli}.json`, `${JSON.stringify({ commands: WHOLE_COMMANDS })}\n`);
writeFileSync(`${dist}cli/main.js`, LAUNCHER);
chmodSync(`${dist}cli/main.js`, 0o755);
const root = fileURLToPath(new URL('../', import.meta.url));
const sample = join(root, 'source', 'apec-2025-digital-ai-ministerial.md');
if (existsSync(sample) && process.env.BRIEFPACK_CODE_CACHE !== '0') {
  // The full pack's cache (and the packages'), then the HTML build's (see the launcher).
  for (const [cache, formats] of [
    ['write', 'html,pdf,docx,xliff,po,json'],
    ['write:html', 'html'],
  ]) {
    const out = mkdtempSync(join(tmpdir(), 'briefpack-code-cache-'));
    const env = { ...process.env, BRIEFPACK_CODE_CACHE: cache };
    delete env.NODE_OPTIONS;
    const run = spawnSync(
      process.execPath,
      [`${dist}cli/main.js`, 'build', sample, '-f', formats, '-o', out, '--no-cache', '--quiet', '--jobs', '1', '--level', 'error'],
      { cwd: root, env, encoding: 'utf8' },
    );
    rmSync(out, { recursive: true, force: true });
    if (run.status !== 0) {
      console.error(`bundle-cli: the sample build for the code cache failed (exit ${run.status}):\n${run.stderr}`);
      process.exit(1);
    }
  }
}

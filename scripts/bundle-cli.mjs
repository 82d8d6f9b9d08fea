/**
 * The command line as a bundle (issue 18, start-up). tsc compiles src/ to
 * dist/ module by module (the library, dist/index.js, stays that way);
 * esbuild then replaces dist/cli/main.js and the two worker entries
 * (dist/project/worker.js, single-worker.js) by bundles of themselves and
 * the ESM packages they import, split into chunks
 * at every dynamic import, so a command loads only its own code in a few
 * files instead of some 900. What it saves: see the README's "Performance"
 * section.
 *
 * - Chunks go to dist/project/, next to worker.js: the pool finds the
 *   worker at ./worker.js from its own chunk, and the renderers' files
 *   (availableFormats) at ../render/… as before.
 * - Packages loaded with createRequire (pdfmake, which is patched, fontkit,
 *   wink's model, resvg's native binding) stay outside: they are
 *   CommonJS, read their own files, or are checked at run time.
 * - BRIEFPACK_BUNDLE=0 keeps tsc's modules (to measure what bundling saves).
 */
import { build } from 'esbuild';
import { parse } from 'acorn';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

// The data and templates parsed once, bundle or not.
await import('./precompile.mjs');
if (process.env.BRIEFPACK_BUNDLE === '0') process.exit(0);

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BANNER = "import { createRequire as __bpCreateRequire } from 'node:module'; const require = __bpCreateRequire(import.meta.url);";
if (readFileSync(`${dist}cli/main.js`, 'utf8').includes(BANNER)) {
  console.error('bundle-cli: dist/cli/main.js is already a bundle; compile first (npm run build)');
  process.exit(1);
}
// Chunks of an earlier bundle (tsc's own files never end in -XXXXXXXX.js).
for (const name of readdirSync(`${dist}project`)) if (/-[A-Z0-9]{8}\.js$/.test(name)) rmSync(`${dist}project/${name}`);
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
const result = await build({
  plugins: [zodEnglishOnly],
  metafile: true,
  entryPoints: [`${dist}cli/main.js`, `${dist}project/worker.js`, `${dist}project/single-worker.js`],
  outbase: dist,
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // es2022, as tsc emits: with 'node20', esbuild 0.28 turns every \p{…} regular expression literal into a
  // `new RegExp(…)` call, made again each time the expression is evaluated.
  target: 'es2022',
  chunkNames: 'project/[name]-[hash]',
  external: ['pdfmake', 'pdfmake/*', 'fontkit', 'wink-eng-lite-web-model', '@resvg/resvg-js'],
  // CommonJS packages inside the bundle (handlebars, …) call require().
  banner: { js: BANNER },
  logLevel: 'warning',
  legalComments: 'none',
});

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
function escapeRanges(code) {
  const ranges = [];
  parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'module',
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
  for (const [start, end] of escapeRanges(code)) {
    if (start < at) continue;
    out += code.slice(at, start) + escape(code.slice(start, end));
    at = end;
  }
  writeFileSync(file, out + code.slice(at));
}

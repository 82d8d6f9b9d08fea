#!/usr/bin/env node
/**
 * The briefpack command (dist/cli/main.js), as scripts/bundle-cli.mjs writes
 * it: this file, copied as it is. It starts the command line from one of two
 * builds of the same code (issue 18, start-up):
 *
 * - dist/project/cli.cjs, one CommonJS bundle, compiled with V8's code cache
 *   (dist/project/cli.cjs.cache) that the build made by running a sample
 *   pack. V8 then neither parses the bundle nor compiles the functions the
 *   sample ran. Node 20 has no code cache for ES modules
 *   (module.enableCompileCache() is Node 22), so this route is CommonJS and
 *   goes through node:vm, as Node's own loader would compile the file. The
 *   CommonJS packages the bundle leaves outside (pdfmake, pdfkit, fontkit,
 *   wink's model) are compiled with a code cache of their own
 *   (dist/project/deps.cache), made by the same sample run.
 * - dist/cli/main-esm.js, the ES-module bundle split at every dynamic import,
 *   when the cache cannot be used: it is missing (BRIEFPACK_CODE_CACHE=0, or a
 *   build without the sample), it was made by another Node or for another
 *   bundle, or this process has V8 or Node flags (node's own options or
 *   NODE_OPTIONS), which V8 takes into account and would reject the cache
 *   for; compiling the whole bundle would then cost more than the split files.
 *
 * BRIEFPACK_CODE_CACHE=write (the build's sample run) takes the first route
 * without a cache, and writes the caches and their key when the process ends;
 * BRIEFPACK_CODE_CACHE=write:html writes the HTML cache (below).
 * With BRIEFPACK_DEBUG set, the route taken is written to stderr.
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../project/cli.cjs', import.meta.url));
const mode = process.env.BRIEFPACK_CODE_CACHE;
const root = dirname(dirname(dirname(bundle)));
/*
 * Two caches of the bundle: one made by a full pack, and a smaller one by an
 * HTML build, for a run that asks for HTML alone (`-f html`, or `-o x.html`).
 * V8 reads a whole cache at start, functions the run never calls included:
 * in CPU profiles of an HTML build, reading the full one took 100 ms, the
 * HTML one 54.
 */
function htmlOnly(args) {
  let formats = null;
  let out = '';
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    if (a === '-f' || a === '--format') formats = args[i + 1] ?? '';
    else if (a.startsWith('--format=')) formats = a.slice('--format='.length);
    else if (a === '-o' || a === '--out') out = args[i + 1] ?? '';
  }
  formats ??= /\.html?$/i.test(out) ? 'html' : null;
  return formats !== null && formats.split(',').every((f) => f.trim() === 'html');
}
const light = mode === 'write:html' || (mode !== 'write' && htmlOnly(process.argv.slice(2)));
const cacheFile = light ? `${bundle}.html.cache` : `${bundle}.cache`;
const writing = mode === 'write' || mode === 'write:html';
const keyFile = `${bundle}.cache.json`;
const depsFile = join(dirname(bundle), 'deps.cache');
const debug = (route) => {
  if (process.env.BRIEFPACK_DEBUG) process.stderr.write(`briefpack: start-up: ${route}\n`);
};

/** What a cache must have been made with: this Node, and this very bundle (a rebuild writes it anew). */
function currentKey() {
  const { size, mtimeMs } = statSync(bundle);
  return JSON.stringify({ node: process.version, arch: process.arch, platform: process.platform, bundle: [size, mtimeMs] });
}

/** The cache, when this process may use it; else why not. */
function usableCache() {
  if (mode === '0') return 'BRIEFPACK_CODE_CACHE=0';
  if (process.execArgv.length > 0 || (process.env.NODE_OPTIONS ?? '').trim() !== '') return 'node options';
  try {
    // The commands the bundle holds (scripts/bundle-cli.mjs); the command is the first argument that is no option, as in main.ts.
    const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
    if (!JSON.parse(readFileSync(`${bundle}.json`, 'utf8')).commands.includes(command)) return command ? `command ${command}` : 'no command';
    if (readFileSync(keyFile, 'utf8') !== currentKey()) return 'made for another node or bundle';
    return readFileSync(cacheFile);
  } catch {
    return 'no cache';
  }
}

/** The wrapper Node's CommonJS loader puts around a file. */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const compileOptions = (filename, cachedData) => ({ filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const sha1 = (text) => createHash('sha1').update(text).digest('base64');

/**
 * deps.cache: a u32 length, a JSON index (a package file, relative to the
 * package root, to the SHA-1 of its text and where its cache lies), then the
 * caches end to end. V8 checks only a source's length against its cache, so
 * the hash keeps a changed file (a reinstalled package) from a stale one.
 */
function readDeps() {
  let fd;
  try {
    fd = openSync(depsFile, 'r');
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    const index = Buffer.alloc(head.readUInt32LE(0));
    readSync(fd, index, 0, index.length, 4);
    const base = 4 + index.length;
    const entries = JSON.parse(index.toString('utf8'));
    return (rel, text) => {
      const entry = entries[rel];
      if (!entry || entry[0] !== sha1(text)) return undefined;
      const bytes = Buffer.alloc(entry[2]);
      readSync(fd, bytes, 0, entry[2], base + entry[1]);
      return bytes;
    };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return () => undefined;
  }
}

/** The `require` Node gives a module (its internal makeRequireFunction, less the policy manifest). */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** CommonJS files of node_modules compiled with their cache (or, writing, kept to make it). */
function cacheDependencies(writing) {
  const cached = writing ? () => undefined : readDeps();
  const made = new Map();
  // Files compiled with their cache, and without (BRIEFPACK_DEBUG reports both).
  const counts = [0, 0];
  if (process.env.BRIEFPACK_DEBUG && !writing) process.on('exit', () => debug(`package files from the code cache: ${counts[0]}, compiled: ${counts[1]}`));
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    if (format === 'module' || !filename.includes(`${sep}node_modules${sep}`)) return compile.call(this, content, filename, format);
    const rel = relative(root, filename);
    const cachedData = cached(rel, content);
    // A file without a cache is Node's to compile, as in any other run.
    if (!writing && cachedData === undefined) {
      counts[1] += 1;
      return compile.call(this, content, filename, format);
    }
    // A hashbang, as a comment of the same length (positions in stack traces stay).
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    let script;
    try {
      script = new vm.Script(wrap(source), compileOptions(filename, cachedData));
    } catch {
      return compile.call(this, content, filename, format); // Node's own report (or its ES-module fallback).
    }
    if (writing) made.set(rel, { script, hash: sha1(content) });
    else counts[script.cachedDataRejected ? 1 : 0] += 1;
    return script.runInThisContext().call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  return () => {
    const entries = {};
    const parts = [];
    let at = 0;
    for (const [rel, { script, hash }] of [...made].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const data = script.createCachedData();
      entries[rel] = [hash, at, data.length];
      parts.push(data);
      at += data.length;
    }
    const index = Buffer.from(JSON.stringify(entries));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(index.length, 0);
    return Buffer.concat([head, index, ...parts]);
  };
}

const cache = writing ? null : usableCache();
if (cache === null || Buffer.isBuffer(cache)) {
  // Read as Latin-1: the bundle is ASCII (scripts/bundle-cli.mjs checks), and Node's UTF-8 read of it (4.5 MB
  // then) took 60 against 11 ms.
  const script = new vm.Script(wrap(readFileSync(bundle, 'latin1')), compileOptions(bundle, cache ?? undefined));
  const which = light ? 'the HTML code cache' : 'code cache';
  debug(cache === null ? `bundle, writing ${which}` : script.cachedDataRejected ? `bundle, ${which} rejected` : `bundle with ${which}`);
  // The HTML build leaves the packages' cache to the full pack's run.
  const depsCache = cacheDependencies(mode === 'write');
  if (writing) {
    process.on('exit', () => {
      const write = (file, bytes) => {
        writeFileSync(`${file}.tmp`, bytes);
        renameSync(`${file}.tmp`, file);
      };
      write(cacheFile, script.createCachedData());
      if (mode === 'write') write(depsFile, depsCache());
      write(keyFile, currentKey());
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
} else {
  debug(`split modules (${cache})`);
  await import('./main-esm.js');
}

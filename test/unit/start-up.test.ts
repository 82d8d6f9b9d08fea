/**
 * What issue 18 moved out of start-up must give the same results as the
 * slow way it replaced: wink's model put together by src/analyze/wink-model.ts,
 * and the data files and templates that dist/precompiled.json holds
 * (src/util/precompiled.ts, scripts/precompile.mjs).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual, types } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import Handlebars from 'handlebars';
import {
  WINK_CORE_FILE,
  coreModelFile,
  loadCoreModel,
  packCoreModel,
  readCoreModel,
  unpackCoreModel,
  winkModel,
  winkModelDir,
} from '../../src/analyze/wink-model.js';
import {
  ICU_KEY,
  precompiledDateForm,
  precompiledKey,
  precompiledTemplate,
  readYamlData,
  resetPrecompiled,
  PRECOMPILED_FILE,
  type PrecompiledTable,
} from '../../src/util/precompiled.js';
import { dateForm, formatDate } from '../../src/view/format.js';
import { BMP_PROPERTIES, forText } from '../../src/util/bmp-regexp.js';
import { COMPILE_OPTIONS, TEMPLATE_KIND, builtinTemplatesDir, clearTemplateCache } from '../../src/render/html/templates.js';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { modelOf } from '../helpers/compile.js';
import { htmlOf } from '../helpers/html-page.js';

const require = createRequire(import.meta.url);

describe("wink's model, put together by briefpack", () => {
  it('is, part by part, what the package itself loads', () => {
    const theirs = require('wink-eng-lite-web-model') as Record<string, unknown>;
    const ours = winkModel();
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const key of Object.keys(theirs)) {
      if (key === 'core') continue;
      // The same modules, so the same functions (the package's own loaders).
      expect(isDeepStrictEqual(ours[key], theirs[key]), key).toBe(true);
    }
    const theirCore = (require(join(winkModelDir(), 'load-core-model.js')) as () => unknown)();
    const ourCore = readCoreModel(coreModelFile());
    expect(isDeepStrictEqual(ourCore, theirCore)).toBe(true);
  });

  it('is the same model when read from dist/wink-core.bin', () => {
    type Core = { features: { lexeme: { list: string[]; hash: Record<string, number> } } };
    const theirs = (require(join(winkModelDir(), 'load-core-model.js')) as () => Core)();
    // The unit tests' set-up builds dist/, so the stored core is there, and it is what loadCoreModel takes.
    const stored = readFileSync(join(ROOT, 'dist', WINK_CORE_FILE));
    expect(stored.equals(packCoreModel(coreModelFile()))).toBe(true);
    const ours = unpackCoreModel(stored, coreModelFile()) as unknown as Core;
    expect(ours).not.toBeNull();
    // Everything but the lexeme hash (a lookup table behind a Proxy); the lexeme list, decoded as it is read, read whole.
    const hashless = (core: Core) => ({
      ...core,
      features: { ...core.features, lexeme: { ...core.features.lexeme, hash: null, list: Array.from(core.features.lexeme.list) } },
    });
    expect(isDeepStrictEqual(hashless(ours), hashless(theirs))).toBe(true);
    expect(isDeepStrictEqual(hashless(loadCoreModel() as unknown as Core), hashless(theirs))).toBe(true);
    // Every lexeme finds the index the package's hash object gives it, and nothing else is found.
    const hash = ours.features.lexeme.hash;
    const wrong = Object.keys(theirs.features.lexeme.hash).filter((key) => hash[key] !== theirs.features.lexeme.hash[key]);
    expect(wrong).toEqual([]);
    for (const absent of ['briefpackish', 'constructor', '__proto__', 'toString', '']) expect(hash[absent], absent).toBe(theirs.features.lexeme.hash[absent]);
    // An added word (wink-nlp adds each out-of-vocabulary word) is found, and the table stays as it was.
    hash.briefpackish = 123456;
    expect(hash.briefpackish).toBe(123456);
    expect('briefpackish' in hash).toBe(true);
    expect(hash.the).toBe(theirs.features.lexeme.hash.the);
    // The list, decoded as it is read, takes a pushed word as wink-nlp pushes one.
    const list = ours.features.lexeme.list;
    const count = theirs.features.lexeme.list.length;
    expect(list.length).toBe(count);
    expect(list[count - 1]).toBe(theirs.features.lexeme.list[count - 1]);
    expect(list.push('briefpackish')).toBe(count + 1);
    expect([list[count], list.length, list[count + 1]]).toEqual(['briefpackish', count + 1, undefined]);
  });

  it('gives the same lookups after the table has given way to a Map', () => {
    type Core = { features: { lexeme: { list: string[]; hash: Record<string, number> } } };
    const theirs = (require(join(winkModelDir(), 'load-core-model.js')) as () => Core)();
    const ours = unpackCoreModel(readFileSync(join(ROOT, 'dist', WINK_CORE_FILE)), coreModelFile()) as unknown as Core;
    const { lexeme } = ours.features;
    const count = lexeme.list.length;
    lexeme.hash.briefpackish = lexeme.list.push('briefpackish') - 1;
    expect(types.isProxy(lexeme.list)).toBe(true);
    // Past the threshold (100,000 lookups) the lexemes move to a Map and the list becomes the plain array.
    for (let i = 0; i <= 100_000; i++) expect(lexeme.hash.the).toBe(theirs.features.lexeme.hash.the);
    expect(types.isProxy(lexeme.list)).toBe(false);
    const wrong = Object.keys(theirs.features.lexeme.hash).filter((key) => lexeme.hash[key] !== theirs.features.lexeme.hash[key]);
    expect(wrong).toEqual([]);
    expect(lexeme.hash.briefpackish).toBe(count);
    lexeme.hash.briefpackish2 = lexeme.list.push('briefpackish2') - 1;
    expect([lexeme.hash.briefpackish2, lexeme.list[count + 1], lexeme.hash.nothere]).toEqual([count + 1, 'briefpackish2', undefined]);
    expect(Array.from(lexeme.list.slice(0, count))).toEqual(theirs.features.lexeme.list);
  });

  it('gives the package’s own lemmatizer its exception tables from dist/wink-core.bin, as the package’s files hold them', () => {
    // A fresh process, so no earlier load of the package has filled the require cache with its own files.
    const script = `
      import { createRequire } from 'node:module';
      import { readFileSync } from 'node:fs';
      import { basename, join } from 'node:path';
      import { isDeepStrictEqual, types } from 'node:util';
      const { winkModel, winkModelDir } = await import(${JSON.stringify(join(ROOT, 'dist', 'analyze', 'wink-model.js'))});
      const model = winkModel(['pos']);
      const dir = winkModelDir();
      const require = createRequire(join(dir, 'model.js'));
      const out = { lemmatizeIsThePackages: model.addons.lemmatize === require('./lemmatize.js') };
      for (const name of ['wn-adjective-exceptions.js', 'wn-noun-exceptions.js', 'wn-verb-exceptions.js']) {
        const cached = require.cache[require.resolve('./' + name)];
        const fresh = { exports: {} };
        new Function('module', 'exports', 'require', readFileSync(join(dir, name), 'utf8'))(fresh, fresh.exports, require);
        out[name] = { stored: cached.paths === undefined, entries: Object.keys(fresh.exports).length, same: isDeepStrictEqual({ ...cached.exports }, { ...fresh.exports }), nullProto: Object.getPrototypeOf(cached.exports) === null };
      }
      const nlp = require(require.resolve('wink-nlp', { paths: [dir] }))(model, ['pos']);
      const tokens = nlp.readDoc('The ministers reaffirmed their commitments; the analyses were given to the mice and geese.').tokens();
      out.lemmas = tokens.out(nlp.its.lemma);
      console.log(JSON.stringify(out));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, { stored: boolean; entries: number; same: boolean; nullProto: boolean }> & {
      lemmatizeIsThePackages: boolean;
      lemmas: string[];
    };
    expect(out.lemmatizeIsThePackages).toBe(true);
    for (const name of ['wn-adjective-exceptions.js', 'wn-noun-exceptions.js', 'wn-verb-exceptions.js']) {
      expect(out[name], name).toEqual({ stored: true, entries: expect.any(Number) as number, same: true, nullProto: true });
      expect(out[name].entries, name).toBeGreaterThan(1000);
    }
    // The package's own lemmas, with its exceptions at work ("mice" -> "mouse", "geese" -> "goose", "given" -> "give").
    const winkNLP = require('wink-nlp') as (
      m: unknown,
      p: string[],
    ) => { readDoc(t: string): { tokens(): { out(f: unknown): string[] } }; its: Record<string, unknown> };
    const theirs = winkNLP(require('wink-eng-lite-web-model'), ['pos']);
    const expected = theirs
      .readDoc('The ministers reaffirmed their commitments; the analyses were given to the mice and geese.')
      .tokens()
      .out(theirs.its.lemma);
    expect(expected).toEqual(expect.arrayContaining(['mouse', 'goose', 'give']));
    expect(out.lemmas).toEqual(expected);
  });

  it('keeps the named-entity and sentiment models when the pipe runs them', () => {
    const theirs = require('wink-eng-lite-web-model') as Record<string, unknown>;
    const pos = winkModel(['pos']);
    expect(pos.ner).not.toBe(theirs.ner);
    expect(pos.sa).not.toBe(theirs.sa);
    const all = winkModel(['pos', 'ner', 'sentiment']);
    expect(all.ner).toBe(theirs.ner);
    expect(all.sa).toBe(theirs.sa);
    expect(winkModel().ner).toBe(theirs.ner);
  });

  it('falls back to the JSON model when the stored core was made from another one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-wink-'));
    try {
      // Another size: another model, even under the same package version.
      const other = join(dir, 'eng-core-web-model.json');
      writeFileSync(other, `${readFileSync(coreModelFile(), 'utf8')} `);
      expect(unpackCoreModel(packCoreModel(coreModelFile()), other)).toBeNull();
      expect(unpackCoreModel(Buffer.from('not a stored model'), coreModelFile())).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tags a text as the package’s own model does', () => {
    const winkNLP = require('wink-nlp') as (
      model: unknown,
      pipe?: string[],
    ) => {
      readDoc(text: string): { tokens(): { out(f?: unknown): unknown[] } };
      its: Record<string, unknown>;
    };
    const text = readFileSync(join(ROOT, 'test', 'corpus', 'g7-2023-hiroshima-leaders-communique.md'), 'utf8').slice(0, 20000);
    const read = (nlp: ReturnType<typeof winkNLP>) => {
      const tokens = nlp.readDoc(text).tokens();
      return [tokens.out(), tokens.out(nlp.its.pos), tokens.out(nlp.its.lemma)];
    };
    // As src/analyze/nlp.ts loads it: stand-ins for the annotations it never runs.
    const ours = read(winkNLP(winkModel(['pos']), ['pos']));
    expect(ours[0].length).toBeGreaterThan(3000);
    expect(ours).toEqual(read(winkNLP(require('wink-eng-lite-web-model'), ['pos'])));
  });
});

describe('dist/precompiled.json', () => {
  const file = join(ROOT, 'dist', PRECOMPILED_FILE);
  const table = () => JSON.parse(readFileSync(file, 'utf8')) as { data: Record<string, string> };
  afterEach(() => {
    delete process.env.BRIEFPACK_PRECOMPILED;
    resetPrecompiled();
    clearTemplateCache();
  });

  it('holds every data file and built-in template of this tree, parsed as they parse now', () => {
    // The unit tests' set-up builds dist/, so the table is there.
    expect(existsSync(file)).toBe(true);
    const { data } = table();
    for (const name of readdirSync(join(ROOT, 'data')).filter((n) => n.endsWith('.yaml'))) {
      const text = readFileSync(join(ROOT, 'data', name), 'utf8');
      expect(JSON.parse(data[precompiledKey('data', text)]), name).toEqual(parse(text));
      expect(readYamlData(join(ROOT, 'data', name))).toEqual(parse(text));
    }
    for (const name of readdirSync(builtinTemplatesDir()).filter((n) => n.endsWith('.hbs'))) {
      const text = readFileSync(join(builtinTemplatesDir(), name), 'utf8');
      expect(precompiledTemplate(TEMPLATE_KIND, text), name).toBe(Handlebars.precompile(text, COMPILE_OPTIONS));
    }
  });

  it('finds no entry for a changed text, which is then parsed', () => {
    const text = readFileSync(join(ROOT, 'data', 'verbs.yaml'), 'utf8');
    expect(precompiledTemplate(TEMPLATE_KIND, '{{x}}')).toBeUndefined();
    const edited = text.replace(/^(\s+)- commit$/m, '$1- pledge');
    expect(edited).not.toBe(text);
    expect(table().data[precompiledKey('data', edited)]).toBeUndefined();
    expect(precompiledKey('data', text)).not.toBe(precompiledKey(TEMPLATE_KIND, text));
    // An edited copy is read as it now is, not as the table holds the original.
    const dir = mkdtempSync(join(tmpdir(), 'bp-precompiled-'));
    try {
      writeFileSync(join(dir, 'verbs.yaml'), edited);
      expect(readYamlData(join(dir, 'verbs.yaml'))).toEqual(parse(edited));
      expect(readYamlData(join(dir, 'verbs.yaml'))).not.toEqual(parse(text));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same page as templates compiled at run time', async () => {
    // The fast page really comes from the table.
    expect(precompiledTemplate(TEMPLATE_KIND, readFileSync(join(builtinTemplatesDir(), 'layout.hbs'), 'utf8'))).toBeDefined();
    const model = modelOf(SEED);
    const page = async () => {
      clearTemplateCache();
      return htmlOf(model);
    };
    const fast = await page();
    process.env.BRIEFPACK_PRECOMPILED = '0';
    resetPrecompiled();
    const slow = await page();
    expect(fast).toBe(slow);
    expect(fast.length).toBeGreaterThan(20000);
  });
});

describe('long dates stored by the build (dist/precompiled.json, src/view/format.ts)', () => {
  const table = () => JSON.parse(readFileSync(join(ROOT, 'dist', PRECOMPILED_FILE), 'utf8')) as PrecompiledTable;

  it("are stored for the label languages whose dates the form writes as Intl does, with this Node's ICU", () => {
    const dates = table().dates;
    expect(dates?.icu).toBe(ICU_KEY);
    // Russian puts a no-break space before "г." in format() but a plain one in formatToParts(): the check finds it, Intl writes it.
    expect(Object.keys(dates?.forms ?? {}).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'zh']);
    expect(dateForm('ru')).toBeNull();
    // The Thai and Persian calendars are not the Gregorian one.
    expect(dateForm('th')).toBeNull();
    expect(dateForm('fa')).toBeNull();
  });

  it('write every date as Intl writes it, and leave other languages and tags to Intl', () => {
    const intl = (iso: string, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    const isos = ['2025-08-04', '1999-12-31', '2000-02-29', '2031-01-01', '1648-10-24', '2107-06-30', '0800-05-01', '3100-01-01'];
    const intlOnly = ['en-GB', 'ru', 'fr-CA', 'th'];
    for (const lang of [...Object.keys(table().dates?.forms ?? {}), ...intlOnly]) {
      expect(precompiledDateForm(lang) !== undefined, lang).toBe(!intlOnly.includes(lang));
      for (const iso of isos) expect(formatDate(iso, lang), `${lang} ${iso}`).toBe(intl(iso, lang));
    }
    expect(formatDate('4 August 2025', 'en')).toBe('4 August 2025');
    // What Intl makes of a day that is none: the next month (before and after the stored forms).
    expect(formatDate('2025-13-01', 'en')).toBe('January 1, 2026');
    expect(formatDate('2025-02-30', 'fr')).toBe('2 mars 2025');
    expect(formatDate('0099-01-01', 'en')).toBe(intl('1999-01-01', 'en'));
  });
});

describe("Unicode patterns' cheaper twins for texts without astral characters (src/util/bmp-regexp.ts)", () => {
  const classes = () => (JSON.parse(readFileSync(join(ROOT, 'dist', PRECOMPILED_FILE), 'utf8')) as PrecompiledTable).unicode;

  it('hold, for each property, every character up to U+FFFF that this Node’s \\p{…} matches, and no other', () => {
    const unicode = classes();
    expect(unicode?.version).toBe(process.versions.unicode);
    for (const property of BMP_PROPERTIES) {
      const theirs = new RegExp(`^\\p{${property}}$`, 'u');
      const ours = new RegExp(`^[${unicode?.classes[property]}]$`, 'u');
      for (let c = 0; c <= 0xffff; c += 1) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const ch = String.fromCharCode(c);
        if (theirs.test(ch) !== ours.test(ch)) throw new Error(`${property}: U+${c.toString(16)}`);
      }
    }
  });

  it('match what the patterns match, on every corpus text; a text with an astral character keeps the pattern', () => {
    const patterns = [
      /\((?:\p{Lu}[\p{Lu}\p{N}&]*s?|\d{4})\)|[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*(?:-\s(?=\p{Lu})[\p{L}\p{N}'’-]*)*[\p{L}\p{N}](?:(?<=s)['’])?|\S/gu,
      /(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}’'&-]*(?:[\s,;:/&]+\p{Lu}[\p{Lu}’'&-]*)+(?![\p{L}\p{N}])/gu,
      /[^\s\p{L}\p{N}]+|\p{Lo}+|\p{Ll}\p{M}*/gu,
    ];
    const texts = readdirSync(CORPUS)
      .filter((n) => n.endsWith('.md'))
      .map((n) => readFileSync(join(CORPUS, n), 'utf8'));
    texts.push('Les États membres (UE) réaffirment… 2030–2040; 大韓民国 (ROK) — Ελλάδα; कार्य', readFileSync(SEED, 'utf8'));
    for (const re of patterns) {
      const twin = forText(re, 'plain');
      expect(twin).not.toBe(re);
      expect(twin.flags).toBe(re.flags);
      expect(twin.source).not.toContain('\\p{');
      for (const text of texts) expect([...text.matchAll(twin)].map((m) => [m.index, m[0]])).toEqual([...text.matchAll(re)].map((m) => [m.index, m[0]]));
      expect(forText(re, 'a 𝐀 b')).toBe(re);
    }
    // Left as they are: a negated property, and case folding.
    expect(forText(/\P{L}/u, 'plain').source).toBe('\\P{L}');
    expect(forText(/\p{Lu}/iu, 'plain').source).toBe('\\p{Lu}');
  });
});

/** The chunks of the split bundle (scripts/bundle-cli.mjs; tsc's own files never end in -XXXXXXXX.js). */
const bundleChunks = (): string[] =>
  readdirSync(join(ROOT, 'dist', 'project'))
    .filter((n) => /-[A-Z0-9]{8}\.js$/.test(n))
    .map((n) => join(ROOT, 'dist', 'project', n));
/** The CommonJS bundle that dist/cli/main.js compiles with the code cache. */
const WHOLE = join(ROOT, 'dist', 'project', 'cli.cjs');

describe('the command-line bundles', () => {
  it('are ASCII, so Node reads each file as a one-byte string (scripts/bundle-cli.mjs)', () => {
    const files = [join(ROOT, 'dist', 'cli', 'main.js'), join(ROOT, 'dist', 'cli', 'main-esm.js'), WHOLE, ...bundleChunks()];
    expect(files.length).toBeGreaterThan(10);
    const wide = files.filter((f) => /[^\0-\x7f]/.test(readFileSync(f, 'utf8')));
    expect(wide).toEqual([]);
    // The analysis' regular expressions hold such characters (’, –), escaped.
    expect(files.some((f) => readFileSync(f, 'utf8').includes('\\u2019'))).toBe(true);
    expect(readFileSync(WHOLE, 'utf8')).toContain('\\u2019');
  });

  it("hold Handlebars' runtime, not its compiler (src/render/html/templates.ts)", () => {
    for (const bundle of [bundleChunks().map((f) => readFileSync(f, 'utf8')), [readFileSync(WHOLE, 'utf8')]]) {
      expect(bundle.some((code) => code.includes('SafeString'))).toBe(true);
      expect(bundle.filter((code) => code.includes('JavaScriptCompiler'))).toEqual([]);
    }
  });
});

/** `node dist/cli/main.js …` (the launcher, scripts/cli-launcher.mjs) with BRIEFPACK_DEBUG, so it says which route it took. */
function launch(args: string[], env: Record<string, string>, node: string[] = []) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && k !== 'BRIEFPACK_CODE_CACHE')) as Record<string, string>;
  const run = spawnSync(process.execPath, [...node, join(ROOT, 'dist', 'cli', 'main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...base, BRIEFPACK_DEBUG: '1', ...env },
  });
  const deps = /briefpack: start-up: package files from the code cache: (\d+), compiled: (\d+)/.exec(run.stderr);
  return { status: run.status, route: /briefpack: start-up: (.*)/.exec(run.stderr)?.[1], deps: deps && [Number(deps[1]), Number(deps[2])], stderr: run.stderr };
}

describe('the launcher (dist/cli/main.js)', () => {
  it('compiles the whole bundle with the code cache the build made, and V8 accepts it', () => {
    expect(existsSync(`${WHOLE}.cache`)).toBe(true);
    const run = launch(['check', SEED, '--level', 'error'], {});
    expect(run.status, run.stderr).toBe(0);
    expect(run.route).toBe('bundle with code cache');
  });

  it('takes the smaller cache of an HTML build when a run asks for HTML alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-html-cache-'));
    expect(existsSync(`${WHOLE}.html.cache`)).toBe(true);
    for (const [args, route] of [
      [['-f', 'html'], 'bundle with the HTML code cache'],
      [['--format=html'], 'bundle with the HTML code cache'],
      [['-o', join(dir, 'x.html')], 'bundle with the HTML code cache'],
      [['-f', 'html,pdf'], 'bundle with code cache'],
      [['-o', join(dir, 'x.pdf')], 'bundle with code cache'],
      [['-o', join(dir, 'out')], 'bundle with code cache'],
    ] as const) {
      const run = launch(['build', SEED, '--no-cache', '--quiet', '--level', 'error', '--translations', dir, ...args], {});
      expect(run.status, run.stderr).toBe(0);
      expect(run.route, args.join(' ')).toBe(route);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("compiles the packages' files the bundle leaves out (pdfmake, pdfkit, fontkit) with their code cache", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-deps-'));
    const run = launch(['build', SEED, '-f', 'pdf', '-o', dir, '--no-cache', '--quiet', '--level', 'error'], {});
    expect(run.status, run.stderr).toBe(0);
    // The build's sample run made the cache with this very build, so every file is in it.
    expect(run.deps?.[0]).toBeGreaterThan(30);
    expect(run.deps?.[1]).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the commands the bundle leaves out (import, compare, watch, serve) and the full help from the split modules', () => {
    const whole = readFileSync(WHOLE, 'utf8');
    // mammoth's, chokidar's and jsdiff's own names; the split chunks hold them.
    const chunks = bundleChunks().map((f) => readFileSync(f, 'utf8'));
    for (const name of ['convertToHtml', 'FSWatcher', 'diffArrays']) {
      expect(whole).not.toContain(name);
      expect(chunks.some((code) => code.includes(name))).toBe(true);
    }
    for (const command of ['import', 'compare', 'watch', 'serve']) {
      const run = launch([command, '--help'], {});
      expect(run.status, run.stderr).toBe(0);
      expect(run.route).toBe(`split modules (command ${command})`);
    }
    expect(launch(['--help'], {}).route).toBe('split modules (no command)');
    const build = launch(['build', '--help'], {});
    expect(build.status).toBe(0);
    expect(build.route).toBe('bundle with code cache');
  });

  it('takes the split modules when node has options (V8 would reject the cache) or BRIEFPACK_CODE_CACHE=0, and every route builds the same pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-launch-'));
    const none = join(dir, 'no-translations');
    mkdirSync(none);
    const routes: Array<{ env: Record<string, string>; node: string[]; route: string }> = [
      { env: {}, node: [], route: 'bundle with code cache' },
      { env: { NODE_OPTIONS: '--max-old-space-size=2048' }, node: [], route: 'split modules (node options)' },
      { env: {}, node: ['--stack-size=2000'], route: 'split modules (node options)' },
      { env: { BRIEFPACK_CODE_CACHE: '0' }, node: [], route: 'split modules (BRIEFPACK_CODE_CACHE=0)' },
    ];
    const packs = routes.map(({ env, node, route }, k) => {
      const out = join(dir, `out${k}`);
      const run = launch(
        ['build', SEED, '-f', 'html,docx,json', '-o', out, '--no-cache', '--quiet', '--level', 'error', '--translations', none],
        { SOURCE_DATE_EPOCH: '1754265600', ...env },
        node,
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.route).toBe(route);
      const name = basename(SEED, '.md');
      return ['html', 'docx', 'json'].map((ext) => readFileSync(join(out, name, `${name}.${ext}`)).toString('base64'));
    });
    for (const pack of packs.slice(1)) expect(pack).toEqual(packs[0]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("zod's messages", () => {
  it('are bundled in English only, and a project file error reads as before (scripts/bundle-cli.mjs)', () => {
    const zod = bundleChunks()
      .map((f) => readFileSync(f, 'utf8'))
      .filter((code) => code.includes('node_modules/zod/v4/core/'));
    expect(zod).toHaveLength(1);
    for (const code of [zod[0], readFileSync(WHOLE, 'utf8')]) {
      expect(code).toContain('node_modules/zod/v4/locales/en.js');
      // French, German and Arabic are among the locales zod ships; none is bundled.
      for (const locale of ['fr', 'de', 'ar']) expect(code).not.toContain(`node_modules/zod/v4/locales/${locale}.js`);
      expect(code).not.toMatch(/Entr(?:ée|\\u00[eE]9e) invalide/);
    }
    const dir = mkdtempSync(join(tmpdir(), 'bp-zod-'));
    writeFileSync(join(dir, 'briefpack.yaml'), 'rules:\n  acronym-before-expansion: maybe\n');
    writeFileSync(join(dir, 'x.md'), '---\ntitle: "X"\n---\n\n# X\n\n1. A text.\n');
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'check', 'x.md', '--level', 'error'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'briefpack.yaml:2:29 error `rules.acronym-before-expansion`: Invalid option: expected one of "off"|"error"|"warning"|"info" config-type',
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("Handlebars' compiler", () => {
  it('is loaded only for a template that was not precompiled, and a user template renders as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-hbs-'));
    writeFileSync(join(dir, 'cover.hbs'), '<header class="cover">{{title}} {{#if subtitle}}({{subtitle}}){{/if}}</header>\n');
    // A fresh process: the tests around this one load the compiler themselves.
    const script = `
      const { createRequire } = await import('node:module');
      const req = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
      const { loadTemplates } = await import(${JSON.stringify(join(ROOT, 'dist', 'render', 'html', 'templates.js'))});
      const compilerLoaded = () => Object.keys(req.cache).some((k) => /handlebars[\\/]dist[\\/]cjs[\\/]handlebars[\\/]compiler[\\/]/.test(k));
      const builtin = loadTemplates(null);
      const before = compilerLoaded();
      const user = loadTemplates(${JSON.stringify(dir)});
      const page = user.layout({ cover: { title: 'T <b>', subtitle: 'S' }, labels: {} });
      console.log(JSON.stringify({ builtin: typeof builtin.layout, before, after: compilerLoaded(), cover: page.includes('<header class="cover">T &lt;b&gt; (S)</header>') }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ builtin: 'function', before: false, after: true, cover: true });
    rmSync(dir, { recursive: true, force: true });
  });
});

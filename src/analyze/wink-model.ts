/**
 * wink-eng-lite-web-model, put together here instead of by its own
 * dist/model.js, to load faster (issue 18, start-up). The package is made
 * for browsers: its core model is a 3 MB JSON file that it `require`s and
 * then copies whole (JSON.parse(JSON.stringify(…))) on every load, and its
 * two binary tables are decoded from base64 a character at a time. Here the
 * file is read and parsed once, and the tables are decoded by Buffer. Every
 * other part (SBD, POS, NER, negation, sentiment, the addons) is the
 * package's own module, as model.js wires them, but for stand-ins of the
 * NER and sentiment models when the pipe leaves them out (winkModel).
 *
 * The core is read from dist/wink-core.bin, the form scripts/precompile.mjs
 * stores it in at build time (below), when that file was made from the
 * installed package's JSON; otherwise from the JSON itself.
 *
 * The model is the same object every way: test/unit/start-up.test.ts
 * compares it with the package's own load, part by part, and fails if a new
 * version of the package changes what it holds. Loading wink and the model
 * and tagging a sentence took 381 ms from the JSON this way against 490 ms
 * with the package's model.js (whole process, hyperfine, 15 runs).
 */
import { readFileSync, statSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../util/package-root.js';

/** The parts of the model the code below touches (the package has no types for them). */
interface Feature {
  list: string[];
  hash?: Record<string, number>;
  intrinsicSize?: number;
  index?: number;
  maxIndex?: number;
}
interface CoreModel {
  packing: { layout: Record<string, number[]>; efList?: string[] };
  features: Record<string, Feature> & { lexeme: Feature; posClusters: { list: Array<string | Set<number>> } };
  pos: { hash: Record<string, number> };
  lexicon: string | Uint32Array;
  xpansions: string | Uint32Array;
}

/** A copy aligned at 0, as the package's own ArrayBuffer is. */
const aligned = (bytes: Uint8Array): Uint32Array => new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const u32 = (base64: string): Uint32Array => aligned(Buffer.from(base64, 'base64'));

function indexed(list: string[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>;
  for (let k = 0; k < list.length; k += 1) hash[list[k]] = k;
  return hash;
}

/** The core model's JSON file in the installed package. */
export function coreModelFile(): string {
  return join(winkModelDir(), 'languages', 'cur', 'models', 'eng-core-web-model.json');
}

/** What the package's read-core-model.js and load-core-model.js make, from the JSON file read once. */
export function readCoreModel(file: string): CoreModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as CoreModel;
  model.lexicon = u32(model.lexicon as string);
  model.xpansions = u32(model.xpansions as string);
  model.features.lexeme.hash = indexed(model.features.lexeme.list);
  return finish(model);
}

/** The set-up the package's load-core-model.js does after its two tables and the lexeme hash. */
function finish(model: CoreModel): CoreModel {
  const { packing, features, pos } = model;
  for (const f in packing.layout) if (packing.layout[f][3] === 0 && f !== 'lexeme') features[f].hash = indexed(features[f].list);
  const clusters = features.posClusters.list;
  for (let k = 0; k < clusters.length; k += 1) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0));
  packing.efList = [];
  for (const f in packing.layout) {
    const layout = packing.layout[f];
    if (layout[3] === 0) {
      const feature = features[f];
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[1] >>> layout[2];
    }
    if (layout[4] === 1) packing.efList.push(f);
  }
  features.lexeme.intrinsicSize = features.lexeme.list.length;
  features.lexeme.index = features.lexeme.list.length;
  return model;
}

/*
 * The core model, stored ready to use (dist/wink-core.bin, written by
 * scripts/precompile.mjs). Reading the 3 MB JSON, decoding its tables and
 * putting its 87,593 lexemes into a hash object took about 200 ms of every
 * cold build; this file is read in a few. It holds:
 *
 *   magic line | u32 header length | header JSON | lexicon | xpansions | lexeme table | lexeme offsets | lexemes
 *
 * - the header: the JSON model without its two tables and lexeme list, the
 *   lemmatizer's exception tables (winkModel), and the key of the files it
 *   was made from (the package's version and their sizes);
 * - the two tables as the package decodes them (u32, this machine's order);
 * - the lexemes, end to end in UTF-8, and where each starts (lazyList);
 * - an open-addressing table (FNV-1a, linear probing) from a lexeme to its
 *   index + 1, read through lexemeLookup() in place of the package's hash
 *   object. wink-nlp only reads and writes single keys of that object
 *   (src/cache.js), which a Proxy serves.
 */
export const WINK_CORE_FILE = 'wink-core.bin';
const MAGIC = Buffer.from('briefpack wink core 2\n');

/** FNV-1a over UTF-16 code units. */
function lexemeHash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function lexemeTable(list: string[]): Uint32Array {
  let size = 1;
  while (size < list.length * 2) size *= 2;
  const table = new Uint32Array(size);
  const mask = size - 1;
  for (let k = 0; k < list.length; k += 1) {
    let i = lexemeHash32(list[k]) & mask;
    // A lexeme listed twice maps to its last index, as the package's hash object does.
    while (table[i] !== 0 && list[table[i] - 1] !== list[k]) i = (i + 1) & mask;
    table[i] = k + 1;
  }
  return table;
}

/** Lookups after which the table gives way to a Map of every lexeme (a long text, or a batch in one worker). */
const UPGRADE_AFTER = 100_000;

/**
 * The hash object wink-nlp reads (`hash[text]`) and adds out-of-vocabulary words to (`hash[text] = n`).
 * `entry` reads the list (of `count` lexemes) without its Proxy; `upgrade` hears when the table has given way to a Map. The
 * Map costs about 60 ms to make, once; the table and the Proxies took about 6% of the analysis of a long
 * text (a CPU profile of the 127 KB communiqué analysed five times in one process).
 */
function lexemeLookup(count: number, table: Uint32Array, entry: (index: number) => string, upgrade: () => void): Record<string, number> {
  const mask = table.length - 1;
  let added = new Map<string, number>();
  let all: Map<string, number> | null = null;
  let finds = 0;
  const find = (key: string): number | undefined => {
    if (all) return all.get(key);
    if (++finds > UPGRADE_AFTER) {
      all = new Map();
      // In index order, so a lexeme listed twice keeps its last index, as with the package's hash object.
      for (let k = 0; k < count; k += 1) all.set(entry(k), k);
      for (const [word, index] of added) all.set(word, index);
      added = new Map();
      upgrade();
      return all.get(key);
    }
    const extra = added.get(key);
    if (extra !== undefined) return extra;
    for (let i = lexemeHash32(key) & mask, e = table[i]; e !== 0; i = (i + 1) & mask, e = table[i]) if (entry(e - 1) === key) return e - 1;
    return undefined;
  };
  return new Proxy(Object.create(null) as Record<string, number>, {
    get: (_t, key) => (typeof key === 'string' ? find(key) : undefined),
    has: (_t, key) => typeof key === 'string' && find(key) !== undefined,
    set: (_t, key, value: number) => {
      if (typeof key !== 'string') return false;
      (all ?? added).set(key, value);
      return true;
    },
  });
}

/**
 * The lexeme list, each entry decoded from the stored bytes when it is first
 * read: a text uses a few thousand of the 87,593, and making them all took
 * 20–25 ms of every start. After many lookups the plain array takes its
 * place (lexemeLookup's `upgrade`). wink-nlp reads entries by index, reads the length
 * and pushes out-of-vocabulary words (src/cache.js); all three go to the
 * array behind the Proxy, whose entries fill in as they are read.
 */
function lazyList(bytes: Buffer, offsets: Uint32Array): { list: string[]; entry: (index: number) => string; whole: () => string[] } {
  const count = offsets.length - 1;
  const decoded = new Array<string>(count);
  const entry = (index: number): string => (decoded[index] ??= bytes.toString('utf8', offsets[index], offsets[index + 1]));
  const list = new Proxy(decoded, {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const c = key.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const index = Number(key);
          if (index < count && Number.isInteger(index)) return entry(index);
        }
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  /** The array behind the Proxy, every entry decoded: the list to use once most of it will be read. */
  const whole = (): string[] => {
    for (let k = 0; k < count; k += 1) entry(k);
    return decoded;
  };
  return { list, entry, whole };
}

/** The lemmatizer's exception tables (`wn-*-exceptions.js`): thousands of constants, 27 ms to compile at every start. */
const EXCEPTION_MODULES = ['wn-adjective-exceptions.js', 'wn-noun-exceptions.js', 'wn-verb-exceptions.js'];

/** The key of the installed package's files a stored core must match: its version and the sizes of the files it holds. */
function coreKey(file: string): string {
  const version = (JSON.parse(readFileSync(join(winkModelDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return [version, statSync(file).size, ...EXCEPTION_MODULES.map((m) => statSync(join(winkModelDir(), m)).size)].join(':');
}

interface Header {
  key: string;
  /** Bytes of the offsets of the lexemes (u32, one more than the lexemes). */
  offsets: number;
  lexicon: number;
  xpansions: number;
  list: number;
  table: number;
  model: CoreModel;
  exceptions: Record<string, Record<string, string>>;
}

/** The stored form of a JSON core model and the lemmatizer's exceptions (scripts/precompile.mjs writes it to dist/). */
export function packCoreModel(file: string): Buffer {
  const model = JSON.parse(readFileSync(file, 'utf8')) as CoreModel;
  const list = model.features.lexeme.list;
  const lexicon = u32(model.lexicon as string);
  const xpansions = u32(model.xpansions as string);
  const table = lexemeTable(list);
  const encoded = list.map((l) => Buffer.from(l, 'utf8'));
  const offsets = new Uint32Array(list.length + 1);
  for (let k = 0; k < list.length; k += 1) offsets[k + 1] = offsets[k] + encoded[k].length;
  const listBytes = Buffer.concat(encoded);
  const rest = { ...model, lexicon: null, xpansions: null, features: { ...model.features, lexeme: { ...model.features.lexeme, list: null } } };
  const require = createRequire(join(winkModelDir(), 'model.js'));
  const exceptions = Object.fromEntries(EXCEPTION_MODULES.map((m) => [m, { ...(require(`./${m}`) as Record<string, string>) }]));
  const header = Buffer.from(
    JSON.stringify({
      key: coreKey(file),
      offsets: offsets.byteLength,
      lexicon: lexicon.byteLength,
      xpansions: xpansions.byteLength,
      list: listBytes.length,
      table: table.byteLength,
      model: rest,
      exceptions,
    } satisfies Omit<Header, 'model'> & { model: unknown }),
  );
  const pad = (n: number) => Buffer.alloc((4 - (n % 4)) % 4, 32);
  const head = Buffer.concat([MAGIC, Buffer.alloc(4), header]);
  head.writeUInt32LE(header.length + pad(head.length).length, MAGIC.length);
  const u8 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([head, pad(head.length), u8(lexicon), u8(xpansions), u8(table), u8(offsets), listBytes]);
}

interface Stored {
  header: Header;
  bytes: Buffer;
  /** Where the tables start. */
  at: number;
}

/** A stored file's header, or null when it is none or was made from other files than the installed ones. */
function readStored(bytes: Buffer, file: string): Stored | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const at = MAGIC.length + 4;
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const header = JSON.parse(bytes.toString('utf8', at, at + headerLength)) as Header;
  return header.key === coreKey(file) ? { header, bytes, at: at + headerLength } : null;
}

function coreFrom({ header, bytes, at }: Stored): CoreModel {
  // Views on the file's own bytes where they fall on a 4-byte boundary (a file read whole has its own buffer), else copies.
  const take = (n: number): Uint32Array => {
    const start = bytes.byteOffset + at;
    at += n;
    return start % 4 === 0 ? new Uint32Array(bytes.buffer, start, n / 4) : aligned(bytes.subarray(at - n, at));
  };
  const model = header.model;
  model.lexicon = take(header.lexicon);
  model.xpansions = take(header.xpansions);
  const table = take(header.table);
  const offsets = take(header.offsets);
  const { list, entry, whole } = lazyList(bytes.subarray(at, at + header.list), offsets);
  const lexeme = model.features.lexeme;
  lexeme.list = list;
  // wink-nlp reads `lexeme.list` afresh at each use, so the plain array can take the Proxy's place.
  lexeme.hash = lexemeLookup(list.length, table, entry, () => (lexeme.list = whole()));
  return finish(model);
}

/** The core model from a stored file, or null when there is none or it was made from another JSON model. */
export function unpackCoreModel(bytes: Buffer, file: string): CoreModel | null {
  const stored = readStored(bytes, file);
  return stored && coreFrom(stored);
}

let stored: Stored | null | undefined;

/** dist/wink-core.bin, read once, when it matches the installed package. */
function storedCore(): Stored | null {
  if (stored !== undefined) return stored;
  stored = null;
  if (process.env.BRIEFPACK_PRECOMPILED === '0') return stored;
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(packageRoot(), 'dist', WINK_CORE_FILE));
  } catch {
    return stored; // No build yet: the package's own files.
  }
  stored = readStored(bytes, coreModelFile());
  return stored;
}

/** The core model: stored (dist/wink-core.bin) when it matches the installed package, else read from its JSON. */
export function loadCoreModel(): CoreModel {
  const from = storedCore();
  if (from) {
    // The core's tables become part of the model; the file is not read twice.
    stored = undefined;
    return coreFrom(from);
  }
  return readCoreModel(coreModelFile());
}

/** The package's folder of built files (dist/). */
export function winkModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wink-eng-lite-web-model/package.json')), 'dist');
}

/** What wink-nlp loads for an annotation it never runs, by the model's loader: no machines (see winkModel). */
const EMPTY_MACHINE = JSON.stringify([0, 0, {}, {}, {}, {}]);
const STAND_INS: Record<string, { annotation: string; load: () => unknown }> = {
  ner: { annotation: 'ner', load: () => ({ machines: [], transformers: [] }) },
  sa: { annotation: 'sentiment', load: () => ({ machines: [EMPTY_MACHINE], setter: undefined }) },
};

/**
 * The model object wink-nlp takes, as the package's dist/model.js builds it, with the core read by loadCoreModel.
 *
 * `pipe`: the annotations the caller will run. wink-nlp sets up every annotation of the model when it loads,
 * whatever the pipe; the named-entity and sentiment models (570 KB of JSON, about 15 ms) get empty stand-ins
 * when the pipe leaves them out. The lemmatizer's exception tables come from dist/wink-core.bin when it
 * matches the package, put into the package's own require cache, so its lemmatize.js is the one that runs.
 */
export function winkModel(pipe?: readonly string[]): Record<string, unknown> {
  const dir = winkModelDir();
  const require = createRequire(join(dir, 'model.js'));
  const from = storedCore();
  if (from) {
    for (const name of EXCEPTION_MODULES) {
      const path = require.resolve(`./${name}`);
      if (require.cache[path]) continue;
      const module = new Module(path);
      module.filename = path;
      module.loaded = true;
      module.exports = Object.assign(Object.create(null) as Record<string, string>, from.header.exceptions[name]);
      require.cache[path] = module;
    }
  }
  const load = (name: string, module: string) => (pipe && !pipe.includes(STAND_INS[name].annotation) ? STAND_INS[name].load : require(module));
  const model = Object.create(null) as Record<string, unknown>;
  model.core = loadCoreModel;
  model.sbd = require('./load-sbd-model.js');
  model.pos = require('./load-pos-model.js');
  model.ner = load('ner', './load-ner-model.js');
  model.negation = require('./load-negation-model.js');
  model.sa = load('sa', './load-sa-model.js');
  model.metaCER = require('./load-cer-meta-model.js');
  model.featureFn = require('./feature.js');
  const addons = Object.create(null) as Record<string, unknown>;
  addons.stem = require('./porter-stemmer.js');
  addons.lemmatize = require('./lemmatize.js');
  addons.readabilityStats = require('./readability-stats.js');
  addons.wordVectors = undefined;
  model.addons = addons;
  return model;
}

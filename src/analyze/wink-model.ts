/**
 * wink-eng-lite-web-model, put together here instead of by its own
 * dist/model.js, to load faster (issue 18, start-up). The package is made
 * for browsers: its core model is a 3 MB JSON file that it `require`s and
 * then copies whole (JSON.parse(JSON.stringify(…))) on every load, and its
 * two binary tables are decoded from base64 a character at a time. Here the
 * file is read and parsed once, and the tables are decoded by Buffer. Every
 * other part (SBD, POS, NER, negation, sentiment, the addons) is the
 * package's own module, as model.js wires them.
 *
 * The model is the same object either way: test/unit/start-up.test.ts
 * compares it with the package's own load, part by part, and fails if a new
 * version of the package changes what it holds. Loading wink and the model
 * and tagging a sentence took 381 ms this way against 490 ms with the
 * package's model.js (whole process, hyperfine, 15 runs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

const u32 = (base64: string): Uint32Array => {
  const bytes = Buffer.from(base64, 'base64');
  // A copy aligned at 0, as the package's own ArrayBuffer is.
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

function indexed(list: string[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>;
  for (let k = 0; k < list.length; k += 1) hash[list[k]] = k;
  return hash;
}

/** What the package's read-core-model.js and load-core-model.js make, from the JSON file read once. */
export function readCoreModel(file: string): CoreModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as CoreModel;
  const { packing, features, pos } = model;
  model.lexicon = u32(model.lexicon as string);
  model.xpansions = u32(model.xpansions as string);
  for (const f in packing.layout) if (packing.layout[f][3] === 0) features[f].hash = indexed(features[f].list);
  features.lexeme.hash = indexed(features.lexeme.list);
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

/** The package's folder of built files (dist/). */
export function winkModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wink-eng-lite-web-model/package.json')), 'dist');
}

/** The model object wink-nlp takes, as the package's dist/model.js builds it, with the core read by readCoreModel. */
export function winkModel(): Record<string, unknown> {
  const dir = winkModelDir();
  const require = createRequire(join(dir, 'model.js'));
  const model = Object.create(null) as Record<string, unknown>;
  model.core = () => readCoreModel(join(dir, 'languages', 'cur', 'models', 'eng-core-web-model.json'));
  model.sbd = require('./load-sbd-model.js');
  model.pos = require('./load-pos-model.js');
  model.ner = require('./load-ner-model.js');
  model.negation = require('./load-negation-model.js');
  model.sa = require('./load-sa-model.js');
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

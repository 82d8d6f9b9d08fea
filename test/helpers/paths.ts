import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED = join(ROOT, 'source', 'apec-2025-digital-ai-ministerial.md');
/** The raw news text the seed source was written from. */
export const SEED_RAW = join(ROOT, 'test', 'seed', '000_d1977aab5104adda.txt');
/** Real declarations, copied into the repository (see test/corpus/README.md). */
export const CORPUS = join(ROOT, 'test', 'corpus');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** The OASIS XLIFF 2.1 schemas, for xmllint. */
export const XLIFF_SCHEMAS = join(ROOT, 'test', 'schemas', 'xliff-2.1');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

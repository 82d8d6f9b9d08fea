import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED = join(ROOT, 'source', 'apec-2025-digital-ai-ministerial.md');
/** Real declarations live outside the repository and are never copied in. */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

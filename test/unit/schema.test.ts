import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declarationJsonSchema } from '../../src/model/json-schema.js';
import { ROOT } from '../helpers/paths.js';

it('schema/declaration.schema.json is up to date with the zod model (npm run schema)', () => {
  expect(readFileSync(join(ROOT, 'schema', 'declaration.schema.json'), 'utf8')).toBe(declarationJsonSchema());
});

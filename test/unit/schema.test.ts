import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declarationJsonSchema } from '../../src/model/json-schema.js';
import { ROOT } from '../helpers/paths.js';

it('schema/declaration.schema.json is up to date with the zod model (npm run schema)', () => {
  expect(readFileSync(join(ROOT, 'schema', 'declaration.schema.json'), 'utf8')).toBe(declarationJsonSchema());
});

it('schema/config.schema.json is up to date with the project file schema (npm run schema)', async () => {
  const { configJsonSchema } = await import('../../src/project/config.js');
  expect(readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8')).toBe(configJsonSchema());
});

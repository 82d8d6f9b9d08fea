import { it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { declarationJsonSchema } from '../../src/model/json-schema.js';
import { CORPUS, ROOT, SEED } from '../helpers/paths.js';
import { modelOf } from '../helpers/compile.js';

it('schema/declaration.schema.json is up to date with the zod model (npm run schema)', () => {
  expect(readFileSync(join(ROOT, 'schema', 'declaration.schema.json'), 'utf8')).toBe(declarationJsonSchema());
});

it('schema/config.schema.json is up to date with the project file schema (npm run schema)', async () => {
  const { configJsonSchema } = await import('../../src/project/config.js');
  expect(readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8')).toBe(configJsonSchema());
});

it('every model of the seed and the corpus matches the schema, and the JSON renderer refuses one that does not', async () => {
  const { Declaration } = await import('../../src/model/schema.js');
  const { renderJson } = await import('../../src/render/json/index.js');
  const files = [
    SEED,
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => join(CORPUS, f)),
  ];
  expect(files.length).toBeGreaterThan(5);
  for (const path of files) expect(() => Declaration.parse(modelOf(path)), path).not.toThrow();
  const broken = { ...modelOf(SEED), schemaVersion: 1 } as unknown as Parameters<typeof renderJson>[0];
  await expect(renderJson(broken)).rejects.toThrow(/schemaVersion/);
});

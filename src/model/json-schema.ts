/** The JSON Schema of the model, generated from the zod schema (the contract other tools read). */
import { z } from 'zod';
import { Declaration } from './schema.js';

export function declarationJsonSchema(): string {
  const schema = z.toJSONSchema(Declaration, { target: 'draft-2020-12', unrepresentable: 'any', cycles: 'ref', reused: 'ref' }) as Record<string, unknown>;
  const out = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://briefpack.dev/schema/declaration.schema.json',
    title: 'briefpack declaration model',
    ...schema,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

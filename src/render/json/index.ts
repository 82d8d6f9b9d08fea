/**
 * The model as JSON (run phase: model -> string): stable key order as
 * built, two-space indent, trailing newline. Validated against
 * schema/declaration.schema.json in tests; `schemaVersion` says which shape.
 */
import type { Declaration } from '../../model/schema.js';

export async function renderJson(model: Declaration): Promise<string> {
  return JSON.stringify(model, null, 2) + '\n';
}

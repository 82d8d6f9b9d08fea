/**
 * The model as JSON (run phase: model -> string): stable key order as
 * built, two-space indent, trailing newline; `schemaVersion` says which
 * shape. The model is checked against its schema (src/model/schema.ts,
 * published as schema/declaration.schema.json) before it is written, so a
 * file that does not match it is never published. The check is made here,
 * not for every build, so that a build without JSON does not load zod.
 */
import { Declaration } from '../../model/schema.js';

export async function renderJson(model: Declaration): Promise<string> {
  Declaration.parse(model);
  return JSON.stringify(model, null, 2) + '\n';
}

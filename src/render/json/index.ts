/**
 * The model as JSON: stable key order as built, two-space indent, trailing
 * newline. Validated against schema/declaration.schema.json in tests.
 */
import type { Declaration } from '../../model/schema.js';
import type { RenderContext } from '../context.js';

export async function renderJson(model: Declaration, _ctx: RenderContext): Promise<string> {
  return JSON.stringify(model, null, 2) + '\n';
}

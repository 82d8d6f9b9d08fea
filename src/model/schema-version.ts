/**
 * Version of the model's JSON shape; bumped on every incompatible change
 * (docs/model.md). Apart from schema.ts so that making a model does not load
 * the schema library (zod), which only checks the JSON output.
 */
export const SCHEMA_VERSION = 2;

/** Regenerate the JSON Schemas from the zod schemas (npm run schema): the model and the project file. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { declarationJsonSchema } from '../src/model/json-schema.js';
import { configJsonSchema } from '../src/project/config.js';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/declaration.schema.json', declarationJsonSchema());
writeFileSync('schema/config.schema.json', configJsonSchema());
console.log('wrote schema/declaration.schema.json and schema/config.schema.json');

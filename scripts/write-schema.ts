/** Regenerate schema/declaration.schema.json from the zod model (npm run schema). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { declarationJsonSchema } from '../src/model/json-schema.js';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/declaration.schema.json', declarationJsonSchema());
console.log('wrote schema/declaration.schema.json');

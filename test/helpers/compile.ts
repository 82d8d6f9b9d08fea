import { readFileSync } from 'node:fs';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';

/** Compile a source file to its model, failing the test when it does not compile. */
export function modelOf(path: string): Declaration {
  const result = compileSource(path, readFileSync(path));
  if (!result.model) throw new Error(`${path} did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

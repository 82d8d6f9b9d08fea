/** Every example of the CommonMark spec builds a valid model without throwing. */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { compileSource } from '../../src/pipeline/compile.js';
import { Declaration } from '../../src/model/schema.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; example: number; section: string }> };

describe('CommonMark spec examples', () => {
  it(`all ${spec.tests.length} examples compile to a schema-valid model or a diagnostic`, () => {
    let models = 0;
    for (const test of spec.tests) {
      const result = compileSource(`example-${test.example}.md`, new TextEncoder().encode(test.markdown), { keepOnError: true });
      if (result.model) {
        Declaration.parse(result.model);
        models++;
      } else {
        expect(result.file.messages.length, `example ${test.example}`).toBeGreaterThan(0);
      }
    }
    expect(spec.tests.length).toBeGreaterThan(600);
    expect(models).toBeGreaterThan(spec.tests.length * 0.95);
  });
});

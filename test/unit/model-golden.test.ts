/**
 * Golden fixtures: test/fixtures/<case>/input.md -> model.json + messages.txt.
 * Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource } from '../../src/pipeline/compile.js';
import { diagnosticsOf, formatText } from '../../src/diagnostics/format.js';
import { sourceBodyText } from '../helpers/source-text.js';
import { missingWords } from '../helpers/words.js';
import { FIXTURES } from '../helpers/paths.js';
import { modelText } from '../helpers/model-text.js';
import { schemaErrors } from '../helpers/schema.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(FIXTURES)
  .filter((d) => existsSync(join(FIXTURES, d, 'input.md')))
  .sort();

describe('golden fixtures', () => {
  for (const name of cases) {
    it(name, () => {
      const dir = join(FIXTURES, name);
      const path = `test/fixtures/${name}/input.md`;
      const bytes = readFileSync(join(dir, 'input.md'));
      const { model, file } = compileSource(path, bytes, { keepOnError: true });
      expect(model, file.messages.map(String).join('\n')).not.toBeNull();
      const json = JSON.stringify(model, null, 2) + '\n';
      const messages = diagnosticsOf(file).map(formatText).join('\n') + '\n';
      if (UPDATE) {
        writeFileSync(join(dir, 'model.json'), json);
        writeFileSync(join(dir, 'messages.txt'), messages);
      }
      expect(existsSync(join(dir, 'model.json')), `${name}/model.json is missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(json).toBe(readFileSync(join(dir, 'model.json'), 'utf8'));
      expect(messages).toBe(readFileSync(join(dir, 'messages.txt'), 'utf8'));
      expect(schemaErrors(JSON.parse(json))).toEqual([]);
      // Nothing lost: the words of the body text are the words of the model's text fields.
      const body = sourceBodyText(bytes.toString('utf8'));
      expect(missingWords(body, modelText(model!))).toEqual([]);
      expect(missingWords(modelText(model!), body)).toEqual([]);
    });
  }
});

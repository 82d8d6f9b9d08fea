/**
 * html-validate (recommended preset) reports no error on any page: the seed,
 * every corpus text, the hostile fixture and a translated page.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { SEED, CORPUS, FIXTURES } from '../helpers/paths.js';
import { modelOf } from '../helpers/compile.js';
import { loadLabels } from '../../src/view/labels.js';
import { htmlOf, pageOf } from '../helpers/html-page.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The <title> is the official title of the declaration and is never cut;
    // this rule is about search-result snippets, not validity or accessibility.
    'long-title': 'off',
  },
});

async function validate(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
}

const pages = [
  SEED,
  join(FIXTURES, 'xss', 'input.md'),
  ...readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => join(CORPUS, f)),
];

describe('html-validate', () => {
  for (const path of pages) {
    it(path.split('/').slice(-2).join('/'), async () => {
      const { html } = await pageOf(path);
      expect(await validate(html, path)).toEqual([]);
    });
  }

  it('a translated page with untranslated blocks', async () => {
    const model = structuredClone(modelOf(SEED));
    model.meta.language = 'ko';
    model.translation = { sourceLanguage: 'en', untranslatedMeta: ['title', 'venue'] };
    model.sections[0].blocks[0].untranslated = 'missing';
    model.sections[2].untranslated = 'stale';
    model.background[1].untranslated = 'missing';
    const html = await htmlOf(model, {}, { labels: loadLabels('ko') });
    expect(await validate(html, 'translated')).toEqual([]);
  });
});

/** BuildOptions for tests that call buildDocument or buildPack in-process: HTML, no cache, no translations, default settings; `extra` overrides. */
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/project/settings.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../src/parse/decode-source.js';
import type { BuildOptions } from '../../src/project/options.js';

export function buildOptions(out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    out,
    formats: ['html'],
    langs: 'auto',
    translationsDir: join(out, 'no-translations'),
    templatesDir: null,
    maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
    pack: DEFAULT_SETTINGS,
    emitMarkdown: false,
    minTranslated: null,
    cache: false,
    ...extra,
  };
}

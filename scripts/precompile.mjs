/**
 * Parse and compile once, at build time, what every run would otherwise
 * parse and compile at start (issue 18, start-up): the YAML files of data/
 * and the built-in Handlebars templates, into dist/precompiled.json; and
 * wink's core model into dist/wink-core.bin. Run
 * after tsc (it takes the keys and options from dist/ so the two cannot
 * disagree) by scripts/bundle-cli.mjs. See src/util/precompiled.ts.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../', import.meta.url));
const { precompiledKey, PRECOMPILED_FILE } = await import(`${root}dist/util/precompiled.js`);
const { TEMPLATE_KIND, COMPILE_OPTIONS, builtinTemplatesDir } = await import(`${root}dist/render/html/templates.js`);
const { packCoreModel, coreModelFile, WINK_CORE_FILE } = await import(`${root}dist/analyze/wink-model.js`);

const table = { data: {}, templates: {} };
for (const name of readdirSync(join(root, 'data')).sort()) {
  if (!name.endsWith('.yaml')) continue;
  const text = readFileSync(join(root, 'data', name), 'utf8');
  table.data[precompiledKey('data', text)] = JSON.stringify(parse(text));
}
const templates = builtinTemplatesDir();
for (const name of readdirSync(templates).sort()) {
  if (!name.endsWith('.hbs')) continue;
  const text = readFileSync(join(templates, name), 'utf8');
  table.templates[precompiledKey(TEMPLATE_KIND, text)] = Handlebars.precompile(text, COMPILE_OPTIONS);
}
// Long dates of the label languages, as this Node's ICU writes them (src/view/format.ts).
const { dateForm } = await import(`${root}dist/view/format.js`);
const { ICU_KEY } = await import(`${root}dist/util/precompiled.js`);
table.dates = { icu: ICU_KEY, forms: {} };
for (const name of readdirSync(join(root, 'templates', 'labels')).sort()) {
  const lang = name.replace(/\.json$/, '');
  const form = name.endsWith('.json') ? dateForm(lang) : null;
  if (form) table.dates.forms[lang] = form;
}
// Unicode properties up to U+FFFF, as class ranges (src/util/bmp-regexp.ts).
const { BMP_PROPERTIES, bmpRanges } = await import(`${root}dist/util/bmp-regexp.js`);
table.unicode = { version: process.versions.unicode, classes: Object.fromEntries(BMP_PROPERTIES.map((p) => [p, bmpRanges(p)])) };
function write(name, bytes) {
  const out = join(root, 'dist', name);
  writeFileSync(`${out}.tmp`, bytes);
  renameSync(`${out}.tmp`, out);
}
write(PRECOMPILED_FILE, `${JSON.stringify(table)}\n`);
// wink's core model, ready to use (src/analyze/wink-model.ts).
write(WINK_CORE_FILE, packCoreModel(coreModelFile()));

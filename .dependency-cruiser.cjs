/**
 * The layers of src/, top to bottom. A folder may import its own files and
 * the folders below it, never one above it or beside it on the same level
 * (render and l10n are siblings). `npm run lint` runs this.
 *
 *   cli
 *   dev          watch, serve
 *   release      verify, pack, merge
 *   project      config, discover, cache, pool, manifest, run, build one document
 *   import       Word in
 *   compare      two texts aligned, redline packs
 *   render | l10n   html, pdf, docx, json | units, xliff, po, translated models
 *   view         Declaration -> BriefingView
 *   pipeline     compile: parse -> model -> analyze -> lint
 *   lint         content diagnostics on the model
 *   analyze      glossary, instruments, clauses
 *   model        schema, mdast -> model, the walker, shared policies
 *   parse        bytes -> text -> mdast
 *   diagnostics | util
 */
const LAYERS = [
  ['cli'],
  ['dev'],
  ['release'],
  ['project'],
  ['import'],
  ['compare'],
  ['render', 'l10n'],
  ['view'],
  ['pipeline'],
  ['lint'],
  ['analyze'],
  ['model'],
  ['parse'],
  ['diagnostics', 'util'],
];

const rules = [];
LAYERS.forEach((level, i) => {
  const above = LAYERS.slice(0, i).flat();
  for (const folder of level) {
    const siblings = level.filter((f) => f !== folder);
    const forbidden = [...above, ...siblings];
    if (!forbidden.length) continue;
    rules.push({
      name: `${folder}-imports-downward`,
      comment: `src/${folder} may import only folders below it: not ${forbidden.join(', ')}`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: `^src/(${forbidden.join('|')})/` },
    });
  }
});

module.exports = {
  forbidden: [
    ...rules,
    {
      name: 'renderers-apart',
      comment: 'Each renderer (and each l10n format) stands alone: html, pdf, docx and json share only what lies below render/',
      severity: 'error',
      from: { path: '^src/(render|l10n)/([^/]+)/' },
      to: { path: '^src/(render|l10n)/([^/]+)/', pathNot: '^src/$1/$2/' },
    },
    {
      // The layer rules make a cycle between folders impossible; a cycle of
      // modules inside one folder (handlers that call each other) is allowed.
      name: 'no-circular-across-folders',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, pathNot: '^src/$1/' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
  },
};

/**
 * Build one book (`packs:` in briefpack.yaml): compile its documents and
 * its brief, check the brief's links to the documents, build the book view,
 * render HTML, PDF and DOCX (and the brief's XLIFF and PO templates), then
 * the same book in every language all its documents and its brief are
 * translated into, and write them to out/packs/<id>/ atomically. A pack is
 * an artifact like any other: in the manifest and in the cache (keyed by
 * its documents, its brief, their translations and the settings).
 *
 * A document or a brief with errors fails the pack, with a diagnostic at
 * the place the project file names it; other packs and documents still build.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VFile } from 'vfile';
import { compileSource, documentId } from '../pipeline/compile.js';
import { checkBookLinks } from '../pipeline/book.js';
import { documentAnchors } from '../model/book-links.js';
import { epochFor } from '../model/epoch.js';
import { imageFolder } from '../model/images.js';
import type { Declaration } from '../model/schema.js';
import { loadLabels } from '../view/labels.js';
import { buildBookView, type BookSource } from '../view/book.js';
import type { Renderer } from '../render/context.js';
import { applySeverities, DocumentFailed, hasErrors, report, type SeverityOverride } from '../diagnostics/report.js';
import { diagnosticsOf, type Diagnostic } from '../diagnostics/format.js';
import { briefpackVersion } from '../util/version.js';
import type { Artifact } from './artifact.js';
import { assetHash } from './asset-hash.js';
import { isFresh, readCacheEntry, writeCacheEntry } from './cache.js';
import { tagStoreFor } from './tag-cache.js';
import { checkAssets } from './check-assets.js';
import type { DocumentResult, Output } from './build-document.js';
import { OutputWriteError, PackWriter, projectContext, reportWriteFailure } from './build-document.js';
import { FORMATS, type ModelContext } from './formats.js';
import { outputAffectingOptions, type BuildOptions, type PackSpec } from './options.js';
import { loadTranslateApi, translationFiles } from './translations.js';

/** The layout formats of a book and their renderers (loaded on first use, by literal paths). */
const BOOK_RENDERERS: Record<string, { ext: string; mediaType: string; load: () => Promise<Renderer> }> = {
  html: { ext: 'html', mediaType: 'text/html', load: async () => (await import('../render/html/index.js')).renderHtml },
  pdf: { ext: 'pdf', mediaType: 'application/pdf', load: async () => (await import('../render/pdf/index.js')).renderPdf },
  docx: { ext: 'docx', mediaType: FORMATS.docx.mediaType, load: async () => (await import('../render/docx/book.js')).renderBookDocx },
};

/** The folder of a pack's files, relative to the output folder, and its cache entry's name. */
function packFolder(id: string): string {
  return `packs/${id}`;
}

interface Input {
  path: string;
  bytes: Buffer;
  /** The project file's place of this input (the brief, or a document). */
  place: { line: number; column: number } | null;
}

/**
 * The cache key of a pack: briefpack's version, the assets, the options,
 * the pack's own settings, and the bytes of its brief, its documents and
 * their translations.
 */
function packKey(
  pack: PackSpec,
  inputs: Input[],
  translations: Array<{ lang: string; path: string }>,
  assets: string,
  options: BuildOptions,
  version: string,
): string {
  const hash = createHash('sha256');
  const spec = { ...pack, config: undefined };
  hash
    .update(`briefpack ${version}\0assets ${assets}\0`)
    .update(JSON.stringify(outputAffectingOptions(options)))
    .update('\0')
    .update(JSON.stringify(spec));
  for (const input of inputs) hash.update(`\0${input.path}\0`).update(input.bytes);
  for (const t of translations) hash.update(`\0${t.lang}\0${t.path}\0`).update(readFileSync(t.path));
  return hash.digest('hex');
}

/** Languages every input of the pack has a translation for, and those files. */
function packTranslations(ids: string[], options: BuildOptions): { langs: string[]; files: Array<{ lang: string; path: string }> } {
  const per = ids.map((id) => translationFiles(options.translationsDir, id, options.langs));
  const langs = [...new Set(per.flatMap((files) => files.map((f) => f.lang)))]
    .filter((lang) => per.every((files) => files.some((f) => f.lang === lang)))
    .sort();
  return { langs, files: per.flat().filter((f) => langs.includes(f.lang)) };
}

/**
 * Build one pack. `sources` are the documents this run builds on their own:
 * their diagnostics are reported there, so the pack repeats only its own.
 */
export async function buildPack(pack: PackSpec, options: BuildOptions, sources: ReadonlySet<string> = new Set()): Promise<DocumentResult> {
  const started = performance.now();
  const id = packFolder(pack.id);
  const file = new VFile({ path: pack.config.path });
  const others: Diagnostic[] = [];
  const result = (status: DocumentResult['status'], artifacts: Artifact[] = []): DocumentResult => ({
    source: `pack ${pack.id}`,
    id,
    status,
    diagnostics: [...diagnosticsOf(file), ...others],
    artifacts,
    coverage: [],
    ms: Math.round(performance.now() - started),
  });
  const own = (path: string) => !sources.has(path) && ![...sources].some((s) => resolve(s) === resolve(path));

  // Every input read once: the cache key needs their bytes, the compile their text.
  const inputs: Input[] = [];
  for (const [i, path] of [pack.brief, ...pack.documents].entries()) {
    try {
      inputs.push({ path, bytes: readFileSync(path), place: i === 0 ? pack.config.brief : pack.config.documents[i - 1] });
    } catch (error) {
      report(
        file,
        'pack-document-failed',
        `${i === 0 ? 'The brief' : 'Document'} ${path} of pack \`${pack.id}\` cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); the pack is not built`,
        i === 0 ? pack.config.brief : pack.config.documents[i - 1],
      );
    }
  }
  if (hasErrors(file)) return result('failed');
  const version = briefpackVersion();
  const assets = assetHash(options.templatesDir, options.pack.inputs);
  const ids = inputs.map((input) => documentId(input.path));
  const translations = packTranslations(ids, options);
  const key = packKey(pack, inputs, translations.files, assets, options, version);
  if (options.cache && !options.check) {
    const entry = readCacheEntry(options.out, id);
    if (entry && entry.key === key && isFresh(entry, options.out)) return { ...result('up-to-date', entry.artifacts), diagnostics: entry.diagnostics };
  }

  // Compile the brief and the documents; one with errors fails the pack.
  const compiled: Array<{ input: Input; file: VFile; model: Declaration; text: string }> = [];
  const tags = tagStoreFor(options.out, join('packs', id), options.cache);
  for (const [i, input] of inputs.entries()) {
    const what = i === 0 ? 'The brief' : 'Document';
    let c;
    try {
      c = compileSource(input.path, input.bytes, { maxInputBytes: options.maxInputBytes, rules: options.pack.rules, tags });
    } catch (error) {
      report(
        file,
        'internal-error',
        `Internal error while reading ${input.path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. This is a bug in briefpack; please report it with this source file.`,
        input.place,
      );
      continue;
    }
    if (own(input.path) || !c.model) others.push(...diagnosticsOf(c.file).filter((d) => own(input.path) || d.severity === 'error'));
    if (!c.model) {
      const first = c.file.messages.find((m) => m.fatal === true);
      const where = first ? `${input.path}${first.line ? `:${first.line}:${first.column ?? 1}` : ''}: ${first.reason}` : input.path;
      report(file, 'pack-document-failed', `${what} ${input.path} has errors (${where}); pack \`${pack.id}\` is not built`, input.place);
      continue;
    }
    compiled.push({ input, file: c.file, model: c.model, text: c.text ?? '' });
  }
  if (!options.check) tags?.save();
  if (hasErrors(file)) return result('failed');
  const [brief, ...documents] = compiled;

  // The brief's links to the documents, reported at their own place in the brief.
  const briefFile = new VFile({ path: brief.input.path });
  checkBookLinks(briefFile, brief.text, new Map(documents.map((d) => [d.model.id, documentAnchors(d.model)])));
  applySeverities(briefFile, options.pack.rules, brief.model.meta.rules as Record<string, SeverityOverride> | undefined);
  others.push(...diagnosticsOf(briefFile));
  if (hasErrors(briefFile)) {
    report(
      file,
      'pack-document-failed',
      `The brief ${brief.input.path} has broken links to the documents; pack \`${pack.id}\` is not built`,
      brief.input.place,
    );
    return result('failed');
  }

  const assetsOk = checkAssets(file, options, brief.model.meta.language);
  if (options.check) return result(assetsOk ? 'checked' : 'failed');
  if (!assetsOk) return result('failed');

  const project = projectContext(options.pack, file, options.templatesDir);
  const epoch = epochFor({ meta: { ...brief.model.meta, date: pack.date ?? brief.model.meta.date } });
  const book = { id: pack.id, title: pack.title, subtitle: pack.subtitle, date: pack.date };
  const source = (model: Declaration, path: string): BookSource => ({ model, imageFolder: imageFolder(path) });
  const outputs: Output[] = [];
  const layout = options.formats.filter((f) => f in BOOK_RENDERERS);
  const render = async (models: Declaration[], lang: string, suffix: string): Promise<boolean> => {
    const labels = loadLabels(lang, options.pack.labels);
    const [b, ...docs] = models;
    const view = buildBookView(
      docs.map((m, i) => source(m, documents[i].input.path)),
      source(b, brief.input.path),
      { ...project.view, labels, epoch, version, book },
    );
    let ok = true;
    for (const format of layout) {
      const spec = BOOK_RENDERERS[format];
      try {
        // The page of a book has a few rules of its own (templates/html/book.css), before the project's stylesheets.
        const ctx =
          format === 'html' ? { ...project.render, css: [(await import('../render/html/book.js')).bookCss(), ...(project.render.css ?? [])] } : project.render;
        const data = await (await spec.load())(view, ctx);
        outputs.push({ name: `${pack.id}${suffix}.${spec.ext}`, data, mediaType: spec.mediaType, language: lang });
      } catch (error) {
        ok = false;
        if (!(error instanceof DocumentFailed))
          report(
            file,
            'internal-error',
            `Internal error while rendering pack \`${pack.id}\` as ${format}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. This is a bug in briefpack; please report it.`,
            pack.config.pack,
          );
        if (process.env.BRIEFPACK_DEBUG) console.error(error);
      }
    }
    return ok;
  };

  if (
    !(await render(
      compiled.map((c) => c.model),
      brief.model.meta.language,
      '',
    ))
  )
    return result('failed');
  // The brief's translation templates, as any source's (its units are translated like a document's).
  const modelCtx: ModelContext = { labels: loadLabels(brief.model.meta.language, options.pack.labels), version, epoch };
  for (const format of options.formats.filter((f) => f === 'xliff' || f === 'po')) {
    const spec = FORMATS[format];
    if (spec.input !== 'model') continue;
    outputs.push({
      name: `${brief.model.id}.${spec.ext}`,
      data: await (await spec.load())(brief.model, modelCtx),
      mediaType: spec.mediaType,
      language: brief.model.meta.language,
    });
  }

  // The same book in each language every document and the brief are translated into.
  if (options.langs !== 'auto') {
    for (const lang of options.langs.filter((l) => !translations.langs.includes(l))) {
      report(
        file,
        'translation-missing',
        `Pack \`${pack.id}\` has no "${lang}" edition: not every document and the brief have a translation in ${options.translationsDir}/${lang}/`,
        pack.config.pack,
        'info',
      );
    }
  }
  let failed = false;
  for (const lang of translations.langs) {
    try {
      const api = await loadTranslateApi();
      const models: Declaration[] = [];
      for (const c of compiled) {
        // A document built on its own reports its translation problems there.
        const target = own(c.input.path) ? c.file : new VFile({ path: c.input.path });
        models.push((await api.translateModel(c.model, lang, { translationsDir: options.translationsDir, file: target })).model);
      }
      if (!(await render(models, lang, `.${lang}`))) failed = true;
    } catch (error) {
      failed = true;
      if (!(error instanceof DocumentFailed))
        report(
          file,
          'internal-error',
          `Internal error while translating pack \`${pack.id}\` into ${lang}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          pack.config.pack,
        );
    }
  }

  for (const c of compiled) if (own(c.input.path)) others.push(...diagnosticsOf(c.file).filter((d) => d.ruleId?.startsWith('translation-')));

  // Staged, then renamed into place together: a pack that fails while writing leaves its previous files.
  const briefSource = { path: brief.input.path, sha256: brief.model.source.sha256 };
  const documentInputs = documents.map((d) => ({ path: d.input.path, sha256: d.model.source.sha256 }));
  const writer = new PackWriter(join(options.out, id), { id, source: briefSource, inputs: documentInputs, assets, version });
  try {
    for (const output of outputs) writer.put(output);
    writer.commit();
  } catch (error) {
    writer.discard();
    if (!(error instanceof OutputWriteError)) throw error;
    reportWriteFailure(file, options.out, error);
    return result('failed');
  }
  const artifacts = writer.artifacts;
  if (failed || hasErrors(file)) return result('failed', artifacts);
  const done = result('built', artifacts);
  if (options.cache) writeCacheEntry(options.out, id, { key, source: done.source, artifacts, diagnostics: done.diagnostics, coverage: [] });
  return done;
}

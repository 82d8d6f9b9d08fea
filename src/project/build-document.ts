/**
 * Build one source: compile it, render every requested format (and every
 * translated pack), write the files atomically, and say what was written.
 * Runs in the main thread or in a worker; returns plain data either way.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { compileSource, documentId } from '../pipeline/compile.js';
import type { Declaration } from '../model/schema.js';
import { FORMATS, type ModelContext } from './formats.js';
import type { BuildOptions, PackSettings } from './options.js';
import type { Artifact } from './artifact.js';
import { epochFor } from '../model/epoch.js';
import { loadLabels, type Labels } from '../view/labels.js';
import { buildView, type ViewOptions } from '../view/build-view.js';
import type { BriefingView, ViewImage } from '../view/types.js';
import { imageFolder, readImage } from '../model/images.js';
import type { RenderContext } from '../render/context.js';
import { DocumentFailed, applySeverities, hasErrors, report, type SeverityOverride } from '../diagnostics/report.js';
import { checkAssets } from './check-assets.js';
import { diagnosticsOf, type Diagnostic } from '../diagnostics/format.js';
import { commitStaged, discardStaged, stageFile, type Staged } from './atomic-write.js';
import { briefpackVersion } from '../util/version.js';
import { assetHash } from './asset-hash.js';
import { translationFiles, loadTranslateApi, type Coverage } from './translations.js';
import { cacheKey, readCacheEntry, writeCacheEntry, isFresh } from './cache.js';
import { tagStoreFor } from './tag-cache.js';

export interface DocumentResult {
  source: string;
  id: string;
  /** `checked`: a `check` run found no error (nothing was rendered or written). */
  status: 'built' | 'up-to-date' | 'failed' | 'checked';
  diagnostics: Diagnostic[];
  artifacts: Artifact[];
  coverage: Array<{ lang: string } & Coverage>;
  ms: number;
}

export interface Output {
  name: string;
  data: Uint8Array | string;
  mediaType: string;
  language: string;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Short report for a bug: the first line of the error, never a stack trace (BRIEFPACK_DEBUG=1 shows it). */
function internalError(file: VFile, what: string, error: unknown): void {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  report(file, 'internal-error', `Internal error while ${what}: ${detail}. This is a bug in briefpack; please report it with this source file.`);
  if (process.env.BRIEFPACK_DEBUG) console.error(error);
}

/** Render the requested formats of one model (and its view): the source pack, or a translated one. */
export async function renderFormats(model: Declaration, formats: string[], settings: RenderSettings, suffix: string, file: VFile): Promise<Output[] | null> {
  const outputs: Output[] = [];
  let failed = false;
  let view: BriefingView | null = null;
  const modelCtx: ModelContext = { labels: settings.labels, version: settings.version, epoch: settings.epoch };
  for (const format of formats) {
    const spec = FORMATS[format];
    try {
      let data: Uint8Array | string;
      if (spec.input === 'model') data = await (await spec.load())(model, modelCtx);
      else {
        view ??= buildView(model, {
          ...settings.view,
          labels: settings.labels,
          epoch: settings.epoch,
          version: settings.version,
          imageFolder: imageFolder(model.source.path),
        });
        data = await (await spec.load())(view, settings.render);
      }
      outputs.push({ name: `${model.id}${suffix}.${spec.ext}`, data, mediaType: spec.mediaType, language: model.meta.language });
    } catch (error) {
      failed = true;
      if (!(error instanceof DocumentFailed)) internalError(file, `rendering ${format}`, error);
    }
  }
  return failed ? null : outputs;
}

export interface RenderSettings {
  labels: Labels;
  epoch: number;
  version: string;
  /** What the project decides of every view: parts, organization, marking. */
  view: Pick<ViewOptions, 'parts' | 'organization' | 'marking'>;
  render: RenderContext;
}

/** The project's settings as the view and the renderers take them (files read once per document). */
export function projectContext(pack: PackSettings, file: VFile, templatesDir: string | null): { view: RenderSettings['view']; render: RenderContext } {
  let logo: ViewImage | null = null;
  if (pack.organization.logo) {
    const read = readImage(pack.organization.logo);
    if (read.ok) logo = { mediaType: read.image.mediaType, bytes: read.image.bytes, width: read.image.width, height: read.image.height };
  }
  return {
    view: { parts: pack.parts, organization: { name: pack.organization.name, logo }, marking: pack.marking },
    render: {
      file,
      templatesDir,
      theme: pack.theme,
      css: pack.css.map((path) => readFileSync(path, 'utf8')),
      referenceDoc: pack.referenceDoc ? new Uint8Array(readFileSync(pack.referenceDoc)) : null,
    },
  };
}

/** Errors other than a translation's own (a malformed file, coverage below --min-translated fail only that language's pack). */
function errorsBeyondTranslation(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true && !m.ruleId?.startsWith('translation-'));
}

export async function buildDocument(source: string, options: BuildOptions): Promise<DocumentResult> {
  const started = performance.now();
  const id = documentId(source);
  const file = new VFile({ path: source });
  const result = (status: DocumentResult['status'], artifacts: Artifact[] = [], coverage: DocumentResult['coverage'] = []): DocumentResult => ({
    source,
    id,
    status,
    diagnostics: diagnosticsOf(file),
    artifacts,
    coverage,
    ms: Math.round(performance.now() - started),
  });

  let bytes: Buffer;
  try {
    bytes = readFileSync(source);
  } catch (error) {
    report(file, 'source-unreadable', `Cannot read the source: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return result('failed');
  }
  const version = briefpackVersion();
  const assets = assetHash(options.templatesDir, options.pack.inputs);
  const translations = translationFiles(options.translationsDir, id, options.langs);
  const key = cacheKey(bytes, translations, assets, options, version);
  const docDir = join(options.out, id);
  if (options.cache && !options.check) {
    const entry = readCacheEntry(options.out, id);
    if (entry && entry.key === key && entry.source === source && isFresh(entry, options.out)) {
      return { ...result('up-to-date', entry.artifacts, entry.coverage), diagnostics: entry.diagnostics };
    }
  }

  let compiled;
  const tags = tagStoreFor(options.out, id, options.cache);
  try {
    compiled = compileSource(source, bytes, { maxInputBytes: options.maxInputBytes, rules: options.pack.rules, tags });
    if (!options.check) tags?.save();
  } catch (error) {
    internalError(file, 'reading the source', error);
    return result('failed');
  }
  file.messages.push(...compiled.file.messages);
  const model = compiled.model;
  if (!model) return result('failed');

  // Everything that can be wrong with the inputs is found before any renderer
  // runs, once: the shared assets, then every translation. `check` stops here.
  const assetsOk = checkAssets(file, options, model.meta.language);
  const project = projectContext(options.pack, file, options.templatesDir);
  const labelsFor = (lang: string) => loadLabels(lang, options.pack.labels);
  const settings: RenderSettings = { labels: labelsFor(model.meta.language), epoch: epochFor(model), version, view: project.view, render: project.render };
  const coverage: DocumentResult['coverage'] = [];
  const packs: Array<{ lang: string; model: Declaration; markdown: string | null }> = [];
  let translationFailed = false;
  if (options.langs !== 'auto' && translations.length < options.langs.length) {
    for (const lang of options.langs.filter((l) => !translations.some((t) => t.lang === l))) {
      report(file, 'translation-missing', `No translation of ${id} for "${lang}" in ${options.translationsDir}/${lang}/`, null, 'info');
    }
  }
  for (const { lang } of translations) {
    try {
      const api = await loadTranslateApi();
      const translated = await api.translateModel(model, lang, { translationsDir: options.translationsDir, file });
      const t = translated.coverage;
      coverage.push({ lang, ...t });
      if (translated.unusable) {
        // Reported by the reader; a pack of the source text under the translation's name would be half-written.
        translationFailed = true;
        continue;
      }
      if (options.minTranslated != null && t.total > 0 && (100 * t.translated) / t.total < options.minTranslated) {
        report(
          file,
          'translation-coverage',
          `${lang}: ${((100 * t.translated) / t.total).toFixed(1)}% of units translated, below --min-translated ${options.minTranslated}%`,
          null,
          'error',
        );
        translationFailed = true;
        continue;
      }
      packs.push({ lang, model: translated.model, markdown: options.emitMarkdown && api.translatedMarkdown ? api.translatedMarkdown(translated.model) : null });
    } catch (error) {
      translationFailed = true;
      if (!(error instanceof DocumentFailed)) internalError(file, `translating into ${lang}`, error);
    }
  }
  // Translation diagnostics take the project's and the source's severities too.
  applySeverities(file, options.pack.rules, model.meta.rules as Record<string, SeverityOverride> | undefined);
  if (options.check) return result(translationFailed || !assetsOk || hasErrors(file) ? 'failed' : 'checked', [], coverage);
  // An error in the source or the shared assets: nothing is rendered, the previous files stay.
  if (!assetsOk || errorsBeyondTranslation(file)) return result('failed', [], coverage);

  const outputs = await renderFormats(model, options.formats, settings, '', file);
  // The source-language pack failed to render (a render failure was reported): nothing is written.
  if (!outputs) return result('failed', [], coverage);
  const translatedFormats = options.formats.filter((f) => FORMATS[f].translated);
  for (const pack of packs) {
    const rendered = await renderFormats(pack.model, translatedFormats, { ...settings, labels: labelsFor(pack.lang) }, `.${pack.lang}`, file);
    if (!rendered) {
      translationFailed = true;
      continue;
    }
    outputs.push(...rendered);
    if (pack.markdown != null) outputs.push({ name: `${id}.${pack.lang}.md`, data: pack.markdown, mediaType: 'text/markdown', language: pack.lang });
  }

  // Every file is staged, then all are renamed into place together: a
  // document that fails while writing leaves its previous files untouched.
  // A translated pack that failed (below --min-translated, or not rendered)
  // fails the document, but the source-language pack and the other
  // languages are still written.
  const artifacts: Artifact[] = [];
  const staged: Staged[] = [];
  try {
    for (const output of outputs) {
      staged.push(stageFile(join(docDir, output.name), output.data));
      const data = typeof output.data === 'string' ? Buffer.from(output.data, 'utf8') : output.data;
      artifacts.push({
        path: `${id}/${output.name}`,
        mediaType: output.mediaType,
        bytes: data.length,
        sha256: sha256(data),
        source: { path: source, sha256: model.source.sha256 },
        language: output.language,
        assets,
        version,
      });
    }
    commitStaged(staged);
  } catch (error) {
    discardStaged(staged);
    const e = error as NodeJS.ErrnoException;
    report(file, 'output-write', `Cannot write to ${options.out}: ${e.code ?? ''} ${e.message.split('\n')[0]}`.trim());
    return result('failed', [], coverage);
  }
  if (translationFailed || hasErrors(file)) return result('failed', artifacts, coverage);
  const done = result('built', artifacts, coverage);
  if (options.cache) writeCacheEntry(options.out, id, { key, source, artifacts, diagnostics: done.diagnostics, coverage });
  return done;
}

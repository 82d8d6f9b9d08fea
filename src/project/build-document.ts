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
import { StagedWriter, commitStaged, discardStaged, stageFile, type Staged } from './atomic-write.js';
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

/**
 * Where a build puts each output as soon as it is rendered (staged on disk,
 * see PackWriter), so a document's formats are never all in memory at once.
 */
export interface OutputSink {
  put(output: Output): void;
  /** A writer for an output made as a stream; `finish` stages it, `abort` drops it. */
  open(output: Omit<Output, 'data'>): { write(chunk: Uint8Array): void; finish(): void; abort(): void };
}

/**
 * Render the requested formats of one model (and its view): the source pack,
 * or a translated one. With a sink, each output goes there as soon as it is
 * made (and none is returned); a sink's own failure (the disk) is thrown, a
 * renderer's is reported on `file` and gives null.
 */
export async function renderFormats(
  model: Declaration,
  formats: string[],
  settings: RenderSettings,
  suffix: string,
  file: VFile,
  sink: OutputSink | null = null,
): Promise<Output[] | null> {
  const outputs: Output[] = [];
  let failed = false;
  let view: BriefingView | null = null;
  const modelCtx: ModelContext = { labels: settings.labels, version: settings.version, epoch: settings.epoch };
  for (const format of formats) {
    const spec = FORMATS[format];
    const meta = { name: `${model.id}${suffix}.${spec.ext}`, mediaType: spec.mediaType, language: model.meta.language };
    let data: Uint8Array | string;
    try {
      if (spec.input === 'model') data = await (await spec.load())(model, modelCtx);
      else {
        view ??= buildView(model, {
          ...settings.view,
          labels: settings.labels,
          epoch: settings.epoch,
          version: settings.version,
          imageFolder: imageFolder(model.source.path),
        });
        if (sink && spec.stream) {
          const target = sink.open(meta);
          try {
            await (
              await spec.stream()
            )(view, settings.render, (chunk) => target.write(chunk));
          } catch (error) {
            target.abort();
            throw error;
          }
          target.finish();
          continue;
        }
        data = await (await spec.load())(view, settings.render);
      }
    } catch (error) {
      if (error instanceof OutputWriteError) throw error;
      failed = true;
      if (!(error instanceof DocumentFailed)) internalError(file, `rendering ${format}`, error);
      continue;
    }
    if (sink) sink.put({ ...meta, data });
    else outputs.push({ ...meta, data });
  }
  return failed ? null : outputs;
}

/** The disk failed while an output was staged (not a renderer's failure). */
export class OutputWriteError extends Error {
  constructor(override readonly cause: NodeJS.ErrnoException) {
    super(cause.message);
  }
}

/** Report a failed write of a document's (or a pack's) outputs. */
export function reportWriteFailure(file: VFile, out: string, error: OutputWriteError): void {
  const e = error.cause;
  report(file, 'output-write', `Cannot write to ${out}: ${e.code ?? ''} ${e.message.split('\n')[0]}`.trim());
}

/**
 * A document's (or a pack's) outputs, staged as they are rendered and hashed
 * on the way; `commit` renames them all into place together, `discard`
 * removes them. `mark`/`rollback` drop what one pack staged when it fails.
 * Every failure of the disk is an OutputWriteError.
 */
export class PackWriter implements OutputSink {
  readonly staged: Staged[] = [];
  readonly artifacts: Artifact[] = [];

  constructor(
    private readonly docDir: string,
    private readonly base: Pick<Artifact, 'source' | 'inputs' | 'assets' | 'version'> & { id: string },
  ) {}

  private record(output: Omit<Output, 'data'>, staged: Staged, bytes: number, hash: string): void {
    this.staged.push(staged);
    this.artifacts.push({
      path: `${this.base.id}/${output.name}`,
      mediaType: output.mediaType,
      bytes,
      sha256: hash,
      source: this.base.source,
      ...(this.base.inputs ? { inputs: this.base.inputs } : {}),
      language: output.language,
      assets: this.base.assets,
      version: this.base.version,
    });
  }

  put(output: Output): void {
    const data = typeof output.data === 'string' ? Buffer.from(output.data, 'utf8') : output.data;
    let staged: Staged;
    try {
      staged = stageFile(join(this.docDir, output.name), data);
    } catch (error) {
      throw new OutputWriteError(error as NodeJS.ErrnoException);
    }
    this.record(output, staged, data.length, sha256(data));
  }

  open(output: Omit<Output, 'data'>): { write(chunk: Uint8Array): void; finish(): void; abort(): void } {
    let writer: StagedWriter;
    try {
      writer = new StagedWriter(join(this.docDir, output.name));
    } catch (error) {
      throw new OutputWriteError(error as NodeJS.ErrnoException);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    // A write that fails is kept for `finish`: the renderer is not stopped half-way through a page.
    let failure: NodeJS.ErrnoException | null = null;
    return {
      write: (chunk) => {
        if (failure) return;
        try {
          writer.write(chunk);
          hash.update(chunk);
          bytes += chunk.length;
        } catch (error) {
          failure = error as NodeJS.ErrnoException;
        }
      },
      finish: () => {
        if (failure) {
          writer.abort();
          throw new OutputWriteError(failure);
        }
        let staged: Staged;
        try {
          staged = writer.finish();
        } catch (error) {
          throw new OutputWriteError(error as NodeJS.ErrnoException);
        }
        this.record(output, staged, bytes, hash.digest('hex'));
      },
      abort: () => writer.abort(),
    };
  }

  mark(): number {
    return this.staged.length;
  }

  rollback(mark: number): void {
    discardStaged(this.staged.splice(mark));
    this.artifacts.splice(mark);
  }

  commit(): void {
    try {
      commitStaged(this.staged);
    } catch (error) {
      throw new OutputWriteError(error as NodeJS.ErrnoException);
    }
  }

  discard(): void {
    discardStaged(this.staged);
  }
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

  // Every file is staged as soon as it is rendered, then all are renamed into
  // place together: a document that fails while rendering or writing leaves
  // its previous files untouched. A translated pack that failed (below
  // --min-translated, or not rendered) fails the document, but the
  // source-language pack and the other languages are still written.
  const writer = new PackWriter(docDir, { id, source: { path: source, sha256: model.source.sha256 }, assets, version });
  try {
    // The source-language pack failed to render (a render failure was reported): nothing is written.
    if (!(await renderFormats(model, options.formats, settings, '', file, writer))) {
      writer.discard();
      return result('failed', [], coverage);
    }
    const translatedFormats = options.formats.filter((f) => FORMATS[f].translated);
    for (const pack of packs) {
      const mark = writer.mark();
      if (!(await renderFormats(pack.model, translatedFormats, { ...settings, labels: labelsFor(pack.lang) }, `.${pack.lang}`, file, writer))) {
        writer.rollback(mark);
        translationFailed = true;
        continue;
      }
      if (pack.markdown != null) writer.put({ name: `${id}.${pack.lang}.md`, data: pack.markdown, mediaType: 'text/markdown', language: pack.lang });
    }
    writer.commit();
  } catch (error) {
    writer.discard();
    if (!(error instanceof OutputWriteError)) throw error;
    reportWriteFailure(file, options.out, error);
    return result('failed', [], coverage);
  }
  const artifacts = writer.artifacts;
  if (translationFailed || hasErrors(file)) return result('failed', artifacts, coverage);
  const done = result('built', artifacts, coverage);
  if (options.cache) writeCacheEntry(options.out, id, { key, source, artifacts, diagnostics: done.diagnostics, coverage });
  return done;
}

/**
 * `briefpack extract [paths…] [--lang <code>]`: for every source, write
 * `out/<id>/<id>.xlf` and `out/<id>/<id>.pot`, and with `--lang` the
 * pre-filled `out/<id>/<id>.<lang>.po` and `.<lang>.xlf` with the existing
 * translation from `<translationsDir>/<lang>/` merged in (stale units fuzzy).
 * Files are written atomically and listed in the output folder's manifest
 * (so `verify` knows them and a later build keeps them). Diagnostics go to
 * stderr.
 *
 * Exit codes: 0 done; 1 a source or translation had errors (other sources
 * are still extracted); 2 no sources found or a path does not exist.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { updateManifest } from '../project/manifest.js';
import { assetHash } from '../project/asset-hash.js';
import type { Artifact } from '../project/artifact.js';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { compileSource } from '../pipeline/compile.js';
import { discoverSources } from '../project/discover.js';
import { writeFileAtomic } from '../project/atomic-write.js';
import { epochFor } from '../model/epoch.js';
import { diagnosticsOf, formatText } from '../diagnostics/format.js';
import { report, hasErrors } from '../diagnostics/report.js';
import { briefpackVersion } from '../util/version.js';
import { extractTemplates } from '../l10n/extract.js';
import { readTermList, type TermList, type TermListError } from '../l10n/terms.js';
import { loadTranslation, reportProblem } from '../l10n/load.js';

export interface ExtractCommandOptions {
  out: string;
  lang?: string;
  translationsDir: string;
  /** A term list (TBX or CSV) of official translations. */
  terms?: string | null;
}

export interface ExtractIo {
  /** Where diagnostics and the summary go (default: process.stderr). */
  stderr?: { write(text: string): unknown };
}

export async function runExtract(paths: string[], options: ExtractCommandOptions, io: ExtractIo = {}): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  const lang = options.lang?.trim() || undefined;
  if (lang && !/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(lang)) {
    stderr.write(`briefpack extract: --lang "${lang}" is not a language tag such as ko or zh-Hans\n`);
    return 2;
  }
  const { sources, missing } = discoverSources(paths.length ? paths : ['source']);
  for (const m of missing) stderr.write(`briefpack extract: ${m} does not exist\n`);
  if (missing.length) return 2;
  if (sources.length === 0) {
    stderr.write(`briefpack extract: no Markdown sources in ${(paths.length ? paths : ['source']).join(', ')}\n`);
    return 2;
  }
  const version = briefpackVersion();
  const assets = assetHash(null);
  const produced: Artifact[] = [];
  let failed = false;
  let written = 0;
  for (const source of sources) {
    let file: VFile;
    try {
      const compiled = compileSource(source, readFileSync(source));
      file = compiled.file;
      const model = compiled.model;
      if (model) {
        const existing = lang ? await loadTranslation(model, lang, { translationsDir: options.translationsDir, file }) : null;
        let terms: TermList | null = null;
        if (lang && options.terms) {
          try {
            terms = readTermList(options.terms, model.meta.language);
          } catch (error) {
            const e = error as TermListError;
            const message = report(file, 'translation-malformed', e.message, e.line ? { line: e.line, column: e.column ?? 1 } : null);
            message.file = options.terms;
          }
        }
        const files = extractTemplates(model, { lang, existing: existing?.document ?? null, epoch: epochFor(model), version, terms });
        if (existing) for (const p of files.problems) reportProblem(file, existing.path, p);
        if (files.coverage && files.coverage.stale > 0) {
          report(
            file,
            'translation-stale',
            `${files.coverage.stale} ${lang} unit(s) are out of date and written as fuzzy: ${files.coverage.staleUnits.join(', ')}`,
            null,
            'info',
          );
        }
        const dir = join(options.out, model.id);
        const outputs: Array<[string, string | null, string, string]> = [
          [`${model.id}.xlf`, files.xliff, 'application/xliff+xml', model.meta.language],
          [`${model.id}.pot`, files.pot, 'text/x-gettext-translation-template', model.meta.language],
          [`${model.id}.${lang}.po`, files.po, 'text/x-gettext-translation', lang ?? ''],
          [`${model.id}.${lang}.xlf`, files.translatedXliff, 'application/xliff+xml', lang ?? ''],
        ];
        try {
          for (const [name, data, mediaType, language] of outputs) {
            if (data == null) continue;
            writeFileAtomic(join(dir, name), data);
            const bytes = Buffer.from(data, 'utf8');
            produced.push({
              path: `${model.id}/${name}`,
              mediaType,
              bytes: bytes.length,
              sha256: createHash('sha256').update(bytes).digest('hex'),
              source: { path: source, sha256: model.source.sha256 },
              language,
              assets,
              version,
            });
            written++;
          }
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          report(file, 'output-write', `Cannot write to ${dir}: ${e.code ?? ''} ${e.message.split('\n')[0]}`.trim());
        }
      }
    } catch (error) {
      file = new VFile({ path: source });
      report(file, 'internal-error', `briefpack extract failed on this document: ${(error as Error).stack ?? String(error)}`);
    }
    for (const d of diagnosticsOf(file)) stderr.write(formatText(d) + '\n');
    if (hasErrors(file)) failed = true;
  }
  if (produced.length) updateManifest(options.out, produced, new Set(), version);
  stderr.write(`briefpack extract: ${written} file(s) written to ${options.out} from ${sources.length} source(s)${failed ? ', with errors' : ''}\n`);
  return failed ? 1 : 0;
}

/**
 * Parse phase: find and read the translation of a document into a
 * language (`<translationsDir>/<lang>/<id>.xlf|.xliff|.po`), and check that
 * it is well formed and made for this document and language. Every problem
 * becomes a message on the source's VFile, pointing at the translation file.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { VFile } from 'vfile';
import type { Declaration } from '../model/schema.js';
import { report } from '../diagnostics/report.js';
import type { Severity } from '../diagnostics/rules.js';
import type { TranslationDocument, TranslationFile, TranslationProblem } from './translation-file.js';
import { readXliff, xliffFileId } from './read-xliff.js';
import { readPo } from './read-po.js';

import { findTranslationFiles, TRANSLATION_EXTENSIONS } from './files.js';

export { findTranslationFiles, TRANSLATION_EXTENSIONS };

export interface LoadedTranslation {
  path: string;
  format: 'xliff' | 'po';
  /** Null when the file is malformed or for another document. */
  file: TranslationFile | null;
  /** The part of the file for this document, null when unusable. */
  document: TranslationDocument | null;
}

export interface TranslationLocation {
  translationsDir: string;
  file: VFile;
}

/** Report a reader problem on the source file, pointing at the translation file. */
export function reportProblem(file: VFile, path: string, problem: TranslationProblem): void {
  const place = problem.line != null ? { line: problem.line, column: problem.column ?? 1 } : null;
  const message = report(file, problem.ruleId, problem.reason, place, problem.severity);
  message.file = path;
}

/**
 * Read the translation of `model` into `lang`. Returns null (and reports
 * nothing) when there is no file; otherwise the file, whose `document` is
 * null when it cannot be used (the reason is reported).
 */
export async function loadTranslation(model: Declaration, lang: string, { translationsDir, file }: TranslationLocation): Promise<LoadedTranslation | null> {
  const [path, ...others] = findTranslationFiles(translationsDir, lang, model.id);
  if (!path) return null;
  const problem = (p: TranslationProblem) => reportProblem(file, path, p);
  for (const other of others) {
    reportProblem(file, other, {
      ruleId: 'translation-mismatch',
      reason: `${basename(path)} is also present and is the one used; this file is ignored`,
      line: null,
      column: null,
      severity: 'warning',
    });
  }
  const format = extname(path) === '.po' ? 'po' : 'xliff';
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    problem({
      ruleId: 'translation-malformed',
      reason: `Cannot read the translation file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      line: null,
      column: null,
    });
    return { path, format, file: null, document: null };
  }
  const result = format === 'po' ? readPo(bytes, path) : readXliff(bytes, path);
  result.problems.forEach(problem);
  if (!result.file) return { path, format, file: null, document: null };
  const document = checkTranslation(result.file, model, lang, problem);
  return { path, format, file: result.file, document };
}

/** Is this file for this document, language and source language? Returns the document's part, or null after reporting why not. */
export function checkTranslation(tf: TranslationFile, model: Declaration, lang: string, problem: (p: TranslationProblem) => void): TranslationDocument | null {
  const mismatch = (reason: string, severity: Severity = 'error', line: number | null = 1) =>
    problem({ ruleId: 'translation-mismatch', reason, line, column: line == null ? null : 1, severity });
  let document: TranslationDocument | null;
  if (tf.format === 'xliff') {
    const fileId = xliffFileId(model.id);
    document =
      tf.documents.find((d) => d.id === model.id || d.id === fileId) ??
      tf.documents.find((d) => d.original != null && basename(d.original, extname(d.original)) === model.id) ??
      null;
    if (!document) {
      mismatch(`This XLIFF is for ${tf.documents.map((d) => `"${d.id}"`).join(', ')}, not for ${model.id} (no <file id="${model.id}">)`);
      return null;
    }
    if (!tf.language) {
      problem({ ruleId: 'translation-malformed', reason: 'The XLIFF has no trgLang: it is an untranslated template, not a translation', line: 1, column: 1 });
      return null;
    }
  } else {
    document = tf.documents[0] ?? null;
    if (!document) return null;
    if (document.id == null) mismatch(`The PO header has no X-Briefpack-Document; it cannot be checked to belong to ${model.id}`, 'warning');
    else if (document.id !== model.id) {
      mismatch(`This PO file is for "${document.id}" (X-Briefpack-Document), not for ${model.id}`);
      return null;
    }
  }
  if (tf.language && !sameLanguage(tf.language, lang)) {
    mismatch(`This file translates into "${tf.language}", not "${lang}"`);
    return null;
  }
  if (tf.sourceLanguage && !sameLanguage(tf.sourceLanguage, model.meta.language)) {
    mismatch(`This file was made from a "${tf.sourceLanguage}" source, but ${model.id} is in "${model.meta.language}"`, 'warning');
  }
  return document;
}

/** BCP 47 tags that name the same language: equal, or equal primary subtags when one of them has no more. */
export function sameLanguage(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/_/g, '-');
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  const [px, ...rx] = x.split('-');
  const [py, ...ry] = y.split('-');
  return px === py && (rx.length === 0 || ry.length === 0);
}

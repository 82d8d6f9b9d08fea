/**
 * The translation stage: units shared by the XLIFF and PO emitters,
 * readers for translation files, the translated model, extraction with
 * merge, and translated Markdown. Re-exports only; the code is next to it.
 */
export {
  listUnits,
  bindUnits,
  hashContent,
  normalizeHash,
  codesOf,
  doNotTranslateTerms,
  termMatcher,
  META_FIELDS,
  metaUnitId,
  type TranslationUnit,
  type BoundUnit,
  type UnitKind,
  type UnitContext,
  type UntranslatedState,
  type TermMatcher,
} from './units.js';
export { inlineMarkdown, parseInlineMarkdown, stringifyMarkdown, STRINGIFY_OPTIONS } from './inline-markdown.js';
export { readXliff, XLIFF_NS } from './read-xliff.js';
export { readPo } from './read-po.js';
export { parseXml, XmlError, type XmlElement, type XmlNode } from './xml.js';
export type { TranslationFile, TranslationDocument, TranslationEntry, TranslationProblem, ReadResult, RawTarget } from './translation-file.js';
export { matchUnits, resolveTarget, type UnitMatch, type UnitState } from './match.js';
export {
  loadTranslation,
  findTranslationFiles,
  checkTranslation,
  sameLanguage,
  reportProblem,
  TRANSLATION_EXTENSIONS,
  type LoadedTranslation,
} from './load.js';
export {
  translateModel,
  coverageOf,
  refreshTexts,
  type TranslationCoverage,
  type CoverageReport,
  type TranslateOptions,
  type TranslateResult,
} from './translate-model.js';
export { extractTemplates, type ExtractOptions, type ExtractedFiles } from './extract.js';
export { translatedMarkdown } from './markdown.js';
export { locationNote } from './notes.js';

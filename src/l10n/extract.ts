/**
 * Run + stringify phases: model -> translation files. Always the XLIFF 2.1
 * template and the .pot; with a language, a pre-filled .po and .xlf where
 * the existing translation is merged in: current units as translated,
 * stale ones as fuzzy (PO `#, fuzzy` + `#| msgid`, XLIFF `state="initial"` +
 * a `briefpack-stale` note), vanished ones as obsolete `#~` PO entries.
 */
import type { Declaration } from '../model/schema.js';
import { loadLabels, type Labels } from '../view/labels.js';
import { writeXliff } from './xliff/write.js';
import { writePo } from './po/write.js';
import { listUnits } from './units.js';
import { matchUnits, type UnitMatch } from './match.js';
import { officialTranslation, type TermList } from './terms.js';
import { coverageOf, type CoverageReport } from './translate-model.js';
import type { TranslationDocument, TranslationProblem } from './translation-file.js';
import { briefpackVersion } from '../util/version.js';
import { epochFor } from '../model/epoch.js';

export interface ExtractOptions {
  /** Target language of the pre-filled .po/.xlf; none: templates only. */
  lang?: string | null;
  /** The existing translation into `lang` (from `loadTranslation(...).document`). */
  existing?: TranslationDocument | null;
  /** Seconds since the epoch for the catalog dates (default: SOURCE_DATE_EPOCH, else the source date, else 1980-01-01). */
  epoch?: number;
  version?: string;
  /** Labels for translator notes (default: the source language's). */
  labels?: Labels;
  /** Extra header comment lines for the pre-filled .po. */
  headerComments?: string[];
  /** The project's term list: official translations pre-fill the term units still untranslated. */
  terms?: TermList | null;
}

export interface ExtractedFiles {
  /** `<id>.xlf`: XLIFF 2.1 template. */
  xliff: string;
  /** `<id>.pot`: gettext template. */
  pot: string;
  /** `<id>.<lang>.po`, with `lang`. */
  po: string | null;
  /** `<id>.<lang>.xlf`, with `lang`. */
  translatedXliff: string | null;
  /** Units already translated, stale (written as fuzzy) and missing, with `lang`. */
  coverage: CoverageReport | null;
  /** Problems found in the existing translation's units (unusable targets). */
  problems: TranslationProblem[];
}

/** Run phase: the translation files of a document. */
export function extractTemplates(model: Declaration, options: ExtractOptions = {}): ExtractedFiles {
  const units = listUnits(model);
  const labels = options.labels ?? loadLabels(model.meta.language);
  const version = options.version ?? briefpackVersion();
  const epoch = options.epoch ?? epochFor(model);
  const xliff = writeXliff(model, units, { labels, version });
  const pot = writePo(model, units, { labels, version, epoch });
  const lang = options.lang ?? null;
  if (!lang) return { xliff, pot, po: null, translatedXliff: null, coverage: null, problems: [] };

  const problems: TranslationProblem[] = [];
  const list = matchUnits(units, options.existing ?? null, problems).map((match) => {
    if (match.state !== 'missing' || match.unit.kind !== 'term') return match;
    const official = officialTranslation(options.terms ?? null, match.unit.text, lang);
    return official ? { ...match, state: 'translated' as const, content: [{ type: 'text' as const, value: official }] } : match;
  });
  const matches = new Map<string, UnitMatch>(list.map((m) => [m.unit.id, m]));
  const ids = new Set(units.map((u) => u.id));
  const obsolete = [...(options.existing?.entries.values() ?? [])].filter((e) => !ids.has(e.id) && e.target);
  const po = writePo(model, units, { labels, version, epoch, lang, matches, obsolete, headerComments: options.headerComments });
  const translatedXliff = writeXliff(model, units, { labels, version, lang, matches });
  return { xliff, pot, po, translatedXliff, coverage: coverageOf(model.id, lang, null, list), problems };
}

/**
 * Run phase: model + translation file -> translated model. Translated units
 * replace their source content; missing and stale units keep the source and
 * are marked `untranslated` so every emitter can flag them; stale units are
 * reported with the translation file's path and line.
 */
import type { VFile } from 'vfile';
import type { Declaration, Inline, Block } from '../model/schema.js';
import { inlineText, collapse } from '../model/inline.js';
import { blockText } from '../model/blocks.js';
import { splitSentences } from '../analyze/sentences.js';
import { report } from '../diagnostics/report.js';
import { bindUnits } from './units.js';
import { matchUnits, type UnitMatch } from './match.js';
import { loadTranslation, reportProblem } from './load.js';
import type { TranslationProblem } from './translation-file.js';
import { locationNote } from './notes.js';
import { loadLabels } from '../view/labels.js';

/** Unit counts of one translation. `translated + stale + missing === total`. */
export interface TranslationCoverage {
  translated: number;
  stale: number;
  missing: number;
  total: number;
}

/** Coverage of one document in one language, for the build's coverage report. */
export interface CoverageReport extends TranslationCoverage {
  document: string;
  language: string;
  /** The translation file read, or null when there is none. */
  file: string | null;
  /** Translated share, 0-100 (100 for a document without units). */
  percent: number;
  staleUnits: string[];
  missingUnits: string[];
}

export interface TranslateOptions {
  translationsDir: string;
  /** The source's VFile: diagnostics go here (with `message.file` set to the translation file). */
  file: VFile;
}

export interface TranslateResult {
  model: Declaration;
  coverage: TranslationCoverage;
  report: CoverageReport;
  /** The translation file exists but cannot be used (malformed, or made for another document): its pack is not written. */
  unusable: boolean;
}

/**
 * Run phase: read `<translationsDir>/<lang>/<id>.xlf|.xliff|.po` and return a
 * translated copy of the model (`meta.language = lang`, `translation` set).
 * Never throws for content problems: a malformed or mismatched file is
 * reported and every unit falls back to the source.
 */
export async function translateModel(model: Declaration, lang: string, options: TranslateOptions): Promise<TranslateResult> {
  const loaded = await loadTranslation(model, lang, options);
  const problems: TranslationProblem[] = [];
  const copy = structuredClone(model);
  copy.translation = { sourceLanguage: model.meta.language, untranslatedMeta: [] };
  const units = bindUnits(copy);
  const matches = matchUnits(units, loaded?.document ?? null, problems);
  const path = loaded?.path ?? null;
  if (path) for (const p of problems) reportProblem(options.file, path, p);
  if (!loaded) {
    report(
      options.file,
      'translation-missing',
      `No translation of ${model.id} into "${lang}" in ${options.translationsDir}/${lang}/; the source text is shown`,
      null,
      'info',
    );
  }

  const labels = loadLabels(model.meta.language);
  matches.forEach((match, i) => {
    const unit = units[i];
    if (match.state === 'translated') {
      const lost = markupDifference(unit.content, match.content!);
      if (lost && path && match.entry) {
        reportProblem(options.file, path, {
          ruleId: 'translation-markup',
          reason: `The ${lang} translation of ${unit.id} ${lost}`,
          line: match.entry.line,
          column: match.entry.column,
          severity: 'warning',
        });
      }
      unit.apply(match.content!);
    } else unit.mark(match.state);
    if (match.state === 'stale' && match.entry && path) {
      const why = match.staleReason === 'fuzzy' ? 'is marked as needing review (fuzzy)' : 'was made for an older source text';
      reportProblem(options.file, path, {
        ruleId: 'translation-stale',
        reason: `The ${lang} translation of ${unit.id} (${locationNote(unit, labels)}) ${why}; the source text is shown`,
        line: match.entry.line,
        column: match.entry.column,
      });
    }
  });
  refreshTexts(copy);
  translateClauses(model, copy);
  copy.meta.language = lang;

  const coverageReport = coverageOf(model.id, lang, path, matches);
  if (loaded?.document && coverageReport.missing > 0) {
    const message = report(
      options.file,
      'translation-missing',
      `${coverageReport.missing} of ${coverageReport.total} units have no ${lang} translation; the source text is shown (${coverageReport.missingUnits.slice(0, 8).join(', ')}${coverageReport.missing > 8 ? ', …' : ''})`,
      null,
      'info',
    );
    message.file = loaded.path;
  }
  const { translated, stale, missing, total } = coverageReport;
  return { model: copy, coverage: { translated, stale, missing, total }, report: coverageReport, unusable: loaded != null && loaded.document == null };
}

export function coverageOf(document: string, language: string, file: string | null, matches: readonly UnitMatch[]): CoverageReport {
  const ids = (state: UnitMatch['state']) => matches.filter((m) => m.state === state).map((m) => m.unit.id);
  const staleUnits = ids('stale');
  const missingUnits = ids('missing');
  const total = matches.length;
  const translated = total - staleUnits.length - missingUnits.length;
  return {
    document,
    language,
    file,
    translated,
    stale: staleUnits.length,
    missing: missingUnits.length,
    total,
    percent: total === 0 ? 100 : Math.round((1000 * translated) / total) / 10,
    staleUnits,
    missingUnits,
  };
}

/** Recompute every derived `text` (and bold lead-in) after content changed. */
export function refreshTexts(model: Declaration): void {
  const paragraph = (p: Block) => {
    p.children.forEach(paragraph);
    p.text = blockText(p);
    if (p.lead !== undefined) p.lead = leadOf(p.content);
  };
  model.background.forEach(paragraph);
  for (const s of model.sections) s.blocks.forEach(paragraph);
  for (const f of model.footnotes) {
    f.blocks.forEach(paragraph);
    f.text = collapse(f.blocks.map((b) => b.text).join(' '));
  }
  if (model.textTitle) model.textTitle.text = collapse(inlineText(model.textTitle.content));
  for (const s of model.sections) if (s.title != null && s.titleContent.length) s.title = collapse(inlineText(s.titleContent));
}

/** A bold (or bold-italic) opening, as the model records it for the source. */
function leadOf(content: Inline[]): string | null {
  const first = content[0];
  if (!first) return null;
  if (first.type === 'strong' || (first.type === 'emphasis' && first.children[0]?.type === 'strong')) return collapse(inlineText([first])) || null;
  return null;
}

/**
 * What a translation lost or made up of the source's markup: footnote
 * references, link targets, images and code spans (placeholders a
 * translator must keep). Null when they are the same.
 */
export function markupDifference(source: readonly Inline[], target: readonly Inline[]): string | null {
  const marks = (nodes: readonly Inline[], out: string[] = []): string[] => {
    for (const n of nodes) {
      if (n.type === 'footnoteReference') out.push(`footnote reference [^${n.label}]`);
      else if (n.type === 'link') out.push(`link to ${n.url}`);
      else if (n.type === 'image') out.push(`image ${n.url}`);
      else if (n.type === 'inlineCode') out.push(`code \`${n.value}\``);
      if ('children' in n) marks(n.children, out);
    }
    return out;
  };
  const count = (list: string[]) => list.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const before = count(marks(source));
  const after = count(marks(target));
  const dropped = [...before].filter(([k, n]) => (after.get(k) ?? 0) < n).map(([k]) => k);
  const invented = [...after].filter(([k, n]) => (before.get(k) ?? 0) < n).map(([k]) => k);
  if (!dropped.length && !invented.length) return null;
  const parts: string[] = [];
  if (dropped.length) parts.push(`drops the ${dropped.join(', ')}`);
  if (invented.length) parts.push(`adds a ${invented.join(', ')} the source does not have`);
  return parts.join(' and ');
}

/**
 * The commitments annex of a translated pack reads in the translation: each
 * clause's sentence becomes the matching sentence of its translated
 * paragraph (the same position, when both have as many sentences), else the
 * whole translated paragraph. Paragraphs left in the source keep it.
 */
export function translateClauses(source: Declaration, translated: Declaration): void {
  const blocks = new Map<string, { before: Block; after: Block }>();
  source.sections.forEach((s, i) => s.blocks.forEach((b, j) => blocks.set(b.id, { before: b, after: translated.sections[i].blocks[j] })));
  for (const clause of translated.clauses) {
    const pair = blocks.get(clause.paragraph);
    if (!pair || pair.after.untranslated || pair.before.text === pair.after.text) continue;
    const before = splitSentences(pair.before.text);
    const after = splitSentences(pair.after.text);
    const at = before.findIndex((s) => s.text === clause.text || s.text.includes(clause.text) || clause.text.includes(s.text));
    clause.text = at >= 0 && before.length === after.length ? after[at].text : pair.after.text;
  }
}

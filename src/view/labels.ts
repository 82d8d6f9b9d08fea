/**
 * Localized labels ("Contents", "Glossary"…), one JSON file per language in
 * templates/labels/, with per-project overrides (`labels:` in briefpack.yaml).
 * Every format takes its words from the view, and the view from here: never
 * from code.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import type { StrengthName } from '../model/schema.js';

/** The label keys, as in templates/labels/en.json (the reference language: every other file has the same keys). */
export interface Labels {
  language: string;
  contents: string;
  background: string;
  text: string;
  paragraph: string;
  paragraphAbbr: string;
  section: string;
  annexes: string;
  commitments: string;
  commitmentsIntro: string;
  verb: string;
  strength: string;
  clause: string;
  glossary: string;
  acronym: string;
  expansion: string;
  firstUse: string;
  notExpanded: string;
  instruments: string;
  instrument: string;
  citedIn: string;
  footnotes: string;
  page: string;
  pageOf: string;
  kind: string;
  meeting: string;
  venue: string;
  date: string;
  chair: string;
  marking: string;
  untranslated: string;
  stale: string;
  skipToText: string;
  permalink: string;
  backToReference: string;
  none: string;
  note: string;
  summary: string;
  strongest: string;
  actor: string;
  count: string;
  total: string;
  commitmentsOmitted: string;
  origin: string;
  fromText: string;
  fromReference: string;
  organization: string;
  logo: string;
  changes: string;
  /** Books: the brief, the document column, the glossary's uses, the annexes across the documents. */
  brief: string;
  document: string;
  uses: string;
  commitmentsAcross: string;
  commitmentsAcrossIntro: string;
  instrumentsMatrix: string;
  instrumentsMatrixIntro: string;
  strengths: Record<StrengthName, string>;
}

/** Per-language overrides of any label (`labels: { en: { contents: "Table of contents" } }`). */
export type LabelOverrides = Record<string, Partial<Omit<Labels, 'strengths'>> & { strengths?: Partial<Labels['strengths']> }>;

const cache = new Map<string, Labels>();

function labelsDir(): string {
  return join(packageRoot(), 'templates', 'labels');
}

/** Languages with a label file. */
export function labelLanguages(): string[] {
  return ['en', 'ko', 'fr', 'es', 'de', 'ru', 'zh', 'ja', 'ar'].filter((tag) => existsSync(join(labelsDir(), `${tag}.json`)));
}

/**
 * Labels for a BCP 47 tag: the exact file, then the primary subtag, then
 * English; missing keys fall back to English. Overrides for the tag (or its
 * primary subtag) are applied last.
 */
export function loadLabels(language: string, overrides: LabelOverrides = {}): Labels {
  const base = builtinLabels(language);
  const primary = language.split('-')[0];
  const own = overrides[language] ?? overrides[primary];
  if (!own) return base;
  return { ...base, ...own, language: base.language, strengths: { ...base.strengths, ...(own.strengths ?? {}) } } as Labels;
}

function builtinLabels(language: string): Labels {
  const en = readLabels('en');
  for (const tag of [language, language.split('-')[0], 'en']) {
    const hit = cache.get(tag);
    if (hit) return hit;
    if (/^[a-zA-Z-]+$/.test(tag) && existsSync(join(labelsDir(), `${tag}.json`))) {
      const own = readLabels(tag);
      const merged = { ...en, ...own, strengths: { ...en.strengths, ...(own.strengths ?? {}) } } as Labels;
      cache.set(tag, merged);
      return merged;
    }
  }
  return en;
}

function readLabels(tag: string): Labels {
  return JSON.parse(readFileSync(join(labelsDir(), `${tag}.json`), 'utf8')) as Labels;
}

/** Fill `{name}` placeholders in a label. */
export function fillLabel(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

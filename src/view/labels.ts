/**
 * Localized labels ("Contents", "Glossary"…), one JSON file per language in
 * templates/labels/. Every emitter takes its words from here, never from code.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
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
  strengths: Record<'commit' | 'urge' | 'encourage' | 'recognize' | 'express' | 'other', string>;
}

const cache = new Map<string, Labels>();

/** Labels for a BCP 47 tag: exact file, then the primary subtag, then English; missing keys fall back to English. */
export function loadLabels(language: string): Labels {
  const en = readLabels('en');
  const tags = [language, language.split('-')[0], 'en'];
  for (const tag of tags) {
    const hit = cache.get(tag);
    if (hit) return hit;
    const path = join(packageRoot(), 'templates', 'labels', `${tag}.json`);
    if (/^[a-zA-Z-]+$/.test(tag) && existsSync(path)) {
      const own = readLabels(tag);
      const merged = { ...en, ...own, strengths: { ...en.strengths, ...(own.strengths ?? {}) } } as Labels;
      cache.set(tag, merged);
      return merged;
    }
  }
  return en;
}

function readLabels(tag: string): Labels {
  return JSON.parse(readFileSync(join(packageRoot(), 'templates', 'labels', `${tag}.json`), 'utf8')) as Labels;
}

/** Fill `{name}` placeholders in a label. */
export function fillLabel(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

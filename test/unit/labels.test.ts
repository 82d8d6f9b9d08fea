/**
 * Label files (templates/labels/<lang>.json): every language has exactly the
 * keys of en.json, no empty value and the same `{placeholders}`; and the seed
 * built as an HTML page in each language shows no English label.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEED } from '../helpers/paths.js';
import { renderContext, viewOf } from '../helpers/compile.js';
import { elements, parsePage } from '../helpers/html-page.js';
import { renderHtml } from '../../src/render/html/index.js';
import { labelLanguages, loadLabels, type Labels } from '../../src/view/labels.js';

const LANGUAGES = ['en', 'ko', 'fr', 'es', 'de', 'ru', 'zh', 'ja', 'ar'];

/** Labels that are rightly the same word as in English ("Annexes" in French, "¶"); any other English value is a label left untranslated. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  en: [],
  ko: ['paragraphAbbr'],
  fr: ['section', 'annexes', 'instrument', 'footnotes', 'page', 'date', 'note', 'total', 'logo', 'document'],
  es: ['total'],
  de: ['verb', 'instrument', 'logo'],
  ru: [],
  zh: ['paragraphAbbr'],
  ja: ['paragraphAbbr'],
  ar: [],
};
const LABELS_DIR = join(ROOT, 'templates', 'labels');

type LabelFile = Record<string, unknown>;

const read = (lang: string): LabelFile => JSON.parse(readFileSync(join(LABELS_DIR, `${lang}.json`), 'utf8')) as LabelFile;
const en = read('en');
const enStrengths = en.strengths as Record<string, string>;

/** Every label as [path, value]: "contents", "strengths.commit"… (`language` is the tag, not a label). */
function entries(file: LabelFile): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(file)) {
    if (key === 'language') continue;
    if (key === 'strengths' && value && typeof value === 'object') {
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) out.push([`strengths.${name}`, String(v)]);
    } else out.push([key, String(value)]);
  }
  return out;
}

const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('label files', () => {
  it('labelLanguages() lists all nine languages', () => {
    expect([...labelLanguages()].sort()).toEqual([...LANGUAGES].sort());
  });

  it('en.json has a strengths object and string labels', () => {
    expect(Object.keys(enStrengths).sort()).toEqual(['commit', 'encourage', 'express', 'other', 'recognize', 'urge']);
    for (const [key, value] of Object.entries(en)) if (key !== 'strengths') expect(typeof value, key).toBe('string');
  });

  describe.each(LANGUAGES)('%s', (lang) => {
    const file = read(lang);

    it('keeps "language" set to its tag', () => {
      expect(file.language).toBe(lang);
    });

    it('has exactly the keys of en.json, and the strengths of en.json', () => {
      expect(Object.keys(file).sort()).toEqual(Object.keys(en).sort());
      expect(file.strengths).toBeTypeOf('object');
      expect(Object.keys(file.strengths as object).sort()).toEqual(Object.keys(enStrengths).sort());
    });

    it('has no empty value, and only strings', () => {
      for (const [key, value] of Object.entries(file)) if (key !== 'strengths') expect(typeof value, key).toBe('string');
      for (const [path, value] of entries(file)) {
        expect(typeof value, path).toBe('string');
        expect(value.trim(), path).not.toBe('');
      }
    });

    it('keeps the {placeholders} of every templated label', () => {
      const own = new Map(entries(file));
      for (const [path, value] of entries(en)) expect(placeholders(own.get(path) ?? ''), path).toEqual(placeholders(value));
    });

    it('leaves no label in English, but for the words the two languages share', () => {
      if (lang === 'en') return;
      const english = new Map(entries(en));
      const same = entries(file)
        .filter(([path, value]) => value.trim().toLocaleLowerCase() === english.get(path)?.trim().toLocaleLowerCase())
        .map(([path]) => path);
      expect(same.sort()).toEqual([...SAME_AS_ENGLISH[lang]].sort());
    });

    it('is what loadLabels() gives for the tag', () => {
      const loaded = loadLabels(lang);
      expect(loaded.language).toBe(lang);
      expect(new Map(entries(loaded as unknown as LabelFile))).toEqual(new Map(entries(file)));
    });
  });
});

// ---- the seed as a page in each language -------------------------------------

/** What a reader gets from the page: its visible text and the words of aria-label, title and alt. */
function pageWords(html: string): string {
  const page = parsePage(html);
  const attributes = elements(page.body).flatMap((el) =>
    el.attrs.filter((a) => a.name === 'aria-label' || a.name === 'title' || a.name === 'alt').map((a) => a.value),
  );
  return [page.text, ...attributes].join('\n');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive occurrences of `phrase` (a letter or digit on either side is another word). */
function occurrences(text: string, phrase: string): number {
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, 'giu'))].length;
}

/** The fixed parts of a label ("Page", "of" for "Page {page} of {pages}"). */
const fragments = (value: string) =>
  value
    .split(/\{\w+\}/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Labels that are no words at all ("⟦12⟧"), with the placeholders of en: the page as it would be without any label. */
function sentinelLabels(lang: string): Labels {
  let n = 0;
  const sentinel = (value: string) => [`⟦${++n}⟧`, ...placeholders(value).map((p) => `{${p}}`)].join(' ');
  const out: Record<string, unknown> = { language: lang };
  for (const [key, value] of Object.entries(en)) {
    if (key === 'language') continue;
    out[key] = key === 'strengths' ? Object.fromEntries(Object.entries(enStrengths).map(([k, v]) => [k, sentinel(v)])) : sentinel(String(value));
  }
  return out as unknown as Labels;
}

/** The seed with `meta.language` set to `lang`, rendered as a page with the given labels (a marking, so its label shows). */
async function seedPage(lang: string, labels: Labels): Promise<string> {
  const view = viewOf(
    SEED,
    (m) => {
      m.meta.language = lang;
    },
    { labels, marking: '⟦marking⟧' },
  );
  return renderHtml(view, renderContext(SEED));
}

/**
 * English labels the page for `lang` shows: those found more often than on
 * the page built with word-free labels (the seed is English, so its own words
 * — "Meeting", "the text", "recognize"… — are on both and cancel out).
 * Labels that are the same word in both languages ("Annexes", "¶"…) are left
 * out, and so are English words that another label of the language uses too
 * ("Page" of "Page {page} sur {pages}", where French "Page" is its own word).
 */
async function englishLabelsOn(lang: string): Promise<{ shown: string[]; checked: string[] }> {
  const labels = loadLabels(lang);
  const own = entries(labels as unknown as LabelFile);
  const same = new Set(SAME_AS_ENGLISH[lang]);
  const page = pageWords(await seedPage(lang, labels));
  const baseline = pageWords(await seedPage(lang, sentinelLabels(lang)));
  const shown: string[] = [];
  const checked = new Set<string>();
  for (const [path, value] of entries(en)) {
    if (lang !== 'en' && same.has(path)) continue;
    const otherWords = own
      .filter(([p]) => p !== path)
      .flatMap(([, v]) => fragments(v))
      .join('\n');
    for (const fragment of fragments(value)) {
      if (lang !== 'en' && occurrences(otherWords, fragment) > 0) continue;
      checked.add(path);
      if (occurrences(page, fragment) > occurrences(baseline, fragment)) shown.push(`${path}: "${fragment}"`);
    }
  }
  return { shown, checked: [...checked] };
}

describe('the seed page in each language shows no English label', () => {
  it('the check sees the English labels on the English page', async () => {
    const { shown } = await englishLabelsOn('en');
    const keys = new Set(shown.map((s) => s.slice(0, s.indexOf(':'))));
    // Labels every seed page shows: cover, contents, parts, annex headings and tables, permalinks, the marking.
    for (const key of [
      'contents',
      'background',
      'annexes',
      'commitments',
      'commitmentsIntro',
      'glossary',
      'instruments',
      'meeting',
      'venue',
      'date',
      'chair',
      'marking',
      'skipToText',
      'permalink',
      'summary',
      'strongest',
      'actor',
      'verb',
      'strength',
      'clause',
      'acronym',
      'expansion',
      'firstUse',
      'instrument',
      'citedIn',
    ]) {
      expect(keys, key).toContain(key);
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s', async (lang) => {
    const { shown, checked } = await englishLabelsOn(lang);
    expect(shown).toEqual([]);
    // Every label is looked for but those the two languages share.
    expect(entries(en).filter(([path]) => !checked.includes(path) && !SAME_AS_ENGLISH[lang].includes(path))).toEqual([]);
  });
});

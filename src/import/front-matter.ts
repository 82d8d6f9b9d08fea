/**
 * Import (docx): the front matter of the imported source.
 *
 * - A briefpack DOCX: its cover (title, kind, marking, and the labelled
 *   meeting, venue, date and chair), the running header's short title when
 *   it differs, and the language of its properties.
 * - Any other Word file: docProps/core.xml — title (else the first Title
 *   paragraph), subject as `kind`, language — and the file's creation date as
 *   `date` only when the text itself gives that date (a file's date is when
 *   someone saved it, not when the text was adopted). Keywords are kept as a
 *   YAML comment; the file name goes to `source`.
 */
import { loadLabels } from '../view/labels.js';
import { formatDate } from '../view/format.js';
import type { Prepared } from './prepare.js';
import type { ImportMessage } from './messages.js';

export interface FrontMatter {
  title?: string;
  kind?: string;
  meeting?: string;
  date?: string;
  venue?: string;
  chair?: string;
  marking?: string;
  'short-title'?: string;
  language?: string;
  source?: string;
  /** Written as comments, not keys. */
  comments: string[];
}

const ORDER = ['title', 'kind', 'meeting', 'date', 'venue', 'chair', 'marking', 'short-title', 'language', 'source'] as const;

export function frontMatterOf(prepared: Prepared, options: { fileName: string; titleParagraph: string | null; messages: ImportMessage[] }): FrontMatter {
  const fm: FrontMatter = { comments: [] };
  const language = languageTag(prepared.language);
  if (prepared.briefpack) {
    const labels = [loadLabels(language ?? 'en'), loadLabels('en')];
    for (const entry of prepared.cover) {
      if (entry.style === 'Title') fm.title ??= entry.value;
      else if (entry.style === 'Subtitle') fm.kind ??= entry.value;
      else if (entry.style === 'Marking') fm.marking ??= entry.value;
      else if (entry.style === 'CoverDetail' && entry.label) {
        for (const field of ['meeting', 'venue', 'date', 'chair'] as const) {
          if (!labels.some((l) => l[field] === entry.label)) continue;
          if (field !== 'date') fm[field] ??= entry.value;
          else {
            const iso = isoDate(entry.value, language ?? 'en');
            if (iso) fm.date ??= iso;
            else
              options.messages.push({
                ruleId: 'import-date-unused',
                severity: 'info',
                reason: `The cover's date "${entry.value}" could not be read back as a date; add \`date:\` by hand`,
              });
          }
        }
      }
    }
    if (prepared.shortTitle && fm.title && prepared.shortTitle !== fm.title) fm['short-title'] = prepared.shortTitle;
    if (language) fm.language = language;
    return fm;
  }
  const core = prepared.core;
  const title = core.title ?? options.titleParagraph ?? undefined;
  if (title) fm.title = title;
  if (core.subject) fm.kind = core.subject;
  const stamp = core.created ?? core.modified;
  const day = stamp ? /^(\d{4})-(\d{2})-(\d{2})/.exec(stamp) : null;
  if (day) {
    const iso = `${day[1]}-${day[2]}-${day[3]}`;
    if (textGivesDate(prepared.bodyText, Number(day[1]), Number(day[2]), Number(day[3]))) fm.date = iso;
    else
      options.messages.push({
        ruleId: 'import-date-unused',
        severity: 'info',
        reason: `The Word file's date ${iso} is not a date the text gives, so it is not the document's date; add \`date:\` by hand`,
      });
  }
  if (language) fm.language = language;
  if (core.keywords) fm.comments.push(`keywords: ${core.keywords.replace(/\s+/g, ' ')}`);
  fm.source = options.fileName;
  return fm;
}

export function frontMatterYaml(fm: FrontMatter): string {
  const lines: string[] = [];
  for (const key of ORDER) {
    const value = fm[key];
    if (value == null || value === '') continue;
    lines.push(key === 'date' ? `${key}: ${value}` : `${key}: ${JSON.stringify(value)}`);
  }
  for (const c of fm.comments) lines.push(`# ${c.replace(/[\r\n]+/g, ' ')}`);
  if (!lines.length) return '';
  return `---\n${lines.join('\n')}\n---\n\n`;
}

/** A BCP 47 tag as briefpack accepts it, or null. */
function languageTag(value: string | null): string | null {
  if (!value) return null;
  const tag = value.trim();
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Whether the text writes this day: 2022-11-16, 16 November 2022, November 16, 2022, 2022년 11월 16일. */
export function textGivesDate(text: string, year: number, month: number, day: number): boolean {
  const name = MONTHS[month - 1];
  if (!name) return false;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const patterns = [
    new RegExp(`\\b${iso}\\b`),
    new RegExp(`\\b${day}(?:st|nd|rd|th)?\\s+${name}\\s*,?\\s+${year}\\b`, 'i'),
    new RegExp(`\\b${name}\\s+${day}(?:st|nd|rd|th)?\\s*,?\\s+${year}\\b`, 'i'),
    new RegExp(`${year}\\s*년\\s*${month}\\s*월\\s*${day}\\s*일`),
  ];
  const flat = text.replace(/[\u00a0\u3000\s]+/g, ' ');
  return patterns.some((p) => p.test(flat));
}

/**
 * The ISO date a cover shows in the view's own format (formatDate): the year
 * is the 4-digit number in it (in any script's digits), and the day is the
 * one of that year that formats to exactly this text.
 */
export function isoDate(shown: string, lang: string): string | null {
  const text = shown.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const latin = text.replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
  for (const year of new Set(latin.match(/\d{4}/g) ?? [])) {
    for (let t = Date.UTC(+year, 0, 1); new Date(t).getUTCFullYear() === +year; t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (formatDate(iso, lang) === text) return iso;
    }
  }
  return null;
}

/** The value of a decimal digit of any script: how many digits precede it in its run of ten. */
function digitValue(d: string): number {
  const code = d.codePointAt(0)!;
  for (let v = 0; v <= 9; v++) if (!/\p{Nd}/u.test(String.fromCodePoint(code - v - 1))) return v;
  return 0;
}

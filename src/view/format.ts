/**
 * Dates, numbers and page labels in the document's language, with Intl:
 * the same string in every format.
 */
import { precompiledDateForm, type DateForm } from '../util/precompiled.js';
import { fillLabel, type Labels } from './labels.js';

/**
 * A long date ("4 August 2025", "2025년 8월 4일"), in UTC so the day never
 * shifts; the text as written when it is no ISO date. Intl writes it; for a
 * label language, the build stored how Intl writes it (dateForm), because
 * the first Intl.DateTimeFormat of a process takes 15–30 ms to make.
 */
export function formatDate(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  // The date Intl is given (a 13th month or a 32nd day rolls over, as before).
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const form = precompiledDateForm(lang);
  const year = date.getUTCFullYear();
  // The years dateForm checked.
  if (form && year >= 1000 && year <= 2999) return writeDate(form, year, date.getUTCMonth() + 1, date.getUTCDate());
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return iso;
  }
}

function writeDate(form: DateForm, year: number, month: number, day: number): string {
  return form.parts.map((p) => (p === 0 ? String(day) : p === 1 ? form.months[month - 1] : p === 2 ? String(year) : p)).join('');
}

/**
 * How Intl writes a long date in `lang`, as data (scripts/precompile.mjs
 * stores it), or null when the form does not write every day of 1990–2040
 * and the first of January of every year from 1000 to 2999 exactly as Intl
 * does (another calendar, other digits, a month name that changes with the day).
 */
export function dateForm(lang: string): DateForm | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  } catch {
    return null;
  }
  const kinds = { day: 0, month: 1, year: 2 } as const;
  const parts = format.formatToParts(new Date(Date.UTC(2025, 7, 4))).map((p) => (p.type in kinds ? kinds[p.type as keyof typeof kinds] : p.value));
  if (parts.some((p) => typeof p === 'string' && /\d/.test(p))) return null;
  const months = Array.from({ length: 12 }, (_, k) => format.formatToParts(new Date(Date.UTC(2025, k, 15))).find((p) => p.type === 'month')?.value ?? '');
  const form: DateForm = { parts, months };
  const same = (t: number) => {
    const d = new Date(t);
    return writeDate(form, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) === format.format(d);
  };
  for (let t = Date.UTC(1990, 0, 1); t <= Date.UTC(2040, 11, 31); t += 86_400_000) if (!same(t)) return null;
  for (let y = 1000; y <= 2999; y += 1) if (!same(Date.UTC(y, 0, 1))) return null;
  return form;
}

/** A whole number in the document's language (its digits and grouping). */
export function formatNumber(n: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { useGrouping: false }).format(n);
  } catch {
    return String(n);
  }
}

/** "Page 3 of 12" in the document's language. */
export function pageLabel(labels: Labels, lang: string, page: number, pages: number): string {
  return fillLabel(labels.pageOf, { page: formatNumber(page, lang), pages: formatNumber(pages, lang) });
}

const RTL = /^(ar|fa|he|iw|ur|ps|sd|ug|yi|dv|ckb)(-|$)/i;

export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL.test(lang) ? 'rtl' : 'ltr';
}

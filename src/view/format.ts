/**
 * Dates, numbers and page labels in the document's language, with Intl:
 * the same string in every format.
 */
import { fillLabel, type Labels } from './labels.js';

/** A long date ("4 August 2025", "2025년 8월 4일"), in UTC so the day never shifts; the text as written when it is no ISO date. */
export function formatDate(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  } catch {
    return iso;
  }
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

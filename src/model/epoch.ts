/**
 * The one timestamp embedded in every output: SOURCE_DATE_EPOCH when set
 * (reproducible-builds.org), else the source's `date` at 00:00 UTC, else
 * 1980-01-01 (the earliest date a zip can hold).
 */
import type { Declaration } from './schema.js';

export const ZIP_EPOCH = Date.UTC(1980, 0, 1) / 1000;

export function parseSourceDateEpoch(value: string | undefined): number | null {
  if (value == null || value === '') return null;
  if (!/^\d{1,12}$/.test(value.trim())) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds, not "${value}"`);
  return Number(value.trim());
}

export function epochFor(model: Pick<Declaration, 'meta'>, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = parseSourceDateEpoch(env.SOURCE_DATE_EPOCH);
  if (fromEnv != null) return Math.max(fromEnv, ZIP_EPOCH);
  const date = model.meta.date;
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const seconds = Date.parse(`${date}T00:00:00Z`) / 1000;
    if (Number.isFinite(seconds)) return Math.max(seconds, ZIP_EPOCH);
  }
  return ZIP_EPOCH;
}

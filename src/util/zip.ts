/**
 * Deterministic zip: entries sorted by name, one fixed modification time,
 * fixed attributes, the same bytes in every time zone.
 *
 * Zip stores a local "DOS" date and time, and fflate fills it from the local
 * getters of a Date. A Date built from the epoch's UTC fields gives those
 * fields back in most zones, but not when that local time falls in a
 * daylight-saving gap (e.g. midnight on the day Chile springs forward, or
 * 02:30 on the day Europe does): the Date moves an hour on. So after zipping,
 * the DOS fields of every local header and central directory record are
 * rewritten from the UTC fields of the epoch.
 */
import { zipSync, type Zippable } from 'fflate';

/** 1980-01-01T00:00:00Z, the earliest time a zip can hold. */
const DOS_EPOCH = 315532800;

export function dosDate(epochSeconds: number): Date {
  const d = new Date(Math.max(epochSeconds, DOS_EPOCH) * 1000);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** The DOS time and date words of an epoch, read in UTC (years past 2107 are clamped). */
export function dosFields(epochSeconds: number): { time: number; date: number } {
  const d = new Date(Math.max(epochSeconds, DOS_EPOCH) * 1000);
  const year = Math.min(d.getUTCFullYear() - 1980, 127);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: (year << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Rewrite the modification time of every entry, walking the central directory from the end record. */
function stampEntries(zip: Uint8Array, time: number, date: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  if (end < 0 || view.getUint32(end, true) !== 0x06054b50) throw new Error('zipDeterministic: no end of central directory record where fflate puts it');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`zipDeterministic: central directory record ${i} not found`);
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, date, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`zipDeterministic: local header ${i} not found`);
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}

export function zipDeterministic(files: Array<{ name: string; data: Uint8Array; level?: 0 | 6 | 9 }>, epochSeconds: number): Uint8Array {
  const mtime = dosDate(epochSeconds);
  const tree: Zippable = {};
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    tree[f.name] = [f.data, { mtime, level: f.level ?? 6, os: 3, attrs: 0o100644 << 16 }];
  }
  const zip = zipSync(tree, { mtime, os: 3 });
  const { time, date } = dosFields(epochSeconds);
  stampEntries(zip, time, date);
  return zip;
}

/**
 * Deterministic zip: entries sorted by name, one fixed modification time,
 * fixed attributes. Zip stores local "DOS" time, and fflate reads the local
 * fields of the Date it is given, so the Date is built from the UTC fields of
 * the epoch: the same bytes in every time zone.
 */
import { zipSync, type Zippable } from 'fflate';

export function dosDate(epochSeconds: number): Date {
  const d = new Date(Math.max(epochSeconds, 315532800) * 1000);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export function zipDeterministic(files: Array<{ name: string; data: Uint8Array; level?: 0 | 6 | 9 }>, epochSeconds: number): Uint8Array {
  const mtime = dosDate(epochSeconds);
  const tree: Zippable = {};
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    tree[f.name] = [f.data, { mtime, level: f.level ?? 6, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(tree, { mtime, os: 3 });
}

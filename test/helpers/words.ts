/**
 * Words for "nothing lost" checks: Unicode letters and digits, case-folded,
 * NFKC-normalized, apostrophes unified. Punctuation and symbols are not words.
 */
export function words(text: string): string[] {
  const normalized = text.normalize('NFKC').replace(/[’‘`]/g, "'").toLowerCase();
  return (normalized.match(/[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu) ?? []).flatMap((w) => w.split(/[.']/)).filter(Boolean);
}

/** Words of `expected` (as a multiset) that `actual` lacks; empty when nothing is lost. */
export function missingWords(expected: string, actual: string): string[] {
  const have = new Map<string, number>();
  for (const w of words(actual)) have.set(w, (have.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const w of words(expected)) {
    const n = have.get(w) ?? 0;
    if (n > 0) have.set(w, n - 1);
    else missing.push(w);
  }
  return missing;
}

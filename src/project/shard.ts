/** `--shard i/n`: the i-th of n deterministic slices of a sorted source list (1-based, round-robin). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new RangeError(`--shard takes i/n, such as 2/4, not "${value}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new RangeError(`--shard ${value}: i must be between 1 and n`);
  return { index, count };
}

export function selectShard<T>(sorted: T[], shard: Shard | null): T[] {
  if (!shard) return sorted;
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}

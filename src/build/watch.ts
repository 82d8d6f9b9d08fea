/**
 * Watching sources, templates and translations: calls `rebuild` once per
 * burst of changes (debounced), never twice at the same time. The
 * incremental cache makes each rebuild touch only what changed.
 */
import { watch, existsSync, statSync, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Watcher {
  close(): void;
}

export function watchPaths(paths: string[], rebuild: () => Promise<void>, delayMs = 120): Watcher {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const fire = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await rebuild();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fire(), delayMs);
  };
  const seen = new Set<string>();
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const target = statSync(p).isDirectory() ? resolve(p) : dirname(resolve(p));
    if (seen.has(target)) continue;
    seen.add(target);
    watchers.push(watch(target, { recursive: true }, (_event, name) => {
      if (name && (String(name).includes('.briefpack-tmp-') || String(name).startsWith('.'))) return;
      schedule();
    }));
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

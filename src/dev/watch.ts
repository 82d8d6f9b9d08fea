/**
 * Watching sources, templates and translations: calls `rebuild` once per
 * burst of changes (debounced), never twice at the same time. The
 * incremental cache makes each rebuild touch only what changed.
 *
 * Folders are watched recursively; a single file through its folder, not
 * recursively. Changes under `ignore` (the output folder, when it sits inside
 * a watched folder) are dropped: otherwise every build would trigger the next.
 */
import { watch, existsSync, statSync, type FSWatcher } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export interface Watcher {
  /** Rebuild now (the first build): serialized with the rebuilds changes trigger. */
  run(): Promise<void>;
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last change before rebuilding. */
  delayMs?: number;
  /** Folders whose changes never trigger a rebuild. */
  ignore?: string[];
}

export function watchPaths(paths: string[], rebuild: () => Promise<void>, options: WatchOptions = {}): Watcher {
  const delayMs = options.delayMs ?? 120;
  const ignored = (options.ignore ?? []).map((p) => resolve(p));
  const isIgnored = (path: string) => ignored.some((i) => path === i || path.startsWith(i + sep));
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;
  const fire = async () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await rebuild();
    } finally {
      running = false;
      if (again && !closed) {
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
    const isDir = statSync(p).isDirectory();
    const target = isDir ? resolve(p) : dirname(resolve(p));
    const key = `${target}${isDir ? ' recursive' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    watchers.push(
      watch(target, { recursive: isDir }, (_event, name) => {
        if (!name) return schedule();
        const rel = String(name);
        // Hidden files and folders (.git, .cache, editor swap files) and our own temporary files.
        if (rel.split(/[\\/]/).some((part) => part.startsWith('.')) || isIgnored(join(target, rel))) return;
        schedule();
      }),
    );
  }
  return {
    run: fire,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/**
 * What the language model said of each sentence of a document, kept between
 * builds in <out>/.cache/nlp/<id>.json. Loading the model costs about 0.25 s
 * of CPU per process, more than the rest of a small document's build; with
 * this cache a rebuild after an edit loads it only when an edited sentence
 * needs a tag, and an unchanged document never does.
 *
 * The file holds exactly the sentences this build asked about (so it does
 * not grow with old versions of the text), under a key of the briefpack,
 * wink-nlp and model versions: another version ignores it. It is written
 * only when something changed, atomically; `--no-cache` neither reads nor
 * writes it, and `check` reads it without writing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { taggerVersion, type TagRecord, type TagStore } from '../analyze/index.js';
import { briefpackVersion } from '../util/version.js';
import { CACHE_DIR } from './cache.js';
import { writeFileAtomic } from './atomic-write.js';

interface TagFile {
  key: string;
  tags: Record<string, TagRecord>;
}

let versionKey: string | null = null;
function key(): string {
  return (versionKey ??= `briefpack ${briefpackVersion()} ${taggerVersion()}`);
}

export class FileTagStore implements TagStore {
  private readonly known = new Map<string, TagRecord>();
  private readonly used = new Map<string, TagRecord>();
  private added = false;

  constructor(private readonly path: string) {
    try {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as TagFile;
      if (stored.key === key()) for (const [shown, record] of Object.entries(stored.tags)) this.known.set(shown, record);
    } catch {
      // No file yet, or an unreadable one: start empty.
    }
  }

  get(shown: string): TagRecord | undefined {
    const record = this.used.get(shown) ?? this.known.get(shown);
    if (record) this.used.set(shown, record);
    return record;
  }

  set(shown: string, record: TagRecord): void {
    this.used.set(shown, record);
    this.added = true;
  }

  /** Write the sentences this build used, if they differ from what was stored. */
  save(): void {
    if (!this.added && this.used.size === this.known.size) return;
    const tags: Record<string, TagRecord> = {};
    for (const shown of [...this.used.keys()].sort()) tags[shown] = this.used.get(shown)!;
    writeFileAtomic(this.path, JSON.stringify({ key: key(), tags } satisfies TagFile));
  }
}

/** The store for one document of a build, or null when the build keeps no cache. */
export function tagStoreFor(out: string, id: string, cache: boolean): FileTagStore | null {
  return cache ? new FileTagStore(join(out, CACHE_DIR, 'nlp', `${id}.json`)) : null;
}

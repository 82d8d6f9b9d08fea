/**
 * Every output is written under a temporary name in the same folder, synced,
 * then renamed into place: a reader (or a build killed mid-way) sees the old
 * file or the new one, never half of one.
 */
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync, readdirSync, statSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const TMP_MARK = '.briefpack-tmp-';

/**
 * `mkdir -p` that always ends. Node's `mkdirSync(path, { recursive: true })`
 * spins forever when the kernel answers ENOENT for a child of a folder that
 * exists (any path under /proc, some FUSE mounts): it keeps re-creating the
 * parent and retrying. Here each missing level is made once, parents first,
 * and the first error is thrown (ENOENT, ENOTDIR, EACCES…).
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ;) {
    let stats;
    try {
      stats = statSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stats) {
      if (stats.isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: d });
    }
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  commitStaged([stageFile(path, data)]);
}

/** A file written under its temporary name, waiting to be renamed into place. */
export interface Staged {
  path: string;
  tmp: string;
}

/** Write `data` under a temporary name next to `path` (synced); nothing at `path` changes yet. */
export function stageFile(path: string, data: Uint8Array | string): Staged {
  const writer = new StagedWriter(path);
  try {
    writer.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  } catch (error) {
    writer.abort();
    throw error;
  }
  return writer.finish();
}

/**
 * A file staged a piece at a time, for bytes made as a stream (a long PDF's
 * pieces go to disk as pdfkit makes them instead of being joined in memory).
 * `finish` syncs and closes it (staged, not yet in place); `abort` removes it.
 */
export class StagedWriter {
  readonly path: string;
  readonly tmp: string;
  private fd: number | null;

  constructor(path: string) {
    makeDirectory(dirname(path));
    this.path = path;
    this.tmp = join(dirname(path), `${TMP_MARK}${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}`);
    this.fd = openSync(this.tmp, 'w', 0o644);
  }

  write(chunk: Uint8Array): void {
    if (this.fd === null) throw new Error(`briefpack: ${this.tmp} is already closed`);
    let offset = 0;
    while (offset < chunk.length) offset += writeSync(this.fd, chunk, offset, chunk.length - offset);
  }

  finish(): Staged {
    if (this.fd === null) throw new Error(`briefpack: ${this.tmp} is already closed`);
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(this.tmp, { force: true });
      throw error;
    }
    closeSync(fd);
    return { path: this.path, tmp: this.tmp };
  }

  abort(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    rmSync(this.tmp, { force: true });
  }
}

/**
 * Rename staged files into place. Stage every file of a document first and
 * commit them together: a document that fails while writing leaves its
 * previous files as they were.
 */
export function commitStaged(staged: readonly Staged[]): void {
  try {
    for (const s of staged) renameSync(s.tmp, s.path);
  } catch (error) {
    discardStaged(staged);
    throw error;
  }
}

export function discardStaged(staged: readonly Staged[]): void {
  for (const s of staged) rmSync(s.tmp, { force: true });
}

/** Remove temporary files a killed build left behind in a folder tree. */
export function removeStaleTemps(dir: string): number {
  let removed = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removed += removeStaleTemps(path);
    else if (entry.name.startsWith(TMP_MARK)) {
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}

export function isTempName(name: string): boolean {
  return basename(name).startsWith(TMP_MARK);
}

import { createHash, randomBytes, type Hash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { describeFsError, display } from './read.ts';

/**
 * Temporary files start with this prefix and carry the writer's process ID, so that a later run
 * can tell the leftovers of a killed one (its process is gone) from another writer's live files.
 */
export const TEMP_PREFIX = '.egress-audit-tmp-';

/**
 * What a file is written from: text, bytes, or text in pieces, written as they come so that a
 * report of hundreds of megabytes is never whole in memory.
 */
export type Content = string | Uint8Array | Iterable<string>;

/** Writes through a temporary file in the same folder and renames it: readers never see half a report. */
export async function writeAtomic(file: string, content: Content): Promise<void> {
  const tmp = await writeTemp(file, content);
  try {
    await rename(tmp, file);
  } finally {
    await forget(tmp);
  }
}

/**
 * Writes `content` to a new temporary file beside `file` and returns its path (renaming it is the
 * caller's; then call `forget`). A `digest` is fed every byte written. If writing fails, pieces
 * included, the temporary file is removed.
 */
async function writeTemp(file: string, content: Content, digest?: Digest): Promise<string> {
  const dir = path.dirname(file);
  await makeFolders(dir);
  await sweepStaleTemps(dir);
  const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(file)}.tmp`);
  track(tmp);
  try {
    await writeContent(tmp, content, digest);
  } catch (err) {
    await forget(tmp);
    throw err;
  }
  return tmp;
}

/** Writes `content` to `file` (created or truncated) through one file handle, piece by piece. */
export async function writeContent(file: string, content: Content, digest?: Digest): Promise<void> {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    digest?.update(content);
    await writeFile(file, content);
    return;
  }
  // Each piece is encoded once: the digest and the file get the same bytes.
  const encode = (text: string): Uint8Array => {
    const bytes = Buffer.from(text, 'utf8');
    digest?.update(bytes);
    return bytes;
  };
  const encoded = function* (): Generator<Uint8Array> {
    let held = '';
    for (const piece of content) {
      const text = held + piece;
      // A surrogate pair split between two pieces is encoded whole, as in the joined text.
      const last = text.charCodeAt(text.length - 1);
      const cut = last >= 0xd800 && last <= 0xdbff ? text.length - 1 : text.length;
      held = text.slice(cut);
      yield encode(text.slice(0, cut));
    }
    if (held) yield encode(held);
  };
  await writeFile(file, encoded());
}

/** The SHA-256 and size of what was written, gathered while it is written. */
class Digest {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  update(content: string | Uint8Array): void {
    this.hash.update(content);
    this.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

/**
 * mkdir -p one level at a time; returns the first folder it made. Node's recursive mkdir never
 * returns where the kernel refuses with ENOENT (procfs), so it is not used.
 */
async function makeFolders(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !(await exists(d)); d = path.dirname(d)) {
    if (path.dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) await mkdir(d).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'EEXIST') throw err; });
  return missing[0];
}

/** Removes a temporary file if it is still there (it is not once renamed) and stops tracking it. */
async function forget(tmp: string): Promise<void> {
  live.delete(tmp);
  await rm(tmp, { force: true });
}

const swept = new Set<string>();

/** Removes, once per folder and run, the temporary files of writers that are no longer running. */
async function sweepStaleTemps(dir: string): Promise<void> {
  const key = path.resolve(dir);
  if (swept.has(key)) return;
  swept.add(key);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(TEMP_PREFIX) ? Number(/^(\d+)-/.exec(name.slice(TEMP_PREFIX.length))?.[1] ?? NaN) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(path.join(dir, name), { force: true, recursive: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files and locks this process holds; removed if it is interrupted. */
const live = new Set<string>();
let handlersInstalled = false;

/** Tracks a path to remove on SIGINT or SIGTERM (a temporary file, a lock). */
export function track(p: string): void {
  live.add(p);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const p of live) rmSync(p, { force: true });
      live.clear();
      // Ended by the signal itself, as without this handler: the shell sees 130 or 143.
      process.kill(process.pid, signal);
    });
  }
}

function untrack(p: string): void {
  live.delete(p);
}

export function sha256(content: string | Uint8Array): string {
  const d = new Digest();
  d.update(content);
  return d.hex();
}

/** Lists the files of the last complete set written into a folder, with their digests; written last. */
export const SET_MANIFEST = '.egress-audit-set';
/** Present while a set is being renamed into place: readers refuse the folder until a write completes. */
export const SET_PENDING = '.egress-audit-pending';
/** Held by the one process writing a folder. */
export const LOCK_FILE = '.egress-audit.lock';

/** No time stamp: re-writing the same files gives the same manifest (exports are diffed when committed). */
export interface SetManifest {
  egressAuditSet: 1;
  files: { name: string; sha256: string; bytes: number }[];
}

export interface SetFile {
  name: string;
  /** Rendered only when its turn comes (a function), so that one file's text is in memory at a time; pieces are written as they come. */
  content: Content | (() => Content);
}

/**
 * Writes several files into a folder as one unit. Each is written to a temporary file first; then
 * a pending marker is written, the files are renamed into place, files of the previous set (and
 * `remove`) that this one lacks are deleted, the set manifest (names and SHA-256 digests) is
 * written, and the marker is removed. A run killed before the renames leaves the folder as it
 * was; one killed during them leaves the marker, and readers (`checkFileSet`) refuse the folder
 * rather than read new files beside old ones. Files not named by either set are not touched.
 */
export async function writeFileSet(dir: string, files: readonly SetFile[], remove: readonly string[] = []): Promise<string[]> {
  const temps: string[] = [];
  const entries: SetManifest['files'] = [];
  try {
    for (const f of files) {
      const digest = new Digest();
      temps.push(await writeTemp(path.join(dir, f.name), typeof f.content === 'function' ? f.content() : f.content, digest));
      entries.push({ name: f.name, sha256: digest.hex(), bytes: digest.bytes });
    }
    const previous = (await readSetManifest(dir))?.files.map((f) => f.name) ?? [];
    await writeAtomic(path.join(dir, SET_PENDING), `${JSON.stringify({ pid: process.pid, files: entries.map((e) => e.name) })}\n`);
    await rm(path.join(dir, SET_MANIFEST), { force: true });
    for (const [i, tmp] of temps.entries()) await rename(tmp, path.join(dir, (files[i] as SetFile).name));
    const now = new Set(files.map((f) => f.name));
    for (const name of new Set([...previous, ...remove])) {
      if (!now.has(name) && path.basename(name) === name) await rm(path.join(dir, name), { force: true });
    }
    const manifest: SetManifest = { egressAuditSet: 1, files: entries };
    await writeAtomic(path.join(dir, SET_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(path.join(dir, SET_PENDING), { force: true });
  } finally {
    await Promise.all(temps.map(forget));
  }
  return files.map((f) => path.join(dir, f.name));
}

export async function readSetManifest(dir: string): Promise<SetManifest | null> {
  try {
    const m = JSON.parse(await readFile(path.join(dir, SET_MANIFEST), 'utf8')) as SetManifest;
    return m?.egressAuditSet === 1 && Array.isArray(m.files) ? m : null;
  } catch {
    return null;
  }
}

/**
 * The SHA-256 each of `names` (files of `dir`) had when egress-audit wrote the folder as a set, to
 * be checked as each file is read (setDigestCheck), so that a folder is read once. An unfinished
 * write (its pending marker still there) is refused at once. Empty when the folder is no set.
 */
export async function fileSetDigests(dir: string, names: readonly string[]): Promise<Map<string, string>> {
  if (await exists(path.join(dir, SET_PENDING))) {
    throw new InputError(`${display(dir)}: an egress-audit write into this folder did not finish (${SET_PENDING} is there), so its files may mix two runs; write it again`);
  }
  const manifest = await readSetManifest(dir);
  const wanted = new Set(names);
  return new Map((manifest?.files ?? []).filter((f) => wanted.has(f.name)).map((f) => [f.name, f.sha256]));
}

/** A check of a file's bytes as read against the digest its set's manifest lists (see fileSetDigests). */
export function setDigestCheck(file: string, sha: string): (bytes: Buffer) => void {
  return (bytes) => {
    if (sha256(bytes) !== sha) throw new InputError(`${display(file)}: differs from the set egress-audit wrote (listed in ${SET_MANIFEST}); write the folder again`);
  };
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** A folder one process writes at a time; `release` gives it up (and removes the folder if it made it and it is empty). */
export interface FolderLock {
  release(): Promise<void>;
}

/**
 * Locks a folder for writing, creating it if needed: a second egress-audit writing the same
 * folder would mix two sets of files. A lock whose process is gone (killed) is taken over.
 */
export async function lockFolder(dir: string, option: string): Promise<FolderLock> {
  let created: string | undefined;
  try {
    created = await makeFolders(dir);
  } catch (err) {
    throw new InputError(`${option} ${dir}: cannot create the folder: ${describeFsError(err)}`);
  }
  const lock = path.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw new InputError(`${option} ${dir}: cannot lock the folder (${display(lock)}): ${describeFsError(err)}`);
      const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new InputError(`${option} ${dir}: another egress-audit (process ${holder}) is writing this folder; its lock is ${display(lock)} (remove it only if no such process runs)`);
      }
      await rm(lock, { force: true });
    }
  }
  track(lock);
  return {
    async release() {
      untrack(lock);
      await rm(lock, { force: true });
      if (!created) return;
      // Only the folders this lock made, deepest first, and only while empty.
      for (let d = path.resolve(dir); d.length >= path.resolve(created).length; d = path.dirname(d)) {
        if (!(await rmdir(d).then(() => true, () => false))) break;
      }
    },
  };
}

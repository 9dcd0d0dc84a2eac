import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { findSyntaxError } from './syntax.ts';

/** One inventory file as read from disk: its display path (relative to cwd) and parsed JSON value. */
export interface InputDocument {
  file: string;
  absPath: string;
  text: string;
  value: unknown;
}

export interface CollectedFiles {
  files: string[];
  /** Paths met in folders and not read, each with the reason (`notes.txt: not a *.json file`). */
  skipped: string[];
}

/**
 * Expands the --input paths into the JSON files to read. Folders are walked recursively; only
 * regular *.json files count. Files and folders are identified by device and inode, so a
 * symbolic-link loop ends and a file reached twice (two inputs, a link, a hard link) is read once.
 */
export async function collectFiles(inputs: readonly string[]): Promise<CollectedFiles> {
  const seenFiles = new Map<string, string>();
  const seenDirs = new Set<string>();
  const files: string[] = [];
  const skipped: string[] = [];

  async function visit(p: string, explicit: boolean): Promise<void> {
    const shown = display(p);
    let info;
    try {
      info = await stat(p, { bigint: true });
    } catch (err) {
      if (explicit) throw new InputError(`${shown}: cannot read: ${describeFsError(err)}`);
      skipped.push(`${shown}: ${describeFsError(err)}`);
      return;
    }
    const id = `${info.dev}:${info.ino}`;
    if (info.isDirectory()) {
      if (seenDirs.has(id)) return;
      seenDirs.add(id);
      let entries: string[];
      try {
        entries = await readdir(p);
      } catch (err) {
        throw new InputError(`${shown}: cannot read the folder: ${describeFsError(err)}`);
      }
      for (const entry of entries.sort()) await visit(path.join(p, entry), false);
      return;
    }
    if (!info.isFile()) {
      // A FIFO or device would block or never end; only regular files are inventory.
      if (explicit) throw new InputError(`${shown}: not a regular file`);
      skipped.push(`${shown}: not a regular file`);
      return;
    }
    if (!explicit && !p.toLowerCase().endsWith('.json')) {
      skipped.push(`${shown}: not a *.json file`);
      return;
    }
    const first = seenFiles.get(id);
    if (first !== undefined) {
      skipped.push(`${shown}: the same file as ${first}, read once`);
      return;
    }
    seenFiles.set(id, shown);
    files.push(p);
  }

  for (const input of inputs) await visit(input, true);
  return { files, skipped };
}

export function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder, or a broken symbolic link',
  ELOOP: 'a symbolic-link loop',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ENOTDIR: 'a path segment is not a folder',
  ENAMETOOLONG: 'the path is too long',
  ERR_FS_FILE_TOO_LARGE: 'the file is too large to read (2 GiB or more)',
};

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(FS_ERRORS, code)) return `${code} (${FS_ERRORS[code]})`;
  return code ?? String(err);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes and parses one file; every failure is an InputError naming file, line and column. */
export async function readDocument(p: string): Promise<InputDocument> {
  const file = display(p);
  let bytes: Buffer;
  try {
    bytes = await readFile(p);
  } catch (err) {
    throw new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  }
  const text = decode(bytes, file);
  if (/^[ \t\r\n]*$/.test(text)) {
    const end = lineColumn(text, text.length);
    throw new InputError(`${file}:${end.line}:${end.column}: the file is empty; expected a JSON document`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}:${describeSyntaxError(text, err)}`);
  }
  return { file, absPath: path.resolve(p), text, value };
}

function decode(bytes: Buffer, file: string): string {
  const wide = wideEncoding(bytes);
  if (wide) throw new InputError(`${file}:1:1: ${wide} is not supported; re-save as UTF-8`);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return utf8.decode(body);
  } catch {
    const prefix = body.subarray(0, firstInvalidUtf8(body)).toString('utf8');
    const { line, column } = lineColumn(prefix, prefix.length);
    throw new InputError(`${file}:${line}:${column}: invalid UTF-8 byte sequence; the file must be UTF-8`);
  }
}

/**
 * UTF-16 and UTF-32, by byte-order mark or, without one, by where the NUL bytes fall around the
 * first character (a JSON text starts with an ASCII character: RFC 4627, section 3).
 */
function wideEncoding(b: Buffer): 'UTF-16' | 'UTF-32' | null {
  if (b.length < 2) return null;
  const [b0, b1, b2, b3] = [b[0], b[1], b[2] ?? -1, b[3] ?? -1];
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) return 'UTF-32';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'UTF-16';
  if (b.length >= 4 && ((b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) || (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0))) return 'UTF-32';
  if ((b0 === 0 && b1 !== 0) || (b0 !== 0 && b1 === 0)) return 'UTF-16';
  return null;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // A streaming decode tolerates a sequence cut at the end of the prefix, so the shortest
  // failing prefix ends exactly at the first invalid byte.
  let lo = 1;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo - 1;
}

/** Line and column (1-based, as editors show them) of a character offset; CRLF counts as one line break. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describeSyntaxError(text: string, err: unknown): string {
  const found = findSyntaxError(text);
  if (found) {
    const { line, column } = lineColumn(text, found.offset);
    return `${line}:${column}: invalid JSON: ${found.message}`;
  }
  // Our walker and V8 disagree only on exotic input; V8's offset is still exact (its message
  // quotes the file, so only the offset is kept).
  const at = /at position (\d+)/.exec((err as Error).message);
  if (at) {
    const { line, column } = lineColumn(text, Number(at[1]));
    return `${line}:${column}: invalid JSON`;
  }
  return ' invalid JSON';
}

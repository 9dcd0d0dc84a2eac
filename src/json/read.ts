import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { findSyntaxError } from './syntax.ts';

/** One inventory file as read from disk: its display path (relative to cwd) and parsed JSON value. */
export interface InputDocument extends TextFile {
  value: unknown;
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

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(FS_ERRORS, code)) return `${code} (${FS_ERRORS[code]})`;
  return code ?? String(err);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A UTF-8 text file as read from disk, with its display path (relative to cwd when inside it). */
export interface TextFile {
  file: string;
  absPath: string;
  text: string;
  /** The file started with a UTF-8 byte-order mark (3 bytes on disk that `text` leaves out). */
  bom?: boolean;
}

/**
 * Reads one UTF-8 text file. What is not a regular file is refused before it is opened (a FIFO
 * would block, /dev/zero never ends); so are UTF-16/32 and invalid UTF-8, naming line and column.
 */
export async function readText(p: string, check?: (bytes: Buffer) => void): Promise<TextFile> {
  const file = display(p);
  let bytes: Buffer;
  try {
    if (!(await stat(p)).isFile()) throw new InputError(`${file}: not a regular file`);
    bytes = await readFile(p);
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  }
  check?.(bytes);
  return { file, absPath: path.resolve(p), text: decode(bytes, file), ...(hasBom(bytes) ? { bom: true } : {}) };
}

/** readText for the synchronous readers (policy folders, test tables). */
export function readTextSync(p: string): TextFile {
  const file = display(p);
  let bytes: Buffer;
  try {
    if (!statSync(p).isFile()) throw new InputError(`${file}: not a regular file`);
    bytes = readFileSync(p);
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  }
  return { file, absPath: path.resolve(p), text: decode(bytes, file), ...(hasBom(bytes) ? { bom: true } : {}) };
}

/** JSON.parse with the one wording of every JSON mistake: `FILE:LINE:COL: invalid JSON: ...`. */
export function parseJson(file: string, text: string): unknown {
  if (/^[ \t\r\n]*$/.test(text)) {
    const end = lineColumn(text, text.length);
    throw new InputError(`${file}:${end.line}:${end.column}: the file is empty; expected a JSON document`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}:${describeSyntaxError(text, err)}`);
  }
}

/**
 * Decodes and parses one file; every failure is an InputError naming file, line and column.
 * `check` sees the bytes as read (a set's digest is verified on the same read).
 */
export async function readDocument(p: string, check?: (bytes: Buffer) => void): Promise<InputDocument> {
  const t = await readText(p, check);
  return { ...t, value: parseJson(t.file, t.text) };
}

function hasBom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function decode(bytes: Buffer, file: string): string {
  const wide = wideEncoding(bytes);
  if (wide) throw new InputError(`${file}:1:1: ${wide} is not supported; re-save as UTF-8`);
  const start = hasBom(bytes) ? 3 : 0;
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

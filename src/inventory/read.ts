import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '../errors.ts';

/** One inventory file as read from disk: its display path (relative to cwd) and parsed JSON value. */
export interface InputDocument {
  file: string;
  absPath: string;
  text: string;
  value: unknown;
}

export interface CollectedFiles {
  files: string[];
  skipped: string[];
}

/**
 * Expands the --input paths into the JSON files to read. Folders are walked recursively;
 * only *.json files count, and every file is identified by its real path so that symbolic-link
 * loops end and a file reached twice is read once.
 */
export async function collectFiles(inputs: readonly string[]): Promise<CollectedFiles> {
  const seen = new Set<string>();
  const files: string[] = [];
  const skipped: string[] = [];
  const visitedDirs = new Set<string>();

  async function visit(p: string, explicit: boolean): Promise<void> {
    let real: string;
    try {
      real = await realpath(p);
    } catch (err) {
      if (explicit) throw new InputError(`${display(p)}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      skipped.push(display(p));
      return;
    }
    const info = await stat(real);
    if (info.isDirectory()) {
      if (visitedDirs.has(real)) return;
      visitedDirs.add(real);
      const entries = (await readdir(p)).sort();
      for (const entry of entries) await visit(path.join(p, entry), false);
      return;
    }
    if (!explicit && !p.toLowerCase().endsWith('.json')) {
      skipped.push(display(p));
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    files.push(p);
  }

  for (const input of inputs) await visit(input, true);
  return { files, skipped };
}

export function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes and parses one file; every failure is an InputError naming file, line and column. */
export async function readDocument(p: string): Promise<InputDocument> {
  const file = display(p);
  const bytes = await readFile(p);
  const text = decode(bytes, file);
  if (text.trim() === '') throw new InputError(`${file}: the file is empty; expected a JSON document`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`${file}:${describeSyntaxError(text)}`);
  }
  return { file, absPath: path.resolve(p), text, value };
}

function decode(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)) {
    throw new InputError(`${file}: UTF-16 is not supported; re-save as UTF-8`);
  }
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

/** UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text. */
function looksUtf16(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 64);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return zeros >= n / 4;
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

function describeSyntaxError(text: string): string {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return ' invalid JSON (nesting too deep to locate the error)';
  }
  const first = errors[0];
  if (!first) return ' invalid JSON';
  const { line, column } = lineColumn(text, first.offset);
  const token = text.slice(first.offset, first.offset + Math.max(1, Math.min(first.length, 20)));
  const jsonLines = /\n\s*[[{]/.test(text.slice(0, first.offset + 1)) && line > 1 && column <= 2;
  const hint = jsonLines ? ' (this looks like JSON Lines; expected one JSON document per file)' : '';
  const where = first.offset >= text.length ? 'unexpected end of file' : `${printParseErrorCode(first.error)} at ${JSON.stringify(token)}`;
  return `${line}:${column}: invalid JSON: ${where}${hint}`;
}

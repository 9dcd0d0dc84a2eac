import { constants, lstatSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { writeReports } from '../report/index.ts';
import { FORMAT_CHUNKS, FORMATS, type FormatContext, type OutputFormat } from '../report/formats.ts';
import type { ScanResult } from '../scan/result.ts';
import { writeAtomic, writeContent } from '../json/write.ts';
import type { Io } from './io.ts';
import { DEFAULT_FORMATS, DEFAULT_OUT_DIR } from './settings.ts';


/** Where a scan's reports go: a folder of several, one file, stdout, or a device such as /dev/null. */
export type OutputTarget =
  | { kind: 'folder'; dir: string; formats: OutputFormat[] }
  | { kind: 'file' | 'device'; file: string; formats: [OutputFormat] }
  | { kind: 'stdout'; formats: [OutputFormat] };

const EXTENSIONS: Record<string, OutputFormat> = { '.json': 'json', '.sarif': 'sarif', '.html': 'html', '.htm': 'html', '.xml': 'junit', '.md': 'markdown' };

export function parseFormats(values: readonly string[] | undefined): OutputFormat[] {
  const out: OutputFormat[] = [];
  for (const v of (values ?? [DEFAULT_FORMATS]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)) {
    if (!(FORMATS as readonly string[]).includes(v)) throw new InputError(`--format: unknown format "${v}"; choose from ${FORMATS.join(', ')}`);
    if (!out.includes(v as OutputFormat)) out.push(v as OutputFormat);
  }
  return out;
}

/**
 * Checks --output, --out-dir and --format before the scan runs, so that a report that cannot be
 * written is a usage error up front, not a failure after minutes of reading Azure.
 */
export async function outputTarget(opts: { output?: string; outDir?: string; format?: readonly string[] }): Promise<OutputTarget> {
  const { output } = opts;
  if (output === undefined) {
    const formats = parseFormats(opts.format);
    const dir = opts.outDir ?? DEFAULT_OUT_DIR;
    const info = statOrNull(dir);
    if (info && !info.isDirectory()) throw new InputError(`--out-dir ${dir} is a file, not a folder; name a folder, or write one report to the file with --output ${dir}`);
    if (!info && lstatOrNull(dir)) throw new InputError(`--out-dir ${dir} is a symbolic link to nothing; name a folder`);
    if (info) await writable(dir, `--out-dir ${dir}: the folder is not writable`);
    else await creatable(dir, `--out-dir ${dir}`);
    return { kind: 'folder', dir, formats };
  }
  const info = output === '-' ? null : statOrNull(output);
  if (info?.isDirectory()) throw new InputError(`--output ${output} is a folder; name a file, or write one report per format into it with --out-dir ${output}`);
  const inferred = EXTENSIONS[path.extname(output).toLowerCase()];
  if (!opts.format && !inferred) {
    throw new InputError(`--output ${output}: name its format with --format (${FORMATS.join(', ')})${output === '-' ? '' : ', or give the file an extension such as .json or .sarif'}`);
  }
  const formats = opts.format ? parseFormats(opts.format) : [inferred as OutputFormat];
  if (formats.length !== 1) throw new InputError(`--output writes one report, but --format names ${formats.length} (${formats.join(', ')}); write several to a folder with --out-dir`);
  const one: [OutputFormat] = [formats[0] as OutputFormat];
  if (output === '-' || output === '/dev/stdout') return { kind: 'stdout', formats: one };
  if (info && !info.isFile()) return { kind: 'device', file: output, formats: one };
  if (info) await writable(output, `--output ${output}: the file is not writable`);
  else if (lstatOrNull(output)) throw new InputError(`--output ${output} is a symbolic link to nothing; name a file`);
  await creatable(path.dirname(path.resolve(output)), `--output ${output}`);
  return { kind: 'file', file: output, formats: one };
}

/** Writes the reports where the target says; returns what to list as written (stdout is not listed). */
export async function writeOutput(result: ScanResult, target: OutputTarget, ctx: Omit<FormatContext, 'outDir' | 'formats'>, io: Io): Promise<string[]> {
  if (target.kind === 'folder') return writeReports(result, { ...ctx, outDir: target.dir, formats: target.formats });
  const [format] = target.formats;
  const outDir = target.kind === 'stdout' ? process.cwd() : path.dirname(target.file);
  // Rendered piece by piece as it is written: the report's whole text is never in memory.
  const pieces = FORMAT_CHUNKS[format](result, { ...ctx, outDir, formats: target.formats });
  if (target.kind === 'stdout') {
    if (io.write) for (const piece of pieces) await io.write(piece);
    else io.out([...pieces].join(''));
    return [];
  }
  try {
    // A device cannot be replaced by a rename; it is written in place.
    await (target.kind === 'device' ? writeContent(target.file, pieces) : writeAtomic(target.file, pieces));
  } catch (err) {
    // Rendering runs inside the write now; only the file system's refusals are the user's to fix.
    if (!(err as NodeJS.ErrnoException).syscall) throw err;
    throw new InputError(`--output ${target.file}: cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return [target.file];
}

/** Console output while a report goes to stdout: everything meant for people moves to stderr. */
export function consoleFor(target: OutputTarget, io: Io): Io {
  return target.kind === 'stdout' ? { ...io, out: io.err } : io;
}

/** A folder can be made at `dir` (or is there): its nearest existing ancestor is a writable folder. */
async function creatable(dir: string, option: string): Promise<void> {
  let parent = path.resolve(dir);
  while (!statOrNull(parent)) parent = path.dirname(parent);
  if (!statOrNull(parent)?.isDirectory()) throw new InputError(`${option}: ${parent} is not a folder`);
  await writable(parent, `${option}: cannot create files in ${parent}`);
}

function statOrNull(p: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function lstatOrNull(p: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

async function writable(p: string, message: string): Promise<void> {
  try {
    await access(p, constants.W_OK);
  } catch {
    throw new InputError(message);
  }
}

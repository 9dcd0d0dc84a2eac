import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FILE_NAMES, FORMATTERS, type FormatContext } from './formats.ts';
import type { ScanResult } from '../scan/result.ts';
import { writeTemp } from '../json/write.ts';

/**
 * Renders and writes one format at a time, each to a temporary file, then renames them all: a
 * failure leaves no half report, and only one report's text is in memory at once (at 50,000
 * clusters the JSON report alone is 210 MB).
 */
export async function writeReports(result: ScanResult, ctx: FormatContext): Promise<string[]> {
  const files = ctx.formats.map((f) => path.join(ctx.outDir, FILE_NAMES[f]));
  const temps: string[] = [];
  try {
    for (const [i, f] of ctx.formats.entries()) temps.push(await writeTemp(files[i] as string, FORMATTERS[f](result, ctx)));
    for (const [i, tmp] of temps.entries()) await rename(tmp, files[i] as string);
  } catch (err) {
    await Promise.all(temps.map((tmp) => rm(tmp, { force: true })));
    throw err;
  }
  return files;
}

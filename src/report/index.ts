import { FILE_NAMES, FORMATS, FORMAT_CHUNKS, type FormatContext } from './formats.ts';
import type { ScanResult } from '../scan/result.ts';
import { writeFileSet } from '../json/write.ts';

/**
 * Writes the reports as one set (see writeFileSet): a failure or a kill never leaves one new
 * report beside another's old one. Reports are rendered one at a time, and the JSON and SARIF
 * ones piece by piece as they are written (at 50,000 clusters the JSON report alone is 210 MB).
 * Reports of formats this run does not write are removed: they would describe an older scan.
 */
export async function writeReports(result: ScanResult, ctx: FormatContext): Promise<string[]> {
  const files = ctx.formats.map((f) => ({ name: FILE_NAMES[f], content: () => FORMAT_CHUNKS[f](result, ctx) }));
  const others = FORMATS.filter((f) => !ctx.formats.includes(f)).map((f) => FILE_NAMES[f]);
  return writeFileSet(ctx.outDir, files, others);
}

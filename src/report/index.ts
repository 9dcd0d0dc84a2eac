import { FILE_NAMES, FORMATS, FORMATTERS, type FormatContext } from './formats.ts';
import type { ScanResult } from '../scan/result.ts';
import { writeFileSet } from '../json/write.ts';

/**
 * Writes the reports as one set (see writeFileSet): a failure or a kill never leaves one new
 * report beside another's old one, and only one report's text is in memory at once (at 50,000
 * clusters the JSON report alone is 210 MB). Reports of formats this run does not write are
 * removed: they would describe an older scan.
 */
export async function writeReports(result: ScanResult, ctx: FormatContext): Promise<string[]> {
  const files = ctx.formats.map((f) => ({ name: FILE_NAMES[f], content: () => FORMATTERS[f](result, ctx) }));
  const others = FORMATS.filter((f) => !ctx.formats.includes(f)).map((f) => FILE_NAMES[f]);
  return writeFileSet(ctx.outDir, files, others);
}

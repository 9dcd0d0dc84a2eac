import path from 'node:path';
import { FILE_NAMES, FORMATTERS, type FormatContext } from './formats.ts';
import type { ScanResult } from './model.ts';
import { writeAtomic } from './write.ts';

/** Renders every format first, then writes each file atomically: a failure leaves no half report. */
export async function writeReports(result: ScanResult, ctx: FormatContext): Promise<string[]> {
  const rendered = ctx.formats.map((f) => ({ file: path.join(ctx.outDir, FILE_NAMES[f]), content: FORMATTERS[f](result, ctx) }));
  for (const r of rendered) await writeAtomic(r.file, r.content);
  return rendered.map((r) => r.file);
}

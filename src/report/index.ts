import path from 'node:path';
import { FILE_NAMES, FORMATTERS, type OutputFormat } from './formats.ts';
import type { ScanResult } from './model.ts';
import { writeAtomic } from './write.ts';

/** Renders every format first, then writes each file atomically: a failure leaves no half report. */
export async function writeReports(result: ScanResult, formats: readonly OutputFormat[], outDir: string): Promise<string[]> {
  const rendered = formats.map((f) => ({ file: path.join(outDir, FILE_NAMES[f]), content: FORMATTERS[f](result, { outDir }) }));
  for (const r of rendered) await writeAtomic(r.file, r.content);
  return rendered.map((r) => r.file);
}

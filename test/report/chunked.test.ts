import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { outputTarget, writeOutput } from '../../src/cli/output.ts';
import { readDocument } from '../../src/json/read.ts';
import { FORMAT_CHUNKS, FORMATS, FORMATTERS, formatContext } from '../../src/report/formats.ts';
import { writeReports } from '../../src/report/index.ts';
import { sarifLog } from '../../src/report/sarif.ts';
import type { ScanResult } from '../../src/scan/result.ts';
import { runPipeline } from '../e2e/property/pipeline.ts';
import { SAMPLE, tempDir } from '../helpers/cli.ts';
import { largeResult } from './build.ts';

const dir = tempDir('egress-chunked-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = formatContext({ outDir: dir, sourceRoot: SAMPLE });
let sample: ScanResult;
/** Large enough for the JSON and SARIF reports to come in several pieces. */
const large = largeResult(1500);

beforeAll(async () => {
  sample = runPipeline(await readDocument(path.join(SAMPLE, '3f2c6b1e-8a41-4d0e-9b7a-2c51e0f4a7d1.json'))).result;
});

describe('a report in pieces is its formatter text', () => {
  test.each([...FORMATS])('%s: the pieces join to the formatter output', (format) => {
    for (const result of [sample, largeResult(100)]) expect([...FORMAT_CHUNKS[format](result, ctx)].join('')).toBe(FORMATTERS[format](result, ctx));
  });

  test('the JSON report is JSON.stringify of the result model, the SARIF report of the SARIF log', () => {
    for (const result of [sample, large]) {
      expect(FORMATTERS.json(result, ctx)).toBe(`${JSON.stringify(result, null, 2)}\n`);
      expect(FORMATTERS.sarif(result, ctx)).toBe(`${JSON.stringify(sarifLog(result, ctx), null, 2)}\n`);
    }
    expect([...FORMAT_CHUNKS.json(large, ctx)].length).toBeGreaterThan(2);
    expect([...FORMAT_CHUNKS.sarif(large, ctx)].length).toBeGreaterThan(2);
  });

  test('writeReports writes the formatter texts, and its manifest their digests', async () => {
    const out = path.join(dir, 'set');
    await writeReports(large, { ...ctx, outDir: out, formats: ['json', 'sarif', 'junit'] });
    const manifest = JSON.parse(readFileSync(path.join(out, '.egress-audit-set'), 'utf8')) as { files: { name: string; bytes: number }[] };
    for (const [format, name] of [['json', 'egress-audit.json'], ['sarif', 'egress-audit.sarif'], ['junit', 'egress-audit.junit.xml']] as const) {
      const text = FORMATTERS[format](large, { ...ctx, outDir: out, formats: ['json', 'sarif', 'junit'] });
      expect(readFileSync(path.join(out, name), 'utf8')).toBe(text);
      expect(manifest.files.find((f) => f.name === name)?.bytes).toBe(Buffer.byteLength(text));
    }
  });
});

describe('--output streams one report', () => {
  const io = (): Io & { outs: string[]; writes: string[] } => {
    const outs: string[] = [];
    const writes: string[] = [];
    return { outs, writes, out: (t) => void outs.push(t), err: () => undefined, isTTY: false, write: async (t) => void writes.push(t) };
  };
  const run = { sourceRoot: SAMPLE, category: 'egress-audit/' };

  test('to stdout, piece by piece through io.write; without it, whole through io.out', async () => {
    const target = await outputTarget({ output: '-', format: ['json'] });
    const streamed = io();
    expect(await writeOutput(large, target, run, streamed)).toEqual([]);
    const text = FORMATTERS.json(large, { ...ctx, outDir: process.cwd(), formats: ['json'] });
    expect(streamed.writes.length).toBeGreaterThan(2);
    expect(streamed.writes.join('')).toBe(text);
    expect(streamed.outs).toEqual([]);
    const { write: _, ...whole } = io();
    const outs: string[] = [];
    await writeOutput(large, target, run, { ...whole, out: (t) => void outs.push(t) });
    expect(outs).toEqual([text]);
  });

  test('to a file and to a device', async () => {
    const file = path.join(dir, 'one.sarif');
    const target = await outputTarget({ output: file });
    expect(await writeOutput(large, target, run, io())).toEqual([file]);
    expect(readFileSync(file, 'utf8')).toBe(FORMATTERS.sarif(large, { ...ctx, outDir: dir, formats: ['sarif'] }));
    const device = await outputTarget({ output: '/dev/null', format: ['json'] });
    expect(device.kind).toBe('device');
    expect(await writeOutput(large, device, run, io())).toEqual(['/dev/null']);
  });
});

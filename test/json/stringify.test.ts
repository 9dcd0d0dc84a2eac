import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jsonChunks } from '../../src/json/stringify.ts';
import { readDocument } from '../../src/json/read.ts';
import { formatContext } from '../../src/report/formats.ts';
import { sarifLog } from '../../src/report/sarif.ts';
import { runPipeline } from '../e2e/property/pipeline.ts';
import { SAMPLE } from '../helpers/cli.ts';
import { HOSTILE, largeResult } from '../report/build.ts';

// `many` 0 walks every container (the default writes small ones with one JSON.stringify call each).
const joined = (value: unknown, indent?: number | string, many?: number): string => [...jsonChunks(value, indent, many)].join('');

/** What JSON.stringify writes, and "" where it returns undefined (jsonChunks then yields nothing). */
const expected = (value: unknown, indent: number | string = 2): string => (JSON.stringify(value, null, indent) as string | undefined) ?? '';

/** toJSON that depends on the key it is called with, and returns a value with a toJSON of its own (not called). */
const keyed = (v: unknown): object => ({ toJSON: (key: string) => ({ key, v, inner: { toJSON: () => 'inner toJSON is called' } }) });

/** JSON.rawJSON where Node has it (a frozen object with a null prototype, written as its text). */
const rawJSON = (text: string): unknown => (JSON as { rawJSON?: (t: string) => unknown }).rawJSON?.(text) ?? Number(text);

/** Values JSON.stringify treats specially, beside the ones fast-check's anything() makes. */
const special = fc.constantFrom<unknown>(undefined, () => 1, Symbol.for('s'), NaN, -0, Infinity, -Infinity, 1e21, 5e-324, '\u2028\u2029', '\ud800', '\udc00x\ud83d\ude00', '"\\\n\t\u0000\u001f\u007f', new Date(0), new Date(NaN), new String('boxed'), new Number(Infinity), new Boolean(false), rawJSON('123'));

const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown>; nullProto: object; toJSON: object; sparse: unknown[] }>((tie) => ({
  value: fc.oneof({ maxDepth: 8, depthSize: 'medium' }, special, fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object'), tie('nullProto'), tie('toJSON'), tie('sparse')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('__proto__', 'toString', '0', '10', '-1')), tie('value'), { maxKeys: 4 }),
  nullProto: tie('object').map((o) => Object.assign(Object.create(null) as object, o)),
  toJSON: tie('value').map(keyed),
  sparse: fc.tuple(tie('value'), fc.nat(5)).map(([v, at]) => {
    const list: unknown[] = [];
    list[at] = v;
    return list;
  }),
}));

const INDENTS: (number | string)[] = [2, 0, 1, 4, 10, 11, -3, 2.7, '', '\t', ' - ', 'abcdefghijklmno', '\n '];

describe('jsonChunks is JSON.stringify in pieces', () => {
  test('any value, any indentation: the pieces join to JSON.stringify(value, null, indent)', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...INDENTS), (v, indent) => {
        for (const many of [undefined, 0, 1]) expect(joined(v, indent, many)).toBe(expected(v, indent));
      }),
      { numRuns: 2000 },
    );
  });

  test("fast-check's anything(): boxed values, maps, sets, typed arrays, null prototypes, dates", () => {
    const anything = fc.anything({ maxDepth: 7, withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withDate: true, withTypedArray: true, withSparseArray: true, stringUnit: 'binary' });
    fc.assert(
      fc.property(anything, fc.constantFrom(...INDENTS), (v, indent) => {
        for (const many of [undefined, 0, 1]) expect(joined(v, indent, many)).toBe(expected(v, indent));
      }),
      { numRuns: 1000 },
    );
  });

  test.each<[string, unknown]>([
    ['empties', { a: [], b: {}, c: [[]], d: [{}], e: { f: { g: { h: [] } } } }],
    ['an object whose members are all left out', { a: undefined, b: () => 1, c: Symbol('c') }],
    ['an array of what objects leave out', [undefined, () => 1, Symbol('c')]],
    ['members left out first and last', { a: undefined, b: 1, c: undefined, d: { e: undefined } }],
    ['toJSON at the root, with the key ""', keyed([1, 2])],
    ['toJSON in arrays and objects, with their keys', { a: keyed(1), b: [keyed(2), keyed({ c: [3] })], d: new Date(Date.UTC(2026, 0, 2)) }],
    ['toJSON returning undefined', { a: { toJSON: () => undefined }, b: [{ toJSON: () => undefined }] }],
    ['an array with a toJSON', Object.assign([1, 2], { toJSON: () => 'array' })],
    ['deep values, re-indented', { a: { b: { c: { d: { e: { f: [1, { g: [2, [3, { h: 'x' }]] }] } } } } } }],
    ['deep toJSON', [[[[[keyed({ a: [1] })]]]]]],
    ['hostile strings', Object.fromEntries(HOSTILE.map((h) => [h, [h, { [h]: h }]]))],
    ['numbers', [0, -0, 1.5, -1e-7, 1e21, 2 ** 53, NaN, Infinity, -Infinity, Number.MIN_VALUE]],
    ['lone and paired surrogates', ['\ud800', '\udfff', '\ud83d\ude00', { '\ud800': '\ude00' }]],
    ['a string at the root', 'a "quoted"\n string'],
    ['undefined at the root', undefined],
  ])('%s', (_name, v) => {
    for (const indent of INDENTS) for (const many of [undefined, 0]) expect(joined(v, indent, many)).toBe(expected(v, indent));
  });

  test('a BigInt is refused as JSON.stringify refuses it', () => {
    expect(() => joined({ a: [1n] })).toThrow(TypeError);
  });
});

describe('real scan results', () => {
  test('the sample estate scanned in process: its result model and its SARIF log', async () => {
    for (const name of ['3f2c6b1e-8a41-4d0e-9b7a-2c51e0f4a7d1.json', '9b7e4d2a-61c3-4f58-a0e2-7d13c8b5f6e4.json']) {
      const { result } = runPipeline(await readDocument(path.join(SAMPLE, name)));
      expect(result.findings.length).toBeGreaterThan(0);
      expect(joined(result)).toBe(JSON.stringify(result, null, 2));
      const log = sarifLog(result, formatContext({ outDir: '/nonexistent' }));
      expect(joined(log)).toBe(JSON.stringify(log, null, 2));
    }
  });

  test('a large result comes in pieces of about a megabyte, never the whole text at once', () => {
    const result = largeResult(2000);
    const pieces = [...jsonChunks(result)];
    const text = JSON.stringify(result, null, 2);
    expect(pieces.join('')).toBe(text);
    expect(text.length).toBeGreaterThan(2 << 20);
    expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(text.length / (1 << 20)));
    // A piece is a megabyte plus at most one finding.
    for (const p of pieces) expect(p.length).toBeLessThan((1 << 20) + 10_000);
    const log = sarifLog(result, formatContext({ outDir: '/nonexistent' }));
    const sarifPieces = [...jsonChunks(log)];
    expect(sarifPieces.join('')).toBe(JSON.stringify(log, null, 2));
    for (const p of sarifPieces) expect(p.length).toBeLessThan((1 << 20) + 10_000);
  });
});

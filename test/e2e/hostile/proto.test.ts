import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run } from '../../../src/cli/main.ts';
import { runPipeline } from '../property/pipeline.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { corpus, removeTempDirs, scan, shown, workDir } from './helpers.ts';

afterAll(removeTempDirs);

const FILE = corpus('rows', 'proto-keys.json');
const KEYS: [string, string][] = [
  ['__proto__', 'proto_key'],
  ['constructor', 'ctor_key'],
  ['prototype', 'prototype_key'],
];
const ordinary = (text: string): string => KEYS.reduce((t, [k, v]) => t.split(k).join(v), text);

/** What a scan concluded, with the input's file name replaced so two runs compare. */
function conclusions(r: ScanResult, file: string): string {
  const { summary, clusters, findings, errors } = r;
  return JSON.stringify({ summary, clusters, findings, errors }).split(file).join('<input>');
}

describe.concurrent('__proto__, constructor and prototype are data like any other key', () => {
  test('the scan reads own keys only: nothing arrives through a prototype', async () => {
    const r = await scan(['--input', FILE, '--profile', 'secure']);
    expect(r.code).toBe(2);
    const report = r.report();
    expect(report.clusters.map((c) => [c.name, c.outboundType, c.status])).toEqual([['aks-proto', 'userAssignedNATGateway', 'incomplete']]);
    expect(report.errors.map((e) => [e.path, e.found])).toEqual([
      ['$[0].tags.constructor', 'the number 42'],
      ['$[4].id', 'nothing'],
    ]);
    expect(JSON.stringify(report)).not.toContain('polluted');
  });

  test('renaming those keys to ordinary ones changes nothing but the names', async () => {
    const twin = path.join(workDir(), 'ordinary-keys.json');
    writeFileSync(twin, ordinary(readFileSync(FILE, 'utf8')));
    const [proto, plain] = await Promise.all([scan(['--input', FILE, '--profile', 'secure']), scan(['--input', twin, '--profile', 'secure'])]);
    expect(proto.code).toBe(plain.code);
    expect(ordinary(conclusions(proto.report(), shown('rows', 'proto-keys.json')))).toBe(conclusions(plain.report(), twin));
  });

  test('no object prototype changes while the scan runs', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const lines: string[] = [];
    const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t), isTTY: false };
    const code = await run(['scan', '--input', FILE, '--out', path.join(workDir(), 'out'), '--profile', 'secure', '--quiet'], io);
    expect(code).toBe(2);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    const probe: Record<string, unknown> = {};
    expect([probe['polluted'], probe['type'], probe['networkProfile'], probe['id']]).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  });

  test('the facts built from those keys equal the facts built from ordinary ones, renamed', () => {
    const text = readFileSync(FILE, 'utf8');
    const facts = (t: string): string => {
      const { facts } = runPipeline({ file: 'in.json', absPath: FILE, text: t, value: JSON.parse(t) });
      return JSON.stringify(facts);
    };
    const proto = facts(text);
    expect(proto).toContain('"tags":{"__proto__":"tag-value","prototype":"p"}');
    expect(ordinary(proto)).toBe(facts(ordinary(text)));
  });
});

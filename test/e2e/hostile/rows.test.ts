import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../../src/scan/result.ts';
import { corpus, nameOf, removeTempDirs, scan, shown, states, workDir } from './helpers.ts';

afterAll(removeTempDirs);

const reasons = (r: ScanResult, name: string): string[] => r.clusters.find((c) => c.name === name)?.incompleteReasons ?? [];

/** JSON path in the row, what was expected, what was found, the clusters it leaves incomplete. */
const WRONG_SHAPES: [path: string, expected: string, found: string, clusters: string[]][] = [
  ['$[0].properties.agentPoolProfiles[0].count', 'a whole number from 0 to 5000', 'the string "3"', ['aks-pool-shapes']],
  ['$[0].properties.agentPoolProfiles[0].availabilityZones', 'an array', 'the string "1,2,3"', ['aks-pool-shapes']],
  ['$[0].properties.agentPoolProfiles[0].maxCount', 'a whole number from 0 to 5000', 'the number -1', ['aks-pool-shapes']],
  ['$[0].properties.agentPoolProfiles[0].minCount', 'a whole number from 0 to 5000', 'a number too large to represent', ['aks-pool-shapes']],
  ['$[1].properties.apiServerAccessProfile.authorizedIPRanges[0]', 'an IPv4 or IPv6 address or CIDR range', 'the string "10.0.0.0/33"', ['aks-bad-ranges']],
  ['$[1].properties.apiServerAccessProfile.authorizedIPRanges[1]', 'an IPv4 or IPv6 address or CIDR range', 'the string "not-an-ip"', ['aks-bad-ranges']],
  ['$[1].properties.apiServerAccessProfile.authorizedIPRanges[2]', 'a string', 'the number 17', ['aks-bad-ranges']],
  ['$[2].properties', 'an object', 'the string "Succeeded"', ['aks-properties-string']],
  ['$[3].id', 'a resource ID string', 'the number 12345', []],
  ['$[6].zones', 'an array', 'the string "1"', ['aks-nat-bad-gateway']],
  ['$[6].properties.idleTimeoutInMinutes', 'a whole number from 0 to 1000', 'the number -4', ['aks-nat-bad-gateway']],
  ['$[9].properties.ipAddress', 'an IPv4 or IPv6 address or CIDR range', 'the string "300.1.2.3"', ['aks-lb-bad-ip']],
];

describe.concurrent('rows with wrong shapes: the scan goes on, the row is an error, its clusters are incomplete', () => {
  test('every wrong shape is an error entry with file, JSON path, expected and found; exit 2 after the report', async () => {
    const r = await scan(['--input', corpus('rows', 'wrong-shapes.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.files()).toEqual(['.egress-audit-set', 'egress-audit.html', 'egress-audit.json', 'egress-audit.sarif']);
    const report = r.report();
    const errors = report.errors.map((e) => [e.path, e.expected, e.found, (e.clusters ?? []).map(nameOf).sort()]);
    expect(errors).toEqual(expect.arrayContaining(WRONG_SHAPES));
    expect(report.errors).toHaveLength(WRONG_SHAPES.length);
    // Unknown enum-like values are not wrong shapes: read as written, listed once as warnings.
    expect(report.warnings.map((w) => [w.where.path, w.value])).toEqual([
      ['$[0].properties.agentPoolProfiles[0].osType', 'Plan9'],
      ['$[9].properties.publicIPAddressVersion', 'IPv5'],
    ]);
    for (const e of report.errors) {
      expect(e.file).toBe(shown('rows', 'wrong-shapes.json'));
      expect(e.message).toBe(`${e.file}: ${e.path}: expected ${e.expected}, found ${e.found}`);
    }
    expect(states(report)).toEqual({
      'aks-pool-shapes': 'incomplete',
      'aks-bad-ranges': 'incomplete',
      'aks-properties-string': 'incomplete',
      'aks-nat-bad-gateway': 'incomplete',
      'aks-lb-bad-ip': 'incomplete',
      'aks-healthy': 'evaluated',
    });
    expect(reasons(report, 'aks-nat-bad-gateway').join()).toMatch(/NAT gateway \S+\/natGateways\/natgw-bad has invalid or conflicting rows/);
    expect(reasons(report, 'aks-lb-bad-ip').join()).toMatch(/public IP \S+\/publicIPAddresses\/pip-bad has invalid or conflicting rows/);
    expect(report.summary).toMatchObject({ clusters: 6, notEvaluated: 5 });
    // The console names each incomplete cluster and why, and says why the exit code is 2.
    for (const c of report.clusters.filter((c) => c.status === 'incomplete')) {
      expect(r.stdout).toContain(`INCOMPLETE ${c.name}: ${c.incompleteReasons.join('; ')}`);
    }
    expect(r.stdout).toContain('exit 2: the scan is incomplete');
  });

  test('--allow-partial accepts the incomplete scan but still reports it as incomplete', async () => {
    const r = await scan(['--input', corpus('rows', 'wrong-shapes.json'), '--allow-partial', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.report().summary.notEvaluated).toBe(5);
    expect(r.stdout).toContain('INCOMPLETE aks-pool-shapes');
    expect(r.stdout).not.toContain('exit 2');
  });

  test('null stands for absent: no errors, fully evaluated', async () => {
    const r = await scan(['--input', corpus('rows', 'null-means-absent.json'), '--fail-on', 'none']);
    expect(r.report().errors).toEqual([]);
    expect(states(r.report())).toEqual({ 'aks-nulls': 'evaluated' });
    expect(r.code).toBe(0);
  });

  test('a referenced resource missing from the export leaves its cluster incomplete: exit 2', async () => {
    const r = await scan(['--input', corpus('rows', 'missing-reference.json')]);
    expect(r.code).toBe(2);
    const report = r.report();
    expect(states(report)).toEqual({ 'aks-missing-subnet': 'incomplete', 'aks-missing-ip': 'incomplete' });
    expect(reasons(report, 'aks-missing-subnet')).toEqual([expect.stringMatching(/^subnet \S+\/subnets\/snet-absent is not in the inventory$/)]);
    expect(report.clusters.find((c) => c.name === 'aks-missing-ip')?.missing).toEqual([expect.stringMatching(/\/publicIPAddresses\/pip-absent$/)]);
    expect(r.stdout).toMatch(/INCOMPLETE aks-missing-ip: public IP \S+ is not in the inventory/);
  });
});

describe.concurrent('duplicate resource IDs', () => {
  test('identical rows (other key order, other ID casing) are read once', async () => {
    const r = await scan(['--input', corpus('rows', 'duplicates-identical.json'), '--fail-on', 'none']);
    expect(r.report().errors).toEqual([]);
    expect(states(r.report())).toEqual({ 'aks-dup': 'evaluated' });
    expect(r.code).toBe(0);
  });

  test('the same export twice under two names is read once', async () => {
    const copy = path.join(workDir(), 'copy-of-valid.json');
    copyFileSync(corpus('accepted', 'valid.json'), copy);
    const r = await scan(['--input', corpus('accepted', 'valid.json'), '--input', copy, '--fail-on', 'none']);
    expect(r.report().errors).toEqual([]);
    expect(r.report().summary).toMatchObject({ clusters: 2, notEvaluated: 0 });
    expect(r.code).toBe(0);
  });

  test('differing rows are an error naming both places; the clusters they touch are incomplete', async () => {
    const r = await scan(['--input', corpus('rows', 'duplicates-differing.json')]);
    expect(r.code).toBe(2);
    const report = r.report();
    const file = shown('rows', 'duplicates-differing.json');
    const dups = report.errors.filter((e) => e.code === 'duplicate-id');
    expect(dups.map((e) => [nameOf(e.resourceId ?? '').toLowerCase(), (e.clusters ?? []).map(nameOf)])).toEqual([
      ['natgw-twice', ['aks-dup-gw']],
      ['aks-twice', ['aks-twice']],
    ]);
    expect(dups[0]?.message).toContain(`(${file} $[2] and ${file} $[4])`);
    expect(dups[1]?.message).toContain(`(${file} $[5] and ${file} $[6])`);
    expect(states(report)).toEqual({ 'aks-dup-gw': 'incomplete', 'aks-twice': 'incomplete' });
  });

  test('a subnet listed on its own wins over its copy embedded in the VNet, in either order, without a conflict', async () => {
    const r = await scan(['--input', corpus('rows', 'subnet-embedded-and-listed.json'), '--fail-on', 'none']);
    expect(r.report().errors).toEqual([]);
    expect(states(r.report())).toEqual({ 'aks-embedded': 'evaluated' });
    expect(r.code).toBe(0);
  });
});

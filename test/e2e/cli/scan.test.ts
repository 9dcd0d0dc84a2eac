import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { BASE_CLUSTER, BASE_CLUSTER_ID, mergeDeep } from '../../../src/policy/testing/tester.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { ROOT, runCli, SAMPLE, tempDir } from '../../helpers/cli.ts';

const reportSchema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validateReport = ajv.compile(reportSchema);

function inventory(rows: unknown[], name = 'inventory.json'): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(rows, null, 2));
  return { dir, file };
}

function scan(args: string[]): { code: number; stdout: string; stderr: string; out: string; report: ScanResult | null } {
  const out = tempDir('egress-audit-out-');
  const r = runCli(['scan', '--out', out, ...args]);
  const file = path.join(out, 'egress-audit.json');
  return { ...r, out, report: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ScanResult) : null };
}

const basic = mergeDeep(BASE_CLUSTER, { properties: { networkProfile: { loadBalancerSku: 'basic' } } });

describe('exit codes', () => {
  test('0 when no finding reaches --fail-on, and the report validates against its schema', () => {
    const { dir } = inventory([BASE_CLUSTER]);
    const r = scan(['--input', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.report?.summary).toMatchObject({ clusters: 1, passed: 1, findings: 0, notEvaluated: 0 });
    expect(validateReport(r.report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(r.stdout).toMatch(/1 clusters \(1 pass, 0 fail, 0 incomplete\)/);
  });

  test('1 on a high finding; 0 with --fail-on none; the finding points at its line', () => {
    const { dir } = inventory([basic]);
    const r = scan(['--input', dir]);
    expect(r.code).toBe(1);
    const f = r.report?.findings[0];
    expect(f).toMatchObject({ policyId: 'EG003', severity: 'high', clusterId: BASE_CLUSTER_ID, resourceId: BASE_CLUSTER_ID, path: 'properties.networkProfile.loadBalancerSku' });
    const lines = readFileSync(path.join(dir, 'inventory.json'), 'utf8').split('\n');
    expect(lines[(f?.location?.line ?? 0) - 1]).toContain('"loadBalancerSku": "basic"');
    expect(validateReport(r.report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(r.stdout).toContain('HIGH   EG003 aks-test');
    expect(scan(['--input', dir, '--fail-on', 'none']).code).toBe(0);
  });

  test('--fail-on low also fails on a medium finding', () => {
    const win = mergeDeep(BASE_CLUSTER, {
      properties: { networkProfile: { outboundType: 'managedNATGateway' }, agentPoolProfiles: [{ name: 'system', count: 3 }, { name: 'win1', osType: 'Windows', count: 2 }] },
    });
    const { dir } = inventory([win]);
    expect(scan(['--input', dir]).code).toBe(0);
    const r = scan(['--input', dir, '--fail-on', 'low']);
    expect(r.code).toBe(1);
    expect(r.report?.findings.map((f) => f.policyId)).toContain('EG014');
  });

  test('2 on a usage error', () => {
    const r = runCli(['scan', '--fail-on', 'severe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fail-on/);
    const f = runCli(['scan', '--format', 'pdf']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('unknown format "pdf"');
  });
});

describe('malformed input', () => {
  test('a truncated file: exit 2, file:line:column, no report written', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'cut.json'), '[\n  {\n    "id": "/subscriptions/x",\n    "type": "microsoft.network/natgateways",\n');
    const r = scan(['--input', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut\.json:5:1: invalid JSON: unexpected end of file/);
    expect(readdirSync(r.out)).toEqual([]);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  test('a wrong type inside a row: reported with file, JSON path, expected and found; the cluster is incomplete; exit 2', () => {
    const bad = mergeDeep(BASE_CLUSTER, { properties: { agentPoolProfiles: [{ name: 'system', count: '3' }] } });
    const { dir } = inventory([bad]);
    const r = scan(['--input', dir]);
    expect(r.code).toBe(2);
    expect(r.report?.errors).toEqual([
      expect.objectContaining({ code: 'invalid-field', path: '$[0].properties.agentPoolProfiles[0].count', expected: 'a whole number from 0 to 5000', found: 'the string "3"', clusters: [BASE_CLUSTER_ID] }),
    ]);
    expect(r.report?.clusters[0]?.status).toBe('incomplete');
    expect(r.stdout).toMatch(/INCOMPLETE aks-test/);
    expect(scan(['--input', dir, '--allow-partial']).code).toBe(0);
  });

  test('duplicate IDs: identical rows read once; differing rows are an error naming both places', () => {
    const same = inventory([BASE_CLUSTER, mergeDeep(BASE_CLUSTER, { id: BASE_CLUSTER_ID.toUpperCase() })]);
    const ok = scan(['--input', same.dir]);
    expect(ok.code).toBe(0);
    expect(ok.report?.summary.clusters).toBe(1);

    const differing = inventory([BASE_CLUSTER, basic]);
    const r = scan(['--input', differing.dir]);
    expect(r.code).toBe(2);
    expect(r.report?.errors[0]).toMatchObject({ code: 'duplicate-id', resourceId: BASE_CLUSTER_ID });
    expect(r.report?.errors[0]?.message).toMatch(/inventory\.json \$\[0\] and .*inventory\.json \$\[1\]/);
    expect(r.report?.clusters[0]?.status).toBe('incomplete');
  });

  test('an unknown resource type is counted and ignored', () => {
    const { dir } = inventory([BASE_CLUSTER, { id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Compute/disks/d1', type: 'microsoft.compute/disks', properties: {} }]);
    const r = scan(['--input', dir]);
    expect(r.code).toBe(0);
    expect(r.report?.errors).toEqual([]);
  });
});

test('--out is created', () => {
  const out = path.join(tempDir(), 'nested', 'reports');
  mkdirSync(path.dirname(out), { recursive: true });
  const r = runCli(['scan', '--input', SAMPLE, '--out', out, '--fail-on', 'none', '--allow-partial']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
  expect(report.scan.inputs[0]).toMatch(/fixtures[/\\]sample$/);
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BASE_CLUSTER, mergeDeep } from '../../src/policy/testing/tester.ts';
import type { ScanResult } from '../../src/scan/result.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

const SUB = '00000000-0000-0000-0000-000000000001';
const clusterRow = (name: string, rg: string, tags: Record<string, string> = {}, outboundType = 'loadBalancer') =>
  mergeDeep(BASE_CLUSTER, {
    id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    resourceGroup: rg,
    tags,
    properties: { networkProfile: { outboundType } },
  });

function workspace(config: unknown): string {
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'clusters.json'),
    JSON.stringify([clusterRow('aks-web', 'rg-web'), clusterRow('aks-pay', 'rg-payments'), clusterRow('aks-tagged', 'rg-misc', { egress: 'restricted' }, 'none')]),
  );
  writeFileSync(path.join(dir, 'egress-audit.config.json'), JSON.stringify(config));
  return dir;
}

const CONFIG = {
  $schema: './schemas/config.schema.json',
  assign: [
    { profile: 'secure', resourceGroups: ['rg-pay*'] },
    { profile: 'locked', tags: { egress: 'restricted' } },
  ],
  profiles: { locked: { extends: 'secure', params: { allowedOutboundTypes: ['block'] }, policies: { EG001: { severity: 'medium' } } } },
};

function report(dir: string): ScanResult {
  return JSON.parse(readFileSync(path.join(dir, 'out/egress-audit.json'), 'utf8')) as ScanResult;
}

test('scan applies the configuration found in the working directory, cluster by cluster, and records why', () => {
  const dir = workspace(CONFIG);
  const r = runCli(['scan', '--input', 'clusters.json', '--out', 'out', '--fail-on', 'none'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const result = report(dir);
  const byName = Object.fromEntries(result.clusters.map((c) => [c.name, c]));
  expect(byName['aks-web']).toMatchObject({ profile: 'baseline', profileReason: 'default profile', status: 'pass' });
  expect(byName['aks-pay']).toMatchObject({ profile: 'secure', profileReason: 'config assign[0]: resource group rg-payments (rg-pay*) matched', status: 'fail' });
  expect(byName['aks-tagged']).toMatchObject({ profile: 'locked', profileReason: 'config assign[1]: tag egress=restricted matched', status: 'fail' });
  // The profile's severity override and parameters reach the findings.
  const eg001 = result.findings.filter((f) => f.policyId === 'EG001');
  expect(eg001.map((f) => [f.clusterName, f.severity])).toEqual([
    ['aks-pay', 'high'],
    ['aks-tagged', 'medium'],
  ]);
  expect(eg001.find((f) => f.clusterName === 'aks-tagged')?.message).toContain('allowed: block');
});

test('--profile overrides the assignment for the whole scan; --config names another file', () => {
  const dir = workspace(CONFIG);
  writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ defaultProfile: 'secure' }));
  const unknown = runCli(['scan', '--input', 'clusters.json', '--out', 'out', '--profile', 'strict'], { cwd: dir });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('--profile: unknown profile "strict"; choose from baseline, secure, locked');
  const r = runCli(['scan', '--input', 'clusters.json', '--out', 'out', '--profile', 'locked', '--fail-on', 'none'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(new Set(report(dir).clusters.map((c) => `${c.profile} ${c.profileReason}`))).toEqual(new Set(['locked --profile option']));
  const other = runCli(['scan', '--input', 'clusters.json', '--out', 'out', '--config', 'other.json', '--fail-on', 'none'], { cwd: dir });
  expect(other.code, other.stderr).toBe(0);
  expect(new Set(report(dir).clusters.map((c) => c.profile))).toEqual(new Set(['secure']));
});

test('a bad configuration stops the scan with exit 2, every problem listed, and no report written', () => {
  const dir = workspace({ assign: [{ profile: 'nope', subscriptions: ['*'] }], profiles: { baseline: { policies: { EG404: { enabled: false } } } } });
  const r = runCli(['scan', '--input', 'clusters.json', '--out', 'out'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/egress-audit\.config\.json:1:\d+: \/assign\/0\/profile: unknown profile "nope"/);
  expect(r.stderr).toMatch(/\/profiles\/baseline\/policies\/EG404: unknown policy EG404/);
  expect(() => readFileSync(path.join(dir, 'out/egress-audit.json'))).toThrow();
});

test('policyDirs are read relative to the configuration file', () => {
  const dir = workspace({ policyDirs: ['./custom'] });
  const r = runCli(['scan', '--input', 'clusters.json', '--out', 'out'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${path.join(dir, 'custom')}: cannot read policy folder: ENOENT`);
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli.ts';
import { byResource, cli, day, INVENTORY, scan, writeFile } from '../../helpers/triage.ts';
import type { ScanResult } from '../../../src/scan/result.ts';

type Row = { id: string; name: string; properties: Record<string, unknown> & { networkProfile: Record<string, unknown> } };
const rows = (): Row[] => JSON.parse(readFileSync(INVENTORY, 'utf8')) as Row[];
const PROFILE = ['--profile', 'secure'];

let dir: string;
let baselineFile: string;
let before: ScanResult;

beforeAll(() => {
  dir = tempDir();
  const r = scan(['--input', INVENTORY, ...PROFILE, '--fail-on', 'none']);
  expect(r.run.code, r.run.stderr).toBe(0);
  before = r.report!;
  baselineFile = path.join(r.out, 'egress-audit.json');
});

/** The inventory with aks-prod moved to an allowed outbound type and a new cluster aks-new like aks-dev. */
function changedInventory(): string {
  const inv = rows();
  const prod = inv.find((r) => r.name === 'aks-prod')!;
  prod.properties.networkProfile.outboundType = 'block';
  const dev = inv.find((r) => r.name === 'aks-dev')!;
  inv.push({ ...dev, id: dev.id.replace('aks-dev', 'aks-new'), name: 'aks-new' });
  return writeFile(dir, 'changed.json', JSON.stringify(inv, null, 2));
}

describe('--baseline', () => {
  test('marks findings new or unchanged, lists the fixed ones and counts the delta', () => {
    const r = scan(['--input', changedInventory(), ...PROFILE, '--fail-on', 'none', '--baseline', baselineFile]);
    expect(r.run.code, r.run.stderr).toBe(0);
    const rep = r.report!;
    expect(byResource(rep, 'EG001', 'managedClusters/aks-new').baseline).toBe('new');
    expect(byResource(rep, 'EG001', 'managedClusters/aks-dev').baseline).toBe('unchanged');
    expect(byResource(rep, 'EG014', 'agentPools/win1').baseline).toBe('unchanged');
    const prodBefore = byResource(before, 'EG001', 'managedClusters/aks-prod');
    expect(rep.baseline!.fixed).toContainEqual({
      policyId: 'EG001',
      title: prodBefore.title,
      severity: prodBefore.severity,
      clusterId: prodBefore.clusterId,
      clusterName: 'aks-prod',
      resourceId: prodBefore.resourceId,
      resourceName: 'aks-prod',
      path: prodBefore.path,
      message: prodBefore.message,
      fingerprint: prodBefore.fingerprint,
    });
    const count = (s: string): number => rep.findings.filter((f) => f.baseline === s).length;
    expect(rep.baseline).toMatchObject({ startedAt: before.scan.startedAt, counts: { new: count('new'), unchanged: count('unchanged'), fixed: rep.baseline!.fixed.length } });
    expect(count('new') + count('unchanged')).toBe(rep.findings.length);
    const nowIds = new Set(rep.findings.map((f) => f.fingerprint));
    const beforeIds = new Set(before.findings.map((f) => f.fingerprint));
    expect(rep.baseline!.fixed.map((f) => f.fingerprint).sort()).toEqual([...beforeIds].filter((id) => !nowIds.has(id)).sort());
    expect(rep.findings.filter((f) => f.baseline === 'new').every((f) => !beforeIds.has(f.fingerprint))).toBe(true);
  });

  test('identity ignores where the finding sits in the file and the case of resource IDs', () => {
    const inv = rows().reverse();
    for (const r of inv) r.id = r.id.toUpperCase();
    // Reordered, re-indented and upper-cased: every finding's line and resource ID text change.
    const moved = writeFile(dir, 'moved.json', `\n\n${JSON.stringify(inv, null, 4)}`);
    const r = scan(['--input', moved, ...PROFILE, '--fail-on', 'none', '--baseline', baselineFile]);
    expect(r.run.code, r.run.stderr).toBe(0);
    const lines = (rep: ScanResult) => new Set(rep.findings.map((f) => `${f.resourceId}:${f.location?.line}`));
    expect([...lines(r.report!)].some((l) => lines(before).has(l))).toBe(false);
    expect(r.report!.baseline!.counts).toEqual({ new: 0, unchanged: before.findings.length, fixed: 0 });
  });

  test('--fail-on-new gates only on new findings at or above --fail-on', () => {
    const same = scan(['--input', INVENTORY, ...PROFILE, '--fail-on', 'high', '--baseline', baselineFile, '--fail-on-new']);
    expect(same.run.code, same.run.stderr).toBe(0);
    expect(same.report!.summary.bySeverity.high).toBeGreaterThan(0);
    expect(scan(['--input', INVENTORY, ...PROFILE, '--fail-on', 'high', '--baseline', baselineFile]).run.code).toBe(1);

    const changed = changedInventory();
    expect(scan(['--input', changed, ...PROFILE, '--fail-on', 'high', '--baseline', baselineFile, '--fail-on-new']).run.code).toBe(1);
    // A suppressed new finding does not count, even as new.
    const newId = rows().find((r) => r.name === 'aks-dev')!.id.replace('aks-dev', 'aks-new');
    const supp = writeFile(dir, 'supp.yaml', `suppressions:\n  - policy: "*"\n    resource: ${newId}\n    justification: new cluster, migration planned\n    expires: ${day(7)}\n`);
    const s = scan(['--input', changed, ...PROFILE, '--fail-on', 'high', '--baseline', baselineFile, '--fail-on-new', '--suppressions', supp]);
    expect(s.run.code, s.run.stderr).toBe(0);
    expect(byResource(s.report!, 'EG001', 'managedClusters/aks-new')).toMatchObject({ baseline: 'new', suppression: { line: 2 } });
    expect(s.report!.baseline!.counts.new).toBe(0);
  });

  test('an incomplete scan still exits 2 with --fail-on-new', () => {
    const inv = rows();
    // A pool on a subnet the inventory lacks leaves its cluster incomplete.
    const pools = inv[1]!.properties.agentPoolProfiles as Record<string, unknown>[];
    pools[0]!.vnetSubnetID = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/missing';
    const file = writeFile(dir, 'incomplete.json', JSON.stringify(inv));
    const r = scan(['--input', file, ...PROFILE, '--baseline', baselineFile, '--fail-on-new']);
    expect(r.report!.summary.notEvaluated).toBe(1);
    expect(r.run.code).toBe(2);
  });

  test('--fail-on-new without --baseline is a usage error', () => {
    const r = runCli(['scan', '--input', INVENTORY, '--out', tempDir(), '--fail-on-new']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('egress-audit: --fail-on-new needs --baseline PREVIOUS.json (a previous JSON report), unless the input is a Terraform plan\n');
  });

  test('a baseline that is not a JSON report is exit 2 naming file and place, and writes nothing', async () => {
    const notJson = writeFile(dir, 'broken.json', '{ "version": 1,\n  "findings": [ }');
    const inventory = writeFile(dir, 'inventory-as-baseline.json', readFileSync(INVENTORY, 'utf8'));
    const noPath = writeFile(dir, 'old.json', JSON.stringify({ version: 1, scan: { startedAt: '2026-01-01T00:00:00Z' }, findings: [{ ...before.findings[0], path: undefined }] }, null, 2));
    const cases: [string, RegExp][] = [
      [notJson, /broken\.json:2:17: invalid JSON: expected a value, found "}"/],
      [inventory, /--baseline: not an egress-audit JSON report:\n.*inventory-as-baseline\.json:1:1: /],
      [noPath, /old\.json:7:5: \/findings\/0: missing required property "path"/],
      [path.join(dir, 'results.sarif'), /--baseline .*results\.sarif: expected a previous egress-audit JSON report/],
      [path.join(dir, 'absent.json'), /absent\.json: cannot read: ENOENT/],
    ];
    for (const [file, re] of cases) {
      const out = path.join(tempDir(), 'out');
      const r = await cli(['scan', '--input', INVENTORY, '--out', out, '--baseline', file]);
      expect(r.code, file).toBe(2);
      expect(r.err).toMatch(re);
      expect(existsSync(out)).toBe(false);
    }
  });
});

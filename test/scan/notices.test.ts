import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';
import { validateSarif } from '../report/multitool.ts';

const SUB = '00000000-0000-0000-0000-0000000000c1';
const OTHER_SUB = '00000000-0000-0000-0000-0000000000c2';
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const FORMATS = ['json', 'sarif', 'html', 'junit', 'markdown'] as const;
const FILES = { json: 'egress-audit.json', sarif: 'egress-audit.sarif', html: 'egress-audit.html', junit: 'egress-audit.junit.xml', markdown: 'egress-audit.md' };

/** A BYO-VNet UDR cluster that every policy passes: only EG023's data decides what the reports say. */
function cluster(name: string, subnetId: string, spn = 'msi'): object {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    type: 'microsoft.containerservice/managedclusters',
    location: 'westeurope',
    resourceGroup: 'rg-aks',
    subscriptionId: SUB,
    identity: { type: 'SystemAssigned', principalId: `aaaaaaaa-0000-0000-0000-${name.padStart(12, '0').slice(-12)}` },
    properties: {
      kubernetesVersion: '1.33.2',
      servicePrincipalProfile: { clientId: spn },
      apiServerAccessProfile: { enablePrivateCluster: true },
      networkProfile: { outboundType: 'userDefinedRouting', networkPlugin: 'azure' },
      agentPoolProfiles: [{ name: 'system', type: 'VirtualMachineScaleSets', mode: 'System', osType: 'Linux', count: 3, vnetSubnetID: subnetId }],
    },
  };
}

function subnet(id: string): object {
  return {
    id,
    name: id.split('/').pop(),
    type: 'microsoft.network/virtualnetworks/subnets',
    properties: { addressPrefix: '10.1.0.0/24', defaultOutboundAccess: false, routeTable: { id: `${NET}/routeTables/rt-egress` } },
  };
}

const ROUTES = {
  id: `${NET}/routeTables/rt-egress`,
  name: 'rt-egress',
  type: 'microsoft.network/routetables',
  properties: { routes: [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }] },
};

function scan(rows: object[]): { code: number; stdout: string; out: string; read: (f: keyof typeof FILES) => string } {
  const dir = tempDir('egress-notice-');
  const input = path.join(dir, 'inventory.json');
  writeFileSync(input, JSON.stringify(rows));
  const out = path.join(dir, 'reports');
  const r = runCli(['scan', '-i', input, '--out-dir', out, '-f', FORMATS.join(','), '--fail-on', 'info']);
  expect(r.stderr).toBe('');
  return { code: r.code, stdout: r.stdout, out, read: (f) => readFileSync(path.join(out, FILES[f]), 'utf8') };
}

const occurrences = (text: string, what: string): number => text.split(what).length - 1;

describe('EG023 without authorization data', () => {
  const a = `${NET}/virtualNetworks/vnet1/subnets/nodes-a`;
  const b = `${NET}/virtualNetworks/vnet1/subnets/nodes-b`;
  const run = scan([cluster('aks-a', a), cluster('aks-b', b), subnet(a), subnet(b), ROUTES]);
  const said = 'EG023 was not evaluated: the inventory holds no role assignment';

  test('the scan passes: no finding, no incomplete cluster, exit code 0', () => {
    expect(run.code).toBe(0);
    const report = JSON.parse(run.read('json')) as { summary: { findings: number; notEvaluated: number }; errors: unknown[]; notices: { policyId: string; kind: string }[] };
    expect(report.summary).toMatchObject({ findings: 0, notEvaluated: 0 });
    expect(report.errors).toEqual([]);
    expect(report.notices.map((n) => [n.policyId, n.kind])).toEqual([['EG023', 'not-evaluated']]);
  });

  test.each(FORMATS)('the %s report says so once for the two clusters', (format) => {
    expect(occurrences(run.read(format), said)).toBe(1);
  });

  test('the console says so once', () => {
    expect(occurrences(run.stdout, said)).toBe(1);
  });

  test('SARIF carries it as a note on rule EG023 that leaves the run successful, and stays valid', () => {
    const log = JSON.parse(run.read('sarif')) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; associatedRule: { id: string } }[] }[] }[] };
    const [inv] = log.runs[0]!.invocations;
    expect(inv!.executionSuccessful).toBe(true);
    expect(inv!.toolExecutionNotifications.map((n) => [n.level, n.associatedRule.id])).toEqual([['note', 'EG023']]);
    const problems = validateSarif([path.join(run.out, FILES.sarif)], run.out).get(path.join(run.out, FILES.sarif)) ?? [];
    expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  test('JUnit skips EG023 for each cluster rather than passing it', () => {
    const suite = /<testsuite name="EG023[^>]*>[\s\S]*?<\/testsuite>/.exec(run.read('junit'))?.[0] ?? '';
    expect(suite).toMatch(/tests="2" failures="0" errors="0" skipped="2"/);
  });
});

describe('EG023 with authorization data it cannot apply everywhere', () => {
  const a = `${NET}/virtualNetworks/vnet1/subnets/nodes-a`;
  const elsewhere = `/subscriptions/${OTHER_SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet2/subnets/nodes-c`;
  const assignment = {
    id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Authorization/roleAssignments/cccccccc-0000-0000-0000-000000000001`,
    name: 'cccccccc-0000-0000-0000-000000000001',
    type: 'microsoft.authorization/roleassignments',
    properties: { roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7', principalId: 'ffffffff-0000-0000-0000-00000000000f', principalType: 'ServicePrincipal', scope: `/subscriptions/${SUB}/resourceGroups/rg-net` },
  };
  const run = scan([cluster('aks-sp', a, 'eeeeeeee-0000-0000-0000-00000000000e'), cluster('aks-c', elsewhere), subnet(a), subnet(elsewhere), ROUTES, assignment]);

  test('lists the service principal cluster and the subnet of a subscription without assignments as not judged, exit code unaffected', () => {
    expect(run.code).toBe(0);
    const report = JSON.parse(run.read('json')) as { notices: { kind: string; notJudged: { clusterName: string; resourceId: string; reason: string }[] }[] };
    expect(report.notices).toHaveLength(1);
    expect(report.notices[0]!.kind).toBe('not-judged');
    expect(report.notices[0]!.notJudged.map((e) => [e.clusterName, e.resourceId.split('/').pop(), e.reason])).toEqual([
      ['aks-c', 'nodes-c', `the inventory holds no role assignment from subscription ${OTHER_SUB}`],
      ['aks-sp', 'aks-sp', 'the cluster uses a service principal, whose identity the inventory cannot show'],
    ]);
    for (const format of FORMATS) expect(run.read(format), format).toContain('the cluster uses a service principal');
  });
});

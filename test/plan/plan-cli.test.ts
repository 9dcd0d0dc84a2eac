import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Json } from '../../src/inventory/normalize/fields.ts';
import type { MigrationPlan } from '../../src/plan/plan.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { clusterRow, network, SUB } from './inventory.ts';

const named = (name: string, rg: string, row: Json): Json => ({
  ...row,
  id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
  name,
  resourceGroup: rg,
});

function inventory(): string {
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'inventory.json'),
    JSON.stringify([
      named('aks-web', 'rg-web', clusterRow('loadBalancer', 'managed')),
      named('aks-byo', 'rg-byo', clusterRow('loadBalancer', 'byo')),
      named('aks-blocked', 'rg-web', clusterRow('block', 'managed')),
      ...network({ natGateway: false }),
    ]),
  );
  return dir;
}

test('plan prints a summary table and each cluster\'s prerequisites, warnings and command', () => {
  const dir = inventory();
  const r = runCli(['plan', '--input', dir, '--to', 'userassignednatgateway']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe('Migration to userAssignedNATGateway: 3 clusters');
  expect(lines.slice(2, 6)).toEqual([
    'CLUSTER      RESOURCE GROUP  VNET     FROM          SUPPORT         READY',
    'aks-byo      rg-byo          byo      loadBalancer  supported       1 unmet',
    'aks-blocked  rg-web          managed  block         not documented  no',
    'aks-web      rg-web          managed  loadBalancer  not documented  no',
  ]);
  expect(r.stdout).toContain('aks-byo (rg-byo, subscription 00000000-0000-0000-0000-000000000001): loadBalancer → userAssignedNATGateway, bring-your-own VNet');
  expect(r.stdout).toContain('    [unmet]   Every node subnet has a NAT gateway\n               - subnet nodes (pool system) has no NAT gateway\n');
  expect(r.stdout).toContain('    [met]     Kubernetes 1.20 or newer (NAT gateway outbound types)\n');
  expect(r.stdout).toContain('    - Needs Azure CLI 2.56 or newer.\n');
  expect(r.stdout).toContain(`  Command (once the prerequisites are met):\n    az aks update --subscription ${SUB} --resource-group rg-byo --name aks-byo --outbound-type userAssignedNATGateway\n`);
  expect(r.stdout).toContain('  Documented targets from loadBalancer on this VNet: managedNATGateway (V2), managedNATGateway, none, block.');
  expect(r.stdout).toMatch(/\nSource: Customize cluster egress with outbound types in Azure Kubernetes Service \(AKS\) \(2026-08\), https:\/\/learn\.microsoft\.com\/azure\/aks\/egress-outboundtype/);
});

test('plan --format json for one cluster by name; --cluster by resource ID', () => {
  const dir = inventory();
  const r = runCli(['plan', '--input', dir, '--to', 'managedNATGateway', '--cluster', 'AKS-WEB', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { version: number; to: string; clusters: MigrationPlan[] };
  expect(out.version).toBe(1);
  expect(out.to).toBe('managedNATGateway');
  expect(out.clusters).toHaveLength(1);
  expect(out.clusters[0]).toMatchObject({
    clusterName: 'aks-web',
    from: 'loadBalancer',
    vnetMode: 'managed',
    support: 'supported',
    ready: true,
    command: `az aks update --subscription ${SUB} --resource-group rg-web --name aks-web --outbound-type managedNATGateway --nat-gateway-managed-outbound-ip-count 1`,
  });
  expect(out.clusters[0]?.prerequisites.map((p) => `${p.id}:${p.status}`)).toEqual(['vmss-pools:met', 'standard-load-balancer:met', 'kubernetes-1.20:met', 'managed-vnet:met']);
  const id = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.ContainerService/managedClusters/aks-blocked`;
  const byId = runCli(['plan', '--input', dir, '--to', 'none', '--cluster', id.toUpperCase(), '-f', 'json']);
  expect(byId.code, byId.stderr).toBe(0);
  expect((JSON.parse(byId.stdout) as { clusters: MigrationPlan[] }).clusters.map((c) => [c.clusterName, c.support])).toEqual([['aks-blocked', 'supported']]);
});

test('plan: an unknown target type or cluster is a usage error (exit 2)', () => {
  const dir = inventory();
  const badType = runCli(['plan', '--input', dir, '--to', 'natGateway']);
  expect(badType.code).toBe(2);
  expect(badType.stderr).toContain('--to: unknown outbound type "natGateway"; choose from loadBalancer, managedNATGateway');
  const badCluster = runCli(['plan', '--input', dir, '--to', 'none', '--cluster', 'aks-nope']);
  expect(badCluster.code).toBe(2);
  expect(badCluster.stderr).toContain('--cluster: no cluster "aks-nope" in the inventory; clusters: aks-byo, aks-blocked, aks-web');
  expect(runCli(['plan', '--input', dir]).code).toBe(2);
});

test('plan says when the documentation conflicts and still prints the command; the StandardV2 target names its SKU', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify([named('aks-nat', 'rg-nat', clusterRow('managedNATGateway', 'managed'))]));
  const r = runCli(['plan', '--input', dir, '--to', 'loadBalancer']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('aks-nat  rg-nat          managed  managedNATGateway  docs conflict  no');
  expect(r.stdout).toContain('the documentation conflicts: its table says not supported (the 2024 version said supported), its command section shows how');
  expect(r.stdout).toContain(`  Command (as the article shows it; the documentation conflicts):\n    az aks update --subscription ${SUB} --resource-group rg-nat --name aks-nat --outbound-type loadBalancer --load-balancer-managed-outbound-ip-count 1\n`);
  const v2 = runCli(['plan', '--input', dir, '--to', 'managedNATGatewayV2', '-f', 'json']);
  expect(v2.code, v2.stderr).toBe(0);
  expect((JSON.parse(v2.stdout) as { clusters: MigrationPlan[] }).clusters[0]).toMatchObject({
    support: 'supported',
    command: `az aks update --subscription ${SUB} --resource-group rg-nat --name aks-nat --outbound-type managedNATGateway --outbound-type-sku StandardV2 --nat-gateway-managed-outbound-ip-count 1`,
  });
});

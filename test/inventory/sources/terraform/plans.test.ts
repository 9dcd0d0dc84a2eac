import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readTerraform } from '../../../../src/inventory/sources/terraform/plan.ts';
import { convert } from '../../../../src/inventory/sources/terraform/rows.ts';
import type { ScanResult } from '../../../../src/scan/result.ts';
import { runCli, SAMPLE, tempDir } from '../../../helpers/cli.ts';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);

function scan(name: string, ...extra: string[]): { code: number; result: ScanResult; out: string; all: string } {
  const out = tempDir('egress-audit-tf-');
  const r = runCli(['scan', '--input', fixture(name), '--format', 'json,sarif,markdown,junit,html', '--out', out, ...extra]);
  const result = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
  const all = [r.stdout, r.stderr, ...readdirSync(out).map((f) => readFileSync(path.join(out, f), 'utf8'))].join('\n');
  return { code: r.code, result, out, all };
}

const found = (result: ScanResult): string[] => result.findings.map((f) => `${f.policyId} ${f.terraformAddress}`).sort();
const decided = (result: ScanResult): Record<string, string[]> =>
  Object.fromEntries(result.clusters.map((c) => [c.terraform?.address ?? c.name, (c.terraform?.decidedAtApply ?? []).map((d) => `${d.policyId} ${d.attribute}`)]));

describe('create plan: for_each module instances wired to a network module by outputs', () => {
  const run = scan('modules/plan.json');

  test('resolves unknown subnet, NAT gateway and IP IDs through references and names every finding by address', () => {
    // Medium and low findings only: EG008 (high) is decided at apply and does not count.
    expect(run.code).toBe(0);
    expect(run.result.summary).toMatchObject({ clusters: 2, notEvaluated: 0 });
    expect(run.result.errors).toEqual([]);
    const blue = 'module.aks["blue"].azurerm_kubernetes_cluster.this';
    const green = 'module.aks["green"].azurerm_kubernetes_cluster.this';
    const win = 'module.aks["blue"].azurerm_kubernetes_cluster_node_pool.windows[0]';
    expect(found(run.result)).toEqual(
      [
        // A zonal NAT gateway (zone 1) under pools in zones 1, 2 and 3.
        `EG011 ${blue}`, `EG011 ${green}`, `EG011 ${win}`,
        `EG012 ${blue}`, `EG012 ${green}`, `EG012 ${win}`,
        // A Windows pool with OutboundNAT on behind a NAT gateway.
        `EG014 ${win}`,
        `EG016 ${blue}`, `EG016 ${green}`,
        // One NAT gateway (and so its public IP) shared by both clusters.
        'EG021 module.network.azurerm_public_ip.nat', 'EG021 module.network.azurerm_public_ip.nat',
      ].sort(),
    );
    expect(run.result.findings.filter((f) => f.policyId === 'EG021').map((f) => f.clusterName).sort()).toEqual(['aks-blue', 'aks-green']);
  });

  test('lists the Kubernetes version left to AKS and the sensitive authorized ranges as decided at apply, not as findings', () => {
    expect(decided(run.result)).toEqual({
      'module.aks["blue"].azurerm_kubernetes_cluster.this': ['EG008 kubernetes_version', 'EG017 api_server_access_profile[0].authorized_ip_ranges'],
      'module.aks["green"].azurerm_kubernetes_cluster.this': ['EG008 kubernetes_version', 'EG017 api_server_access_profile[0].authorized_ip_ranges'],
    });
    expect(run.result.findings.some((f) => f.policyId === 'EG008' || f.policyId === 'EG017')).toBe(false);
    expect(run.all).toContain('Decided at apply');
    expect(run.all).toMatch(/<skipped message="decided at apply: module\.aks\[&quot;blue&quot;\]/);
    const sarif = JSON.parse(readFileSync(path.join(run.out, 'egress-audit.sarif'), 'utf8')) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
    const inv = sarif.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(true);
    expect(inv.toolExecutionNotifications.map((n) => n.message.text)).toEqual([
      expect.stringMatching(/^Cluster aks-blue: decided at apply.*EG008/),
      expect.stringMatching(/^Cluster aks-green: decided at apply.*EG008/),
      // The plan has no role assignment: EG023 is not evaluated, said once (not decided at apply).
      expect.stringMatching(/^EG023 was not evaluated: the inventory holds no role assignment/),
    ]);
  });

  test('sensitive values (a tag, the authorized ranges, variables) reach no report and not the console', () => {
    expect(readFileSync(fixture('modules/plan.json'), 'utf8')).toContain('alice-SECRET-7f3a');
    expect(run.all).not.toContain('alice-SECRET-7f3a');
    expect(run.all).not.toContain('198.51.100.0/24');
  });

  test('fingerprints use the address: the same plan scanned twice gives the same fingerprints', () => {
    const again = scan('modules/plan.json');
    expect(again.result.findings.map((f) => f.fingerprint)).toEqual(run.result.findings.map((f) => f.fingerprint));
  });
});

describe('create plan: the common mistakes', () => {
  test('managed NAT gateway on a BYO subnet, default route to Internet, implicit outbound access, oversubscribed load balancer ports, OutboundNAT off on loadBalancer', () => {
    const run = scan('create-mistakes.json');
    expect(run.code).toBe(1);
    expect(run.result.summary.notEvaluated).toBe(0);
    expect(found(run.result)).toEqual([
      'EG004 azurerm_kubernetes_cluster.aks_mng',
      'EG007 azurerm_kubernetes_cluster.aks_udr',
      // outbound_nat_enabled = false is ARM disableOutboundNat = true, which loadBalancer does not support.
      'EG015 azurerm_kubernetes_cluster_node_pool.win_lb',
      'EG016 azurerm_kubernetes_cluster.aks_lb',
      'EG016 azurerm_kubernetes_cluster.aks_mng',
      'EG016 azurerm_kubernetes_cluster.aks_udr',
      'EG019 azurerm_kubernetes_cluster.aks_lb',
      'EG022 azurerm_subnet.udr',
    ]);
    // The Windows pool's two nodes count towards the load balancer's ports (20 autoscaled + 2).
    expect(run.result.findings.find((f) => f.policyId === 'EG019')!.message).toMatch(/at 22 max nodes/);
    // The plan has role assignments, so EG023 applies: the new clusters' principal IDs, the
    // assignment's principal and the firewall's private IP are known only after apply.
    expect(decided(run.result)).toEqual({
      'azurerm_kubernetes_cluster.aks_lb': [],
      'azurerm_kubernetes_cluster.aks_mng': ['EG023 identity[0].principal_id'],
      'azurerm_kubernetes_cluster.aks_udr': ['EG023 identity[0].principal_id', 'EG023 principal_id', 'EG024 ip_configuration[0].private_ip_address'],
    });
  });

  test('firewalls and role assignments become ARM rows, links and built-in roles resolved', () => {
    const doc = readTerraform(JSON.parse(readFileSync(fixture('create-mistakes.json'), 'utf8')) as Record<string, unknown>);
    const { rows, unknowns } = convert(doc);
    const row = (address: string): Record<string, unknown> => rows.find((r) => r.resource.address === address)!.value;
    const sub = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-egress-mistakes/providers';
    expect(row('azurerm_firewall.hub')).toEqual({
      id: `${sub}/Microsoft.Network/azureFirewalls/fw-hub`,
      name: 'fw-hub',
      type: 'Microsoft.Network/azureFirewalls',
      location: 'northeurope',
      resourceGroup: 'rg-egress-mistakes',
      properties: {
        sku: { name: 'AZFW_VNet', tier: 'Standard' },
        ipConfigurations: [
          { name: 'ipconfig', properties: { subnet: { id: `${sub}/Microsoft.Network/virtualNetworks/vnet-mistakes/subnets/snet-firewall` }, publicIPAddress: { id: `${sub}/Microsoft.Network/publicIPAddresses/pip-fw` } } },
        ],
      },
    });
    const subnet = `${sub}/Microsoft.Network/virtualNetworks/vnet-mistakes/subnets/snet-udr`;
    expect(row('azurerm_role_assignment.udr_network')).toEqual({
      id: `${subnet}/providers/Microsoft.Authorization/roleAssignments/azurerm_role_assignment.udr_network`,
      name: 'azurerm_role_assignment.udr_network',
      type: 'Microsoft.Authorization/roleAssignments',
      properties: { scope: subnet, roleDefinitionId: '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7' },
    });
    expect(unknowns.filter((u) => u.address === 'azurerm_role_assignment.udr_network').map((u) => u.property)).toEqual(['properties.principalId']);
    expect(unknowns.filter((u) => u.address === 'azurerm_firewall.hub').map((u) => u.property)).toEqual(['properties.ipConfigurations[0].properties.privateIPAddress']);
  });
});

describe('update plan', () => {
  test('judges planned state of every cluster but the deleted one; what the prior state had is not new', () => {
    const run = scan('update.json', '--fail-on-new');
    expect(run.code).toBe(1);
    expect(run.result.clusters.map((c) => c.name).sort()).toEqual(['aks-dev', 'aks-prod']);
    expect(run.result.findings.map((f) => `${f.policyId} ${f.terraformAddress} ${f.baseline}`).sort()).toEqual([
      'EG016 azurerm_kubernetes_cluster.aks_dev unchanged',
      'EG016 azurerm_kubernetes_cluster.aks_prod unchanged',
      'EG019 azurerm_kubernetes_cluster.aks_prod new',
    ]);
    // Every value of the planned state is known (the clusters exist): nothing is left to apply.
    expect(decided(run.result)).toEqual({ 'azurerm_kubernetes_cluster.aks_dev': [], 'azurerm_kubernetes_cluster.aks_prod': [] });
    expect(run.result.findings.find((f) => f.policyId === 'EG019')!.resourceId).toBe(
      '/subscriptions/6f1c3a52-9d0e-4b8a-a1f2-3c4d5e6f7a8b/resourceGroups/rg-aks-shared/providers/Microsoft.ContainerService/managedClusters/aks-prod',
    );
  });

  test('--fail-on-new counts only what the plan introduces', () => {
    // EG016 (low) is in the prior state too: with --fail-on low only the new EG019 fails the run.
    const args = ['scan', '--input', fixture('update.json'), '--format', 'json', '--out', tempDir(), '--fail-on', 'low'];
    expect(runCli([...args, '--fail-on-new']).code).toBe(1);
    expect(runCli(['scan', '--input', fixture('modules/plan.json'), '--format', 'json', '--out', tempDir(), '--fail-on', 'medium']).code).toBe(1);
    const sample = runCli(['scan', '--input', SAMPLE, '--format', 'json', '--out', tempDir(), '--fail-on-new']);
    expect(sample.code).toBe(2);
    expect(sample.stderr).toContain('--fail-on-new needs --baseline');
  });
});

import { describe, expect, test } from 'vitest';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../src/policy/load.ts';
import { readTables, runCase, type TestTable } from '../../src/policy/testing/tester.ts';

const { policies } = loadPolicies([BUILTIN_POLICY_DIR]);
const tables = new Map<string, TestTable>(readTables(BUILTIN_POLICY_DIR).map((t) => [t.table.policy, t.table]));

function remedy(policyId: string, caseName: string, patch: object = {}): { message: string; text: string; command?: string }[] {
  const policy = policies.find((p) => p.id === policyId);
  const c = tables.get(policyId)?.invalid.find((x) => x.name === caseName);
  if (!policy || !c) throw new Error(`no case "${caseName}" in ${policyId}`);
  return runCase(policy, { ...c, ...patch }).map((f) => ({ message: f.message, ...f.remediation }));
}

const SUB = '00000000-0000-0000-0000-000000000001';
const HUB = '00000000-0000-0000-0000-000000000009';

describe('EG023 remediation', () => {
  test('assigns Network Contributor on the resource to the identity read from the cluster, in the cluster subscription', () => {
    const [r] = remedy('EG023', 'kubenet route table without routes/write');
    expect(r?.command).toBe(
      `az role assignment create --assignee-object-id $(az aks show --resource-group rg-test --name aks-test --subscription ${SUB} --query identity.principalId --output tsv) ` +
        `--assignee-principal-type ServicePrincipal --role "Network Contributor" --scope /subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt-nodes --subscription ${SUB}`,
    );
  });

  test('never prints the principal ID (reports keep identities out); reads a user-assigned one by its own query', () => {
    const [r] = remedy('EG023', 'no assignment of the identity', {
      cluster: {
        identity: { type: 'UserAssigned', userAssignedIdentities: { '/subscriptions/x/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks': { principalId: 'aaaaaaaa-0000-0000-0000-00000000000a' } } },
        properties: { servicePrincipalProfile: { clientId: 'msi' }, agentPoolProfiles: [{ name: 'system', count: 3, vnetSubnetID: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/nodes` }] },
      },
    });
    expect(r?.message).toMatch(/^The user-assigned control-plane identity of cluster aks-test lacks/);
    expect(r?.command).toContain('--query "identity.userAssignedIdentities.*.principalId | [0]" --output tsv');
    for (const s of [r?.message, r?.text, r?.command]) expect(s).not.toContain('aaaaaaaa-0000-0000-0000-00000000000a');
  });
});

describe('EG024 remediation', () => {
  test('a VNet firewall: attach a NAT gateway to AzureFirewallSubnet, or add firewall public IPs (how many at two instances)', () => {
    const [r] = remedy('EG024', 'one public IP behind many nodes');
    expect(r?.command).toBe(`az network vnet subnet update --resource-group rg-hub --vnet-name vnet-hub --name AzureFirewallSubnet --nat-gateway <nat-gateway-name-or-id> --subscription ${HUB}`);
    // 1,024 ports × 100 nodes ÷ (2,496 × 2) = 20.5: 21 public IPs, or 2 NAT gateway addresses.
    expect(r?.text).toContain('Attach a NAT gateway with 2 public IPv4 address(es) to AzureFirewallSubnet');
    expect(r?.text).toContain(`give the firewall 21 public IPs in all (\`az network firewall ip-config create --resource-group rg-hub --firewall-name fw-hub --name <ip-config-name> --public-ip-address <new-public-ip> --subscription ${HUB}\`)`);
  });

  test('a Virtual WAN hub firewall: raise its public IP count', () => {
    expect(remedy('EG024', 'Virtual WAN hub firewall with two public IPs')[0]?.command).toBe(`az network firewall update --resource-group rg-hub --name fw-vwan --public-ip-count 21 --subscription ${HUB}`);
  });

  test('a NAT gateway already on the firewall subnet: give it more addresses', () => {
    const [r] = remedy('EG024', 'a NAT gateway with too few addresses on the firewall subnet');
    expect(r?.text).toMatch(/^Give NAT gateway ngw-fw 4 IPv4 address\(es\)/);
    expect(r?.command).toBe(`az network nat gateway update --resource-group rg-hub --name ngw-fw --public-ip-addresses <existing-and-new-public-ips> --subscription ${HUB}`);
  });
});

import { describe, expect, test } from 'vitest';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../src/policy/load.ts';
import { readTables, runCase, type TestTable } from '../../src/policy/testing/tester.ts';
import { asCidr, idPart, natGatewayLabel, replacementPoolName } from '../../src/policy/templates.ts';

// The tables check messages; these check that remediation names the real resources and the
// command a user would paste, for the cases where getting it wrong would mislead.
const { policies } = loadPolicies([BUILTIN_POLICY_DIR]);
const SUB = '00000000-0000-0000-0000-000000000001';
const tables = new Map<string, TestTable>(readTables(BUILTIN_POLICY_DIR).map((t) => [t.table.policy, t.table]));

function remedy(policyId: string, caseName: string): { text: string; command?: string }[] {
  const policy = policies.find((p) => p.id === policyId);
  const c = tables.get(policyId)?.invalid.find((x) => x.name === caseName);
  if (!policy || !c) throw new Error(`no case "${caseName}" in ${policyId}`);
  return runCase(policy, c).map((f) => f.remediation);
}

describe('remediation', () => {
  test('EG001 names the documented path for the VNet mode, or says there is none', () => {
    const [byo] = remedy('EG001', 'BYO loadBalancer when only none and block are allowed');
    expect(byo?.text).toContain('Azure documents in-place migration from loadBalancer on a BYO VNet to: none.');
    expect(byo?.text).toContain('`egress-audit plan --to none --cluster aks-test`');
    expect(byo?.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type none`);
    const [managed] = remedy('EG001', 'loadBalancer not allowed in a secure profile; managed VNet can migrate to none or block');
    expect(managed?.text).toContain('on a managed VNet to: none, block.');
    const [none] = remedy('EG001', 'BYO userAssignedNATGateway to block: no documented path');
    expect(none?.text).toMatch(/^No documented in-place path from userAssignedNATGateway on a BYO VNet to an allowed type \(block\): create a new cluster/);
    expect(none?.command).toBeUndefined();
  });

  test('EG006 updates the named route in the named route table', () => {
    expect(remedy('EG006', 'default route to None')[0]?.command).toBe(
      `az network route-table route update --subscription ${SUB} --resource-group rg-test --route-table-name rt1 --name blackhole --next-hop-type VirtualAppliance --next-hop-ip-address <firewall-private-ip>`,
    );
    expect(remedy('EG006', 'subnet without a route table')[0]?.command).toBe(`az network vnet subnet update --subscription ${SUB} --resource-group rg-test --vnet-name vnet1 --name nodes --route-table <route-table-name>`);
  });

  test('EG009 above the limit does not suggest adding an IP', () => {
    const [r] = remedy('EG009', 'a /28 prefix plus one IP is 17 IPv4 addresses');
    expect(r?.text).toContain('(IPs: ip1; prefixes: pre16)');
    expect(r?.command).toBe(`az network nat gateway update --subscription ${SUB} --resource-group rg-test --name ngw1 --public-ip-addresses <ips-to-keep> --public-ip-prefixes <prefixes-to-keep>`);
  });

  test('EG012 and EG014 replacement pools keep Windows names within 6 characters', () => {
    expect(remedy('EG012', 'Windows pool in the wrong zone')[0]?.command).toMatch(/--name win12 --os-type Windows --zones 1 --vnet-subnet-id \/subscriptions\/.*\/subnets\/nodes$/);
    expect(remedy('EG014', 'Windows pool on userAssignedNATGateway with node public IPs and OutboundNAT on')[0]?.command).toContain('--name npwin2 --os-type Windows --disable-windows-outbound-nat');
  });

  test('EG017 keeps the existing ranges and adds the egress prefix', () => {
    expect(remedy('EG017', 'a NAT gateway prefix only partly inside a range')[0]?.command).toBe(
      `az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --api-server-authorized-ip-ranges 20.10.0.1/32,20.10.1.0/31,2603:1020:203::/48,20.10.1.0/30`,
    );
    expect(remedy('EG017', 'load balancer IP outside every range')[0]?.command).toMatch(/198\.51\.100\.0\/24,20\.10\.9\.1\/32$/);
  });

  test('EG019 and EG020 compute the IPs or ports that fit', () => {
    const [lb] = remedy('EG019', '4000 ports × 40 nodes on one IP');
    expect(lb?.text).toContain('Give the load balancer 3 IPv4 outbound IPs, or lower allocatedOutboundPorts to 1600');
    expect(lb?.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --load-balancer-managed-outbound-ip-count 3`);
    const [nat] = remedy('EG020', 'one NAT IP for 80 max nodes');
    expect(nat?.text).toContain('Give NAT gateway ngw1 2 IPv4 address(es)');
    expect(nat?.command).toBe(`az network nat gateway update --subscription ${SUB} --resource-group rg-test --name ngw1 --public-ip-addresses ip1 <new-public-ip>`);
  });

  test('EG022 turns default outbound access off on the named subnet', () => {
    expect(remedy('EG022', 'none with defaultOutboundAccess absent')[0]?.command).toBe(`az network vnet subnet update --subscription ${SUB} --resource-group rg-test --vnet-name vnet1 --name nodes --default-outbound-access false`);
  });
});

describe('template helpers', () => {
  test('replacement pool names respect AKS name limits', () => {
    expect(replacementPoolName('winpol', 'Windows')).toBe('winpo2');
    expect(replacementPoolName('npwin', 'windows')).toBe('npwin2');
    expect(replacementPoolName('userpoolbatch1', 'Linux')).toBe('userpoolbat2');
  });

  test('IDs are read case-insensitively, as the az CLI writes them', () => {
    expect(idPart('/subscriptions/s/resourcegroups/rg-a/providers/Microsoft.Network/virtualNetworks/v1/subnets/s1', 'resourceGroups')).toBe('rg-a');
    expect(idPart('/subscriptions/s/resourceGroups/rg-a', 'virtualNetworks')).toBe('');
  });

  test('bare addresses become host CIDRs', () => {
    expect(asCidr('20.1.2.3')).toBe('20.1.2.3/32');
    expect(asCidr('2603:1020::1')).toBe('2603:1020::1/128');
    expect(asCidr('20.1.2.0/30')).toBe('20.1.2.0/30');
  });

  test('a managed NAT gateway known only from its profile is named as such', () => {
    expect(natGatewayLabel({ managed: true, known: false, name: 'x' })).toBe('managed NAT gateway (from natGatewayProfile)');
    expect(natGatewayLabel({ managed: false, known: true, name: 'ngw1' })).toBe('NAT gateway ngw1');
  });
});

describe('amendment of 2026-12', () => {
  test('EG001 takes its command from the planner: --subscription, StandardV2 target, documentation conflicts', () => {
    const [v2] = remedy('EG001', 'loadBalancer when only the StandardV2 managed NAT gateway is allowed (catalog amendment of 2026-12)');
    expect(v2?.text).toContain('on a managed VNet to: managedNATGatewayV2.');
    expect(v2?.text).toContain('managedNATGatewayV2 stands for managedNATGateway with a StandardV2 NAT gateway');
    expect(v2?.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type managedNATGateway --outbound-type-sku StandardV2 --nat-gateway-managed-outbound-ip-count 1`);
    const [conflict] = remedy('EG001', 'managedNATGateway when only loadBalancer is allowed: the documentation conflicts (catalog amendment of 2026-12)');
    expect(conflict?.text).toContain('the documentation conflicts: its table says not supported (the 2024 version said supported), its command section shows how');
    expect(conflict?.text).toContain('neither supported nor unsupported');
    expect(conflict?.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type loadBalancer --load-balancer-managed-outbound-ip-count 1`);
    const [none] = remedy('EG001', 'a managed StandardV2 gateway has no documented path to anything (catalog amendment of 2026-12)');
    expect(none?.text).toMatch(/^No documented in-place path from managedNATGateway on a managed VNet/);
  });

  test('EG018 moves managedNATGatewayV2 to managedNATGateway with the StandardV2 SKU', () => {
    expect(remedy('EG018', 'the legacy preview value managedNATGatewayV2 moves to managedNATGateway with StandardV2')[0]?.command).toBe(
      `az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type managedNATGateway --outbound-type-sku StandardV2`,
    );
  });

  test('EG021 offers to take an IP attached to a NAT gateway off the load balancer', () => {
    const [r] = remedy('EG021', 'a load balancer IP whose own row attaches it to a NAT gateway that serves only VMs (catalog amendment of 2026-12)');
    expect(r?.text).toContain('if NAT gateway ngw-vms is the one that should keep lb-ip, take it off the load balancer');
  });
});

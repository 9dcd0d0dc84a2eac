import { expect, test } from 'vitest';
import type { OutboundType } from '../../src/inventory/facts/azure.ts';
import type { Json } from '../../src/inventory/normalize/fields.ts';
import { planMigration, shellWord, type MigrationPlan } from '../../src/plan/plan.ts';
import { clusterRow, factsOf, NAT_ID, network, pool, ROUTE_TABLE_ID, SUBNET_ID } from './inventory.ts';

function plan(rows: Json[], to: OutboundType): MigrationPlan {
  const { facts, inventory } = factsOf(rows);
  const [c] = facts;
  if (!c) throw new Error('no cluster');
  return planMigration(c, inventory, to);
}

const status = (p: MigrationPlan): Record<string, string> => Object.fromEntries(p.prerequisites.map((x) => [x.id, x.status]));
const details = (p: MigrationPlan, id: string): string[] => p.prerequisites.find((x) => x.id === id)?.details ?? [];

test('every target needs VMSS pools and a standard load balancer', () => {
  const p = plan([clusterRow('loadBalancer', 'managed', { properties: { networkProfile: { loadBalancerSku: 'basic' }, agentPoolProfiles: [pool(), pool({ name: 'legacy', type: 'AvailabilitySet' })] } })], 'managedNATGateway');
  expect(status(p)).toMatchObject({ 'vmss-pools': 'unmet', 'standard-load-balancer': 'unmet', 'kubernetes-1.20': 'met', 'managed-vnet': 'met' });
  expect(details(p, 'vmss-pools')).toEqual(['pool legacy is AvailabilitySet']);
  expect(details(p, 'standard-load-balancer')).toEqual(['load balancer SKU is basic']);
  expect(p.ready).toBe(false);
  expect(p.command).not.toBeNull();
});

test('NAT gateway targets need Kubernetes 1.20 (compared numerically); a missing version is unknown, not met', () => {
  const old = plan([clusterRow('loadBalancer', 'managed', { properties: { kubernetesVersion: '1.19.11', currentKubernetesVersion: '1.19.11' } })], 'managedNATGateway');
  expect(details(old, 'kubernetes-1.20')).toEqual(['Kubernetes 1.19.11']);
  expect(status(plan([clusterRow('loadBalancer', 'managed', { properties: { kubernetesVersion: '1.9.6', currentKubernetesVersion: null } })], 'managedNATGateway'))['kubernetes-1.20']).toBe('unmet');
  const none = plan([clusterRow('loadBalancer', 'managed', { properties: { kubernetesVersion: null, currentKubernetesVersion: null } })], 'managedNATGateway');
  expect(status(none)['kubernetes-1.20']).toBe('unknown');
  expect(none.ready).toBe(false);
  expect(status(plan([clusterRow('loadBalancer', 'managed', { properties: { kubernetesVersion: '1.19.11', currentKubernetesVersion: '1.19.11' } })], 'none'))['kubernetes-1.20']).toBeUndefined();
});

test('userAssignedNATGateway: every BYO subnet needs a NAT gateway with a public IP or prefix', () => {
  expect(plan([clusterRow('loadBalancer', 'byo'), ...network()], 'userAssignedNATGateway').ready).toBe(true);
  const noGateway = plan([clusterRow('loadBalancer', 'byo'), ...network({ natGateway: false })], 'userAssignedNATGateway');
  expect(status(noGateway)).toMatchObject({ 'byo-subnets': 'met', 'subnet-nat-gateway': 'unmet', 'nat-gateway-public-ip': 'met' });
  expect(details(noGateway, 'subnet-nat-gateway')).toEqual(['subnet nodes (pool system) has no NAT gateway']);
  const noIp = plan([clusterRow('loadBalancer', 'byo'), ...network({ natGatewayIps: false })], 'userAssignedNATGateway');
  expect(details(noIp, 'nat-gateway-public-ip')).toEqual(['NAT gateway ngw1 (subnet nodes) has no public IP or prefix']);
  const { facts, inventory } = factsOf([clusterRow('loadBalancer', 'byo'), ...network({ omit: ['natGateway'] })]);
  const missing = planMigration(facts[0]!, inventory, 'userAssignedNATGateway');
  expect(status(missing)['nat-gateway-public-ip']).toBe('unknown');
  expect(details(missing, 'nat-gateway-public-ip')).toEqual([`NAT gateway ${NAT_ID} of subnet nodes is not in the inventory`]);
  expect(missing.inventoryGaps.join()).toContain('ngw1 is not in the inventory');
  const noSubnet = plan([clusterRow('loadBalancer', 'byo')], 'userAssignedNATGateway');
  expect(details(noSubnet, 'subnet-nat-gateway')).toEqual([`subnet ${SUBNET_ID} (pool system) is not in the inventory`]);
  expect(noSubnet.ready).toBe(false);
});

test('userDefinedRouting: every BYO pool, with a route table whose 0.0.0.0/0 route has a next hop other than None', () => {
  const mixed = plan([clusterRow('loadBalancer', 'byo', { properties: { agentPoolProfiles: [pool({ vnetSubnetID: SUBNET_ID }), pool({ name: 'user1' })] } }), ...network()], 'userDefinedRouting');
  expect(details(mixed, 'byo-subnets')).toEqual(['pool user1 has no vnetSubnetID']);
  expect(details(plan([clusterRow('loadBalancer', 'byo'), ...network({ routeTable: false })], 'userDefinedRouting'), 'default-route')).toEqual(['subnet nodes (pool system) has no route table']);
  expect(details(plan([clusterRow('loadBalancer', 'byo'), ...network({ nextHopType: null })], 'userDefinedRouting'), 'default-route')).toEqual(['route table rt1 (subnet nodes) has no 0.0.0.0/0 route']);
  expect(details(plan([clusterRow('loadBalancer', 'byo'), ...network({ nextHopType: 'None' })], 'userDefinedRouting'), 'default-route')).toEqual(['the 0.0.0.0/0 route of subnet nodes has next hop None: it drops egress']);
  const { facts, inventory } = factsOf([clusterRow('loadBalancer', 'byo'), ...network({ omit: ['routeTable'] })]);
  expect(details(planMigration(facts[0]!, inventory, 'userDefinedRouting'), 'default-route')).toEqual([`route table ${ROUTE_TABLE_ID} of subnet nodes is not in the inventory`]);
  const internet = plan([clusterRow('loadBalancer', 'byo'), ...network({ nextHopType: 'Internet' })], 'userDefinedRouting');
  expect(internet.ready).toBe(true);
  expect(internet.warnings).toContain('The 0.0.0.0/0 route of subnet nodes goes to Internet, not to a virtual appliance: egress is not inspected.');
});

test('none needs no default route; managedNATGateway and block need the managed VNet', () => {
  expect(plan([clusterRow('loadBalancer', 'byo'), ...network({ routeTable: false, natGateway: false })], 'none').ready).toBe(true);
  expect(status(plan([clusterRow('loadBalancer', 'managed')], 'block'))['managed-vnet']).toBe('met');
});

test('Windows pools with OutboundNAT disabled allow only NAT gateway and UDR targets, and no node public IPs', () => {
  const win = (publicIp: boolean) => pool({ name: 'win1', osType: 'Windows', mode: 'User', enableNodePublicIP: publicIp, windowsProfile: { disableOutboundNat: true } });
  const rows = (publicIp: boolean) => [clusterRow('managedNATGateway', 'managed', { properties: { agentPoolProfiles: [pool(), win(publicIp)] } })];
  const toLb = plan(rows(false), 'loadBalancer');
  expect(details(toLb, 'windows-outbound-nat')).toEqual(['Windows pool win1 has OutboundNAT disabled, which only NAT gateway and UDR outbound types allow']);
  expect(toLb.ready).toBe(false);
  expect(status(plan(rows(false), 'block'))['windows-outbound-nat']).toBe('unmet');
  const natWithIp = plan([clusterRow('loadBalancer', 'managed', { properties: { agentPoolProfiles: [pool(), win(true)] } })], 'managedNATGateway');
  expect(details(natWithIp, 'windows-outbound-nat')).toEqual(['Windows pool win1 has OutboundNAT disabled and node public IPs, which Azure does not allow together']);
  expect(status(plan([clusterRow('loadBalancer', 'managed', { properties: { agentPoolProfiles: [pool(), win(false)] } })], 'managedNATGateway'))['windows-outbound-nat']).toBe('met');
});

test('warnings name the current egress IPs, the authorized ranges and a public API server (none is generally available)', () => {
  const p = plan(
    [
      clusterRow('userAssignedNATGateway', 'byo', { properties: { apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ['20.10.0.0/24', '198.51.100.0/24'] } } }),
      ...network(),
    ],
    'none',
  );
  expect(p.support).toBe('supported');
  expect(p.warnings).toEqual([
    'Disruptive: AKS reconfigures the egress of every node; plan a maintenance window.',
    "The cluster's egress IPs change (today: 20.10.0.1): update firewall rules and allow-lists that name them.",
    "The API server's authorized IP ranges (20.10.0.0/24, 198.51.100.0/24) must include the new egress IPs, or nodes lose the API server.",
    'Needs Azure CLI 2.56 or newer.',
    'Do not reuse an IP address or prefix from a prior outbound configuration of this cluster.',
    'The API server is public and not VNet-integrated: node traffic to it goes through the outbound type as public traffic, so none must still let it through (or make the cluster private, or use API Server VNet Integration).',
  ]);
});

test('the command sizes managed outbound IPs for 1,024 SNAT ports per node at max nodes', () => {
  const big = { properties: { agentPoolProfiles: [pool({ count: 3, enableAutoScaling: true, maxCount: 300 })] } };
  const nat = plan([clusterRow('loadBalancer', 'managed', big)], 'managedNATGateway');
  expect(nat.command).toMatch(/--outbound-type managedNATGateway --nat-gateway-managed-outbound-ip-count 5$/);
  const huge = plan([clusterRow('loadBalancer', 'managed', { properties: { agentPoolProfiles: [pool({ count: 1100 })] } })], 'managedNATGateway');
  expect(huge.command).toMatch(/--nat-gateway-managed-outbound-ip-count 16$/);
  expect(huge.notes.join(' ')).toContain('Even 16 IPs give only 938 SNAT ports per node at 1100 nodes.');
  const lb = plan([clusterRow('managedNATGateway', 'managed', { properties: { agentPoolProfiles: [pool({ count: 120 })] } })], 'loadBalancer');
  expect(lb.command).toMatch(/--outbound-type loadBalancer --load-balancer-managed-outbound-ip-count 2 --load-balancer-outbound-ports 1024$/);
});

test('command words are quoted for the shell only when needed', () => {
  expect(shellWord('rg-test_1.x')).toBe('rg-test_1.x');
  expect(shellWord("rg with 'quote'")).toBe(`'rg with '\\''quote'\\'''`);
});

import { expect, test } from 'vitest';
import { buildFacts } from '../../../src/inventory/facts/facts.ts';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import { BASE_CLUSTER, mergeDeep } from '../../../src/policy/testing/tester.ts';

const NET = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network';
const SUBNET = `${NET}/virtualNetworks/vnet/subnets/nodes`;
const NAT = `${NET}/natGateways/nat`;
const IP = `${NET}/publicIPAddresses/nat-ip`;

const facts = (...rows: unknown[]) => {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'rows.json', path: [i] } }));
  return buildFacts(b.finish().inventory);
};
const byo = mergeDeep(BASE_CLUSTER, {
  properties: { networkProfile: { outboundType: 'userAssignedNATGateway' }, agentPoolProfiles: [{ name: 'system', type: 'VirtualMachineScaleSets', count: 4, vnetSubnetID: SUBNET }] },
});
const subnet = { id: SUBNET, name: 'nodes', type: 'microsoft.network/virtualnetworks/subnets', properties: { natGateway: { id: NAT } } };
const nat = { id: NAT, name: 'nat', type: 'microsoft.network/natgateways', sku: { name: 'Standard' }, properties: { publicIpAddresses: [{ id: IP }] } };
const ip = { id: IP, name: 'nat-ip', type: 'microsoft.network/publicipaddresses', sku: { name: 'Standard' }, properties: { ipAddress: '203.0.113.10', publicIPAddressVersion: 'IPv4' } };

test('a cluster is joined with its pool subnet, the subnet NAT gateway and its public IP', () => {
  const [c] = facts(byo, subnet, nat, ip);
  expect(c!.vnetMode).toBe('byo');
  expect(c!.pools[0]!.subnet?.id).toBe(SUBNET);
  expect(c!.natGateways.map((g) => [g.id, g.ipv4AddressCount, g.servedMaxNodes, g.snatPortsPerNode])).toEqual([[NAT, 1, 4, 16128]]);
  expect(c!.egressIps.map((e) => [e.id, e.address, e.via])).toEqual([[IP, '203.0.113.10', 'natGateway']]);
  expect(c!.missing).toEqual([]);
  expect(c!.incompleteReasons).toEqual([]);
});

test('a referenced resource the inventory lacks is named, and the cluster is not fully evaluated', () => {
  const [c] = facts(byo, subnet, ip);
  expect(c!.missing).toEqual([NAT]);
  expect(c!.incompleteReasons.join('\n')).toContain(NAT);
});

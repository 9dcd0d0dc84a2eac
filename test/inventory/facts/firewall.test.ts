import { describe, expect, test } from 'vitest';
import { buildFacts } from '../../../src/inventory/facts/facts.ts';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import type { ClusterFacts } from '../../../src/inventory/facts/types.ts';
import { firewallOf, hubEstate, spokeSubnet, spokeVnet } from './hubs.ts';

const facts = (rows: unknown[]): Map<string, ClusterFacts> => {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'rows.json', path: [i] } }));
  return new Map(buildFacts(b.finish().inventory).map((c) => [c.name, c]));
};
const reached = (c: ClusterFacts | undefined) => c?.firewalls.map((f) => [f.id, f.servedMaxNodes]);
type Row = Record<string, unknown>;
const props = (r: Row): Row => r['properties'] as Row;

describe('three hubs whose firewalls share 10.0.1.4', () => {
  test('each cluster reaches the firewall of the hub its VNet is peered with, and only its nodes are behind it', () => {
    const c = facts(hubEstate());
    expect(reached(c.get('aks-spoke-a'))).toEqual([[firewallOf('two'), 40]]);
    expect(reached(c.get('aks-spoke-b'))).toEqual([[firewallOf('one'), 40]]);
    expect(c.get('aks-spoke-b')?.firewalls[0]?.natGatewayIpv4AddressCount).toBe(1);
    expect([...c.values()].flatMap((x) => x.incompleteReasons)).toEqual([]);
  });

  test('a VNet peered with no hub reaches none: its next hop is no firewall of the inventory', () => {
    const c = facts(hubEstate({ a: [], b: ['one'] }));
    expect(reached(c.get('aks-spoke-a'))).toEqual([]);
    expect(c.get('aks-spoke-a')?.incompleteReasons).toEqual([]);
  });

  test('a peering that is not Connected carries no traffic', () => {
    const rows = hubEstate({ a: ['two'], b: ['one'] });
    const spokeA = rows.find((r) => r['id'] === spokeVnet('a'))!;
    for (const p of props(spokeA)['virtualNetworkPeerings'] as Row[]) props(p)['peeringState'] = 'Disconnected';
    expect(reached(facts(rows).get('aks-spoke-a'))).toEqual([]);
  });

  test('peered with two hubs holding the address (Azure refuses that, a stale export may not): not judged, and said why', () => {
    const c = facts(hubEstate({ a: ['one', 'two'], b: ['one'] }));
    const a = c.get('aks-spoke-a')!;
    expect(a.firewalls).toEqual([]);
    expect(a.incompleteReasons).toEqual([
      `next hop 10.0.1.4 of the default route of subnet ${spokeSubnet('a')} is a private IP of 2 Azure Firewalls (${firewallOf('one')}, ${firewallOf('two')}) in its VNet or VNets peered with it: which one it reaches is not known`,
    ]);
    // The other cluster is judged, and the undecided pool is behind no firewall.
    expect(reached(c.get('aks-spoke-b'))).toEqual([[firewallOf('one'), 40]]);
  });

  test('without the VNet row, the peerings are unknown: several firewalls at the address make the cluster incomplete', () => {
    const rows = hubEstate().filter((r) => r['id'] !== spokeVnet('a'));
    const subnetA = { id: spokeSubnet('a'), name: 'nodes', type: 'microsoft.network/virtualnetworks/subnets', properties: { routeTable: { id: spokeSubnet('a').replace(/virtualNetworks\/.*/, 'routeTables/rt-spoke-a') } } };
    const a = facts([...rows, subnetA]).get('aks-spoke-a')!;
    expect(a.firewalls).toEqual([]);
    expect(a.missing).toEqual([spokeVnet('a')]);
    expect(a.incompleteReasons[1]).toContain('the peerings of its VNet, which tell them apart, are not in the inventory');
    // With one firewall at the address there is nothing to tell apart.
    const single = facts([...rows.filter((r) => !/fw-hub-(one|three)$/.test(String(r['id']))), subnetA]).get('aks-spoke-a')!;
    expect(reached(single)).toEqual([[firewallOf('two'), 40]]);
    expect(single.incompleteReasons).toEqual([]);
  });

  test('a Virtual WAN hub firewall is reached when no firewall in a reachable VNet holds the address', () => {
    const vwan = {
      id: '/subscriptions/44444444-0000-4000-8000-000000000004/resourceGroups/rg-vwan/providers/Microsoft.Network/azureFirewalls/fw-vwan',
      name: 'fw-vwan',
      type: 'microsoft.network/azurefirewalls',
      properties: { sku: { name: 'AZFW_Hub' }, hubIPAddresses: { privateIPAddress: '10.0.1.4', publicIPs: { count: 3 } } },
    };
    const c = facts([...hubEstate({ a: [], b: ['one'] }), vwan]);
    expect(reached(c.get('aks-spoke-a'))).toEqual([[vwan.id, 40]]);
    expect(reached(c.get('aks-spoke-b'))).toEqual([[firewallOf('one'), 40]]);
  });
});

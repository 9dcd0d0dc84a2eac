import { hub } from '../../../scripts/sample/identity.ts';
import { armId, at, cluster, routeTable, subnetId, vnet, vnetId, WE, type Row, type Scope } from '../../../scripts/sample/rows.ts';

/**
 * Hub-and-spoke estates where every hub's firewall has the same private IP, 10.0.1.4, as in most
 * tenants: hub "one" (a NAT gateway on AzureFirewallSubnet: enough SNAT ports) and hub "two" (one
 * public IP: too few) in two connectivity subscriptions, hub "three" peered with no spoke. The
 * spokes' subscriptions differ from the hubs', and hub one's IDs sort first.
 */
export const SUB_HUB_ONE = '11111111-0000-4000-8000-000000000001';
export const SUB_HUB_TWO = '22222222-0000-4000-8000-000000000002';
export const SUB_HUB_THREE = '33333333-0000-4000-8000-000000000003';
export const SUB_SPOKE_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const SUB_SPOKE_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

export type HubName = 'one' | 'two' | 'three';
const HUBS: Record<HubName, Scope> = {
  one: at(SUB_HUB_ONE, 'rg-hub', 'northeurope'),
  two: at(SUB_HUB_TWO, 'rg-hub', WE),
  three: at(SUB_HUB_THREE, 'rg-hub', WE),
};
const SPOKES = { a: at(SUB_SPOKE_A, 'rg-spoke-a', WE), b: at(SUB_SPOKE_B, 'rg-spoke-b', WE) };
export type SpokeName = keyof typeof SPOKES;

export const hubVnet = (h: HubName): string => vnetId(HUBS[h], `vnet-hub-${h}`);
export const firewallOf = (h: HubName): string => armId(HUBS[h], 'Microsoft.Network/azureFirewalls', `fw-hub-${h}`);
export const spokeVnet = (s: SpokeName): string => vnetId(SPOKES[s], `vnet-spoke-${s}`);
export const spokeSubnet = (s: SpokeName): string => subnetId(SPOKES[s], `vnet-spoke-${s}`, 'nodes');

/** A UDR cluster (up to 40 nodes) whose node subnet sends 0.0.0.0/0 to 10.0.1.4, its VNet peered with `hubs`. */
function spoke(name: SpokeName, hubs: HubName[]): Row[] {
  const s = SPOKES[name];
  const sn = spokeSubnet(name);
  const rt = armId(s, 'Microsoft.Network/routeTables', `rt-spoke-${name}`);
  return [
    cluster({
      s, name: `aks-spoke-${name}`, version: '1.33.1', tags: {},
      pools: [{ name: 'system', count: 3, max: 40, subnetId: sn }],
      network: { outboundType: 'userDefinedRouting', loadBalancerSku: 'standard' },
      api: { enablePrivateCluster: true },
    }),
    vnet(s, `vnet-spoke-${name}`, [name === 'a' ? '10.10.0.0/16' : '10.20.0.0/16'], [{ name: 'nodes', prefix: name === 'a' ? '10.10.0.0/22' : '10.20.0.0/22', routeTableId: rt, defaultOutboundAccess: false }], {}, hubs.map(hubVnet)),
    routeTable(s, `rt-spoke-${name}`, [['default-to-firewall', '0.0.0.0/0', 'VirtualAppliance', '10.0.1.4']], [sn]),
  ];
}

/** Which hubs each spoke is peered with; by default spoke A with hub two, spoke B with hub one. */
export function hubEstate(peers: Record<SpokeName, HubName[]> = { a: ['two'], b: ['one'] }): Row[] {
  const peeredWith = (h: HubName): string[] => (Object.keys(peers) as SpokeName[]).filter((s) => peers[s].includes(h)).map(spokeVnet);
  return [
    ...hub(HUBS.one, 'one', '10.0.0.0/16', '10.0.1.4', '20.50.0.1', { nat: { address: '20.50.0.11' }, peers: peeredWith('one') }),
    ...hub(HUBS.two, 'two', '10.0.0.0/16', '10.0.1.4', '20.50.0.2', { peers: peeredWith('two') }),
    ...hub(HUBS.three, 'three', '10.0.0.0/16', '10.0.1.4', '20.50.0.3', { peers: peeredWith('three') }),
    ...spoke('a', peers.a),
    ...spoke('b', peers.b),
  ];
}

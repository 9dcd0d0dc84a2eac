// Rows that EG023 and EG024 read: the role assignments of the clusters' identities and the hub the
// subscription's spokes are peered with, whose firewall their UDR routes go to. Every hub uses the
// same address space, as many tenants' hubs do, so the firewalls of all subscriptions share one
// private IP and only the peerings tell them apart. Built from the rows already emitted, on their
// own random stream, so the rest of the estate is unchanged.
import { armId, net, ref } from './ids.ts';
import { natGatewayRow, prefixRow, publicIpRow, vnetRow, type PeerSpec } from './arm-network.ts';
import type { Rng } from './prng.ts';
import { argRow, type Sub } from './rows.ts';

const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';
export const HUB_SPACE = '10.0.0.0/22';
export const HUB_FIREWALL = '10.0.1.4';

const hubRg = (sub: Sub): string => `rg-hub-${sub.env}-${sub.location}`;
export const hubVnetId = (sub: Sub): string => net(sub.id, hubRg(sub), 'virtualNetworks', `vnet-hub-${sub.location}`);

type ClusterRow = { id: string; name: string; type: string; identity?: { principalId?: string; userAssignedIdentities?: Record<string, { principalId?: string }> }; properties: { agentPoolProfiles?: { vnetSubnetID?: string }[] } };
type VnetRow = { id: string; type: string; properties: { addressSpace: { addressPrefixes: string[] }; virtualNetworkPeerings: { properties: { remoteVirtualNetwork: { id: string } } }[] } };

const principalOf = (c: ClusterRow): string | undefined => c.identity?.principalId ?? Object.values(c.identity?.userAssignedIdentities ?? {})[0]?.principalId;

/**
 * Network Contributor on the subscription for every bring-your-own-VNet cluster's identity, except
 * the first one of the first subscription (EG023's defect).
 */
export function roleAssignments(sub: Sub, rows: readonly object[], rng: Rng): object[] {
  const byo = (rows as ClusterRow[]).filter((r) => r.type === 'microsoft.containerservice/managedclusters' && r.properties.agentPoolProfiles?.some((p) => p.vnetSubnetID));
  const scope = `/subscriptions/${sub.id}`;
  return byo.flatMap((c, i) => {
    const principal = principalOf(c);
    if (!principal || (sub.index === 0 && i === 0)) return [];
    const name = rng.guid();
    return [
      argRow(sub, {
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        name,
        type: 'microsoft.authorization/roleassignments',
        resourceGroup: '',
        location: '',
        properties: { roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR}`, principalId: principal, principalType: 'ServicePrincipal', scope },
      }),
    ];
  });
}

/**
 * The subscription's hub VNet, peered with its spokes, and the firewall in its AzureFirewallSubnet.
 * In the first subscription the firewall has one public IP and nothing else (EG024's defect: 4,992
 * SNAT ports for every UDR node); in the others a NAT gateway with a /28 on its subnet takes over SNAT.
 */
export function hubNetwork(sub: Sub, rows: readonly object[], rng: Rng): object[] {
  const rg = hubRg(sub);
  const vnetId = hubVnetId(sub);
  const subnet = `${vnetId}/subnets/AzureFirewallSubnet`;
  const fwName = `afw-hub-${sub.location}`;
  const fwId = armId(sub.id, rg, 'Microsoft.Network', 'azureFirewalls', fwName);
  const ipConfig = `${fwId}/azureFirewallIpConfigurations/fw-config`;
  const pip = { rg, name: `pip-afw-hub-${sub.location}`, sku: 'Standard' as const, zones: ['1', '2', '3'], address: sub.addresses.ip() };
  const nat = sub.index === 0 ? null : { rg, name: `ngw-afw-hub-${sub.location}`, sku: 'Standard' as const, zones: [] as string[], idle: 4, ipIds: [], prefixIds: [armId(sub.id, rg, 'Microsoft.Network', 'publicIPPrefixes', `ippre-afw-hub-${sub.location}`)], subnetIds: [subnet] };
  const natId = nat ? net(sub.id, rg, 'natGateways', nat.name) : null;
  const tags = { environment: sub.env, role: 'hub' };
  const spokes: PeerSpec[] = (rows as VnetRow[])
    .filter((r) => r.type === 'microsoft.network/virtualnetworks' && r.properties.virtualNetworkPeerings.some((p) => p.properties.remoteVirtualNetwork.id === vnetId))
    .map((r) => ({ id: r.id, space: r.properties.addressSpace.addressPrefixes[0]! }));
  const firewallSubnet = { name: 'AzureFirewallSubnet', prefix: '10.0.1.0/26', nsgId: null, routeTableId: null, natGatewayId: natId, defaultOutboundAccess: false, ipConfigurations: [ipConfig], serviceEndpoints: [] };
  const out: object[] = [
    vnetRow(sub, rg, `vnet-hub-${sub.location}`, HUB_SPACE, [firewallSubnet], spokes, rng, tags),
    argRow(sub, {
      id: fwId,
      name: fwName,
      type: 'microsoft.network/azurefirewalls',
      resourceGroup: rg,
      zones: ['1', '2', '3'],
      tags,
      properties: {
        provisioningState: 'Succeeded',
        sku: { name: 'AZFW_VNet', tier: 'Standard' },
        threatIntelMode: 'Alert',
        ipConfigurations: [{ name: 'fw-config', id: ipConfig, properties: { privateIPAddress: HUB_FIREWALL, publicIPAddress: ref(armId(sub.id, rg, 'Microsoft.Network', 'publicIPAddresses', pip.name)), subnet: ref(subnet) } }],
      },
    }),
    publicIpRow(sub, pip, rng),
  ];
  if (nat && natId) out.push(natGatewayRow(sub, nat, rng, tags), prefixRow(sub, { rg, name: `ippre-afw-hub-${sub.location}`, sku: 'Standard', zones: [], prefix: sub.addresses.prefix(28), natGatewayId: natId }, rng, tags));
  return out;
}

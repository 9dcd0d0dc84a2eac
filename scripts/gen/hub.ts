// Rows that EG023 and EG024 read: the role assignments of the clusters' identities and the hub
// firewall that UDR clusters route to (10.0.1.4, see network.ts). Built from the rows already
// emitted, on their own random stream, so the rest of the estate is unchanged.
import { armId, ref } from './ids.ts';
import { natGatewayRow, prefixRow, publicIpRow } from './arm-network.ts';
import type { Rng } from './prng.ts';
import { argRow, type Sub } from './rows.ts';

const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';
const HUB_FIREWALL_IP = '10.0.1.4';

type ClusterRow = { id: string; name: string; identity?: { principalId?: string; userAssignedIdentities?: Record<string, { principalId?: string }> }; properties: { agentPoolProfiles?: { vnetSubnetID?: string }[] } };

const principalOf = (c: ClusterRow): string | undefined => c.identity?.principalId ?? Object.values(c.identity?.userAssignedIdentities ?? {})[0]?.principalId;

/**
 * Network Contributor on the subscription for every bring-your-own-VNet cluster's identity, except
 * the first one of the first subscription (EG023's defect).
 */
export function roleAssignments(sub: Sub, rows: readonly object[], rng: Rng): object[] {
  const byo = (rows as ClusterRow[]).filter((r) => (r as { type?: string }).type === 'microsoft.containerservice/managedclusters' && r.properties.agentPoolProfiles?.some((p) => p.vnetSubnetID));
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
 * The hub firewall of the subscription with its AzureFirewallSubnet. In the first subscription it
 * has one public IP and nothing else (EG024's defect: 4,992 SNAT ports for every UDR node); in the
 * others a NAT gateway with a /28 on its subnet takes over SNAT.
 */
export function hubFirewall(sub: Sub, rng: Rng): object[] {
  const rg = `rg-hub-${sub.env}-${sub.location}`;
  const vnet = armId(sub.id, rg, 'Microsoft.Network', 'virtualNetworks', `vnet-hub-${sub.location}`);
  const subnet = `${vnet}/subnets/AzureFirewallSubnet`;
  const fwId = armId(sub.id, rg, 'Microsoft.Network', 'azureFirewalls', `afw-hub-${sub.location}`);
  const pip = { rg, name: `pip-afw-hub-${sub.location}`, sku: 'Standard' as const, zones: ['1', '2', '3'], address: sub.addresses.ip() };
  const nat = sub.index === 0 ? null : { rg, name: `ngw-afw-hub-${sub.location}`, sku: 'Standard' as const, zones: [] as string[], idle: 4, ipIds: [], prefixIds: [armId(sub.id, rg, 'Microsoft.Network', 'publicIPPrefixes', `ippre-afw-hub-${sub.location}`)], subnetIds: [subnet] };
  const natId = nat ? armId(sub.id, rg, 'Microsoft.Network', 'natGateways', nat.name) : null;
  const tags = { environment: sub.env, role: 'hub' };
  const rows: object[] = [
    argRow(sub, {
      id: subnet,
      name: 'AzureFirewallSubnet',
      type: 'microsoft.network/virtualnetworks/subnets',
      resourceGroup: rg,
      properties: { provisioningState: 'Succeeded', addressPrefix: '10.0.1.0/26', ...(natId ? { natGateway: ref(natId) } : {}), defaultOutboundAccess: false },
    }),
    argRow(sub, {
      id: fwId,
      name: `afw-hub-${sub.location}`,
      type: 'microsoft.network/azurefirewalls',
      resourceGroup: rg,
      zones: ['1', '2', '3'],
      tags,
      properties: {
        provisioningState: 'Succeeded',
        sku: { name: 'AZFW_VNet', tier: 'Standard' },
        threatIntelMode: 'Alert',
        ipConfigurations: [{ name: 'fw-config', id: `${fwId}/azureFirewallIpConfigurations/fw-config`, properties: { privateIPAddress: HUB_FIREWALL_IP, publicIPAddress: ref(armId(sub.id, rg, 'Microsoft.Network', 'publicIPAddresses', pip.name)), subnet: ref(subnet) } }],
      },
    }),
    publicIpRow(sub, pip, rng),
  ];
  if (nat && natId) rows.push(natGatewayRow(sub, nat, rng, tags), prefixRow(sub, { rg, name: `ippre-afw-hub-${sub.location}`, sku: 'Standard', zones: [], prefix: sub.addresses.prefix(28), natGatewayId: natId }, rng, tags));
  return rows;
}

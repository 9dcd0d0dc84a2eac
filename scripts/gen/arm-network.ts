import { net, ref } from './ids.ts';
import type { Rng } from './prng.ts';
import { argRow, type Sub } from './rows.ts';

const etag = (rng: Rng): string => `W/"${rng.guid()}"`;

export interface SubnetSpec {
  name: string;
  prefix: string;
  nsgId: string | null;
  routeTableId: string | null;
  natGatewayId: string | null;
  defaultOutboundAccess: boolean | null;
  /** NIC IP configurations of the nodes on it (one per VMSS instance), as ARM lists them. */
  ipConfigurations: string[];
  serviceEndpoints: string[];
}

/** A VNet this one is peered with (Connected), and that VNet's address space. */
export interface PeerSpec {
  id: string;
  space: string;
}

export function vnetRow(sub: Sub, rg: string, name: string, space: string, subnets: SubnetSpec[], peers: readonly PeerSpec[], rng: Rng, tags: Record<string, string>): object {
  const id = net(sub.id, rg, 'virtualNetworks', name);
  return argRow(sub, {
    id,
    name,
    type: 'microsoft.network/virtualnetworks',
    resourceGroup: rg,
    tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: rng.guid(),
      addressSpace: { addressPrefixes: [space] },
      dhcpOptions: { dnsServers: [] },
      subnets: subnets.map((s) => ({
        name: s.name,
        id: `${id}/subnets/${s.name}`,
        etag: etag(rng),
        properties: {
          provisioningState: 'Succeeded',
          addressPrefix: s.prefix,
          ...(s.nsgId ? { networkSecurityGroup: ref(s.nsgId) } : {}),
          ...(s.routeTableId ? { routeTable: ref(s.routeTableId) } : {}),
          ...(s.natGatewayId ? { natGateway: ref(s.natGatewayId) } : {}),
          ...(s.ipConfigurations.length ? { ipConfigurations: s.ipConfigurations.map(ref) } : {}),
          serviceEndpoints: s.serviceEndpoints.map((service) => ({ provisioningState: 'Succeeded', service, locations: [sub.location] })),
          delegations: [],
          privateEndpointNetworkPolicies: 'Disabled',
          privateLinkServiceNetworkPolicies: 'Enabled',
          ...(s.defaultOutboundAccess !== null ? { defaultOutboundAccess: s.defaultOutboundAccess } : {}),
        },
        type: 'Microsoft.Network/virtualNetworks/subnets',
      })),
      virtualNetworkPeerings: peers.map((peer) => {
        const peering = `peer-to-${peer.id.split('/').pop()}`;
        return {
          name: peering,
          id: `${id}/virtualNetworkPeerings/${peering}`,
          etag: etag(rng),
          properties: {
            provisioningState: 'Succeeded',
            resourceGuid: rng.guid(),
            peeringState: 'Connected',
            peeringSyncLevel: 'FullyInSync',
            remoteVirtualNetwork: ref(peer.id),
            allowVirtualNetworkAccess: true,
            allowForwardedTraffic: true,
            allowGatewayTransit: false,
            useRemoteGateways: true,
            remoteAddressSpace: { addressPrefixes: [peer.space] },
            remoteVirtualNetworkAddressSpace: { addressPrefixes: [peer.space] },
          },
          type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        };
      }),
      enableDdosProtection: false,
      privateEndpointVNetPolicies: 'Disabled',
    },
  });
}

interface Rule {
  name: string;
  description?: string;
  protocol: string;
  port: string;
  source: string;
  destination: string;
  access: 'Allow' | 'Deny';
  priority: number;
  direction: 'Inbound' | 'Outbound';
}

const DEFAULT_RULES: Rule[] = [
  { name: 'AllowVnetInBound', description: 'Allow inbound traffic from all VMs in VNET', protocol: '*', port: '*', source: 'VirtualNetwork', destination: 'VirtualNetwork', access: 'Allow', priority: 65000, direction: 'Inbound' },
  { name: 'AllowAzureLoadBalancerInBound', description: 'Allow inbound traffic from azure load balancer', protocol: '*', port: '*', source: 'AzureLoadBalancer', destination: '*', access: 'Allow', priority: 65001, direction: 'Inbound' },
  { name: 'DenyAllInBound', description: 'Deny all inbound traffic', protocol: '*', port: '*', source: '*', destination: '*', access: 'Deny', priority: 65500, direction: 'Inbound' },
  { name: 'AllowVnetOutBound', description: 'Allow outbound traffic from all VMs to all VMs in VNET', protocol: '*', port: '*', source: 'VirtualNetwork', destination: 'VirtualNetwork', access: 'Allow', priority: 65000, direction: 'Outbound' },
  { name: 'AllowInternetOutBound', description: 'Allow outbound traffic from all VMs to Internet', protocol: '*', port: '*', source: '*', destination: 'Internet', access: 'Allow', priority: 65001, direction: 'Outbound' },
  { name: 'DenyAllOutBound', description: 'Deny all outbound traffic', protocol: '*', port: '*', source: '*', destination: '*', access: 'Deny', priority: 65500, direction: 'Outbound' },
];

const CUSTOM_RULES: Rule[] = [
  { name: 'AllowHttpsInbound', protocol: 'Tcp', port: '443', source: 'Internet', destination: '*', access: 'Allow', priority: 100, direction: 'Inbound' },
  { name: 'AllowHttpInbound', protocol: 'Tcp', port: '80', source: 'Internet', destination: '*', access: 'Allow', priority: 110, direction: 'Inbound' },
  { name: 'AllowAzureCloudOutbound', protocol: 'Tcp', port: '443', source: '*', destination: 'AzureCloud', access: 'Allow', priority: 120, direction: 'Outbound' },
  { name: 'AllowMonitorOutbound', protocol: 'Tcp', port: '443', source: '*', destination: 'AzureMonitor', access: 'Allow', priority: 130, direction: 'Outbound' },
];

export function nsgRow(sub: Sub, rg: string, name: string, subnetIds: string[], customRules: number, rng: Rng, tags: Record<string, string>): object {
  const id = net(sub.id, rg, 'networkSecurityGroups', name);
  const rule = (r: Rule, kind: 'securityRules' | 'defaultSecurityRules'): object => ({
    name: r.name,
    id: `${id}/${kind}/${r.name}`,
    etag: etag(rng),
    type: `Microsoft.Network/networkSecurityGroups/${kind}`,
    properties: {
      provisioningState: 'Succeeded',
      ...(r.description ? { description: r.description } : {}),
      protocol: r.protocol,
      sourcePortRange: '*',
      destinationPortRange: r.port,
      sourceAddressPrefix: r.source,
      destinationAddressPrefix: r.destination,
      access: r.access,
      priority: r.priority,
      direction: r.direction,
      sourcePortRanges: [],
      destinationPortRanges: [],
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
    },
  });
  return argRow(sub, {
    id,
    name,
    type: 'microsoft.network/networksecuritygroups',
    resourceGroup: rg,
    tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: rng.guid(),
      securityRules: CUSTOM_RULES.slice(0, customRules).map((r) => rule(r, 'securityRules')),
      defaultSecurityRules: DEFAULT_RULES.map((r) => rule(r, 'defaultSecurityRules')),
      subnets: subnetIds.map(ref),
    },
  });
}

export interface RouteSpec {
  name: string;
  prefix: string;
  hop: string;
  hopIp?: string;
}

export function routeTableRow(sub: Sub, rg: string, name: string, routes: RouteSpec[], subnetIds: string[], rng: Rng, tags: Record<string, string>): object {
  const id = net(sub.id, rg, 'routeTables', name);
  return argRow(sub, {
    id,
    name,
    type: 'microsoft.network/routetables',
    resourceGroup: rg,
    tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: rng.guid(),
      disableBgpRoutePropagation: true,
      routes: routes.map((r) => ({
        name: r.name,
        id: `${id}/routes/${r.name}`,
        etag: etag(rng),
        properties: { provisioningState: 'Succeeded', addressPrefix: r.prefix, nextHopType: r.hop, ...(r.hopIp ? { nextHopIpAddress: r.hopIp } : {}), hasBgpOverride: false },
        type: 'Microsoft.Network/routeTables/routes',
      })),
      subnets: subnetIds.map(ref),
    },
  });
}

export interface NatGatewaySpec {
  rg: string;
  name: string;
  sku: 'Standard' | 'StandardV2';
  zones: string[];
  idle: number;
  ipIds: string[];
  prefixIds: string[];
  subnetIds: string[];
}

export function natGatewayRow(sub: Sub, g: NatGatewaySpec, rng: Rng, tags: Record<string, string>): object {
  return argRow(sub, {
    id: net(sub.id, g.rg, 'natGateways', g.name),
    name: g.name,
    type: 'microsoft.network/natgateways',
    resourceGroup: g.rg,
    sku: { name: g.sku, tier: 'Regional' },
    zones: g.zones,
    tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: rng.guid(),
      idleTimeoutInMinutes: g.idle,
      publicIpAddresses: g.ipIds.map(ref),
      ...(g.prefixIds.length ? { publicIpPrefixes: g.prefixIds.map(ref) } : {}),
      subnets: g.subnetIds.map(ref),
    },
  });
}

export interface PublicIpSpec {
  rg: string;
  name: string;
  sku: 'Standard' | 'StandardV2';
  zones: string[];
  address: string;
  /** The frontend or NIC configuration it is attached to. */
  ipConfigurationId?: string;
  natGatewayId?: string;
  tags?: Record<string, string>;
}

export function publicIpRow(sub: Sub, p: PublicIpSpec, rng: Rng): object {
  return argRow(sub, {
    id: net(sub.id, p.rg, 'publicIPAddresses', p.name),
    name: p.name,
    type: 'microsoft.network/publicipaddresses',
    resourceGroup: p.rg,
    sku: { name: p.sku, tier: 'Regional' },
    zones: p.zones,
    ...(p.tags ? { tags: p.tags } : {}),
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: rng.guid(),
      ipAddress: p.address,
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
      idleTimeoutInMinutes: 4,
      ipTags: [],
      ...(p.ipConfigurationId ? { ipConfiguration: ref(p.ipConfigurationId) } : {}),
      ...(p.natGatewayId ? { natGateway: ref(p.natGatewayId) } : {}),
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
    },
  });
}

export interface PrefixSpec {
  rg: string;
  name: string;
  sku: 'Standard' | 'StandardV2';
  zones: string[];
  prefix: string;
  natGatewayId?: string;
}

export function prefixRow(sub: Sub, p: PrefixSpec, rng: Rng, tags: Record<string, string>): object {
  return argRow(sub, {
    id: net(sub.id, p.rg, 'publicIPPrefixes', p.name),
    name: p.name,
    type: 'microsoft.network/publicipprefixes',
    resourceGroup: p.rg,
    sku: { name: p.sku, tier: 'Regional' },
    zones: p.zones,
    tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: rng.guid(),
      prefixLength: Number(p.prefix.split('/')[1]),
      ipPrefix: p.prefix,
      publicIPAddressVersion: 'IPv4',
      ipTags: [],
      ...(p.natGatewayId ? { natGateway: ref(p.natGatewayId) } : {}),
    },
  });
}

/**
 * Builders for Azure Resource Graph rows in the shapes ARG returns (lower-cased `type`, every
 * column present, null where Azure has nothing), taken from the REST examples in the AKS and
 * Microsoft.Network specifications.
 */

export type Row = Record<string, unknown>;
export const TENANT = '5f1c2e8a-3b4d-4c6e-9f70-81a2b3c4d5e6';
/** The system-assigned identity the sample's clusters share, unless their spec names another. */
export const SAMPLE_PRINCIPAL = '00000000-0000-0000-0000-000000000000';

export interface Scope {
  sub: string;
  rg: string;
  location: string;
}

export function armId(s: { sub: string; rg: string }, type: string, name: string): string {
  return `/subscriptions/${s.sub}/resourceGroups/${s.rg}/providers/${type}/${name}`;
}

interface RowExtra {
  sku?: unknown;
  zones?: string[] | null;
  tags?: Record<string, string> | null;
  identity?: unknown;
  managedBy?: string;
}

export function row(id: string, name: string, type: string, s: Scope, properties: Row, extra: RowExtra = {}): Row {
  return {
    id,
    name,
    type: type.toLowerCase(),
    tenantId: TENANT,
    kind: '',
    location: s.location,
    resourceGroup: s.rg,
    subscriptionId: s.sub,
    managedBy: extra.managedBy ?? '',
    sku: extra.sku ?? null,
    plan: null,
    properties,
    tags: extra.tags === undefined ? {} : extra.tags,
    identity: extra.identity ?? null,
    zones: extra.zones ?? null,
    extendedLocation: null,
  };
}

export interface PoolSpec {
  name: string;
  mode?: 'System' | 'User';
  os?: 'Linux' | 'Windows';
  vmSize?: string;
  count: number;
  max?: number;
  zones?: string[];
  subnetId?: string;
  type?: 'VirtualMachineScaleSets' | 'AvailabilitySet';
  disableOutboundNat?: boolean;
}

export function pool(p: PoolSpec, version: string): Row {
  const windows = p.os === 'Windows';
  // Clusters left on an old Kubernetes version keep the node image of their time.
  const old = Number(version.split('.')[1]) < 25;
  const linuxSku = old ? 'Ubuntu' : 'AzureLinux';
  const linuxImage = old ? 'AKSUbuntu-1804gen2containerd-2022.01.08' : 'AzureLinuxContainerHost-202504.22.0';
  return {
    name: p.name,
    count: p.count,
    vmSize: p.vmSize ?? (windows ? 'Standard_D4s_v5' : 'Standard_D4ds_v5'),
    osDiskSizeGB: 128,
    osDiskType: 'Managed',
    kubeletDiskType: 'OS',
    ...(p.subnetId ? { vnetSubnetID: p.subnetId } : {}),
    maxPods: windows ? 30 : 110,
    type: p.type ?? 'VirtualMachineScaleSets',
    ...(p.max !== undefined ? { maxCount: p.max, minCount: Math.min(p.count, p.max), enableAutoScaling: true } : { enableAutoScaling: false }),
    ...(p.zones ? { availabilityZones: p.zones } : {}),
    provisioningState: 'Succeeded',
    powerState: { code: 'Running' },
    orchestratorVersion: version,
    currentOrchestratorVersion: version,
    enableNodePublicIP: false,
    mode: p.mode ?? (p.name === 'system' ? 'System' : 'User'),
    osType: p.os ?? 'Linux',
    osSKU: windows ? 'Windows2022' : linuxSku,
    nodeImageVersion: windows ? 'AKSWindows-2022-containerd-20348.3207.250415' : linuxImage,
    ...(windows && p.disableOutboundNat !== undefined ? { windowsProfile: { disableOutboundNat: p.disableOutboundNat } } : {}),
    enableFIPS: false,
  };
}

export interface ClusterSpec {
  s: Scope;
  name: string;
  version: string;
  tags: Record<string, string>;
  tier?: 'Free' | 'Standard';
  pools: PoolSpec[];
  network: Row;
  api?: Row;
  /** The cluster's `identity` column; a system-assigned identity by default. */
  identity?: Row;
}

export function cluster(c: ClusterSpec): Row {
  const { s } = c;
  const nodeRg = `MC_${s.rg}_${c.name}_${s.location}`;
  const isPrivate = (c.api?.['enablePrivateCluster'] as boolean | undefined) === true;
  const dns = `${c.name}-dns`;
  // A stable per-cluster suffix, as Azure gives each API server FQDN.
  const suffix = [...c.name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(36).slice(0, 8);
  return row(
    armId(s, 'Microsoft.ContainerService/managedClusters', c.name),
    c.name,
    'microsoft.containerservice/managedclusters',
    s,
    {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: c.version,
      currentKubernetesVersion: c.version,
      dnsPrefix: dns,
      ...(isPrivate ? { privateFQDN: `${dns}-${suffix}.privatelink.${s.location}.azmk8s.io` } : { fqdn: `${dns}-${suffix}.hcp.${s.location}.azmk8s.io` }),
      agentPoolProfiles: c.pools.map((p) => pool(p, c.version)),
      nodeResourceGroup: nodeRg,
      enableRBAC: true,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: 'cilium',
        networkDataplane: 'cilium',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
        ipFamilies: ['IPv4'],
        ...c.network,
      },
      ...(c.api ? { apiServerAccessProfile: c.api } : {}),
      oidcIssuerProfile: { enabled: true },
    },
    {
      sku: { name: 'Base', tier: c.tier ?? 'Standard' },
      tags: c.tags,
      identity: c.identity ?? { type: 'SystemAssigned', principalId: SAMPLE_PRINCIPAL, tenantId: TENANT },
    },
  );
}

export interface SubnetSpec {
  name: string;
  prefix: string;
  natGatewayId?: string;
  routeTableId?: string;
  nsgId?: string;
  defaultOutboundAccess?: boolean;
  delegation?: string;
}

/** A VNet; `peers` are the VNets it is peered with (Connected), as both sides of a peering list it. */
export function vnet(s: Scope, name: string, space: string[], subnets: SubnetSpec[], tags: Record<string, string>, peers: string[] = []): Row {
  const id = armId(s, 'Microsoft.Network/virtualNetworks', name);
  return row(
    id,
    name,
    'microsoft.network/virtualnetworks',
    s,
    {
      provisioningState: 'Succeeded',
      addressSpace: { addressPrefixes: space },
      subnets: subnets.map((sn) => ({
        name: sn.name,
        id: `${id}/subnets/${sn.name}`,
        type: 'Microsoft.Network/virtualNetworks/subnets',
        properties: {
          provisioningState: 'Succeeded',
          addressPrefix: sn.prefix,
          ...(sn.natGatewayId ? { natGateway: { id: sn.natGatewayId } } : {}),
          ...(sn.routeTableId ? { routeTable: { id: sn.routeTableId } } : {}),
          ...(sn.nsgId ? { networkSecurityGroup: { id: sn.nsgId } } : {}),
          ...(sn.defaultOutboundAccess !== undefined ? { defaultOutboundAccess: sn.defaultOutboundAccess } : {}),
          delegations: sn.delegation ? [{ name: 'aks-delegation', properties: { serviceName: sn.delegation } }] : [],
          privateEndpointNetworkPolicies: 'Disabled',
          privateLinkServiceNetworkPolicies: 'Enabled',
        },
      })),
      virtualNetworkPeerings: peers.map((remote) => ({
        name: `peer-to-${remote.split('/').pop()}`,
        id: `${id}/virtualNetworkPeerings/peer-to-${remote.split('/').pop()}`,
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        properties: {
          provisioningState: 'Succeeded',
          peeringState: 'Connected',
          peeringSyncLevel: 'FullyInSync',
          remoteVirtualNetwork: { id: remote },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
          allowGatewayTransit: false,
          useRemoteGateways: false,
        },
      })),
      enableDdosProtection: false,
    },
    { tags },
  );
}

export interface NatGatewaySpec {
  name: string;
  sku: 'Standard' | 'StandardV2';
  zones?: string[];
  idle?: number;
  ips?: string[];
  prefixes?: string[];
  /** StandardV2 only: IPv6 addresses and prefixes, which the resource lists apart. */
  ipsV6?: string[];
  prefixesV6?: string[];
  subnets: string[];
}

export function natGateway(s: Scope, g: NatGatewaySpec, tags: Record<string, string> = {}): Row {
  return row(
    armId(s, 'Microsoft.Network/natGateways', g.name),
    g.name,
    'microsoft.network/natgateways',
    s,
    {
      provisioningState: 'Succeeded',
      idleTimeoutInMinutes: g.idle ?? 4,
      publicIpAddresses: (g.ips ?? []).map((id) => ({ id })),
      publicIpPrefixes: (g.prefixes ?? []).map((id) => ({ id })),
      ...(g.ipsV6 ? { publicIpAddressesV6: g.ipsV6.map((id) => ({ id })) } : {}),
      ...(g.prefixesV6 ? { publicIpPrefixesV6: g.prefixesV6.map((id) => ({ id })) } : {}),
      subnets: g.subnets.map((id) => ({ id })),
    },
    { sku: { name: g.sku }, zones: g.zones ?? null, tags },
  );
}

export interface PublicIpSpec {
  name: string;
  address: string;
  sku: 'Basic' | 'Standard' | 'StandardV2';
  zones?: string[];
  natGatewayId?: string;
  lbFrontendId?: string;
}

export function publicIp(s: Scope, p: PublicIpSpec, tags: Record<string, string> = {}): Row {
  const v6 = p.address.includes(':');
  return row(
    armId(s, 'Microsoft.Network/publicIPAddresses', p.name),
    p.name,
    'microsoft.network/publicipaddresses',
    s,
    {
      provisioningState: 'Succeeded',
      ipAddress: p.address,
      publicIPAddressVersion: v6 ? 'IPv6' : 'IPv4',
      publicIPAllocationMethod: p.sku === 'Basic' ? 'Dynamic' : 'Static',
      idleTimeoutInMinutes: 4,
      ipTags: [],
      ...(p.natGatewayId ? { natGateway: { id: p.natGatewayId } } : {}),
      ...(p.lbFrontendId ? { ipConfiguration: { id: p.lbFrontendId } } : {}),
    },
    { sku: { name: p.sku, tier: 'Regional' }, zones: p.zones ?? null, tags },
  );
}

export function publicIpPrefix(s: Scope, name: string, prefix: string, sku: 'Standard' | 'StandardV2', natGatewayId: string): Row {
  return row(
    armId(s, 'Microsoft.Network/publicIPPrefixes', name),
    name,
    'microsoft.network/publicipprefixes',
    s,
    {
      provisioningState: 'Succeeded',
      prefixLength: Number(prefix.split('/')[1]),
      publicIPAddressVersion: prefix.includes(':') ? 'IPv6' : 'IPv4',
      ipPrefix: prefix,
      ipTags: [],
      natGateway: { id: natGatewayId },
    },
    { sku: { name: sku, tier: 'Regional' } },
  );
}

export function routeTable(s: Scope, name: string, routes: [string, string, string, string?][], subnets: string[]): Row {
  const id = armId(s, 'Microsoft.Network/routeTables', name);
  return row(id, name, 'microsoft.network/routetables', s, {
    provisioningState: 'Succeeded',
    disableBgpRoutePropagation: true,
    routes: routes.map(([rname, prefix, hop, ip]) => ({
      name: rname,
      id: `${id}/routes/${rname}`,
      type: 'Microsoft.Network/routeTables/routes',
      properties: { provisioningState: 'Succeeded', addressPrefix: prefix, nextHopType: hop, ...(ip ? { nextHopIpAddress: ip } : {}) },
    })),
    subnets: subnets.map((sid) => ({ id: sid })),
  });
}

export function nsg(s: Scope, name: string, subnets: string[]): Row {
  return row(armId(s, 'Microsoft.Network/networkSecurityGroups', name), name, 'microsoft.network/networksecuritygroups', s, {
    provisioningState: 'Succeeded',
    securityRules: [],
    subnets: subnets.map((id) => ({ id })),
  });
}

export const Z3 = ['1', '2', '3'];
export const WE = 'westeurope';
export const EUS2 = 'eastus2';

export const at = (sub: string, rg: string, location: string): Scope => ({ sub, rg, location });
export const nodeRg = (s: Scope, name: string): Scope => ({ ...s, rg: `MC_${s.rg}_${name}_${s.location}` });
export const ref = (id: string): { id: string } => ({ id });
export const vnetId = (s: Scope, name: string): string => armId(s, 'Microsoft.Network/virtualNetworks', name);
export const subnetId = (s: Scope, vnetName: string, name: string): string => `${vnetId(s, vnetName)}/subnets/${name}`;
export const lbFrontend = (mc: Scope, guid: string): string => `${armId(mc, 'Microsoft.Network/loadBalancers', 'kubernetes')}/frontendIPConfigurations/${guid}`;
export const ipId = (s: Scope, name: string): string => armId(s, 'Microsoft.Network/publicIPAddresses', name);
export const ngwId = (s: Scope, name: string): string => armId(s, 'Microsoft.Network/natGateways', name);

import { isObject, lookup, type FieldReader, type Json, type PathSeg } from './fields.ts';
import type { NatGateway, PublicIp, PublicIpPrefix, RouteTable, Subnet, VirtualNetworkPeering } from '../model.ts';
import { zones, type BaseFields } from './common.ts';

export const NAT_SKUS = ['Standard', 'StandardV2'];
const IP_SKUS = ['Basic', 'Standard', 'StandardV2'];
const IP_VERSIONS = ['IPv4', 'IPv6'];
const NEXT_HOPS = ['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None'];
const PEERING_STATES = ['Initiated', 'Connected', 'Disconnected'];

/** A VNet row's peerings (which VNets a private next hop address can be in); null when not listed. */
export function readPeerings(r: FieldReader, p: Json, at: PathSeg[]): VirtualNetworkPeering[] | null {
  const list = r.array(p, 'virtualNetworkPeerings', at);
  if (!list) return null;
  const out: VirtualNetworkPeering[] = [];
  list.value.forEach((v, i) => {
    const path = [...list.path, i];
    if (v === null) return;
    if (!isObject(v)) return void r.fail(path, 'a peering object', v);
    const pp = r.propertiesOf(v, path);
    out.push({
      remoteVirtualNetworkId: r.refId(pp.value, 'remoteVirtualNetwork', pp.path),
      state: r.openEnum(pp.value, 'peeringState', pp.path, PEERING_STATES, { resourceType: 'microsoft.network/virtualnetworks', property: 'properties.virtualNetworkPeerings[].properties.peeringState' }),
    });
  });
  return out;
}

export function readSubnet(r: FieldReader, p: Json, at: PathSeg[], base: BaseFields): Subnet {
  return {
    ...base,
    addressPrefix: r.string(p, 'addressPrefix', at),
    natGatewayId: r.refId(p, 'natGateway', at),
    routeTableId: r.refId(p, 'routeTable', at),
    networkSecurityGroupId: r.refId(p, 'networkSecurityGroup', at),
    defaultOutboundAccess: r.boolean(p, 'defaultOutboundAccess', at),
  };
}

export function sku(r: FieldReader, row: Json, at: PathSeg[], allowed: readonly string[], resourceType: string): string | null {
  const s = r.object(row, 'sku', at);
  return s ? r.openEnum(s.value, 'name', s.path, allowed, { resourceType, property: 'sku.name' }) : null;
}

const ipVersion = (resourceType: string) => ({ resourceType, property: 'properties.publicIPAddressVersion' });

export function readNatGateway(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): NatGateway {
  return {
    ...base,
    sku: sku(r, row, base.source.path, NAT_SKUS, 'microsoft.network/natgateways'),
    zones: zones(r, row, 'zones', base.source.path) ?? [],
    idleTimeoutInMinutes: r.count(p, 'idleTimeoutInMinutes', at, 0, 1000),
    // StandardV2 gateways list their IPv6 addresses and prefixes apart (publicIpAddressesV6, publicIpPrefixesV6).
    publicIpIds: [...(r.refIds(p, 'publicIpAddresses', at) ?? []), ...(r.refIds(p, 'publicIpAddressesV6', at) ?? [])],
    publicIpPrefixIds: [...(r.refIds(p, 'publicIpPrefixes', at) ?? []), ...(r.refIds(p, 'publicIpPrefixesV6', at) ?? [])],
  };
}

export function readPublicIp(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): PublicIp {
  const address = r.string(p, 'ipAddress', at);
  return {
    ...base,
    sku: sku(r, row, base.source.path, IP_SKUS, 'microsoft.network/publicipaddresses'),
    ipAddress: address === null ? null : r.cidr(address, [...at, lookup(p, 'ipAddress')?.key ?? 'ipAddress']),
    version: r.openEnum(p, 'publicIPAddressVersion', at, IP_VERSIONS, ipVersion('microsoft.network/publicipaddresses')),
    natGatewayId: r.refId(p, 'natGateway', at),
    zones: zones(r, row, 'zones', base.source.path) ?? [],
  };
}

export function readPublicIpPrefix(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): PublicIpPrefix {
  const prefix = r.string(p, 'ipPrefix', at);
  return {
    ...base,
    sku: sku(r, row, base.source.path, IP_SKUS, 'microsoft.network/publicipprefixes'),
    ipPrefix: prefix === null ? null : r.cidr(prefix, [...at, lookup(p, 'ipPrefix')?.key ?? 'ipPrefix']),
    prefixLength: r.count(p, 'prefixLength', at, 0, 128),
    version: r.openEnum(p, 'publicIPAddressVersion', at, IP_VERSIONS, ipVersion('microsoft.network/publicipprefixes')),
    natGatewayId: r.refId(p, 'natGateway', at),
  };
}

export function readRouteTable(r: FieldReader, p: Json, at: PathSeg[], base: BaseFields): RouteTable {
  const routes = r.array(p, 'routes', at);
  const out: RouteTable['routes'] = [];
  routes?.value.forEach((v, i) => {
    const path = [...routes.path, i];
    if (!isObject(v)) return void r.fail(path, 'a route object', v);
    const rp = r.propertiesOf(v, path);
    out.push({
      name: r.string(v, 'name', path) ?? `#${i}`,
      addressPrefix: r.string(rp.value, 'addressPrefix', rp.path),
      nextHopType: r.openEnum(rp.value, 'nextHopType', rp.path, NEXT_HOPS, { resourceType: 'microsoft.network/routetables', property: 'properties.routes[].properties.nextHopType' }),
      nextHopIpAddress: r.string(rp.value, 'nextHopIpAddress', rp.path),
    });
  });
  return { ...base, routes: out };
}

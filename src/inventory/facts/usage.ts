import { canonicalOutboundType, MANAGED_NAT_GATEWAY_TYPES, NAT_GATEWAY_TYPES } from './azure.ts';
import type { NatGatewayFacts } from './types.ts';
import { key, type AgentPool, type Cluster, type Inventory } from '../model.ts';

/** The parts of the facts join that look across clusters or only at the raw inventory. */
export interface Usage {
  natGatewayNodes: Map<string, number>;
  ipClusters: Map<string, Set<string>>;
  ipVia: Map<string, Set<'loadBalancer' | 'natGateway'>>;
}

export function poolMaxNodes(p: AgentPool): number {
  return p.enableAutoScaling ? (p.maxCount ?? p.count ?? 0) : (p.count ?? 0);
}

export function outboundOf(c: Cluster): { type: string; recognized: boolean } {
  const raw = c.outboundType ?? 'loadBalancer';
  const known = canonicalOutboundType(raw);
  return { type: known ?? raw, recognized: known !== null };
}

export function crossClusterUsage(inv: Inventory): Usage {
  const u: Usage = { natGatewayNodes: new Map(), ipClusters: new Map(), ipVia: new Map() };
  const addIp = (id: string, cluster: string, via: 'loadBalancer' | 'natGateway'): void => {
    const k = key(id);
    let set = u.ipClusters.get(k);
    if (!set) u.ipClusters.set(k, (set = new Set()));
    set.add(cluster);
    let vias = u.ipVia.get(k);
    if (!vias) u.ipVia.set(k, (vias = new Set()));
    vias.add(via);
  };
  for (const c of inv.clusters.values()) {
    const ck = key(c.id);
    const { type } = outboundOf(c);
    for (const p of c.pools) {
      const subnet = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId)) : undefined;
      if (subnet?.natGatewayId) {
        const nk = key(subnet.natGatewayId);
        u.natGatewayNodes.set(nk, (u.natGatewayNodes.get(nk) ?? 0) + poolMaxNodes(p));
      }
    }
    if (type === 'loadBalancer') {
      for (const id of lbIpIds(c)) addIp(id, ck, 'loadBalancer');
      for (const id of c.lbOutboundIpPrefixIds) addIp(id, ck, 'loadBalancer');
    } else if (NAT_GATEWAY_TYPES.includes(type)) {
      const gateways = natGatewayIdsOf(inv, c, type);
      for (const gw of gateways) {
        const g = inv.natGateways.get(key(gw));
        for (const id of [...(g?.publicIpIds ?? []), ...(g?.publicIpPrefixIds ?? [])]) addIp(id, ck, 'natGateway');
      }
      if (MANAGED_NAT_GATEWAY_TYPES.includes(type) && !gateways.length) {
        for (const id of c.natEffectiveOutboundIpIds) addIp(id, ck, 'natGateway');
      }
    }
  }
  return u;
}

export function lbIpIds(c: Cluster): string[] {
  const ids = c.lbEffectiveOutboundIpIds ?? [];
  const extra = c.lbOutboundIpIds.filter((id) => !ids.some((e) => key(e) === key(id)));
  return [...ids, ...extra];
}

/** NAT gateway IDs serving a cluster: its pools' subnets' gateways, or the managed one found through its IPs. */
export function natGatewayIdsOf(inv: Inventory, c: Cluster, type: string): string[] {
  const ids = new Map<string, string>();
  if (MANAGED_NAT_GATEWAY_TYPES.includes(type)) {
    for (const ipId of c.natEffectiveOutboundIpIds) {
      const gw = inv.publicIps.get(key(ipId))?.natGatewayId ?? inv.publicIpPrefixes.get(key(ipId))?.natGatewayId;
      if (gw) ids.set(key(gw), gw);
    }
    return [...ids.values()];
  }
  for (const p of c.pools) {
    const gw = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId))?.natGatewayId : null;
    if (gw) ids.set(key(gw), gw);
  }
  return [...ids.values()];
}

/** Pool zones a NAT gateway does not serve from within them; StandardV2 is zone-redundant. */
export function zoneCoverage(zones: string[], gw: NatGatewayFacts): { without: string[]; outside: string[] | null } {
  if (gw.sku.toLowerCase() === 'standardv2') return { without: [], outside: null };
  const without = zones.filter((z) => !gw.zones.includes(z));
  const zonal = gw.zones.length > 0;
  return { without, outside: zonal && zones.length ? without : null };
}

import { key } from '../../model.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import { NETWORK_TYPES, typeOfId } from './queries.ts';

/**
 * Follows what clusters point at, round by round, reading rows through the same normalizer the
 * scan uses (so every casing and shape it accepts is followed): pools → their subnets' VNets;
 * those subnets (only those: a hub VNet's other subnets are none of the scan's business) → NAT
 * gateways and route tables; clusters and NAT gateways → public IPs and prefixes; managed NAT
 * gateway IPs → their gateway.
 */
export class ReferenceWalker {
  private readonly usedSubnets = new Set<string>();

  /** IDs (real casing, one per resource) that the given rows reference and the scan needs. */
  next(rows: readonly Record<string, unknown>[]): string[] {
    const b = new InventoryBuilder();
    rows.forEach((value, i) => b.add({ value, source: { file: 'refs', path: [i] } }));
    const inv = b.finish().inventory;
    const out = new Map<string, string>();
    const add = (id: string | null | undefined): void => {
      const type = id ? typeOfId(id) : null;
      if (id && type && NETWORK_TYPES.includes(type) && !out.has(key(id))) out.set(key(id), id);
    };
    for (const c of inv.clusters.values()) {
      for (const p of c.pools) {
        if (!p.vnetSubnetId) continue;
        this.usedSubnets.add(key(p.vnetSubnetId));
        add(/^(.*\/virtualnetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(p.vnetSubnetId)?.[1]);
      }
      for (const id of [...(c.lbEffectiveOutboundIpIds ?? []), ...c.lbOutboundIpIds, ...c.lbOutboundIpPrefixIds, ...c.natEffectiveOutboundIpIds]) add(id);
    }
    for (const s of inv.subnets.values()) {
      if (!this.usedSubnets.has(key(s.id))) continue;
      add(s.natGatewayId);
      add(s.routeTableId);
    }
    for (const g of inv.natGateways.values()) for (const id of [...g.publicIpIds, ...g.publicIpPrefixIds]) add(id);
    for (const ip of inv.publicIps.values()) add(ip.natGatewayId);
    for (const pre of inv.publicIpPrefixes.values()) add(pre.natGatewayId);
    return [...out.values()];
  }
}

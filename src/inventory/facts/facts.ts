import { defaultManagedNatSku, kubernetesVersionOrdinal, lbCapacity, MANAGED_NAT_GATEWAY_TYPES, NAT_GATEWAY_TYPES, SNAT_PORTS_PER_NAT_IP } from './azure.ts';
import { insideAny, prefixSize } from './cidr.ts';
import { countAddresses } from './addresses.ts';
import { defaultRoute, firewallFacts } from './firewall.ts';
import { identityFacts } from './permissions.ts';
import type { ClusterFacts, EgressIpFacts, NatGatewayFacts, PoolFacts, SubnetFacts } from './types.ts';
import { crossClusterUsage, lbIpIds, natGatewayIdsOf, outboundOf, poolMaxNodes, zoneCoverage, type Usage } from './usage.ts';
import { key, type AgentPool, type Cluster, type Inventory } from '../model.ts';
import { conflictingTargets, documentedTargets, rowOf } from '../../plan/tables.ts';

/**
 * Joins the inventory into one facts document per cluster. Every lookup is a map access, so the
 * join is linear in inventory size; the two cross-cluster numbers (NAT gateway load, shared egress
 * IPs) come from one pre-pass over all clusters.
 */
export function buildFacts(inv: Inventory): ClusterFacts[] {
  return [...eachFacts(inv)];
}

/**
 * The same documents in the same order (by lower-cased cluster ID), built one at a time: a scan
 * evaluates each and lets it go, instead of holding every cluster's facts until the end.
 */
export function* eachFacts(inv: Inventory): Generator<ClusterFacts> {
  const shared = crossClusterUsage(inv);
  const order = [...inv.clusters.values()].map((c) => ({ c, k: c.id.toLowerCase() }));
  order.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  for (const { c } of order) yield new ClusterJoin(inv, c, shared).build();
}


class ClusterJoin {
  private readonly missing = new Map<string, string>();
  private readonly reasons: string[] = [];
  private readonly gateways = new Map<string, NatGatewayFacts>();
  private readonly subnets = new Map<string, SubnetFacts>();
  private readonly outbound: { type: string; recognized: boolean };
  private readonly inv: Inventory;
  private readonly c: Cluster;
  private readonly usage: Usage;

  constructor(inv: Inventory, c: Cluster, usage: Usage) {
    this.inv = inv;
    this.c = c;
    this.usage = usage;
    this.outbound = outboundOf(c);
    if (c.invalid) this.reasons.push(`the cluster's own row has invalid fields (see errors)`);
  }

  private lack(id: string, what: string): void {
    if (this.missing.has(key(id))) return;
    this.missing.set(key(id), id);
    const refused = this.inv.refused.get(key(id));
    this.reasons.push(refused ? `${what} ${id} was refused: ${refused}` : `${what} ${id} is not in the inventory`);
  }

  private unreliable(id: string, what: string): void {
    this.reasons.push(`${what} ${id} has invalid or conflicting rows (see errors)`);
  }

  build(): ClusterFacts {
    const c = this.c;
    const type = this.outbound.type;
    const isNat = NAT_GATEWAY_TYPES.includes(type);
    const pools = c.pools.map((p) => this.pool(p, isNat));
    const maxNodes = pools.reduce((n, p) => n + p.maxNodes, 0);
    const zones = [...new Set(pools.flatMap((p) => p.zones))].sort();
    const vnetMode = c.pools.some((p) => p.vnetSubnetId) ? 'byo' : 'managed';
    if (MANAGED_NAT_GATEWAY_TYPES.includes(type)) this.managedGateway(pools);
    const egressIps = this.egressIps(type);
    const ranges = c.authorizedIpRanges;
    const outside = ranges.length ? egressIps.filter((e) => e.insideAuthorizedRanges === false).map((e) => e.address ?? e.id) : [];
    const version = c.currentKubernetesVersion ?? c.kubernetesVersion;
    const frontendIpv4Count = this.lbFrontends(egressIps);
    const ports = c.allocatedOutboundPorts ?? 0;
    // The managed gateway's SKU, as the planner reads it (not a NAT gateway a pool's subnet has).
    const row = rowOf(type, [...this.gateways.values()]);

    return {
      id: c.id,
      name: c.name,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      location: c.location,
      tags: c.tags,
      kubernetesVersion: version,
      kubernetesVersionOrdinal: kubernetesVersionOrdinal(version),
      outboundType: type,
      outboundTypeRecognized: this.outbound.recognized,
      vnetMode,
      loadBalancerSku: c.loadBalancerSku ?? 'standard',
      migrationTargets: this.outbound.recognized ? documentedTargets(vnetMode, row) : [],
      migrationConflicts: this.outbound.recognized ? conflictingTargets(vnetMode, row) : [],
      maxNodes,
      zones,
      apiServer: {
        private: c.enablePrivateCluster === true,
        vnetIntegration: c.enableVnetIntegration === true,
        authorizedIpRanges: ranges,
        egressOutsideAuthorizedRanges: outside,
      },
      loadBalancer:
        type === 'loadBalancer'
          ? {
              allocatedOutboundPorts: ports,
              outboundIpSource: c.lbOutboundIpPrefixIds.length ? 'publicIpPrefixes' : c.lbOutboundIpIds.length ? 'publicIps' : 'managed',
              frontendIpv4Count,
              ...lbCapacity(ports, frontendIpv4Count, maxNodes),
            }
          : null,
      pools,
      natGateways: [...this.gateways.values()],
      subnets: [...this.subnets.values()],
      egressIps,
      identity: identityFacts(this.inv, c, type, vnetMode === 'byo', [...this.subnets.values()], (id, what) => this.lack(id, what)),
      firewalls: firewallFacts(this.inv, pools, (id, what) => this.lack(id, what), (id, what) => this.unreliable(id, what), (reason) => this.reasons.push(reason)),
      missing: [...this.missing.values()],
      incompleteReasons: this.reasons,
      source: c.source,
    };
  }

  private pool(p: AgentPool, isNat: boolean): PoolFacts {
    const zones = p.availabilityZones ?? [];
    let subnet: SubnetFacts | null = null;
    let gateway: NatGatewayFacts | null = null;
    let networkKnown = true;
    if (p.vnetSubnetId) {
      subnet = this.subnet(p.vnetSubnetId, p.name);
      networkKnown = subnet.known;
      if (subnet.natGatewayId) {
        gateway = this.gateway(subnet.natGatewayId, isNat);
        if (!gateway) networkKnown = false;
      }
      if (subnet.routeTableId) {
        const rt = this.inv.routeTables.get(key(subnet.routeTableId));
        if (!rt) {
          this.lack(subnet.routeTableId, 'route table');
          networkKnown = false;
        } else if (rt.invalid) {
          this.unreliable(rt.id, 'route table');
          networkKnown = false;
        }
      }
    }
    if (!isNat) gateway = null;
    const coverage = gateway && networkKnown ? zoneCoverage(zones, gateway) : { without: null, outside: null };
    return {
      id: `${this.c.id}/agentPools/${p.name}`,
      name: p.name,
      type: p.type ?? 'VirtualMachineScaleSets',
      osType: p.osType ?? 'Linux',
      mode: p.mode,
      count: p.count ?? 0,
      enableAutoScaling: p.enableAutoScaling === true,
      maxNodes: poolMaxNodes(p),
      zones,
      enableNodePublicIp: p.enableNodePublicIp === true,
      disableOutboundNat: p.disableOutboundNat,
      subnetId: p.vnetSubnetId,
      networkKnown,
      subnet,
      natGateway: gateway,
      zonesWithoutNatGateway: coverage.without,
      zonesOutsideNatGatewayZones: coverage.outside,
      source: p.source,
      propertyPath: p.propertyPath,
    };
  }

  private subnet(id: string, poolName: string): SubnetFacts {
    const k = key(id);
    const have = this.subnets.get(k);
    if (have) {
      have.pools.push(poolName);
      return have;
    }
    const s = this.inv.subnets.get(k);
    if (!s) this.lack(id, 'subnet');
    else if (s.invalid) this.unreliable(s.id, 'subnet');
    const route = defaultRoute(this.inv, s);
    const facts: SubnetFacts = {
      id: s?.id ?? id,
      name: s?.name ?? id.split('/').pop() ?? id,
      known: s !== undefined && !s.invalid,
      natGatewayId: s?.natGatewayId ?? null,
      routeTableId: s?.routeTableId ?? null,
      defaultRoute: route ? { name: route.name, nextHopType: route.nextHopType, nextHopIpAddress: route.nextHopIpAddress } : null,
      networkSecurityGroupId: s?.networkSecurityGroupId ?? null,
      defaultOutboundAccess: s?.defaultOutboundAccess ?? null,
      pools: [poolName],
      source: s?.source ?? null,
    };
    this.subnets.set(k, facts);
    return facts;
  }

  /** A user-assigned NAT gateway resource; null (and recorded) when missing or unreliable. */
  private gateway(id: string, isNat: boolean): NatGatewayFacts | null {
    const k = key(id);
    const have = this.gateways.get(k);
    if (have) return have;
    const g = this.inv.natGateways.get(k);
    if (!g) {
      this.lack(id, 'NAT gateway');
      return null;
    }
    if (g.invalid) {
      this.unreliable(g.id, 'NAT gateway');
      return null;
    }
    const facts = this.gatewayFacts({
      id: g.id,
      name: g.name,
      managed: false,
      known: true,
      sku: g.sku ?? 'Standard',
      zones: g.zones,
      idleTimeoutInMinutes: g.idleTimeoutInMinutes ?? 4,
      publicIpIds: g.publicIpIds,
      publicIpPrefixIds: g.publicIpPrefixIds,
      source: g.source,
    });
    if (isNat) this.gateways.set(k, facts);
    return facts;
  }

  /** The AKS-managed NAT gateway: the resource when the inventory has it, else natGatewayProfile and Azure's defaults. */
  private managedGateway(pools: PoolFacts[]): void {
    const c = this.c;
    const ids = natGatewayIdsOf(this.inv, c, this.outbound.type);
    const g = ids[0] ? this.inv.natGateways.get(key(ids[0])) : undefined;
    if (g && !g.invalid) {
      const facts = this.gatewayFacts({
        id: g.id,
        name: g.name,
        managed: true,
        known: true,
        sku: g.sku ?? c.natSku ?? defaultManagedNatSku(this.outbound.type),
        zones: g.zones,
        idleTimeoutInMinutes: g.idleTimeoutInMinutes ?? c.natIdleTimeoutInMinutes ?? 4,
        publicIpIds: g.publicIpIds,
        publicIpPrefixIds: g.publicIpPrefixIds,
        source: g.source,
      });
      this.gateways.set(key(g.id), facts);
    } else {
      const ipv4 = c.natManagedOutboundIpCount ?? (c.natEffectiveOutboundIpIds.length || 1);
      const ipv6 = c.natManagedOutboundIpv6Count ?? 0;
      const maxNodes = c.pools.reduce((n, p) => n + poolMaxNodes(p), 0);
      const id = `${c.id}/natGatewayProfile`;
      this.gateways.set(key(id), {
        id,
        name: `${c.name} managed NAT gateway`,
        managed: true,
        known: false,
        sku: c.natSku ?? defaultManagedNatSku(this.outbound.type),
        zones: [],
        idleTimeoutInMinutes: c.natIdleTimeoutInMinutes ?? 4,
        publicIpIds: c.natEffectiveOutboundIpIds,
        publicIpPrefixIds: [],
        ipCount: ipv4 + ipv6,
        ipv4AddressCount: ipv4,
        ipv6AddressCount: ipv6,
        servedMaxNodes: maxNodes,
        snatPortsPerNode: maxNodes > 0 ? Math.floor((SNAT_PORTS_PER_NAT_IP * ipv4) / maxNodes) : null,
        source: c.source,
      });
    }
    // The managed gateway serves every pool (no BYO subnets); point pools at it for zone checks.
    const gw = [...this.gateways.values()][0] ?? null;
    if (!gw) return;
    for (const pool of pools) {
      pool.natGateway = gw;
      const cov = zoneCoverage(pool.zones, gw);
      pool.zonesWithoutNatGateway = cov.without;
      pool.zonesOutsideNatGatewayZones = null;
    }
  }

  private gatewayFacts(g: Omit<NatGatewayFacts, 'ipCount' | 'ipv4AddressCount' | 'ipv6AddressCount' | 'servedMaxNodes' | 'snatPortsPerNode'>): NatGatewayFacts {
    const { total: ipCount, ipv4 } = countAddresses(this.inv, g.publicIpIds, g.publicIpPrefixIds, (id, what) => this.lack(id, what));
    const served = this.usage.natGatewayNodes.get(key(g.id)) ?? this.c.pools.reduce((n, p) => n + poolMaxNodes(p), 0);
    return {
      ...g,
      ipCount,
      ipv4AddressCount: ipv4,
      ipv6AddressCount: ipCount - ipv4,
      servedMaxNodes: served,
      snatPortsPerNode: served > 0 ? Math.floor((SNAT_PORTS_PER_NAT_IP * ipv4) / served) : null,
    };
  }

  private egressIps(type: string): EgressIpFacts[] {
    const c = this.c;
    const out: EgressIpFacts[] = [];
    const seen = new Set<string>();
    const add = (id: string, kind: EgressIpFacts['kind'], via: EgressIpFacts['via'], gw: NatGatewayFacts | null): void => {
      if (seen.has(key(id))) return;
      seen.add(key(id));
      const ip = kind === 'publicIp' ? this.inv.publicIps.get(key(id)) : undefined;
      const pre = kind === 'publicIpPrefix' ? this.inv.publicIpPrefixes.get(key(id)) : undefined;
      const found = ip ?? pre;
      if (!found) this.lack(id, kind === 'publicIp' ? 'public IP' : 'public IP prefix');
      else if (found.invalid) this.unreliable(found.id, kind === 'publicIp' ? 'public IP' : 'public IP prefix');
      const address = ip?.ipAddress ?? pre?.ipPrefix ?? null;
      const version = found?.version ?? (address?.includes(':') ? 'IPv6' : 'IPv4');
      const others = [...(this.usage.ipClusters.get(key(id)) ?? [])].filter((k) => k !== key(c.id));
      // The IP's own row names the NAT gateway it is attached to, whether or not that gateway serves a cluster.
      const attachedTo = found?.natGatewayId ?? null;
      out.push({
        id: found?.id ?? id,
        name: found?.name ?? id.split('/').pop() ?? id,
        kind,
        via,
        natGatewayId: gw?.id ?? null,
        natGatewaySku: gw?.sku ?? null,
        known: found !== undefined,
        address,
        version,
        sku: found?.sku ?? null,
        addressCount: kind === 'publicIp' ? 1 : prefixSize(pre?.ipPrefix ?? null, pre?.prefixLength ?? null, pre?.version ?? null),
        sharedWithClusters: others.map((k) => this.inv.clusters.get(k)?.id ?? k).sort(),
        attachedNatGatewayId: attachedTo,
        sharedBetweenLoadBalancerAndNatGateway: (this.usage.ipVia.get(key(id))?.size ?? 0) > 1 || (via === 'loadBalancer' && attachedTo !== null),
        insideAuthorizedRanges: c.authorizedIpRanges.length && address ? insideAny(address, c.authorizedIpRanges) : null,
        skuMatchesNatGateway: gw && found?.sku ? found.sku.toLowerCase() === gw.sku.toLowerCase() : null,
        source: found?.source ?? null,
      });
    };
    if (type === 'loadBalancer') {
      for (const id of lbIpIds(c)) add(id, 'publicIp', 'loadBalancer', null);
      for (const id of c.lbOutboundIpPrefixIds) add(id, 'publicIpPrefix', 'loadBalancer', null);
    } else if (NAT_GATEWAY_TYPES.includes(type)) {
      for (const gw of this.gateways.values()) {
        for (const id of gw.publicIpIds) add(id, 'publicIp', 'natGateway', gw);
        for (const id of gw.publicIpPrefixIds) add(id, 'publicIpPrefix', 'natGateway', gw);
      }
    }
    return out;
  }

  /** IPv4 frontends of the outbound load balancer: resolved effective IPs, else the managed count. */
  private lbFrontends(egress: EgressIpFacts[]): number {
    const lb = egress.filter((e) => e.via === 'loadBalancer' && e.version === 'IPv4');
    if (lb.length) return lb.reduce((n, e) => n + e.addressCount, 0);
    return this.c.lbManagedOutboundIpCount ?? 1;
  }
}

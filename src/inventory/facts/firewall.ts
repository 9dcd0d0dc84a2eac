import { key, type Firewall, type Inventory, type Route, type Subnet } from '../model.ts';
import { SNAT_PORTS_PER_NAT_IP } from './azure.ts';
import { countAddresses } from './addresses.ts';
import type { FirewallFacts, PoolFacts } from './types.ts';
import { poolMaxNodes } from './usage.ts';

/** Azure Firewall SNAT ports per public IP address per firewall instance. */
export const SNAT_PORTS_PER_FIREWALL_IP = 2_496;

interface FirewallIndex {
  byPrivateIp: FirewallsByIp;
  /** Max nodes of every pool, in any cluster and whatever its outbound type, whose default route reaches the firewall. */
  nodes: Map<string, number>;
  /** What each pool subnet's default route reaches, by subnet key (worked out once, for the totals and for each cluster). */
  reach: Map<string, Reach | null>;
}

/** The firewalls holding one private IP address, indexed for reachableFirewalls. */
export interface FirewallsAt {
  /** All of them, sorted by ID (case-insensitively). */
  all: readonly Firewall[];
  /** By the key of the VNet of each of their subnets, in the same order. */
  byVnet: ReadonlyMap<string, readonly Firewall[]>;
  /** The Virtual WAN hub firewalls among them. */
  hubs: readonly Firewall[];
}

/** Firewalls by private IP address (VNet IP configurations and hub addresses). */
export type FirewallsByIp = ReadonlyMap<string, FirewallsAt>;

/**
 * Indexes firewalls by address, and each address's by VNet: hubs often share one address (every
 * hub's firewall 10.0.1.4), so each pool's lookup must not walk every firewall in the tenant.
 */
export function firewallsByIp(firewalls: Iterable<Firewall>): FirewallsByIp {
  const lists = new Map<string, Set<Firewall>>();
  for (const fw of firewalls) {
    for (const ip of fw.privateIpAddresses) {
      const list = lists.get(ip);
      if (list) list.add(fw);
      else lists.set(ip, new Set([fw]));
    }
  }
  const out = new Map<string, FirewallsAt>();
  for (const [ip, list] of lists) {
    const all = byId([...list]);
    const byVnet = new Map<string, Firewall[]>();
    for (const fw of all) {
      for (const vnet of new Set(fw.subnetIds.map((s) => key(vnetIdOf(s) ?? '')))) {
        const at = byVnet.get(vnet);
        if (at) at.push(fw);
        else byVnet.set(vnet, [fw]);
      }
    }
    out.set(ip, { all, byVnet, hubs: all.filter((fw) => fw.hubPublicIpCount !== null) });
  }
  return out;
}

/** Sorted by ID, case-insensitively. */
function byId(firewalls: Firewall[]): Firewall[] {
  const keyed = firewalls.map((fw) => ({ fw, k: key(fw.id) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((e) => e.fw);
}

const indexes = new WeakMap<Inventory, FirewallIndex>();

/** reachableFirewalls for a subnet, once per subnet. */
function reachOf(inv: Inventory, ix: FirewallIndex, subnet: Subnet): Reach | null {
  const k = key(subnet.id);
  let reach = ix.reach.get(k);
  if (reach === undefined) ix.reach.set(k, (reach = reachableFirewalls(inv, subnet, ix.byPrivateIp)));
  return reach;
}

function indexOf(inv: Inventory): FirewallIndex {
  let ix = indexes.get(inv);
  if (ix) return ix;
  ix = { byPrivateIp: firewallsByIp(inv.firewalls.values()), nodes: new Map(), reach: new Map() };
  if (ix.byPrivateIp.size) {
    for (const c of inv.clusters.values()) {
      for (const p of c.pools) {
        const subnet = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId)) : undefined;
        const fw = subnet ? reachOf(inv, ix, subnet)?.firewalls : undefined;
        if (fw?.length === 1) ix.nodes.set(key(fw[0]!.id), (ix.nodes.get(key(fw[0]!.id)) ?? 0) + poolMaxNodes(p));
      }
    }
  }
  indexes.set(inv, ix);
  return ix;
}

/** The VirtualAppliance next hop IP of the subnet's default route (0.0.0.0/0), or null. */
export function nextHopIp(inv: Inventory, subnet: Subnet): string | null {
  const route = defaultRoute(inv, subnet);
  return route?.nextHopType?.toLowerCase() === 'virtualappliance' ? route.nextHopIpAddress : null;
}

/** The subnet's default route (0.0.0.0/0) in its route table, if the inventory has them. */
export function defaultRoute(inv: Inventory, subnet: Subnet | undefined): Route | undefined {
  const rt = subnet?.routeTableId ? inv.routeTables.get(key(subnet.routeTableId)) : undefined;
  return rt?.routes.find((r) => r.addressPrefix === '0.0.0.0/0');
}

/** The VNet a subnet (or an IP configuration in it) belongs to. */
export function vnetIdOf(id: string): string | null {
  return /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.network\/virtualnetworks\/[^/]+)(?:\/|$)/i.exec(id)?.[1] ?? null;
}

export interface Reach {
  /** The default route's next hop. */
  ip: string;
  vnetId: string | null;
  /** False when the subnet's VNet, or the peerings on its row, are not in the inventory. */
  peeringsKnown: boolean;
  /** Sorted by ID: one is the firewall reached; more are ambiguous. */
  firewalls: Firewall[];
}

/**
 * The firewalls holding a subnet's default-route next hop that the subnet can reach, or null when
 * no firewall holds it. A private address means something only in the subnet's VNet and the VNets
 * directly peered with it (Connected), and hubs often share one (every hub's firewall 10.0.1.4), so
 * a VNet firewall counts only there. A Virtual WAN hub firewall's connection to the VNet is not in
 * the inventory: it counts when no VNet firewall does. Without the VNet's peerings, every firewall
 * holding the address counts.
 */
export function reachableFirewalls(inv: Inventory, subnet: Subnet, byIp: FirewallsByIp): Reach | null {
  const ip = nextHopIp(inv, subnet);
  const at = ip ? byIp.get(ip) : undefined;
  if (!ip || !at?.all.length) return null;
  const vnetId = vnetIdOf(subnet.id);
  const vnet = vnetId ? inv.virtualNetworks.get(key(vnetId)) : undefined;
  if (!vnetId || !vnet?.peerings || vnet.invalid) return { ip, vnetId, peeringsKnown: false, firewalls: [...at.all] };
  const near = new Set([key(vnetId)]);
  for (const p of vnet.peerings) {
    if (p.remoteVirtualNetworkId && (p.state === null || p.state === 'Connected')) near.add(key(p.remoteVirtualNetworkId));
  }
  const placed = new Set<Firewall>();
  for (const v of near) for (const fw of at.byVnet.get(v) ?? []) placed.add(fw);
  return { ip, vnetId, peeringsKnown: true, firewalls: placed.size ? byId([...placed]) : [...at.hubs] };
}

/**
 * The Azure Firewalls this cluster's pools route their default traffic to, with what decides their
 * SNAT capacity: public IP count, or the NAT gateway on AzureFirewallSubnet that takes over SNAT.
 * `lack` and `unreliable` record what the inventory misses, as the rest of the join does.
 */
export function firewallFacts(
  inv: Inventory,
  pools: readonly PoolFacts[],
  lack: (id: string, what: string) => void,
  unreliable: (id: string, what: string) => void,
  doubt: (reason: string) => void,
): FirewallFacts[] {
  const ix = indexOf(inv);
  if (!ix.byPrivateIp.size) return [];
  const out = new Map<string, FirewallFacts>();
  const doubted = new Set<string>();
  for (const p of pools) {
    const subnet = p.subnetId ? inv.subnets.get(key(p.subnetId)) : undefined;
    const reach = subnet ? reachOf(inv, ix, subnet) : null;
    if (!subnet || !reach?.firewalls.length) continue;
    if (reach.firewalls.length > 1) {
      if (!doubted.has(key(subnet.id))) ambiguous(inv, subnet, reach, lack, unreliable, doubt);
      doubted.add(key(subnet.id));
      continue;
    }
    const fw = reach.firewalls[0]!;
    const have = out.get(key(fw.id));
    if (have) {
      have.pools.push(p.name);
      continue;
    }
    out.set(key(fw.id), describe(inv, fw, ix.nodes.get(key(fw.id)) ?? 0, p.name, lack, unreliable));
  }
  return [...out.values()];
}

/** Several firewalls hold the next hop: EG024 cannot judge the subnet's pools, and says why. */
function ambiguous(inv: Inventory, subnet: Subnet, reach: Reach, lack: (id: string, what: string) => void, unreliable: (id: string, what: string) => void, doubt: (reason: string) => void): void {
  const held = `next hop ${reach.ip} of the default route of subnet ${subnet.id} is a private IP of ${reach.firewalls.length} Azure Firewalls (${reach.firewalls.map((f) => f.id).join(', ')})`;
  if (reach.peeringsKnown) return doubt(`${held} in its VNet or VNets peered with it: which one it reaches is not known`);
  const vnet = reach.vnetId ? inv.virtualNetworks.get(key(reach.vnetId)) : undefined;
  if (reach.vnetId && !vnet) lack(reach.vnetId, 'virtual network');
  else if (vnet?.invalid) unreliable(vnet.id, 'virtual network');
  doubt(`${held}: the peerings of its VNet, which tell them apart, are not in the inventory`);
}

function describe(inv: Inventory, fw: Firewall, nodes: number, pool: string, lack: (id: string, what: string) => void, unreliable: (id: string, what: string) => void): FirewallFacts {
  let known = !fw.invalid;
  if (fw.invalid) unreliable(fw.id, 'Azure Firewall');
  let natGatewayId: string | null = null;
  let natIpv4: number | null = null;
  for (const sid of fw.subnetIds) {
    const s = inv.subnets.get(key(sid));
    if (!s) {
      lack(sid, 'firewall subnet');
      known = false;
      continue;
    }
    if (!s.natGatewayId) continue;
    natGatewayId = s.natGatewayId;
    const g = inv.natGateways.get(key(s.natGatewayId));
    if (!g || g.invalid) {
      if (g) unreliable(g.id, 'NAT gateway');
      else lack(s.natGatewayId, 'NAT gateway');
      known = false;
      continue;
    }
    natIpv4 = countAddresses(inv, g.publicIpIds, g.publicIpPrefixIds, lack).ipv4;
  }
  const hub = fw.hubPublicIpCount !== null;
  return {
    id: fw.id,
    name: fw.name,
    known,
    hub,
    publicIpCount: hub ? (fw.hubPublicIpCount ?? 0) : fw.publicIpIds.length,
    subnetId: fw.subnetIds[0] ?? null,
    natGatewayId,
    natGatewayIpv4AddressCount: natIpv4,
    servedMaxNodes: nodes,
    pools: [pool],
    source: fw.source,
  };
}

export interface FirewallCapacity {
  firewallInstances: number;
  /** 64,512 × the NAT gateway's IPv4 addresses, else 2,496 × public IPs × firewall instances. */
  snatPorts: number;
  snatPortsPerNode: number | null;
}

/** SNAT capacity at the profile's `firewallInstances`: computed at evaluation, since profiles differ per cluster. */
export function firewallCapacity(fw: FirewallFacts, instances: number): FirewallCapacity {
  const ports = fw.natGatewayIpv4AddressCount !== null ? SNAT_PORTS_PER_NAT_IP * fw.natGatewayIpv4AddressCount : SNAT_PORTS_PER_FIREWALL_IP * fw.publicIpCount * instances;
  return { firewallInstances: instances, snatPorts: ports, snatPortsPerNode: fw.servedMaxNodes > 0 ? Math.floor(ports / fw.servedMaxNodes) : null };
}

import { idPart } from '../normalize/common.ts';
import { key, type Firewall, type Inventory, type Subnet } from '../model.ts';
import { SNAT_PORTS_PER_NAT_IP } from './azure.ts';
import { countAddresses } from './addresses.ts';
import type { FirewallFacts, PoolFacts } from './types.ts';
import { poolMaxNodes } from './usage.ts';

/** Azure Firewall SNAT ports per public IP address per firewall instance. */
export const SNAT_PORTS_PER_FIREWALL_IP = 2_496;

interface FirewallIndex {
  /** Firewalls by private IP address (VNet IP configurations and hub addresses). */
  byPrivateIp: Map<string, Firewall[]>;
  /** Max nodes of every pool, in any cluster and whatever its outbound type, whose default route reaches the firewall. */
  nodes: Map<string, number>;
}

const indexes = new WeakMap<Inventory, FirewallIndex>();

function indexOf(inv: Inventory): FirewallIndex {
  let ix = indexes.get(inv);
  if (ix) return ix;
  ix = { byPrivateIp: new Map(), nodes: new Map() };
  for (const fw of inv.firewalls.values()) {
    for (const ip of fw.privateIpAddresses) {
      const list = ix.byPrivateIp.get(ip);
      if (list) list.push(fw);
      else ix.byPrivateIp.set(ip, [fw]);
    }
  }
  if (ix.byPrivateIp.size) {
    for (const c of inv.clusters.values()) {
      for (const p of c.pools) {
        const subnet = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId)) : undefined;
        const fw = subnet ? reached(inv, ix, subnet) : null;
        if (fw) ix.nodes.set(key(fw.id), (ix.nodes.get(key(fw.id)) ?? 0) + poolMaxNodes(p));
      }
    }
  }
  indexes.set(inv, ix);
  return ix;
}

/** The VirtualAppliance next hop IP of the subnet's default route (0.0.0.0/0), or null. */
export function nextHopIp(inv: Inventory, subnet: Subnet): string | null {
  const rt = subnet.routeTableId ? inv.routeTables.get(key(subnet.routeTableId)) : undefined;
  const route = rt?.routes.find((r) => r.addressPrefix === '0.0.0.0/0');
  return route?.nextHopType?.toLowerCase() === 'virtualappliance' ? route.nextHopIpAddress : null;
}

/**
 * The firewall a subnet's default route reaches. Private addresses repeat across unconnected
 * networks, so when several firewalls hold the next hop IP, one in the subnet's subscription is
 * preferred, then the lowest resource ID, so that every run picks the same.
 */
function reached(inv: Inventory, ix: FirewallIndex, subnet: Subnet): Firewall | null {
  const ip = nextHopIp(inv, subnet);
  const all = ip ? ix.byPrivateIp.get(ip) : undefined;
  if (!all?.length) return null;
  const sub = idPart(subnet.id, 'subscriptions').toLowerCase();
  const ranked = [...all].sort((a, b) => Number(idPart(b.id, 'subscriptions').toLowerCase() === sub) - Number(idPart(a.id, 'subscriptions').toLowerCase() === sub) || (key(a.id) < key(b.id) ? -1 : 1));
  return ranked[0] ?? null;
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
): FirewallFacts[] {
  const ix = indexOf(inv);
  if (!ix.byPrivateIp.size) return [];
  const out = new Map<string, FirewallFacts>();
  for (const p of pools) {
    const subnet = p.subnetId ? inv.subnets.get(key(p.subnetId)) : undefined;
    const fw = subnet ? reached(inv, ix, subnet) : null;
    if (!fw) continue;
    const have = out.get(key(fw.id));
    if (have) {
      have.pools.push(p.name);
      continue;
    }
    out.set(key(fw.id), describe(inv, fw, ix.nodes.get(key(fw.id)) ?? 0, p.name, lack, unreliable));
  }
  return [...out.values()];
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

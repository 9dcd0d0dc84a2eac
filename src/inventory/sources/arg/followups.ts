import { key, type Inventory } from '../../model.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import { firewallsByIp, nextHopIp, reachableFirewalls, vnetIdOf } from '../../facts/firewall.ts';
import { BUILT_IN_ROLES, roleGuid } from '../../facts/roles.ts';
import { ArgRequestError } from './client.ts';
import type { FollowUpKind, Pager, QueryKind, Row } from './pager.ts';
import { chunk, kql, networkQueryIn, packIds, subscriptionOfId, typeOfId } from './queries.ts';

/**
 * The queries that follow the cluster and network collection, for EG023 and EG024: the role
 * assignments of the clusters' control-plane identities and the role definitions they name
 * (`authorizationresources`), the management-group ancestry of their subscriptions when an
 * assignment is at a management group (`resourcecontainers`), and the Azure Firewalls whose
 * private IPs are the pools' default-route next hops, with their subnets' NAT gateways and IPs.
 * Optional data: a refusal (no read access to role assignments) is a scope error like any other.
 */

const COLUMNS = 'id, name, type, subscriptionId, properties';
export const ROLE_ASSIGNMENT_QUERY_TEMPLATE = `authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | where properties.principalId in~ (<principalIds>) | project ${COLUMNS} | order by id asc`;
/** Every service principal's assignments: fewer requests than principal lists once they take more than one query. */
export const ROLE_ASSIGNMENT_TYPED_QUERY = `authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | where properties.principalType =~ 'ServicePrincipal' | project ${COLUMNS} | order by id asc`;
export const ROLE_DEFINITION_QUERY_TEMPLATE = `authorizationresources | where type =~ 'microsoft.authorization/roledefinitions' | where name in~ (<roleGuids>) | project ${COLUMNS} | order by id asc`;
export const SUBSCRIPTION_QUERY_TEMPLATE = `resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | where subscriptionId in~ (<subscriptionIds>) | project ${COLUMNS} | order by id asc`;
// Only an Azure Firewall's first IP configuration holds its subnet and private IP.
export const FIREWALL_QUERY_TEMPLATE = `Resources | where type =~ 'microsoft.network/azurefirewalls' | where properties.ipConfigurations[0].properties.privateIPAddress in (<ips>) or properties.hubIPAddresses.privateIPAddress in (<ips>) | project ${COLUMNS} | order by id asc`;

/** Room one listed value takes in a query: a quoted GUID and its separator, the longest value listed. */
const LIST_ITEM_CHARS = 42;
/** Next hop IPs per firewall query: the template lists them twice. */
const IPS_PER_QUERY = 100;

const fill = (template: string, values: readonly string[]): string => template.replaceAll(/<\w+>/g, values.map(kql).join(', '));

export interface FollowUpOptions {
  subscriptionBatch: number;
  maxQueryChars: number;
}

/** Reads, with the collection's pager, what EG023 and EG024 need of the rows collected so far. */
export async function collectFollowUps(p: Pager, opts: FollowUpOptions): Promise<void> {
  const fresh: Row[] = [];
  const perQuery = (template: string): number => Math.max(1, Math.floor((opts.maxQueryChars - template.length) / LIST_ITEM_CHARS));
  const perSubscriptions = async (template: string, values: string[], subs: string[], kind: FollowUpKind): Promise<void> => {
    if (!values.length || !subs.length) return;
    for (const part of chunk([...new Set(values)].sort(), perQuery(template))) {
      for (const s of chunk(subs, opts.subscriptionBatch)) await p.subscriptions(s, () => fill(template, part), kind, fresh);
    }
  };

  const inv = inventoryOf([...p.rows.values()]);
  const subs = [...p.subscriptionsSeen].sort();
  const principals = [...inv.clusters.values()].flatMap((c) => [c.identity.principalId, ...c.identity.userAssignedPrincipalIds].filter((x): x is string => !!x));
  if (new Set(principals).size <= perQuery(ROLE_ASSIGNMENT_QUERY_TEMPLATE)) await perSubscriptions(ROLE_ASSIGNMENT_QUERY_TEMPLATE, principals, subs, 'authorization');
  else await typedAssignments(p, new Set(principals.map((x) => x.toLowerCase())), subs, opts.subscriptionBatch, fresh);
  const assigned = inventoryOf(fresh);
  const guids = [...assigned.roleAssignments.values()].map((a) => (a.roleDefinitionId ? roleGuid(a.roleDefinitionId) : '')).filter((g) => g && !BUILT_IN_ROLES.has(g));
  await perSubscriptions(ROLE_DEFINITION_QUERY_TEMPLATE, guids, subs, 'authorization');
  if ([...assigned.roleAssignments.values()].some((a) => /^\/providers\/microsoft\.management\/managementgroups\//i.test(a.scope ?? ''))) {
    await perSubscriptions(SUBSCRIPTION_QUERY_TEMPLATE, subs, subs, 'authorization');
  }

  // Tenant-wide: hub firewalls usually live in a connectivity subscription outside the scanned scope.
  const holders: Row[] = [];
  for (const part of chunk(nextHops(inv), IPS_PER_QUERY)) {
    const label = 'firewalls of the tenant';
    try {
      await p.chain({ query: fill(FIREWALL_QUERY_TEMPLATE, part) }, label, 'firewalls', (r) => void holders.push(r));
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
      p.fail(label, 'firewalls', err);
    }
  }
  // Every hub may hold the same address: only the firewalls a pool can reach are kept and followed.
  const reached = reachedBy(inv, inventoryOf(holders));
  const firewallsFrom = fresh.length;
  for (const r of holders) if (typeof r['id'] !== 'string' || reached.has(key(r['id']))) p.keep(r, fresh);
  // AzureFirewallSubnet comes inside its VNet; then that subnet's NAT gateway, then its public IPs.
  let found = inventoryOf(fresh.slice(firewallsFrom));
  const firewallSubnets = new Set([...found.firewalls.values()].flatMap((f) => f.subnetIds.map(key)));
  let ids = [...found.firewalls.values()].flatMap((f) => f.subnetIds.map((s) => vnetIdOf(s) ?? ''));
  for (let round = 0; round < 3; round++) {
    const wanted = [...new Set(ids.filter((id) => id && !p.rows.has(key(id)) && subscriptionOfId(id) && typeOfId(id)))];
    if (!wanted.length) break;
    const from = fresh.length;
    // One request for the hubs of many subscriptions; a refused one is narrowed down by the pager.
    for (const pack of packIds(wanted, opts.maxQueryChars)) {
      for (const subs of chunk([...new Set(pack.map((id) => subscriptionOfId(id)!))].sort(), opts.subscriptionBatch)) await p.subscriptions(subs, (s) => networkQueryIn(pack, s), 'firewalls', fresh);
    }
    found = inventoryOf(fresh.slice(from));
    ids = [
      ...[...found.subnets.values()].filter((s) => firewallSubnets.has(key(s.id))).map((s) => s.natGatewayId ?? ''),
      ...[...found.natGateways.values()].flatMap((g) => [...g.publicIpIds, ...g.publicIpPrefixIds]),
    ];
  }
}

/**
 * The service principals' assignments of each subscription batch, keeping only the clusters'
 * identities' (an export holds what the scan uses, whichever query read it).
 */
async function typedAssignments(p: Pager, principals: ReadonlySet<string>, subs: string[], batch: number, fresh: Row[]): Promise<void> {
  for (const s of chunk(subs, batch)) {
    const label = `role assignments of ${s.length} subscription(s)`;
    const ours = (r: Row): boolean => {
      const props = r['properties'];
      const id = props && typeof props === 'object' ? (props as Row)['principalId'] : null;
      return typeof id === 'string' && principals.has(id.toLowerCase());
    };
    try {
      await p.chain({ query: ROLE_ASSIGNMENT_TYPED_QUERY, subscriptions: s }, label, 'authorization', (r) => void (ours(r) && p.keep(r, fresh)));
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
      p.fail(label, 'authorization', err);
    }
  }
}

function inventoryOf(rows: readonly Row[]): Inventory {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'followups', path: [i] } }));
  return b.finish().inventory;
}

/** IDs of the firewalls (of `holders`) that some pool's default route may reach, as the facts decide it. */
function reachedBy(inv: Inventory, holders: Inventory): Set<string> {
  const byIp = firewallsByIp(holders.firewalls.values());
  const out = new Set<string>();
  for (const c of inv.clusters.values()) {
    for (const pool of c.pools) {
      const subnet = pool.vnetSubnetId ? inv.subnets.get(key(pool.vnetSubnetId)) : undefined;
      for (const fw of (subnet ? reachableFirewalls(inv, subnet, byIp)?.firewalls : undefined) ?? []) out.add(key(fw.id));
    }
  }
  return out;
}

/** VirtualAppliance next hop IPs of the default routes of the route tables the pools' subnets use. */
function nextHops(inv: Inventory): string[] {
  const out = new Set<string>();
  for (const c of inv.clusters.values()) {
    for (const pool of c.pools) {
      const subnet = pool.vnetSubnetId ? inv.subnets.get(key(pool.vnetSubnetId)) : undefined;
      const ip = subnet ? nextHopIp(inv, subnet) : null;
      if (ip) out.add(ip);
    }
  }
  return [...out].sort();
}

/** The manifest's record of the follow-up queries: each template with its requests. */
export function followUpQueries(queries: readonly { purpose: QueryKind; requests: number }[]): { purpose: FollowUpKind; text: string; requests: number }[] {
  const requests = (k: FollowUpKind): number => queries.find((q) => q.purpose === k)?.requests ?? 0;
  return [
    { purpose: 'authorization', text: [ROLE_ASSIGNMENT_QUERY_TEMPLATE, ROLE_ASSIGNMENT_TYPED_QUERY, ROLE_DEFINITION_QUERY_TEMPLATE, SUBSCRIPTION_QUERY_TEMPLATE].join('\n'), requests: requests('authorization') },
    { purpose: 'firewalls', text: FIREWALL_QUERY_TEMPLATE, requests: requests('firewalls') },
  ];
}

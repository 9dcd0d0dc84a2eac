import type { ScanError } from '../../../errors.ts';
import { key, type Inventory } from '../../model.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import { nextHopIp } from '../../facts/firewall.ts';
import { BUILT_IN_ROLES, roleGuid } from '../../facts/roles.ts';
import { ArgRequestError, type ArgQuery } from './client.ts';
import type { CollectOptions, PageSource, Row } from './collect.ts';
import { chunk, kql, networkQuery, packIds, subscriptionOfId, typeOfId } from './queries.ts';

/**
 * The queries that follow the cluster and network collection, for EG023 and EG024: the role
 * assignments of the clusters' control-plane identities and the role definitions they name
 * (`authorizationresources`), the management-group ancestry of their subscriptions when an
 * assignment is at a management group (`resourcecontainers`), and the Azure Firewalls whose
 * private IPs are the pools' default-route next hops, with their subnets' NAT gateways and IPs.
 * Kept apart from collect.ts: these are optional data, and a refusal (no read access to role
 * assignments) is a scope error like any other, never a crash.
 */

const COLUMNS = 'id, name, type, subscriptionId, properties';
export const ROLE_ASSIGNMENT_QUERY_TEMPLATE = `authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | where properties.principalId in~ (<principalIds>) | project ${COLUMNS} | order by id asc`;
export const ROLE_DEFINITION_QUERY_TEMPLATE = `authorizationresources | where type =~ 'microsoft.authorization/roledefinitions' | where name in~ (<roleGuids>) | project ${COLUMNS} | order by id asc`;
export const SUBSCRIPTION_QUERY_TEMPLATE = `resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | where subscriptionId in~ (<subscriptionIds>) | project ${COLUMNS} | order by id asc`;
// Only an Azure Firewall's first IP configuration holds its subnet and private IP.
export const FIREWALL_QUERY_TEMPLATE = `Resources | where type =~ 'microsoft.network/azurefirewalls' | where properties.ipConfigurations[0].properties.privateIPAddress in (<ips>) or properties.hubIPAddresses.privateIPAddress in (<ips>) | project ${COLUMNS} | order by id asc`;

/** Room one listed value takes in a query: a quoted GUID and its separator, the longest value listed. */
const LIST_ITEM_CHARS = 42;

const fill = (template: string, values: readonly string[]): string => template.replaceAll(/<\w+>/g, values.map(kql).join(', '));

export type FollowUpPurpose = 'authorization' | 'firewalls';

export interface FollowUps {
  rows: Row[];
  errors: ScanError[];
  queries: { purpose: FollowUpPurpose; requests: number }[];
}

export async function collectFollowUps(source: PageSource, opts: CollectOptions, collected: readonly Row[]): Promise<FollowUps> {
  const pageSize = opts.pageSize ?? 1000;
  const batch = opts.subscriptionBatch ?? 200;
  const maxChars = opts.maxQueryChars ?? 8000;
  const rows = new Map<string, Row>();
  for (const r of collected) if (typeof r['id'] === 'string') rows.set(key(r['id']), r);
  const fresh: Row[] = [];
  const errors: ScanError[] = [];
  const requests: Record<FollowUpPurpose, number> = { authorization: 0, firewalls: 0 };

  const run = async (q: Omit<ArgQuery, 'top' | 'skipToken'>, label: string, purpose: FollowUpPurpose): Promise<void> => {
    let skipToken: string | undefined;
    try {
      do {
        requests[purpose]++;
        const page = await source.page({ ...q, top: pageSize, ...(skipToken ? { skipToken } : {}) }, label);
        for (const r of page.rows) {
          const id = typeof r['id'] === 'string' ? key(r['id']) : null;
          if (id && !rows.has(id)) {
            rows.set(id, r);
            fresh.push(r);
          }
        }
        if (page.truncated && !page.skipToken) errors.push({ code: 'result-truncated', message: `${label}: ARG truncated the ${purpose} result (resultTruncated); the rest is missing` });
        skipToken = page.skipToken;
      } while (skipToken);
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
      errors.push({ code: 'scope-failed', message: `${label}: the ${purpose} query failed: ${err.message}` });
    }
  };
  /** One templated query per batch of subscriptions and per pack of values that keeps the text short. */
  const perSubscriptions = async (template: string, values: string[], subs: string[], purpose: FollowUpPurpose): Promise<void> => {
    if (!values.length || !subs.length) return;
    const per = Math.max(1, Math.floor((maxChars - template.length) / LIST_ITEM_CHARS));
    for (const part of chunk([...new Set(values)].sort(), per)) {
      for (const s of chunk(subs, batch)) await run({ query: fill(template, part), subscriptions: s }, `${purpose} of ${s.length} subscription(s)`, purpose);
    }
  };

  const inv = inventoryOf([...rows.values()]);
  const subs = [...new Set([...rows.keys()].map(subscriptionOfId).filter((s): s is string => s !== null))].sort();
  const principals = [...inv.clusters.values()].flatMap((c) => [c.identity.principalId, ...c.identity.userAssignedPrincipalIds].filter((p): p is string => !!p));
  await perSubscriptions(ROLE_ASSIGNMENT_QUERY_TEMPLATE, principals, subs, 'authorization');
  const assigned = inventoryOf(fresh);
  const guids = [...assigned.roleAssignments.values()].map((a) => (a.roleDefinitionId ? roleGuid(a.roleDefinitionId) : '')).filter((g) => g && !BUILT_IN_ROLES.has(g));
  await perSubscriptions(ROLE_DEFINITION_QUERY_TEMPLATE, guids, subs, 'authorization');
  if ([...assigned.roleAssignments.values()].some((a) => /^\/providers\/microsoft\.management\/managementgroups\//i.test(a.scope ?? ''))) {
    await perSubscriptions(SUBSCRIPTION_QUERY_TEMPLATE, subs, subs, 'authorization');
  }

  const hops = nextHops(inv);
  const firewallsFrom = fresh.length;
  for (const part of chunk(hops, 100)) await run({ query: fill(FIREWALL_QUERY_TEMPLATE, part) }, 'firewalls of the tenant', 'firewalls');
  // AzureFirewallSubnet comes inside its VNet; then that subnet's NAT gateway, then its public IPs.
  let follow = inventoryOf(fresh.slice(firewallsFrom));
  let ids = [...follow.firewalls.values()].flatMap((f) => f.subnetIds.map((s) => /^(.*\/virtualnetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(s)?.[1] ?? ''));
  const firewallSubnets = new Set([...follow.firewalls.values()].flatMap((f) => f.subnetIds.map(key)));
  for (let round = 0; round < 3; round++) {
    const wanted = [...new Set(ids.filter((id) => id && !rows.has(key(id)) && subscriptionOfId(id) && typeOfId(id)))];
    if (!wanted.length) break;
    const from = fresh.length;
    for (const pack of packIds(wanted, maxChars)) {
      for (const [sub, inSub] of bySubscription(pack)) {
        await run({ query: networkQuery([...new Set(inSub.map((id) => typeOfId(id)!))].sort(), inSub), subscriptions: [sub] }, `firewall network of subscription ${sub}`, 'firewalls');
      }
    }
    follow = inventoryOf(fresh.slice(from));
    ids = [
      ...[...follow.subnets.values()].filter((s) => firewallSubnets.has(key(s.id))).map((s) => s.natGatewayId ?? ''),
      ...[...follow.natGateways.values()].flatMap((g) => [...g.publicIpIds, ...g.publicIpPrefixIds]),
    ];
  }

  return {
    rows: fresh,
    errors,
    queries: [
      { purpose: 'authorization', requests: requests.authorization },
      { purpose: 'firewalls', requests: requests.firewalls },
    ],
  };
}

function inventoryOf(rows: readonly Row[]): Inventory {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'followups', path: [i] } }));
  return b.finish().inventory;
}

/** VirtualAppliance next hop IPs of the default routes of the route tables the pools' subnets use. */
function nextHops(inv: Inventory): string[] {
  const out = new Set<string>();
  for (const c of inv.clusters.values()) {
    for (const p of c.pools) {
      const subnet = p.vnetSubnetId ? inv.subnets.get(key(p.vnetSubnetId)) : undefined;
      const ip = subnet ? nextHopIp(inv, subnet) : null;
      if (ip) out.add(ip);
    }
  }
  return [...out].sort();
}

function bySubscription(ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of ids) {
    const sub = subscriptionOfId(id)!;
    const list = out.get(sub);
    if (list) list.push(id);
    else out.set(sub, [id]);
  }
  return out;
}

/** The manifest's record of the follow-up queries: each template with its requests. */
export function followUpQueries(f: FollowUps): { purpose: FollowUpPurpose; text: string; requests: number }[] {
  const requests = (p: FollowUpPurpose): number => f.queries.find((q) => q.purpose === p)?.requests ?? 0;
  return [
    { purpose: 'authorization', text: [ROLE_ASSIGNMENT_QUERY_TEMPLATE, ROLE_DEFINITION_QUERY_TEMPLATE, SUBSCRIPTION_QUERY_TEMPLATE].join('\n'), requests: requests('authorization') },
    { purpose: 'firewalls', text: FIREWALL_QUERY_TEMPLATE, requests: requests('firewalls') },
  ];
}

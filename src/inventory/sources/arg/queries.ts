/**
 * The ARG queries of a live scan: the clusters in scope, then the network resources they
 * reference, either every one of the referenced types in a subscription (typed, scope-wide) or
 * by ID lists. Each projects just the columns the normalizer reads and orders by `id`, which ARG
 * needs for pages that neither repeat nor drop rows.
 */

/** What the scan reads of each resource type it fetches: the one place to add a type. */
export interface FetchedType {
  type: string;
  /** Top-level columns the normalizer and facts read (ARG projects nested paths as new columns). */
  columns: readonly string[];
  /** `scope`: every one in the scanned scope; `referenced`: only those a fetched resource points at. */
  fetch: 'scope' | 'referenced';
}

const NETWORK_COLUMNS = ['id', 'name', 'type', 'subscriptionId', 'sku', 'zones', 'properties'];

export const FETCHED_TYPES: readonly FetchedType[] = [
  // identity: the control-plane identity whose role assignments EG023 reads.
  { type: 'microsoft.containerservice/managedclusters', columns: ['id', 'name', 'type', 'location', 'resourceGroup', 'subscriptionId', 'tags', 'identity', 'properties'], fetch: 'scope' },
  // NSGs are referenced by subnets but no fact uses them, so they are not fetched.
  { type: 'microsoft.network/virtualnetworks', columns: NETWORK_COLUMNS, fetch: 'referenced' },
  { type: 'microsoft.network/natgateways', columns: NETWORK_COLUMNS, fetch: 'referenced' },
  { type: 'microsoft.network/publicipaddresses', columns: NETWORK_COLUMNS, fetch: 'referenced' },
  { type: 'microsoft.network/publicipprefixes', columns: NETWORK_COLUMNS, fetch: 'referenced' },
  { type: 'microsoft.network/routetables', columns: NETWORK_COLUMNS, fetch: 'referenced' },
];

export const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';

/** Network types the facts join reads. */
export const NETWORK_TYPES: readonly string[] = FETCHED_TYPES.filter((t) => t.fetch === 'referenced').map((t) => t.type);

/** The columns a query over these types projects: every column any of them needs, in table order. */
function columnsFor(types: readonly string[]): string {
  const wanted = new Set(FETCHED_TYPES.filter((t) => types.includes(t.type)).flatMap((t) => t.columns));
  return [...new Set(FETCHED_TYPES.flatMap((t) => t.columns))].filter((c) => wanted.has(c)).join(', ');
}

function typeFilter(types: readonly string[]): string {
  return types.length === 1 ? `type =~ ${kql(types[0]!)}` : `type in~ (${types.map(kql).join(', ')})`;
}

export const CLUSTER_QUERY = `Resources | where ${typeFilter([CLUSTER_TYPE])} | project ${columnsFor([CLUSTER_TYPE])} | order by id asc`;

/** Every resource of the referenced types in the request's subscriptions. */
export const TYPED_NETWORK_QUERY = `Resources | where ${typeFilter(NETWORK_TYPES)} | project ${columnsFor(NETWORK_TYPES)} | order by id asc`;

/** The network query with its lists left as placeholders: what the export manifest records. */
export const NETWORK_QUERY_TEMPLATE = `Resources | where type in~ (<types>) | where id in~ (<ids>) | project ${columnsFor(NETWORK_TYPES)} | order by id asc`;

export function networkQuery(types: readonly string[], ids: readonly string[]): string {
  return NETWORK_QUERY_TEMPLATE.replace('<types>', types.map(kql).join(', ')).replace('<ids>', ids.map(kql).join(', '));
}

/** The network query for those of `ids` in the request's subscriptions (one request covers several). */
export function networkQueryIn(ids: readonly string[], subs: readonly string[]): string {
  const inScope = ids.filter((id) => subs.includes(subscriptionOfId(id)!));
  return networkQuery([...new Set(inScope.map((id) => typeOfId(id)!))].sort(), inScope);
}

/** A KQL string literal; IDs come from ARG data, so they are escaped, never trusted. */
export function kql(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\r\n]/g, ' ')}'`;
}

/**
 * Splits IDs into groups whose query text stays under `maxChars` (ARG refuses overly long
 * queries; a conservative budget keeps each request well inside it).
 */
export function packIds(ids: readonly string[], maxChars: number): string[][] {
  const overhead = networkQuery(NETWORK_TYPES, []).length;
  const out: string[][] = [];
  let cur: string[] = [];
  let size = overhead;
  for (const id of ids) {
    const add = kql(id).length + 2;
    if (cur.length && size + add > maxChars) {
      out.push(cur);
      cur = [];
      size = overhead;
    }
    cur.push(id);
    size += add;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** `microsoft.network/publicipaddresses` from `/subscriptions/…/providers/Microsoft.Network/publicIPAddresses/x`. */
export function typeOfId(id: string): string | null {
  const parts = id.split('/').filter(Boolean);
  const p = parts.findIndex((s) => s.toLowerCase() === 'providers');
  if (p < 0 || p + 2 >= parts.length) return null;
  const ns = parts[p + 1]!;
  const types: string[] = [];
  for (let i = p + 2; i < parts.length; i += 2) types.push(parts[i]!);
  return `${ns}/${types.join('/')}`.toLowerCase();
}

export function subscriptionOfId(id: string): string | null {
  const m = /^\/subscriptions\/([^/]+)/i.exec(id);
  return m ? m[1]!.toLowerCase() : null;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

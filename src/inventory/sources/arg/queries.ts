/**
 * The ARG queries of a live scan. Two kinds only: the clusters in scope, then the network
 * resources those clusters reference, by ID. Each projects just the columns the normalizer reads
 * and orders by `id`, which ARG needs for pages that neither repeat nor drop rows.
 */

export const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';

/** Network types the facts join reads. NSGs are referenced by subnets but no fact uses them, so they are not fetched. */
export const NETWORK_TYPES: readonly string[] = [
  'microsoft.network/virtualnetworks',
  'microsoft.network/natgateways',
  'microsoft.network/publicipaddresses',
  'microsoft.network/publicipprefixes',
  'microsoft.network/routetables',
];

// identity: the control-plane identity whose role assignments EG023 reads.
const CLUSTER_COLUMNS = 'id, name, type, location, resourceGroup, subscriptionId, tags, identity, properties';
const NETWORK_COLUMNS = 'id, name, type, subscriptionId, sku, zones, properties';

export const CLUSTER_QUERY = `Resources | where type =~ '${CLUSTER_TYPE}' | project ${CLUSTER_COLUMNS} | order by id asc`;

/** The network query with its lists left as placeholders: what the export manifest records. */
export const NETWORK_QUERY_TEMPLATE = `Resources | where type in~ (<types>) | where id in~ (<ids>) | project ${NETWORK_COLUMNS} | order by id asc`;

export function networkQuery(types: readonly string[], ids: readonly string[]): string {
  return NETWORK_QUERY_TEMPLATE.replace('<types>', types.map(kql).join(', ')).replace('<ids>', ids.map(kql).join(', '));
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

import type { ScanError } from '../../../errors.ts';
import type { ArgEvent } from './events.ts';
import { collectFollowUps } from './followups.ts';
import { collectNetwork, type NetworkStrategy } from './network.ts';
import { Pager, unique, type PageSource, type QueryKind, type Row } from './pager.ts';
import { chunk, CLUSTER_QUERY } from './queries.ts';

export type { PageSource, Row } from './pager.ts';
export type { NetworkStrategy } from './network.ts';

/** What to scan: subscriptions and/or management groups; neither means the whole tenant. */
export interface ArgScope {
  subscriptions: string[];
  managementGroups: string[];
  tenantId?: string;
}

export interface CollectOptions {
  scope: ArgScope;
  /** Rows per page: ARG's maximum, 1,000, unless testing. */
  pageSize?: number;
  /** Subscriptions per request, well under ARG's per-request limit of 1,000. */
  subscriptionBatch?: number;
  /** Longest network query text (characters). */
  maxQueryChars?: number;
  /** How network resources are fetched (default auto: whichever takes fewer requests). */
  network?: NetworkStrategy;
  onEvent?: (e: ArgEvent) => void;
}

export interface Collected {
  rows: Row[];
  errors: ScanError[];
  /** IDs ARG sent twice with different bodies: both rows are kept, and the scan reports them as in files. */
  conflicts: string[];
  queries: { purpose: QueryKind; requests: number }[];
  pages: number;
}

/**
 * No documented limit on ARG's query text was found; this budget is a conservative guess that
 * keeps an ID list to a couple of hundred IDs (4x the old 8,000, which cost 4x the requests).
 */
export const MAX_QUERY_CHARS = 32_000;

/** Fetches the clusters in scope, then the network resources they reference. */
export async function collect(source: PageSource, opts: CollectOptions): Promise<Collected> {
  const pageSize = opts.pageSize ?? 1000;
  const batch = opts.subscriptionBatch ?? 200;
  const p = new Pager(source, pageSize, opts.onEvent ?? (() => {}));

  p.emit({ kind: 'phase', phase: 'clusters' });
  const clusters: Row[] = [];
  const { subscriptions, managementGroups } = opts.scope;
  for (const subs of chunk(unique(subscriptions), batch)) await p.subscriptions(subs, () => CLUSTER_QUERY, 'clusters', clusters);
  const whole = async (label: string, scope: { managementGroups?: string[] }, resourceId?: string): Promise<void> => {
    try {
      await p.chain({ query: CLUSTER_QUERY, ...scope }, label, 'clusters', (r) => p.keep(r, clusters));
    } catch (err) {
      p.fail(label, 'clusters', err, resourceId);
    }
  };
  for (const mg of unique(managementGroups)) await whole(`management group ${mg}`, { managementGroups: [mg] }, `/providers/Microsoft.Management/managementGroups/${mg}`);
  if (!subscriptions.length && !managementGroups.length) await whole(opts.scope.tenantId ? `tenant ${opts.scope.tenantId}` : 'tenant', {});

  await collectNetwork(p, clusters, { strategy: opts.network ?? 'auto', subscriptionBatch: batch, maxQueryChars: opts.maxQueryChars ?? MAX_QUERY_CHARS, pageSize });
  await collectFollowUps(p, { subscriptionBatch: batch, maxQueryChars: opts.maxQueryChars ?? MAX_QUERY_CHARS });

  p.emit({ kind: 'done', rows: p.rows.size + p.extra.length, subscriptions: p.subscriptionsSeen.size });
  return {
    rows: [...p.rows.values(), ...p.extra],
    errors: p.errors,
    conflicts: p.conflicts,
    queries: (Object.keys(p.requests) as QueryKind[]).map((purpose) => ({ purpose, requests: p.requests[purpose] })),
    pages: p.pages,
  };
}

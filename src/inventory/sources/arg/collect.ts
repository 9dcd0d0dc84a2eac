import type { ScanError } from '../../../errors.ts';
import { key } from '../../model.ts';
import { ArgRequestError, type ArgPage, type ArgQuery } from './client.ts';
import type { ArgEvent } from './events.ts';
import { chunk, CLUSTER_QUERY, networkQuery, packIds, subscriptionOfId, typeOfId } from './queries.ts';
import { ReferenceWalker } from './refs.ts';

export type Row = Record<string, unknown>;

/** What to scan: subscriptions and/or management groups; neither means the whole tenant. */
export interface ArgScope {
  subscriptions: string[];
  managementGroups: string[];
  tenantId?: string;
}

export interface PageSource {
  page(q: ArgQuery, scope: string): Promise<ArgPage>;
}

export interface CollectOptions {
  scope: ArgScope;
  /** Rows per page: ARG's maximum, 1,000, unless testing. */
  pageSize?: number;
  /** Subscriptions per request, well under ARG's per-request limit of 1,000. */
  subscriptionBatch?: number;
  /** Longest network query text (characters). */
  maxQueryChars?: number;
  onEvent?: (e: ArgEvent) => void;
}

export interface Collected {
  rows: Row[];
  errors: ScanError[];
  /** IDs ARG sent twice with different bodies: both rows are kept, and the scan reports them as in files. */
  conflicts: string[];
  queries: { purpose: 'clusters' | 'network'; requests: number }[];
  pages: number;
}

type Purpose = 'clusters' | 'network';

interface Chain {
  query: string;
  subscriptions?: string[];
  managementGroups?: string[];
}

/** Fetches the clusters in scope, then, round by round, the network resources they reference. */
export async function collect(source: PageSource, opts: CollectOptions): Promise<Collected> {
  const pageSize = opts.pageSize ?? 1000;
  const batch = opts.subscriptionBatch ?? 200;
  const maxChars = opts.maxQueryChars ?? 8000;
  const emit = opts.onEvent ?? (() => {});
  const rows = new Map<string, Row>();
  const anonymous: Row[] = [];
  const subscriptionsSeen = new Set<string>();
  const errors: ScanError[] = [];
  const conflicts: string[] = [];
  const requests = { clusters: 0, network: 0 };
  let pages = 0;
  let limitReported = false;

  /**
   * A row seen again is dropped when it says the same; when it differs it is kept beside the
   * first, so that the scan reports the pair as a duplicate ID exactly as it does in files.
   */
  const keep = (r: Row, fresh: Row[]): void => {
    const id = typeof r['id'] === 'string' ? r['id'] : null;
    if (id === null) return void anonymous.push(r);
    const prior = rows.get(key(id));
    if (prior) {
      if (canonical(prior) !== canonical(r)) {
        anonymous.push(r);
        conflicts.push(id);
      }
      return;
    }
    rows.set(key(id), r);
    const sub = subscriptionOfId(id);
    if (sub) subscriptionsSeen.add(sub);
    fresh.push(r);
  };

  /**
   * Every page of one query over one scope; throws ArgRequestError when a page fails for good.
   * Pages are held to what a file must hold: a result that ends short of its totalRecords, a
   * $skipToken that comes back, or pages that keep coming without rows end the scope with an error,
   * so a faulty endpoint can neither drop rows silently nor page forever.
   */
  const runChain = async (chain: Chain, label: string, purpose: Purpose, fresh: Row[]): Promise<void> => {
    let top = pageSize;
    let skipToken: string | undefined;
    const tokens = new Set<string>();
    let received = 0;
    let empty = 0;
    const stop = (code: string, why: string): void => {
      errors.push({ code, message: `${label}: the ${purpose} result ${why}; the rest of this scope is missing` });
    };
    for (let n = 1; ; ) {
      let page: ArgPage;
      try {
        requests[purpose]++;
        page = await source.page({ ...chain, top, ...(skipToken ? { skipToken } : {}) }, label);
      } catch (err) {
        if (err instanceof ArgRequestError && err.code === 'ResponsePayloadTooLarge' && top > 1) {
          top = Math.max(1, Math.floor(top / 2));
          emit({ kind: 'shrink', scope: label, top });
          continue;
        }
        throw err;
      }
      pages++;
      received += page.rows.length;
      for (const r of page.rows) keep(r, fresh);
      emit({ kind: 'page', purpose, scope: label, page: n, rows: page.rows.length, totalRecords: page.totalRecords, subscriptions: subscriptionsSeen.size });
      if (page.subscriptionLimitHit && !limitReported) {
        limitReported = true;
        errors.push({ code: 'subscription-limit', message: `${label}: ARG read only the first 10,000 subscriptions of the scope (x-ms-tenant-subscription-limit-hit); scan narrower scopes` });
      }
      if (page.truncated && !page.skipToken) {
        errors.push({ code: 'result-truncated', message: `${label}: ARG truncated the ${purpose} result (resultTruncated) after ${page.rows.length} rows of page ${n}; the rest of this scope is missing` });
        return;
      }
      if (!page.skipToken) {
        if (page.totalRecords > received) stop('result-incomplete', `ended after ${received} of its ${page.totalRecords} rows (totalRecords) with no $skipToken`);
        return;
      }
      empty = page.rows.length ? 0 : empty + 1;
      if (tokens.has(page.skipToken)) return stop('paging-loop', `repeated a $skipToken at page ${n}`);
      if (empty >= MAX_EMPTY_PAGES) return stop('paging-loop', `came back empty ${empty} pages running at page ${n}`);
      if (n >= pageBound(page.totalRecords, top)) return stop('paging-loop', `still had a $skipToken after ${n} pages for ${page.totalRecords} rows`);
      tokens.add(page.skipToken);
      skipToken = page.skipToken;
      n++;
    }
  };

  const fail = (label: string, purpose: Purpose, err: unknown, resourceId?: string): void => {
    if (!(err instanceof ArgRequestError)) throw err;
    const message = `${label}: the ${purpose} query failed: ${err.message}`;
    errors.push({ code: 'scope-failed', message, ...(resourceId ? { resourceId } : {}) });
    emit({ kind: 'scope-failed', scope: label, message: err.message });
  };

  /** A query over some subscriptions; a refusal of the batch is narrowed down to the subscriptions refused. */
  const runSubscriptions = async (subs: string[], build: (subs: string[]) => string, purpose: Purpose, fresh: Row[]): Promise<void> => {
    const label = describeSubscriptions(subs);
    try {
      await runChain({ query: build(subs), subscriptions: subs }, label, purpose, fresh);
    } catch (err) {
      if (err instanceof ArgRequestError && err.status === 403 && subs.length > 1) {
        const half = Math.ceil(subs.length / 2);
        await runSubscriptions(subs.slice(0, half), build, purpose, fresh);
        await runSubscriptions(subs.slice(half), build, purpose, fresh);
        return;
      }
      for (const s of subs) fail(`subscription ${s}`, purpose, err, `/subscriptions/${s}`);
    }
  };

  emit({ kind: 'phase', phase: 'clusters' });
  const clusters: Row[] = [];
  const { subscriptions, managementGroups } = opts.scope;
  for (const subs of chunk(unique(subscriptions), batch)) await runSubscriptions(subs, () => CLUSTER_QUERY, 'clusters', clusters);
  for (const mg of unique(managementGroups)) {
    const label = `management group ${mg}`;
    try {
      await runChain({ query: CLUSTER_QUERY, managementGroups: [mg] }, label, 'clusters', clusters);
    } catch (err) {
      fail(label, 'clusters', err, `/providers/Microsoft.Management/managementGroups/${mg}`);
    }
  }
  if (!subscriptions.length && !managementGroups.length) {
    const label = opts.scope.tenantId ? `tenant ${opts.scope.tenantId}` : 'tenant';
    try {
      await runChain({ query: CLUSTER_QUERY }, label, 'clusters', clusters);
    } catch (err) {
      fail(label, 'clusters', err);
    }
  }

  const walker = new ReferenceWalker();
  const requested = new Set(rows.keys());
  let fresh = clusters;
  for (let round = 1; ; round++) {
    const ids = walker.next(fresh).filter((id) => !requested.has(key(id)) && subscriptionOfId(id) !== null);
    if (!ids.length) break;
    for (const id of ids) requested.add(key(id));
    ids.sort((a, b) => cmp(`${subscriptionOfId(a)}/${key(a)}`, `${subscriptionOfId(b)}/${key(b)}`));
    const packs = packIds(ids, maxChars);
    emit({ kind: 'phase', phase: 'network', round, resources: ids.length, queries: packs.length });
    fresh = [];
    for (const pack of packs) {
      const build = (subs: string[]): string => {
        const inScope = pack.filter((id) => subs.includes(subscriptionOfId(id)!));
        return networkQuery(unique(inScope.map((id) => typeOfId(id)!)).sort(), inScope);
      };
      await runSubscriptions(unique(pack.map((id) => subscriptionOfId(id)!)), build, 'network', fresh);
    }
  }

  return {
    rows: [...rows.values(), ...anonymous],
    errors,
    conflicts,
    queries: [
      { purpose: 'clusters', requests: requests.clusters },
      { purpose: 'network', requests: requests.network },
    ],
    pages,
  };
}

/** Consecutive pages without rows that a paging query may send before it is given up. */
const MAX_EMPTY_PAGES = 3;

/** The most pages a result of `total` rows can take at `top` rows a page, with room for a few short ones. */
function pageBound(total: number, top: number): number {
  return Math.ceil(Math.max(total, 1) / top) + MAX_EMPTY_PAGES + 1;
}

function canonical(row: Row): string {
  return JSON.stringify(row, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => cmp(a, b))) : v));
}

function unique(xs: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const x of xs) if (!seen.has(x.toLowerCase())) seen.set(x.toLowerCase(), x);
  return [...seen.values()];
}

function describeSubscriptions(subs: readonly string[]): string {
  if (subs.length === 1) return `subscription ${subs[0]}`;
  return `subscriptions ${subs[0]} … ${subs[subs.length - 1]} (${subs.length})`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

import { key } from '../../model.ts';
import { ArgRequestError } from './client.ts';
import { chunk, networkQueryIn, packIds, subscriptionOfId, TYPED_NETWORK_QUERY } from './queries.ts';
import { cmp, describeSubscriptions, unique, type Pager, type Row } from './pager.ts';
import { ReferenceWalker } from './refs.ts';

/**
 * How network resources are fetched. `ids`: round by round, by lists of the referenced IDs.
 * `typed`: first every resource of the referenced types in the subscriptions the clusters point
 * at, then ID lists only for what those did not hold. `auto`: typed for a batch of subscriptions
 * unless its first page shows that the rows it would bring are more requests than the ID lists.
 */
export type NetworkStrategy = 'auto' | 'typed' | 'ids';

export interface NetworkOptions {
  strategy: NetworkStrategy;
  subscriptionBatch: number;
  maxQueryChars: number;
  pageSize: number;
}

/**
 * Fetches, round by round, the network resources the clusters reference (see ReferenceWalker).
 * Only the rows reached from the clusters are kept, whatever was fetched, so both strategies keep
 * exactly the same rows and the scan's verdicts cannot depend on the strategy.
 */
export async function collectNetwork(p: Pager, clusters: Row[], opts: NetworkOptions): Promise<void> {
  const walker = new ReferenceWalker();
  const requested = new Set(p.rows.keys());
  // Rows fetched by type but not reached yet, and subscriptions whose referenced types were read whole.
  const fetched = new Map<string, Row[]>();
  const whole = new Set<string>();
  let fresh = clusters;
  for (let round = 1; ; round++) {
    const ids = walker.next(fresh).filter((id) => !requested.has(key(id)) && subscriptionOfId(id) !== null);
    if (!ids.length) break;
    for (const id of ids) requested.add(key(id));
    if (round === 1 && opts.strategy !== 'ids') await fetchTyped(p, ids, fetched, whole, opts);
    fresh = [];
    const wanted: string[] = [];
    for (const id of ids) {
      const hit = fetched.get(key(id));
      if (hit) for (const r of hit) p.keep(r, fresh);
      else if (!whole.has(subscriptionOfId(id)!)) wanted.push(id);
    }
    if (!wanted.length) continue;
    wanted.sort((a, b) => cmp(`${subscriptionOfId(a)}/${key(a)}`, `${subscriptionOfId(b)}/${key(b)}`));
    const packs = packIds(wanted, opts.maxQueryChars);
    p.emit({ kind: 'phase', phase: 'network', round, resources: wanted.length, queries: packs.length });
    for (const pack of packs) {
      await p.subscriptions(unique(pack.map((id) => subscriptionOfId(id)!)), (subs) => networkQueryIn(pack, subs), 'network', fresh);
    }
  }
}

/**
 * The typed, scope-wide network query over the subscriptions the first round references, batch by
 * batch. Anything that goes wrong here (a refused batch, a truncated result) only means those
 * subscriptions are left to the ID lists, which report it if it persists.
 */
async function fetchTyped(p: Pager, ids: string[], fetched: Map<string, Row[]>, whole: Set<string>, opts: NetworkOptions): Promise<void> {
  const bySub = new Map<string, string[]>();
  for (const id of ids) {
    const sub = subscriptionOfId(id)!;
    const list = bySub.get(sub);
    if (list) list.push(id);
    else bySub.set(sub, [id]);
  }
  const batches = chunk([...bySub.keys()].sort(), opts.subscriptionBatch);
  p.emit({ kind: 'phase', phase: 'network-typed', resources: ids.length, queries: batches.length });
  for (const subs of batches) {
    const referenced = subs.flatMap((s) => bySub.get(s)!);
    const sink = (r: Row): void => {
      const id = typeof r['id'] === 'string' ? key(r['id']) : null;
      if (id === null) return;
      const list = fetched.get(id);
      if (list) list.push(r);
      else fetched.set(id, [r]);
    };
    const goOn = opts.strategy === 'typed' ? undefined : (first: { totalRecords: number }) => typedIsCheaper(first.totalRecords, referenced, opts);
    try {
      const end = await p.chain({ query: TYPED_NETWORK_QUERY, subscriptions: subs }, describeSubscriptions(subs), 'network-typed', sink, { ...(goOn ? { goOn } : {}), report: () => {} });
      if (end === 'done') for (const s of subs) whole.add(s);
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
    }
  }
}

/**
 * Pages of the typed query against requests of the ID lists: the first round's lists (known
 * exactly) plus the later rounds, which in the estates measured (docs/performance.md) take about
 * as many requests again, and at least one each.
 */
function typedIsCheaper(total: number, referenced: readonly string[], opts: Pick<NetworkOptions, 'maxQueryChars' | 'pageSize'>): boolean {
  const typed = Math.ceil(total / opts.pageSize);
  const firstRound = packIds(referenced, opts.maxQueryChars).length;
  return typed <= 2 * firstRound + LATER_ROUNDS;
}

/** Rounds after the first that the ID lists usually need (NAT gateways and route tables, then their IPs). */
const LATER_ROUNDS = 2;

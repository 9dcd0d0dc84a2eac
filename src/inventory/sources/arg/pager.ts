import type { ScanError } from '../../../errors.ts';
import { key } from '../../model.ts';
import { ArgRequestError, type ArgPage, type ArgQuery } from './client.ts';
import type { ArgEvent } from './events.ts';
import { subscriptionOfId } from './queries.ts';

export type Row = Record<string, unknown>;

export interface PageSource {
  page(q: ArgQuery, scope: string): Promise<ArgPage>;
}

/** Which query a request belongs to: counted apart in the manifest. */
export type QueryKind = 'clusters' | 'network' | 'network-typed' | FollowUpKind;
/** The follow-up queries of EG023 and EG024 (followups.ts). */
export type FollowUpKind = 'authorization' | 'firewalls';

export interface Chain {
  query: string;
  subscriptions?: string[];
  managementGroups?: string[];
}

/** How a chain of pages ended: every page read, stopped on request after the first, or an error reported. */
export type ChainEnd = 'done' | 'stopped' | 'broken';

export interface ChainOptions {
  /** Asked after the first page: false stops there (the rows read so far are kept). */
  goOn?: (first: ArgPage) => boolean;
  /** Where a problem with the result goes (default: the scan's errors). */
  report?: (e: ScanError) => void;
}

/** Consecutive pages without rows that a paging query may send before it is given up. */
const MAX_EMPTY_PAGES = 3;

/**
 * The rows a collection has kept and the paging of its queries, with the checks every page gets.
 * A row seen again is dropped when it says the same; when it differs it is kept beside the first,
 * so that the scan reports the pair as a duplicate ID exactly as it does in files.
 */
export class Pager {
  readonly rows = new Map<string, Row>();
  readonly extra: Row[] = [];
  readonly conflicts: string[] = [];
  readonly errors: ScanError[] = [];
  readonly subscriptionsSeen = new Set<string>();
  readonly requests: Record<QueryKind, number> = { clusters: 0, network: 0, 'network-typed': 0, authorization: 0, firewalls: 0 };
  pages = 0;
  private limitReported = false;
  private readonly source: PageSource;
  private readonly pageSize: number;
  readonly emit: (e: ArgEvent) => void;

  constructor(source: PageSource, pageSize: number, emit: (e: ArgEvent) => void) {
    this.source = source;
    this.pageSize = pageSize;
    this.emit = emit;
  }

  /** Keeps a row; rows new to the collection are also added to `fresh`. */
  keep(r: Row, fresh: Row[]): void {
    const id = typeof r['id'] === 'string' ? r['id'] : null;
    if (id === null) return void this.extra.push(r);
    const prior = this.rows.get(key(id));
    if (prior) {
      if (canonical(prior) !== canonical(r)) {
        this.extra.push(r);
        this.conflicts.push(id);
      }
      return;
    }
    this.rows.set(key(id), r);
    const sub = subscriptionOfId(id);
    if (sub) this.subscriptionsSeen.add(sub);
    fresh.push(r);
  }

  /**
   * Every page of one query over one scope, each row handed to `sink`; throws ArgRequestError when
   * a page fails for good. Pages are held to what a file must hold: a result that ends short of
   * its totalRecords, a $skipToken that comes back, or pages that keep coming without rows end
   * the scope with an error, so a faulty endpoint can neither drop rows silently nor page forever.
   */
  async chain(chain: Chain, label: string, kind: QueryKind, sink: (r: Row) => void, opts: ChainOptions = {}): Promise<ChainEnd> {
    const purpose = kind === 'clusters' ? 'clusters' : 'network';
    const report = opts.report ?? ((e: ScanError) => void this.errors.push(e));
    const stop = (code: string, why: string): ChainEnd => {
      report({ code, message: `${label}: the ${purpose} result ${why}; the rest of this scope is missing` });
      return 'broken';
    };
    let top = this.pageSize;
    let skipToken: string | undefined;
    const tokens = new Set<string>();
    let received = 0;
    let empty = 0;
    for (let n = 1; ; ) {
      let page: ArgPage;
      try {
        this.requests[kind]++;
        page = await this.source.page({ ...chain, top, ...(skipToken ? { skipToken } : {}) }, label);
      } catch (err) {
        if (err instanceof ArgRequestError && err.code === 'ResponsePayloadTooLarge' && top > 1) {
          top = Math.max(1, Math.floor(top / 2));
          this.emit({ kind: 'shrink', scope: label, top });
          continue;
        }
        throw err;
      }
      this.pages++;
      received += page.rows.length;
      for (const r of page.rows) sink(r);
      this.emit({ kind: 'page', purpose, scope: label, page: n, rows: page.rows.length, totalRecords: page.totalRecords, subscriptions: this.subscriptionsSeen.size });
      if (page.subscriptionLimitHit && !this.limitReported) {
        this.limitReported = true;
        this.errors.push({ code: 'subscription-limit', message: `${label}: ARG read only the first 10,000 subscriptions of the scope (x-ms-tenant-subscription-limit-hit); scan narrower scopes` });
      }
      if (page.truncated && !page.skipToken) {
        report({ code: 'result-truncated', message: `${label}: ARG truncated the ${purpose} result (resultTruncated) after ${page.rows.length} rows of page ${n}; the rest of this scope is missing` });
        return 'broken';
      }
      if (!page.skipToken) {
        if (page.totalRecords > received) return stop('result-incomplete', `ended after ${received} of its ${page.totalRecords} rows (totalRecords) with no $skipToken`);
        return 'done';
      }
      if (n === 1 && opts.goOn && !opts.goOn(page)) return 'stopped';
      empty = page.rows.length ? 0 : empty + 1;
      if (tokens.has(page.skipToken)) return stop('paging-loop', `repeated a $skipToken at page ${n}`);
      if (empty >= MAX_EMPTY_PAGES) return stop('paging-loop', `came back empty ${empty} pages running at page ${n}`);
      if (n >= pageBound(page.totalRecords, top)) return stop('paging-loop', `still had a $skipToken after ${n} pages for ${page.totalRecords} rows`);
      tokens.add(page.skipToken);
      skipToken = page.skipToken;
      n++;
    }
  }

  /** Records a scope that failed for good (any other error is a bug and is thrown on). */
  fail(label: string, kind: QueryKind, err: unknown, resourceId?: string): void {
    if (!(err instanceof ArgRequestError)) throw err;
    const message = `${label}: the ${kind === 'network-typed' ? 'network' : kind} query failed: ${err.message}`;
    this.errors.push({ code: 'scope-failed', message, ...(resourceId ? { resourceId } : {}) });
    this.emit({ kind: 'scope-failed', scope: label, message: err.message });
  }

  /** A query over some subscriptions; a refusal of the batch is narrowed down to the subscriptions refused. */
  async subscriptions(subs: string[], build: (subs: string[]) => string, kind: QueryKind, fresh: Row[]): Promise<void> {
    try {
      await this.chain({ query: build(subs), subscriptions: subs }, describeSubscriptions(subs), kind, (r) => this.keep(r, fresh));
    } catch (err) {
      if (err instanceof ArgRequestError && err.status === 403 && subs.length > 1) {
        const half = Math.ceil(subs.length / 2);
        await this.subscriptions(subs.slice(0, half), build, kind, fresh);
        await this.subscriptions(subs.slice(half), build, kind, fresh);
        return;
      }
      for (const s of subs) this.fail(`subscription ${s}`, kind, err, `/subscriptions/${s}`);
    }
  }
}

/** The most pages a result of `total` rows can take at `top` rows a page, with room for a few short ones. */
function pageBound(total: number, top: number): number {
  return Math.ceil(Math.max(total, 1) / top) + MAX_EMPTY_PAGES + 1;
}

function canonical(row: Row): string {
  return JSON.stringify(row, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => cmp(a, b))) : v));
}

export function describeSubscriptions(subs: readonly string[]): string {
  if (subs.length === 1) return `subscription ${subs[0]}`;
  return `subscriptions ${subs[0]} … ${subs[subs.length - 1]} (${subs.length})`;
}

export function unique(xs: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const x of xs) if (!seen.has(x.toLowerCase())) seen.set(x.toLowerCase(), x);
  return [...seen.values()];
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

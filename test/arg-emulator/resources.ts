import { createHash, randomUUID } from 'node:crypto';
import { kustoErrors, position } from './kusto.ts';
import { compileQuery, lookup, UnsupportedQuery, type Table } from './query.ts';
import type { Row, TenantData } from './tenant.ts';

/** The body of POST /providers/Microsoft.ResourceGraph/resources (api-version 2024-04-01). */
export interface QueryBody {
  subscriptions?: string[];
  managementGroups?: string[];
  query?: string;
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: string; allowPartialScopes?: boolean };
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ResourcesSettings {
  forbiddenSubscriptions: Set<string>;
  forbiddenManagementGroups: Set<string>;
  /** A query over any of these subscriptions comes back cut short, with resultTruncated "true". */
  truncatedSubscriptions: Set<string>;
  maxPayloadBytes: number;
  /** Tenant and management-group queries read at most this many subscriptions (ARG: 10,000). */
  subscriptionLimit: number;
}

const MAX_TOP = 1000;
const DEFAULT_TOP = 100;
const MAX_SUBSCRIPTIONS = 1000;

export function argError(status: number, code: string, detail: string, extra: Record<string, unknown>[] = []): Reply {
  return {
    status,
    body: {
      error: {
        code,
        message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`,
        details: [{ code, message: detail }, ...extra],
      },
    },
  };
}

interface SkipToken {
  h: string;
  o: number;
  t: number;
}

/** Answers one ARG query: scope check, Kusto validation, execution, paging. */
export function answer(body: QueryBody, tenant: TenantData, s: ResourcesSettings): Reply {
  const query = body.query;
  if (typeof query !== 'string' || query.trim() === '') return argError(400, 'BadRequest', 'The request body must contain a query.');
  const opts = body.options ?? {};
  if ((opts.resultFormat ?? 'objectArray') !== 'objectArray') return argError(400, 'BadRequest', 'The emulator serves resultFormat objectArray only.');
  if (opts.$top !== undefined && (!Number.isInteger(opts.$top) || opts.$top < 1 || opts.$top > MAX_TOP)) {
    return argError(400, 'InvalidQueryOptions', `$top must be between 1 and ${MAX_TOP}; found ${String(opts.$top)}.`);
  }
  const scope = resolveScope(body, tenant, s);
  if ('reply' in scope) return scope.reply;

  const errors = kustoErrors(query);
  if (errors.length) {
    const first = errors[0]!;
    const pos = position(query, first.start);
    return argError(400, 'BadRequest', 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.', [
      { code: 'ParserFailure', message: `${first.code}: ${first.message}`, line: pos.line, characterPositionInLine: pos.column, token: query.substr(first.start, Math.max(first.length, 1)) },
    ]);
  }
  let compiled;
  try {
    compiled = compileQuery(query);
  } catch (err) {
    if (err instanceof UnsupportedQuery) return argError(400, 'UnsupportedByEmulator', `The emulator does not execute this (valid) query: ${err.message}`);
    throw err;
  }

  const hash = createHash('sha256').update(query).update(JSON.stringify(scope.key)).digest('hex').slice(0, 16);
  let offset = opts.$skip ?? 0;
  let top = opts.$top ?? DEFAULT_TOP;
  if (opts.$skipToken !== undefined) {
    const token = decodeToken(opts.$skipToken);
    if (!token || token.h !== hash) return argError(400, 'InvalidSkipToken', 'The $skipToken does not belong to this query and scope.');
    offset = token.o;
    top = opts.$top ?? token.t;
  }

  let rows = tenant.rows.filter((r) => tableOf(r) === compiled.table && scope.subs.has(String(r['subscriptionId']).toLowerCase()) && compiled.filter(r));
  if (compiled.order) {
    const { path, desc } = compiled.order;
    rows = [...rows].sort((a, b) => {
      const x = String(lookup(a, path) ?? '');
      const y = String(lookup(b, path) ?? '');
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
  } else {
    // Without an order ARG promises no stable order across pages; neither does the emulator.
    rows = shuffle(rows, `${hash}:${offset}`);
  }
  const total = rows.length;
  let page = rows.slice(offset, offset + top);
  let next: string | undefined = offset + top < total ? encodeToken({ h: hash, o: offset + top, t: top }) : undefined;
  let truncated = false;
  if ([...scope.subs].some((sub) => s.truncatedSubscriptions.has(sub)) && page.length > 1) {
    page = page.slice(0, Math.ceil(page.length / 2));
    next = undefined;
    truncated = true;
  }
  const data = page.map((r) => project(r, compiled.project));
  const reply = { totalRecords: total, count: data.length, data, facets: [], resultTruncated: truncated ? 'true' : 'false', ...(next ? { $skipToken: next } : {}) };
  const size = Buffer.byteLength(JSON.stringify(reply));
  if (size > s.maxPayloadBytes) {
    return argError(400, 'ResponsePayloadTooLarge', `Response payload size is ${size}, and has exceeded the limit of ${s.maxPayloadBytes}. Please consider querying less data at a time and make paginated call if needed.`);
  }
  const headers: Record<string, string> = scope.limitHit ? { 'x-ms-tenant-subscription-limit-hit': 'true' } : {};
  return { status: 200, body: reply, headers };
}

function resolveScope(body: QueryBody, tenant: TenantData, s: ResourcesSettings): { subs: Set<string>; key: unknown; limitHit: boolean } | { reply: Reply } {
  const denied = (what: string): { reply: Reply } => ({ reply: argError(403, 'AccessDenied', `Access is denied to the requested resource. The user might not have enough permission. (${what})`) });
  if (body.subscriptions?.length) {
    if (body.subscriptions.length > MAX_SUBSCRIPTIONS) return { reply: argError(400, 'BadRequest', `A query may name at most ${MAX_SUBSCRIPTIONS} subscriptions.`) };
    const subs = new Set(body.subscriptions.map((x) => x.toLowerCase()));
    for (const sub of subs) if (s.forbiddenSubscriptions.has(sub)) return denied(`subscription ${sub}`);
    return { subs, key: [...subs].sort(), limitHit: false };
  }
  let candidates: string[];
  if (body.managementGroups?.length) {
    candidates = [];
    for (const mg of body.managementGroups) {
      const members = tenant.managementGroups.get(mg.toLowerCase());
      if (!members || s.forbiddenManagementGroups.has(mg.toLowerCase())) return denied(`management group ${mg}`);
      candidates.push(...members);
    }
  } else {
    candidates = [...tenant.subscriptions];
  }
  const readable = [...new Set(candidates)].filter((x) => !s.forbiddenSubscriptions.has(x)).sort();
  const subs = new Set(readable.slice(0, s.subscriptionLimit));
  return { subs, key: body.managementGroups?.map((m) => m.toLowerCase()).sort() ?? 'tenant', limitHit: readable.length > s.subscriptionLimit };
}

/** Which ARG table holds a row: role assignments and definitions, subscriptions, or everything else. */
function tableOf(row: Row): Table {
  const type = String(row['type'] ?? '').toLowerCase();
  if (type.startsWith('microsoft.authorization/')) return 'authorizationresources';
  if (type === 'microsoft.resources/subscriptions' || type === 'microsoft.management/managementgroups') return 'resourcecontainers';
  return 'resources';
}

function project(row: Row, cols: { name: string; path: string[] }[] | null): Row {
  if (!cols) return row;
  const out: Row = {};
  for (const c of cols) out[c.name] = lookup(row, c.path) ?? null;
  return out;
}

function encodeToken(t: SkipToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64');
}

function decodeToken(s: string): SkipToken | null {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as SkipToken;
    return typeof t.h === 'string' && Number.isInteger(t.o) && Number.isInteger(t.t) ? t : null;
  } catch {
    return null;
  }
}

function shuffle<T>(items: T[], seed: string): T[] {
  const out = [...items];
  let h = createHash('sha256').update(seed).digest().readUInt32LE(0);
  for (let i = out.length - 1; i > 0; i--) {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

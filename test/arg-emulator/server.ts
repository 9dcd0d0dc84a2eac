import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestPki } from './certs.ts';
import { LoopbackIdentity, type TestClient } from './identity.ts';
import { kustoErrors } from './kusto.ts';
import { answer, argError, type QueryBody, type Reply } from './resources.ts';
import { loadTenant, type Row } from './tenant.ts';

export const API_VERSION = '2024-04-01';
export const RESOURCES_PATH = '/providers/Microsoft.ResourceGraph/resources';

/** One injected misbehaviour, applied to the next matching ARG requests (before normal handling). */
export interface Fault {
  when?: (req: QueryBody, n: number) => boolean;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Answer with this status (429, 500, 503…) and ARG's error body, or with `body` verbatim. */
  status?: number;
  retryAfter?: string;
  /** A raw response body (bad bodies); sent with status (default 200). */
  body?: string;
  /** Wait this long before answering (slow responses); with no status, the normal answer follows. */
  delayMs?: number;
  /** Extra or overriding response headers (quota headers a faulty front end sends). */
  headers?: Record<string, string>;
  /** Rewrites the normal answer (bad paging: repeated tokens, short totalRecords, changed rows). */
  rewrite?: (reply: Reply, req: QueryBody) => Reply;
  /** Sends the headers and part of the body, then nothing more until the connection is closed. */
  stallBody?: boolean;
  /** Drops the connection without answering. */
  reset?: boolean;
}

export interface EmulatorOptions {
  fixtures?: string[];
  rows?: Row[];
  subscriptions?: string[];
  managementGroups?: Record<string, string[]>;
  forbiddenSubscriptions?: string[];
  forbiddenManagementGroups?: string[];
  truncatedSubscriptions?: string[];
  /** ARG's per-user quota: `limit` queries per `windowMs` window; 429 beyond it. */
  quota?: { limit: number; windowMs: number };
  maxPayloadBytes?: number;
  subscriptionLimit?: number;
  faults?: Fault[];
  /** Bearer tokens accepted as-is (the static test credential's). */
  tokens?: string[];
  /** Service principals the loopback identity endpoint issues tokens to. */
  clients?: TestClient[];
  /** Folder the test CA file is written to. */
  dir: string;
  /** The quota window's clock; a test can share a fake one with the client to pace without waiting. */
  now?: () => number;
}

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  apiVersion: string | null;
  /** The ARG query body (never the Authorization header). */
  body?: QueryBody;
  status: number;
}

export interface ArgEmulator {
  /** https://127.0.0.1:PORT: the ARM endpoint and the authority host at once. */
  url: string;
  caPem: string;
  caFile: string;
  log: LoggedRequest[];
  identity: LoopbackIdentity;
  addFault(f: Fault): void;
  close(): Promise<void>;
}

/** Starts the local ARG emulator: a real HTTPS server on 127.0.0.1 with a test-time certificate. */
export async function startArgEmulator(opts: EmulatorOptions): Promise<ArgEmulator> {
  const pki = await createTestPki(opts.dir);
  // The parser's one-off initialisation (about a second) happens now, not inside a timed request.
  kustoErrors('Resources | take 1');
  const tenant = loadTenant(opts.fixtures ?? [], opts.rows ?? [], { subscriptions: opts.subscriptions, managementGroups: opts.managementGroups });
  const lower = (xs?: string[]): Set<string> => new Set((xs ?? []).map((x) => x.toLowerCase()));
  const settings = {
    forbiddenSubscriptions: lower(opts.forbiddenSubscriptions),
    forbiddenManagementGroups: lower(opts.forbiddenManagementGroups),
    truncatedSubscriptions: lower(opts.truncatedSubscriptions),
    maxPayloadBytes: opts.maxPayloadBytes ?? 16 * 1024 * 1024,
    subscriptionLimit: opts.subscriptionLimit ?? 10_000,
  };
  const identity = new LoopbackIdentity(opts.clients ?? []);
  const tokens = new Set(opts.tokens ?? []);
  const faults = (opts.faults ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
  const log: LoggedRequest[] = [];
  const quota = opts.quota ? { ...opts.quota, start: 0, used: 0 } : null;
  const clock = opts.now ?? Date.now;
  let n = 0;
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', origin);
    const entry: LoggedRequest = { at: Date.now(), method: req.method ?? '', path: url.pathname, apiVersion: url.searchParams.get('api-version'), status: 0 };
    log.push(entry);
    const send = (r: Reply): void => {
      entry.status = r.status;
      if (res.destroyed) return;
      const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID(), ...r.headers });
      res.end(text);
    };

    if (identity.handles(url.pathname)) return send(identity.reply(req, url.pathname, body, origin));
    if (url.pathname.toLowerCase() !== RESOURCES_PATH.toLowerCase() || req.method !== 'POST') return send(argError(404, 'NotFound', `No route for ${req.method} ${url.pathname}`));
    if (entry.apiVersion !== API_VERSION) return send(argError(400, 'InvalidApiVersionParameter', `The emulator implements api-version ${API_VERSION}.`));
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth || !(tokens.has(auth) || identity.issued.has(auth))) return send(argError(401, 'AuthenticationFailed', 'Authentication failed. The bearer token is missing or not one this tenant issued.'));

    let parsed: QueryBody;
    try {
      parsed = JSON.parse(body) as QueryBody;
    } catch {
      return send(argError(400, 'BadRequest', 'The request body is not JSON.'));
    }
    entry.body = parsed;
    const seq = ++n;

    const quotaHeaders: Record<string, string> = {};
    if (quota) {
      const now = clock();
      if (now - quota.start >= quota.windowMs) {
        quota.start = now;
        quota.used = 0;
      }
      const resets = quota.start + quota.windowMs - now;
      if (quota.used >= quota.limit) {
        const reply = argError(429, 'RateLimiting', 'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed.');
        return send({ ...reply, headers: { 'retry-after': String(Math.ceil(resets / 1000)), 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': hms(resets) } });
      }
      quota.used++;
      quotaHeaders['x-ms-user-quota-remaining'] = String(quota.limit - quota.used);
      quotaHeaders['x-ms-user-quota-resets-after'] = hms(resets);
    }

    const fault = faults.find((f) => f.left > 0 && (!f.when || f.when(parsed, seq)));
    if (fault) {
      fault.left--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        entry.status = -1;
        return void req.socket.destroy();
      }
      const headers = { ...quotaHeaders, ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}), ...fault.headers };
      if (fault.stallBody) {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
        return void res.write('{"totalRecords": 1, "data": [');
      }
      if (fault.body !== undefined) return send({ status: fault.status ?? 200, body: fault.body, headers });
      if (fault.status) {
        const code = fault.status === 429 ? 'RateLimiting' : 'ServiceUnavailable';
        return send({ ...argError(fault.status, code, `Injected ${fault.status}.`), headers });
      }
      const reply = answer(parsed, tenant, settings);
      const shown = fault.rewrite ? fault.rewrite(reply, parsed) : reply;
      return send({ ...shown, headers: { ...quotaHeaders, ...shown.headers, ...headers } });
    }
    const reply = answer(parsed, tenant, settings);
    send({ ...reply, headers: { ...quotaHeaders, ...reply.headers } });
  };

  const server: Server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'EmulatorBug', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    caPem: pki.caPem,
    caFile: pki.caFile,
    log,
    identity,
    addFault: (f) => void faults.push({ ...f, left: f.times ?? 1 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** ARG's `x-ms-user-quota-resets-after` format, rounded up to whole seconds. */
function hms(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const p = (v: number): string => String(v).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

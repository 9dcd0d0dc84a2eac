import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '../../../errors.ts';
import type { ArgEvent } from './events.ts';
import { backoffMs, clampWait, DEFAULT_RETRY, isRetryableStatus, Pacer, realClock, retryAfterMs, type Clock, type HeaderBag, type RetryPolicy } from './throttle.ts';

export interface ArgClientOptions {
  credential: TokenCredential;
  /** ARM endpoint (ARG lives under it). */
  endpoint: string;
  /** Token scope for ARM, e.g. https://management.azure.com/.default. */
  tokenScope: string;
  /** Extra trusted CA certificates (PEM), e.g. a private cloud's or a test emulator's. */
  ca?: string | string[];
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout; a request that takes longer is retried. */
  timeoutMs?: number;
  onEvent?: (e: ArgEvent) => void;
}

export interface ArgQuery {
  query: string;
  subscriptions?: string[];
  managementGroups?: string[];
  top: number;
  skipToken?: string;
}

export interface ArgPage {
  rows: Record<string, unknown>[];
  totalRecords: number;
  skipToken?: string;
  truncated: boolean;
  subscriptionLimitHit: boolean;
}

/** A request that failed for good, with what ARG said (its error code, or what went wrong). */
export class ArgRequestError extends Error {
  override name = 'ArgRequestError';
  readonly status: number | null;
  readonly code: string;

  constructor(status: number | null, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** No token could be had: nothing can be scanned, so the CLI stops with exit code 2. */
export class ArgAuthenticationError extends InputError {
  override name = 'ArgAuthenticationError';
}

interface RawResponse {
  status: number;
  headers: HeaderBag;
}

/**
 * The real @azure/arm-resourcegraph client with this tool's own retry loop (the SDK's is turned
 * off) so that it can pace by ARG's quota headers, honour Retry-After, bound the attempts, and
 * report every wait.
 */
export class ArgClient {
  private readonly client: ResourceGraphClient;
  private readonly pacer: Pacer;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly emit: (e: ArgEvent) => void;
  requests = 0;

  constructor(opts: ArgClientOptions) {
    this.clock = opts.clock ?? realClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.emit = opts.onEvent ?? (() => {});
    this.pacer = new Pacer(this.clock);
    this.client = new ResourceGraphClient(opts.credential, {
      endpoint: opts.endpoint.replace(/\/+$/, ''),
      credentials: { scopes: [opts.tokenScope] },
      retryOptions: { maxRetries: 0 },
      ...(opts.ca ? { tlsOptions: { ca: opts.ca } } : {}),
      userAgentOptions: { userAgentPrefix: 'egress-audit' },
    });
  }

  /** One page, retried on throttling, server errors, timeouts and unreadable bodies. */
  async page(q: ArgQuery, scope: string): Promise<ArgPage> {
    for (let attempt = 1; ; attempt++) {
      const pace = this.pacer.reserve();
      if (pace > 0) {
        this.emit({ kind: 'wait', scope, ms: pace, reason: 'quota' });
        await this.clock.sleep(pace);
      }
      const seen: { raw: RawResponse | null } = { raw: null };
      let failure: Failure;
      // The SDK's own timeout stops at the headers (a body that stalls hangs forever) and its timer
      // outlives a connection error (the process then lingers for the whole timeout): one timer of
      // ours covers the whole exchange and is always cleared.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.timeoutMs);
      try {
        this.requests++;
        this.emit({ kind: 'request', scope, attempt });
        const res = await this.client.resources(
          {
            query: q.query,
            ...(q.subscriptions ? { subscriptions: q.subscriptions } : {}),
            ...(q.managementGroups ? { managementGroups: q.managementGroups } : {}),
            options: { resultFormat: 'objectArray', top: q.top, ...(q.skipToken ? { skipToken: q.skipToken } : {}) },
          },
          {
            abortSignal: abort.signal,
            onResponse: (r) => {
              seen.raw = { status: r.status, headers: { get: (n) => r.headers.get(n) } };
              this.pacer.observe(seen.raw.headers);
            },
          },
        );
        const page = validPage(res, seen.raw);
        if (page) return page;
        failure = { status: 200, code: 'InvalidResponse', message: 'the response body is not an ARG query result', retryable: true, wait: null };
      } catch (err) {
        if (isAuthenticationError(err)) throw new ArgAuthenticationError(`cannot get an Azure token: ${(err as Error).message.trim().slice(0, 4000)}`);
        failure = classify(err, seen.raw, this.clock.now());
      } finally {
        clearTimeout(timer);
      }
      if (!failure.retryable || attempt >= this.retry.maxAttempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        throw new ArgRequestError(failure.status, failure.code, `${failure.code}: ${failure.message}${tries}`);
      }
      const wait = clampWait(failure.wait ?? backoffMs(attempt, this.retry), this.retry.maxDelayMs);
      this.emit({ kind: 'wait', scope, ms: wait, reason: 'retry', status: failure.status !== null && failure.status >= 300 ? failure.status : failure.code, attempt });
      await this.clock.sleep(wait);
    }
  }
}

interface Failure {
  status: number | null;
  code: string;
  message: string;
  retryable: boolean;
  wait: number | null;
}

function validPage(res: { data?: unknown; totalRecords?: unknown; skipToken?: string; resultTruncated?: unknown }, raw: RawResponse | null): ArgPage | null {
  const data = res.data;
  if (!Array.isArray(data) || !data.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) return null;
  if (res.skipToken !== undefined && typeof res.skipToken !== 'string') return null;
  return {
    rows: data as Record<string, unknown>[],
    totalRecords: typeof res.totalRecords === 'number' ? res.totalRecords : data.length,
    ...(res.skipToken ? { skipToken: res.skipToken } : {}),
    truncated: String(res.resultTruncated).toLowerCase() === 'true',
    subscriptionLimitHit: raw?.headers.get('x-ms-tenant-subscription-limit-hit')?.toLowerCase() === 'true',
  };
}

interface ErrorShape {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  details?: { error?: { code?: string; message?: string; details?: { code?: string; message?: string }[] } };
  response?: { headers?: { get(n: string): string | undefined }; bodyAsText?: string | null };
}

/** Names what went wrong the way ARG does (its most specific error code) and decides whether to retry. */
function classify(err: unknown, raw: RawResponse | null, now: number): Failure {
  const e = (err ?? {}) as ErrorShape;
  const status = e.statusCode ?? raw?.status ?? null;
  const headers = e.response?.headers ?? raw?.headers;
  const wait = headers ? retryAfterMs(headers, now) : null;
  // The SDK's message for a body it cannot parse quotes the whole body (it may hold keys and
  // principal IDs): only where the JSON breaks is reported.
  const text = e.response?.bodyAsText;
  if (e.code === 'PARSE_ERROR' || (text && e.message?.includes(text))) {
    const message = `the response body is not JSON (${jsonErrorAt(text ?? '')})`;
    return { status, code: 'UnparseableResponse', message, retryable: status === null || status < 400 || isRetryableStatus(status), wait };
  }
  const body = e.details?.error;
  const detail = body?.details?.find((d) => d.code && d.code !== body.code) ?? body?.details?.[0];
  const code = detail?.code ?? body?.code ?? (e.name === 'AbortError' ? 'Timeout' : (e.code ?? e.name ?? 'RequestFailed'));
  const message = firstLine(detail?.message ?? body?.message ?? e.message ?? String(err));
  if (status !== null && status >= 200 && status < 300) return { status, code: 'InvalidResponse', message, retryable: true, wait };
  if (status === null) return { status, code, message, retryable: true, wait };
  return { status, code, message, retryable: isRetryableStatus(status), wait };
}

/** The first JSON syntax error: its code and offset, never a word of the text. */
function jsonErrorAt(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `${text.length} characters`;
  return `${printParseErrorCode(first.error)} at offset ${first.offset} of ${text.length} characters`;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).trim();
}

/** Errors @azure/identity raises when no token could be had (matched by name: importing identity here would load it eagerly). */
function isAuthenticationError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError' || name === 'AuthenticationRequiredError';
}

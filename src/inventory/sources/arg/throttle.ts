/** Time, injectable so that pacing and backoff can be tested without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Header access shared by the SDK's response headers and plain maps. */
export interface HeaderBag {
  get(name: string): string | undefined;
}

/** `x-ms-user-quota-resets-after` is `hh:mm:ss` (ARG's throttling guidance). */
export function parseResetsAfter(value: string | undefined): number | null {
  const m = value ? /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value.trim()) : null;
  if (!m) return null;
  return Math.ceil((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

/** Retry-After in seconds or as an HTTP date, or the millisecond variants ARM also sends. */
export function retryAfterMs(headers: HeaderBag, now: number): number | null {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = Number(headers.get(name));
    if (headers.get(name) !== undefined && Number.isFinite(v) && v >= 0) return v;
  }
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** ARG's quota windows are 5 s; a reset announced further away than this is not believed (no 100-hour sleeps). */
export const MAX_QUOTA_WAIT_MS = 10_000;
export const QUOTA_ROUNDING_MARGIN_MS = 1000;

/**
 * Keeps the request rate inside ARG's per-user quota. Each response says how many queries are
 * left in the current window and when it resets; when none are left, the next request waits for
 * the reset instead of being throttled.
 */
export class Pacer {
  private remaining: number | null = null;
  private resetAt = 0;
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  observe(headers: HeaderBag): void {
    const left = headers.get('x-ms-user-quota-remaining');
    const raw = headers.get('x-ms-user-quota-resets-after');
    const resets = parseResetsAfter(raw);
    if (left === undefined || resets === null || !/^\d+$/.test(left.trim())) return;
    this.remaining = Number(left);
    // Whole seconds may have been rounded down: a reset read as 00:00:03 can be 3.9 s away.
    const margin = /\.\d*[1-9]/.test(raw ?? '') ? 0 : QUOTA_ROUNDING_MARGIN_MS;
    this.resetAt = this.clock.now() + Math.min(resets + margin, MAX_QUOTA_WAIT_MS);
  }

  /** How long to wait before the next request; counts that request against the known quota. */
  reserve(): number {
    const now = this.clock.now();
    if (this.remaining === null || now >= this.resetAt) {
      this.remaining = null;
      return 0;
    }
    if (this.remaining > 0) {
      this.remaining--;
      return 0;
    }
    const wait = this.resetAt - now;
    this.remaining = null;
    return wait;
  }
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Backoff base when the service gives no Retry-After: base × 2^(attempt-1), ±25 % jitter. */
  baseDelayMs: number;
  /** No single wait is longer than this, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 120_000 };

/** setTimeout fires at once for anything above 2^31-1 ms; every wait is clamped well below that anyway. */
export function clampWait(ms: number, max: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, max) : 0;
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(exp * (0.75 + random() * 0.5)));
}

/** Throttling, timeouts and server errors are worth another try; other client errors are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

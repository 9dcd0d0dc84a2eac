import { describe, expect, test } from 'vitest';
import { backoffMs, DEFAULT_RETRY, isRetryableStatus, MAX_QUOTA_WAIT_MS, Pacer, parseResetsAfter, retryAfterMs, type Clock } from '../../../../src/inventory/sources/arg/throttle.ts';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });

function fakeClock(start = 1_000_000): Clock & { t: number; slept: number[] } {
  const c = {
    t: start,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe('ARG quota headers', () => {
  test('x-ms-user-quota-resets-after is hh:mm:ss', () => {
    expect(parseResetsAfter('00:00:03')).toBe(3000);
    expect(parseResetsAfter('01:02:03')).toBe(3_723_000);
    expect(parseResetsAfter('00:00:00.5')).toBe(500);
    expect(parseResetsAfter('3')).toBeNull();
    expect(parseResetsAfter(undefined)).toBeNull();
  });

  test('Retry-After in seconds, as an HTTP date, or in milliseconds', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(headers({}), now)).toBeNull();
  });
});

describe('Pacer', () => {
  test('spends the quota the last response reported, then waits for the window to reset', () => {
    const clock = fakeClock();
    const p = new Pacer(clock);
    expect(p.reserve()).toBe(0); // nothing known yet
    p.observe(headers({ 'x-ms-user-quota-remaining': '2', 'x-ms-user-quota-resets-after': '00:00:04' }));
    expect(p.reserve()).toBe(0);
    expect(p.reserve()).toBe(0);
    clock.t += 1000;
    // 4 s announced in whole seconds, so a second of rounding is allowed for.
    expect(p.reserve()).toBe(4000);
  });

  test('a fractional reset is taken as exact; an absurd one is capped (no 100-hour sleep)', () => {
    const clock = fakeClock();
    const p = new Pacer(clock);
    p.observe(headers({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:02.5' }));
    expect(p.reserve()).toBe(2500);
    p.observe(headers({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '100:00:00' }));
    expect(p.reserve()).toBe(MAX_QUOTA_WAIT_MS);
  });

  test('a window that has already reset costs no wait', () => {
    const clock = fakeClock();
    const p = new Pacer(clock);
    p.observe(headers({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:01' }));
    clock.t += 2000;
    expect(p.reserve()).toBe(0);
  });

  test('responses without quota headers leave pacing alone', () => {
    const p = new Pacer(fakeClock());
    p.observe(headers({ 'x-ms-user-quota-remaining': 'many' }));
    expect(p.reserve()).toBe(0);
  });
});

describe('retry policy', () => {
  test('backoff doubles per attempt within ±25 % and never exceeds the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(1, policy, () => 0.5)).toBe(100);
    expect(backoffMs(3, policy, () => 0.5)).toBe(400);
    expect(backoffMs(3, policy, () => 0)).toBe(300);
    expect(backoffMs(3, policy, () => 1)).toBe(500);
    expect(backoffMs(10, policy, () => 1)).toBe(1000);
  });

  test('throttling, timeouts and server errors are retried; other client errors are not', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 501]) expect(isRetryableStatus(s)).toBe(false);
  });
});

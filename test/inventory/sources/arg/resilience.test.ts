import { afterEach, describe, expect, test } from 'vitest';
import { fetchArgSnapshot, type ArgEvent, type ArgSourceOptions } from '../../../../src/inventory/sources/arg/index.ts';
import { realClock, type Clock } from '../../../../src/inventory/sources/arg/throttle.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { emulator, staticCredential, SUB_A, SUB_B, SUB_DEV } from './helpers.ts';

let emu: ArgEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

/** Time that passes only when someone sleeps. */
function fakeClock(): Clock & { slept: number[] } {
  let t = 1_700_000_000_000;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)) };
}

/** Real time, but waits longer than 50 ms are recorded and shortened: the test checks what the client asked for. */
function recordingClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => Date.now(), sleep: (ms) => (slept.push(ms), realClock.sleep(Math.min(ms, 50))) };
}

function options(e: ArgEmulator, over: Partial<ArgSourceOptions> = {}): ArgSourceOptions & { events: ArgEvent[] } {
  const events: ArgEvent[] = [];
  return {
    scope: { subscriptions: [SUB_A, SUB_B, SUB_DEV], managementGroups: [] },
    cloud: 'AzurePublicCloud',
    credential: staticCredential(),
    armEndpoint: e.url,
    ca: e.caPem,
    tool: { name: 'egress-audit', version: 'test' },
    retry: { baseDelayMs: 20, maxAttempts: 4 },
    onEvent: (ev) => events.push(ev),
    events,
    ...over,
  };
}

const statuses = (e: ArgEmulator) => e.log.filter((l) => l.body).map((l) => l.status);
const waits = (events: ArgEvent[]) => events.flatMap((e) => (e.kind === 'wait' ? [e] : []));
const rowCount = (s: Awaited<ReturnType<typeof fetchArgSnapshot>>) => s.files.reduce((n, f) => n + f.rows.length, 0);

describe('throttling', () => {
  test('paces by the quota headers: the request that would be throttled waits for the reset instead', async () => {
    // One fake clock for the emulator's quota window and the client's sleeps: deterministic and instant.
    const clock = fakeClock();
    emu = await emulator({ quota: { limit: 3, windowMs: 5000 }, now: clock.now });
    // ID lists: four requests (clusters, then three rounds), then the two follow-up queries of EG023
    // and EG024: the fourth waits for the next window, which holds the last three.
    const opts = options(emu, { clock, network: 'ids' });
    const snap = await fetchArgSnapshot(opts);
    expect(snap.manifest.errors).toEqual([]);
    expect(statuses(emu)).toEqual([200, 200, 200, 200, 200, 200]);
    // The emulator announces 00:00:05; a second is added for ARG's rounding to whole seconds.
    expect(waits(opts.events).map((w) => [w.reason, w.ms])).toEqual([['quota', 6000]]);
    expect(clock.slept).toEqual([6000]);
  });

  test('without pacing the same requests would have been throttled', async () => {
    const clock = fakeClock();
    emu = await emulator({ quota: { limit: 3, windowMs: 5000 }, now: clock.now, faults: [] });
    const opts = options(emu, { clock: { now: clock.now, sleep: async () => {} }, network: 'ids' });
    const snap = await fetchArgSnapshot(opts);
    // The client believed it had waited; the window had not reset, so ARG said 429 and the client retried.
    expect(statuses(emu)).toContain(429);
    expect(snap.manifest.errors.length).toBeGreaterThan(0);
    for (const e of snap.manifest.errors) expect(e).toEqual(expect.objectContaining({ code: 'scope-failed', message: expect.stringContaining('RateLimiting') }));
  });

  test('a burst of 429s is retried after exactly the Retry-After the service sent, then succeeds', async () => {
    emu = await emulator({ faults: [{ status: 429, retryAfter: '1', times: 2 }] });
    const clock = recordingClock();
    const opts = options(emu, { clock });
    const snap = await fetchArgSnapshot(opts);
    expect(snap.manifest.errors).toEqual([]);
    expect(statuses(emu).slice(0, 3)).toEqual([429, 429, 200]);
    expect(clock.slept.slice(0, 2)).toEqual([1000, 1000]);
    expect(waits(opts.events).slice(0, 2).map((w) => [w.reason, w.status, w.attempt])).toEqual([
      ['retry', 429, 1],
      ['retry', 429, 2],
    ]);
    expect(rowCount(snap)).toBeGreaterThan(0);
  });

  test('server errors are retried with backoff and recover', async () => {
    emu = await emulator({ faults: [{ status: 503, times: 2 }, { status: 500, times: 1 }] });
    const clock = recordingClock();
    const snap = await fetchArgSnapshot(options(emu, { clock }));
    expect(snap.manifest.errors).toEqual([]);
    expect(statuses(emu).slice(0, 4)).toEqual([503, 503, 500, 200]);
    expect(clock.slept.slice(0, 3).every((ms) => ms >= 15 && ms <= 200)).toBe(true);
  });

  test('attempts are bounded: a subscription that keeps failing is reported, the others are read', async () => {
    const onlyB = (b: { subscriptions?: string[] }) => b.subscriptions?.includes(SUB_B) === true;
    emu = await emulator({ faults: [{ status: 503, times: Infinity, when: onlyB }] });
    const snap = await fetchArgSnapshot(options(emu, { clock: recordingClock(), subscriptionBatch: 1 }));
    expect(snap.manifest.errors).toEqual([
      { code: 'scope-failed', resourceId: `/subscriptions/${SUB_B}`, message: expect.stringMatching(/the clusters query failed: ServiceUnavailable: Injected 503\. \(after 4 attempts\)$/) },
    ]);
    expect(emu.log.filter((l) => l.body && onlyB(l.body))).toHaveLength(4);
    expect(snap.files.map((f) => f.subscriptionId)).toContain(SUB_A);
  });
});

describe('slow responses and bad bodies', () => {
  test('a response slower than the timeout is abandoned and asked for again', async () => {
    emu = await emulator({ faults: [{ delayMs: 1500, times: 1 }] });
    const opts = options(emu, { clock: recordingClock(), timeoutMs: 300 });
    const snap = await fetchArgSnapshot(opts);
    expect(snap.manifest.errors).toEqual([]);
    expect(waits(opts.events)[0]).toMatchObject({ reason: 'retry', attempt: 1 });
    expect(rowCount(snap)).toBeGreaterThan(0);
  });

  test.each([
    ['not JSON', 'this is not json'],
    ['JSON that is not a query result', '{"data":"nope","count":1}'],
    ['rows that are not objects', '{"data":[1,2],"count":2,"totalRecords":2,"resultTruncated":"false"}'],
  ])('a body that is %s is retried', async (_what, body) => {
    emu = await emulator({ faults: [{ body, status: 200, times: 1 }] });
    const opts = options(emu, { clock: recordingClock() });
    const snap = await fetchArgSnapshot(opts);
    expect(snap.manifest.errors).toEqual([]);
    expect(waits(opts.events)).toHaveLength(1);
    expect(rowCount(snap)).toBe(16);
  });

  test('a token ARG refuses fails every scope without retrying', async () => {
    emu = await emulator();
    const snap = await fetchArgSnapshot(options(emu, { credential: staticCredential('wrong-token'), scope: { subscriptions: [SUB_A], managementGroups: [] } }));
    expect(snap.manifest.errors).toEqual([{ code: 'scope-failed', resourceId: `/subscriptions/${SUB_A}`, message: expect.stringContaining('AuthenticationFailed') }]);
    expect(emu.log.filter((l) => l.path.startsWith('/providers'))).toHaveLength(1);
  });
});

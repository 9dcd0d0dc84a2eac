import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requestFloor } from '../../../../bench/live.ts';
import { generateSubscription, render } from '../../../../scripts/gen/estate.ts';
import { unrelatedFor } from '../../../../scripts/gen/unrelated.ts';
import { loadArg, type ArgSourceOptions } from '../../../../src/inventory/sources/arg/index.ts';
import { loadFixtures } from '../../../../src/inventory/sources/files/index.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { tempDir } from '../../../helpers/cli.ts';
import { emulator, staticCredential, judge } from './helpers.ts';

/**
 * A mid-size estate from the benchmark's generator (500 clusters in 10 subscriptions) served by
 * the emulator under ARG's quota: the live scan takes few requests (counted against the floor, not
 * timed) and judges exactly as the scan of the generator's files.
 */
const SUBSCRIPTIONS = 10;
const files = Array.from({ length: SUBSCRIPTIONS }, (_, i) => generateSubscription('1', i, 50));
const rows = files.flatMap((f) => f.rows as Record<string, unknown>[]);
const subs = files.map((f) => f.subscriptionId);


function options(e: ArgEmulator, over: Partial<ArgSourceOptions> = {}): ArgSourceOptions {
  return { scope: { subscriptions: subs, managementGroups: [] }, cloud: 'AzurePublicCloud', credential: staticCredential(), armEndpoint: e.url, ca: e.caPem, tool: { name: 'egress-audit', version: 'test' }, ...over };
}

const argRequests = (e: ArgEmulator) => e.log.filter((l) => l.body);

describe('a 500-cluster estate, live', () => {
  let emu: ArgEmulator;
  let live: Awaited<ReturnType<typeof loadArg>>;
  let requests: ReturnType<typeof argRequests>;
  beforeAll(async () => {
    emu = await emulator({ fixtures: [], rows, quota: { limit: 15, windowMs: 5000 } });
    live = await loadArg(options(emu));
    requests = argRequests(emu);
  }, 120_000);
  afterAll(() => emu.close());

  test('takes at most 1.5x the floor of requests, none of them throttled', () => {
    const needed = live.snapshot.files.reduce((n, f) => n + f.rows.length, 0);
    // EG023 and EG024 read past the resources table: the identities' role assignments (one request
    // per batch of subscriptions), the firewalls at the UDR next hops (one tenant-wide request), then
    // the hubs' VNets, their NAT gateways and those gateways' prefixes (a request a round).
    const floor = requestFloor(needed, SUBSCRIPTIONS) + Math.ceil(SUBSCRIPTIONS / 200) + 1 + 3;
    expect(needed).toBeGreaterThan(1500);
    expect(requests.length).toBeLessThanOrEqual(1.5 * floor);
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
  });

  test('judges every cluster exactly as the scan of the generator’s files', async () => {
    const dir = tempDir('arg-estate-');
    for (const f of files) writeFileSync(path.join(dir, f.fileName), render(f));
    const a = judge(live);
    const b = judge(await loadFixtures([dir]));
    expect(a.summary.clusters).toBe(500);
    expect(a.findings.length).toBeGreaterThan(500);
    // The hubs' firewalls all hold 10.0.1.4: EG024 is judged live on the one each spoke is peered with.
    expect(a.findings.map((f) => f.policyId)).toEqual(expect.arrayContaining(['EG023', 'EG024']));
    expect(a.findings.map(({ location: _l, ...f }) => f)).toEqual(b.findings.map(({ location: _l, ...f }) => f));
    expect(a.clusters).toEqual(b.clusters);
    expect(a.errors).toEqual(b.errors);
  });

  test('ID lists keep exactly the same rows, in more requests', async () => {
    const before = argRequests(emu).length;
    const byIds = await loadArg(options(emu, { network: 'ids' }));
    expect(byIds.snapshot.files.map((f) => f.text)).toEqual(live.snapshot.files.map((f) => f.text));
    expect(argRequests(emu).length - before).toBeGreaterThan(requests.length);
  }, 60_000);
});

describe('the same estate among many unrelated network resources', () => {
  test('rows no cluster uses are never kept, and the strategy chosen takes no more requests than ID lists', async () => {
    const extra = files.flatMap((f, index) => unrelatedFor(f.rows[0] as Record<string, unknown>, index, 300, 'test') as Record<string, unknown>[]);
    const emu = await emulator({ fixtures: [], rows: [...rows, ...extra] });
    try {
      const auto = await loadArg(options(emu));
      const autoRequests = argRequests(emu).length;
      const byIds = await loadArg(options(emu, { network: 'ids' }));
      expect(auto.snapshot.files.map((f) => f.text)).toEqual(byIds.snapshot.files.map((f) => f.text));
      expect(auto.snapshot.files.flatMap((f) => f.rows).some((r) => String((r as Record<string, unknown>)['name']).includes('workload'))).toBe(false);
      expect(autoRequests).toBeLessThanOrEqual(argRequests(emu).length - autoRequests);
    } finally {
      await emu.close();
    }
  }, 120_000);
});

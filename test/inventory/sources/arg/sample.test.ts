import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadArg } from '../../../../src/inventory/sources/arg/index.ts';
import { BUILTIN_POLICY_DIR, loadPoliciesOrThrow } from '../../../../src/policy/load.ts';
import type { Finding } from '../../../../src/scan/result.ts';
import { loadFixtures } from '../../../../src/inventory/sources/files/index.ts';
import { type LoadedInventory } from '../../../../src/inventory/sources/source.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { SAMPLE } from '../../../helpers/cli.ts';
import { emulator, staticCredential, judge } from './helpers.ts';

/**
 * The bundled sample (every policy failing somewhere) served by the emulator: a live
 * scan must find every resource the policies need by following references alone, and judge
 * exactly as the scan of the files does.
 */
describe('the bundled sample, live', () => {
  let emu: ArgEmulator;
  let live: LoadedInventory & { snapshot: { files: { rows: unknown[] }[] } };
  let offline: LoadedInventory;
  beforeAll(async () => {
    emu = await emulator({ fixtures: [SAMPLE] });
    live = await loadArg({
      scope: { subscriptions: [], managementGroups: [] },
      cloud: 'AzurePublicCloud',
      credential: staticCredential(),
      armEndpoint: emu.url,
      ca: emu.caPem,
      tool: { name: 'egress-audit', version: 'test' },
    });
    offline = await loadFixtures([SAMPLE]);
  });
  afterAll(() => emu.close());

  const unlocated = (fs: Finding[]) => fs.map(({ location: _location, ...f }) => f);

  test('nothing is missing: no errors, no incomplete cluster', () => {
    expect(live.errors).toEqual([]);
    const r = judge(live);
    expect(r.summary.clusters).toBe(offline.inventory.clusters.size);
    expect(r.summary.notEvaluated).toBe(0);
  });

  test('the same findings and cluster verdicts as scanning the files', () => {
    const a = judge(live);
    const b = judge(offline);
    expect(a.findings.length).toBeGreaterThan(20);
    // The sample makes every built-in policy fail somewhere (test/e2e/sample.test.ts).
    expect(new Set(a.findings.map((f) => f.policyId)).size).toBe(loadPoliciesOrThrow([BUILTIN_POLICY_DIR]).length);
    // EG023's list of what it could not judge (the data-platform subscription has no role assignments).
    expect(a.notices).toEqual(b.notices);
    expect(a.notices?.[0]?.notJudged.length).toBeGreaterThan(0);
    expect(unlocated(a.findings)).toEqual(unlocated(b.findings));
    expect(a.clusters).toEqual(b.clusters);
  });

  test('public IP rows keep properties.natGateway (EG021 reads it), and unknown values warn as offline', () => {
    const attached = (loaded: LoadedInventory) => [...loaded.inventory.publicIps.values()].filter((ip) => ip.natGatewayId).map((ip) => `${ip.id.toLowerCase()} ${ip.natGatewayId?.toLowerCase()}`).sort();
    const live_ = attached(live);
    expect(live_.length).toBeGreaterThan(3);
    expect(attached(offline)).toEqual(expect.arrayContaining(live_));
    expect(live.warnings.map((w) => [w.value, w.property])).toEqual(offline.warnings.map((w) => [w.value, w.property]));
  });

  test('fewer rows than the files hold: what no cluster uses is never fetched', () => {
    const fetched = live.snapshot.files.reduce((n, f) => n + f.rows.length, 0);
    const inFiles = readdirSync(SAMPLE)
      .filter((f) => f.endsWith('.json'))
      .reduce((n, f) => n + (JSON.parse(readFileSync(path.join(SAMPLE, f), 'utf8')) as unknown[]).length, 0);
    expect(fetched).toBeLessThan(inFiles);
    expect(offline.inventory.networkSecurityGroups.size).toBeGreaterThan(0);
    expect(live.inventory.networkSecurityGroups.size).toBe(0);
  });
});

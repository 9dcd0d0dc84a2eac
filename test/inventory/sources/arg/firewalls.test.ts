import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadArg } from '../../../../src/inventory/sources/arg/index.ts';
import { loadFixtures } from '../../../../src/inventory/sources/files/index.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { tempDir } from '../../../helpers/cli.ts';
import { firewallOf, hubEstate, hubVnet, SUB_SPOKE_A, SUB_SPOKE_B, type HubName, type SpokeName } from '../../facts/hubs.ts';
import { emulator, staticCredential, judge } from './helpers.ts';

/**
 * Hubs whose firewalls all hold 10.0.1.4, in connectivity subscriptions outside the scanned scope:
 * the live scan finds every one by address, and must pick the one each spoke is peered with, as
 * the scan of the exported files does.
 */
let emu: ArgEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});


async function bothWays(peers?: Record<SpokeName, HubName[]>) {
  const rows = hubEstate(peers);
  emu = await emulator({ fixtures: [], rows });
  const live = await loadArg({ scope: { subscriptions: [SUB_SPOKE_A, SUB_SPOKE_B], managementGroups: [] }, cloud: 'AzurePublicCloud', credential: staticCredential(), armEndpoint: emu.url, ca: emu.caPem, tool: { name: 'egress-audit', version: 'test' } });
  const dir = tempDir('arg-hubs-');
  writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(rows));
  const offline = await loadFixtures([dir]);
  return { live, offline, a: judge(live), b: judge(offline) };
}

const eg024 = (r: ReturnType<typeof judge>) => r.findings.filter((f) => f.policyId === 'EG024').map((f) => [f.clusterName, f.resourceId]);
const withoutPlace = (r: ReturnType<typeof judge>) => r.findings.map(({ location: _l, ...f }) => f);

describe('hub firewalls sharing one private IP, live and from files', () => {
  test('each cluster gets the firewall of the hub its VNet is peered with', async () => {
    const { live, a, b } = await bothWays();
    expect(live.errors).toEqual([]);
    // Hub two's firewall has one public IP for spoke A's 40 nodes; hub one's NAT gateway is enough for B.
    expect(eg024(a)).toEqual([['aks-spoke-a', firewallOf('two')]]);
    expect(withoutPlace(a)).toEqual(withoutPlace(b));
    expect(a.clusters).toEqual(b.clusters);
    expect(a.clusters.map((c) => c.status)).not.toContain('incomplete');
    // Hub three, which no spoke is peered with, is neither kept nor followed.
    expect([...live.inventory.firewalls.values()].map((f) => f.id).sort()).toEqual([firewallOf('one'), firewallOf('two')]);
    expect(live.snapshot.files.flatMap((f) => f.rows).some((r) => (r as { id: string }).id === hubVnet('three'))).toBe(false);
  });

  test('a spoke peered with two hubs at the address is incomplete in both, with the same reason', async () => {
    const { a, b } = await bothWays({ a: ['one', 'two'], b: ['one'] });
    const spokeA = a.clusters.find((c) => c.name === 'aks-spoke-a');
    expect(spokeA?.status).toBe('incomplete');
    expect(spokeA?.incompleteReasons[0]).toContain(`2 Azure Firewalls (${firewallOf('one')}, ${firewallOf('two')})`);
    expect(eg024(a)).toEqual([]);
    expect(withoutPlace(a)).toEqual(withoutPlace(b));
    expect(a.clusters).toEqual(b.clusters);
  });
});

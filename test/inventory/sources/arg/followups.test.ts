import { afterEach, describe, expect, test } from 'vitest';
import { loadArg, type ArgSourceOptions } from '../../../../src/inventory/sources/arg/index.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { SAMPLE } from '../../../helpers/cli.ts';
import { emulator, staticCredential } from './helpers.ts';

let emu: ArgEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

function options(e: ArgEmulator): ArgSourceOptions {
  return { scope: { subscriptions: [], managementGroups: [] }, cloud: 'AzurePublicCloud', credential: staticCredential(), armEndpoint: e.url, ca: e.caPem, tool: { name: 'egress-audit', version: 'test' }, retry: { baseDelayMs: 5, maxAttempts: 2 } };
}

const queries = (e: ArgEmulator): string[] => e.log.flatMap((l) => (l.body?.query ? [l.body.query] : []));

describe('the follow-up queries of EG023 and EG024 over the bundled sample', () => {
  test('one query per kind: assignments of the identities, the one custom role they name, the firewalls at both next hops, then the hub network', async () => {
    emu = await emulator({ fixtures: [SAMPLE] });
    const live = await loadArg(options(emu));
    expect(live.errors).toEqual([]);
    const sent = queries(emu);
    const assignments = sent.filter((q) => q.includes("'microsoft.authorization/roleassignments'"));
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toContain("properties.principalId in~ ('00000000-0000-0000-0000-000000000000', 'd3a85f0c-7e21-4b69-9c4d-1f6e2b8a0c57')");
    // Network Contributor is known without its definition: only the custom role is asked for.
    expect(sent.filter((q) => q.includes("'microsoft.authorization/roledefinitions'"))).toEqual([expect.stringContaining("name in~ ('6b1e0c9d-2f47-4a3b-8e15-c9d07a2f4b18')")]);
    // No assignment is at a management group: no resourcecontainers query.
    expect(sent.filter((q) => q.startsWith('resourcecontainers'))).toEqual([]);
    expect(sent.filter((q) => q.includes("'microsoft.network/azurefirewalls'"))).toEqual([expect.stringContaining("in ('10.0.1.4', '10.40.1.4')")]);
    expect(live.snapshot.manifest.queries.map((q) => [q.purpose, q.requests])).toEqual([
      ['clusters', 1],
      ['network', 3],
      ['authorization', 2],
      // The firewalls, the hub VNets (for AzureFirewallSubnet), the NAT gateway, its public IP.
      ['firewalls', 4],
    ]);
    expect(live.inventory.roleAssignments.size).toBe(2);
    expect(live.inventory.roleDefinitions.size).toBe(1);
    expect(live.inventory.firewalls.size).toBe(2);
  });

  test('a refused authorization query is a scope error; the firewalls are still read', async () => {
    emu = await emulator({ fixtures: [SAMPLE], faults: [{ when: (q) => (q.query ?? '').startsWith('authorizationresources'), status: 403, times: 10 }] });
    const live = await loadArg(options(emu));
    expect(live.errors).toEqual([expect.objectContaining({ code: 'scope-failed', message: expect.stringMatching(/^authorization of 2 subscription\(s\): the authorization query failed: /) })]);
    expect(live.inventory.roleAssignments.size).toBe(0);
    expect(live.inventory.firewalls.size).toBe(2);
  });
});

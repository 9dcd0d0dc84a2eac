import { afterEach, describe, expect, test } from 'vitest';
import { ROLE_ASSIGNMENT_QUERY_TEMPLATE, ROLE_ASSIGNMENT_TYPED_QUERY } from '../../../../src/inventory/sources/arg/followups.ts';
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
      ['network-typed', 1],
      ['network', 0],
      ['authorization', 2],
      // The firewalls, the hub VNets (for AzureFirewallSubnet), the NAT gateway, its public IP.
      ['firewalls', 4],
    ]);
    expect(live.inventory.roleAssignments.size).toBe(2);
    expect(live.inventory.roleDefinitions.size).toBe(1);
    expect(live.inventory.firewalls.size).toBe(2);
  });

  test('more identities than one list holds: one query for every service principal assignment, keeping only the identities', async () => {
    emu = await emulator({ fixtures: [SAMPLE] });
    // Room for one principal per list: two lists would be needed, so the typed query is used.
    const live = await loadArg({ ...options(emu), maxQueryChars: ROLE_ASSIGNMENT_QUERY_TEMPLATE.length + 50 });
    expect(live.errors).toEqual([]);
    const sent = queries(emu).filter((q) => q.includes("'microsoft.authorization/roleassignments'"));
    expect(sent).toEqual([ROLE_ASSIGNMENT_TYPED_QUERY]);
    expect(live.inventory.roleAssignments.size).toBe(2);
  });

  test('a refused authorization query is a scope error; the firewalls are still read', async () => {
    emu = await emulator({ fixtures: [SAMPLE], faults: [{ when: (q) => (q.query ?? '').startsWith('authorizationresources'), status: 403, times: 10 }] });
    const live = await loadArg(options(emu));
    // Refused for the batch, then for each subscription on its own.
    expect(live.errors.map((e) => [e.code, e.message.replace(/ query failed: .*/, '')])).toEqual([
      ['scope-failed', 'subscription 3f2c6b1e-8a41-4d0e-9b7a-2c51e0f4a7d1: the authorization'],
      ['scope-failed', 'subscription 9b7e4d2a-61c3-4f58-a0e2-7d13c8b5f6e4: the authorization'],
    ]);
    expect(live.inventory.roleAssignments.size).toBe(0);
    expect(live.inventory.firewalls.size).toBe(2);
  });
});

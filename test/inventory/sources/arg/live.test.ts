import { afterEach, describe, expect, test } from 'vitest';
import { fetchArgSnapshot, loadArg, type ArgEvent, type ArgSourceOptions } from '../../../../src/inventory/sources/arg/index.ts';
import { CLUSTER_QUERY, TYPED_NETWORK_QUERY } from '../../../../src/inventory/sources/arg/queries.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { generateTenant } from './generate.ts';
import { emulator, staticCredential, SUB_A, SUB_B, SUB_DEV, SUB_HUB } from './helpers.ts';

let emu: ArgEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

function options(e: ArgEmulator, over: Partial<ArgSourceOptions> = {}): ArgSourceOptions & { events: ArgEvent[] } {
  const events: ArgEvent[] = [];
  return {
    scope: { subscriptions: [], managementGroups: [] },
    cloud: 'AzurePublicCloud',
    credential: staticCredential(),
    armEndpoint: e.url,
    ca: e.caPem,
    tool: { name: 'egress-audit', version: 'test' },
    onEvent: (ev) => events.push(ev),
    events,
    ...over,
  };
}

const argRequests = (e: ArgEmulator) => e.log.filter((l) => l.body);
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => String(r['id']).toLowerCase());

describe('live collection from the emulator (real SDK client, static test credential)', () => {
  test('fetches the clusters, then only the network resources they reference', async () => {
    emu = await emulator();
    const snap = await fetchArgSnapshot(options(emu));
    const all = snap.files.flatMap((f) => f.rows);
    expect(snap.manifest.errors).toEqual([]);
    expect(snap.manifest.counts).toEqual({
      'microsoft.containerservice/managedclusters': 6,
      'microsoft.network/natgateways': 2,
      'microsoft.network/publicipaddresses': 4,
      'microsoft.network/publicipprefixes': 1,
      'microsoft.network/routetables': 1,
      'microsoft.network/virtualnetworks': 2,
    });
    const names = all.map((r) => r['name']);
    for (const unused of ['vnet-unused', 'ng-unused', 'pip-unused', 'stunused', 'nsg-aks']) expect(names).not.toContain(unused);
    // Every query passed the Kusto check, is ordered by id, and asks for full pages.
    const reqs = argRequests(emu);
    expect(reqs.map((r) => r.status)).toEqual(reqs.map(() => 200));
    for (const r of reqs) {
      expect(r.body?.query).toMatch(/\| order by id asc$/);
      expect(r.body?.options?.$top).toBe(1000);
      expect(r.body?.options?.resultFormat).toBe('objectArray');
    }
    expect(reqs[0]?.body?.query).toBe(CLUSTER_QUERY);
    // The clusters, then every network resource of the referenced types in their subscriptions at
    // once; then the role assignments of the clusters' identities (none, so no definitions) and the
    // Azure Firewall lookup at the UDR cluster's next hop (none there).
    expect(reqs.map((r) => r.body?.query)).toEqual([
      CLUSTER_QUERY,
      TYPED_NETWORK_QUERY,
      expect.stringMatching(/^authorizationresources \| where type =~ 'microsoft\.authorization\/roleassignments'/),
      expect.stringMatching(/^Resources \| where type =~ 'microsoft\.network\/azurefirewalls'/),
    ]);
    // The export layout: one file per subscription, rows sorted by ID.
    expect(snap.files.map((f) => f.subscriptionId)).toEqual([SUB_A, SUB_B, SUB_HUB, SUB_DEV].sort());
    for (const f of snap.files) expect(ids(f.rows)).toEqual([...ids(f.rows)].sort());
  });

  test('by ID lists instead, the same rows take a request per round', async () => {
    emu = await emulator();
    const typed = await fetchArgSnapshot(options(emu));
    const before = argRequests(emu).length;
    const byIds = await fetchArgSnapshot(options(emu, { network: 'ids' }));
    expect(byIds.files.map((f) => f.text)).toEqual(typed.files.map((f) => f.text));
    const reqs = argRequests(emu).slice(before);
    // The clusters, three rounds of ID lists, then the two follow-up queries of EG023 and EG024.
    expect(reqs).toHaveLength(6);
    expect(reqs.slice(1, 4).every((r) => / id in~ \(/.test(r.body?.query ?? ''))).toBe(true);
  });

  test('the inventory it feeds the scan is complete except for what Azure really lacks', async () => {
    emu = await emulator();
    const loaded = await loadArg(options(emu));
    expect(loaded.inventory.clusters.size).toBe(6);
    expect(loaded.inventory.subnets.size).toBe(3);
    expect(loaded.errors).toEqual([]);
    const cluster = [...loaded.inventory.clusters.values()].find((c) => c.name === 'aks-lb')!;
    expect(cluster.source.file).toBe(`arg://${SUB_A}.json`);
    expect(loaded.inputs).toEqual(['arg:tenant']);
  });

  test.each([
    ['AzurePublicCloud', 'https://management.azure.com/.default'],
    ['AzureChinaCloud', 'https://management.chinacloudapi.cn/.default'],
    ['AzureUSGovernment', 'https://management.usgovcloudapi.net/.default'],
  ] as const)('%s: the token is asked for that cloud’s ARM audience', async (cloud, scope) => {
    emu = await emulator();
    const credential = staticCredential();
    await fetchArgSnapshot(options(emu, { cloud, credential, scope: { subscriptions: [SUB_DEV], managementGroups: [] } }));
    expect(new Set(credential.scopes)).toEqual(new Set([scope]));
  });

  test('2,500 clusters in 30 subscriptions: pages neither repeat nor drop rows', async () => {
    const big = generateTenant(30, 2500);
    emu = await emulator({ fixtures: [], rows: big.rows });
    const opts = options(emu, { scope: { subscriptions: big.subs, managementGroups: [] }, subscriptionBatch: 16, pageSize: 250, network: 'ids', maxQueryChars: 8000 });
    const snap = await fetchArgSnapshot(opts);
    const got = ids(snap.files.flatMap((f) => f.rows));
    expect(got).toHaveLength(2500 + 250);
    expect(new Set(got).size).toBe(got.length);
    expect(new Set(got)).toEqual(new Set(ids(big.rows)));
    expect(snap.files).toHaveLength(30);
    const clusterReqs = argRequests(emu).filter((r) => r.body?.query === CLUSTER_QUERY);
    // 2 batches (16 + 14 subscriptions) of more than 1,000 clusters each, in pages of 250.
    expect(clusterReqs.every((r) => (r.body?.subscriptions?.length ?? 0) <= 16)).toBe(true);
    expect(new Set(clusterReqs.map((r) => r.body?.subscriptions?.join()))).toHaveProperty('size', 2);
    expect(clusterReqs).toHaveLength(Math.ceil(1338 / 250) + Math.ceil(1162 / 250));
    expect(clusterReqs.filter((r) => r.body?.options?.$skipToken)).toHaveLength(clusterReqs.length - 2);
    const pages = opts.events.filter((e) => e.kind === 'page' && e.purpose === 'clusters');
    expect(pages.reduce((n, e) => n + (e.kind === 'page' ? e.rows : 0), 0)).toBe(2500);
    // The referenced IPs went out in several network queries, each under the length budget.
    const netReqs = argRequests(emu).filter((r) => r.body?.query !== CLUSTER_QUERY);
    expect(netReqs.length).toBeGreaterThan(1);
    for (const r of netReqs) expect(r.body!.query!.length).toBeLessThanOrEqual(8000);
  });

  test('a page too large for ARG is asked for again in smaller pages', async () => {
    const big = generateTenant(3, 1200, 0);
    emu = await emulator({ fixtures: [], rows: big.rows, maxPayloadBytes: 300_000 });
    const opts = options(emu);
    const snap = await fetchArgSnapshot(opts);
    expect(snap.manifest.errors).toEqual([]);
    expect(snap.files.flatMap((f) => f.rows)).toHaveLength(1200);
    const shrinks = opts.events.filter((e) => e.kind === 'shrink').map((e) => (e.kind === 'shrink' ? e.top : 0));
    expect(shrinks[0]).toBe(500);
    expect(argRequests(emu).some((r) => r.status === 400)).toBe(true);
  });
});

describe('scopes that fail are named, and the rest is still scanned', () => {
  test('an unreadable subscription in a batch is singled out; the others are read', async () => {
    emu = await emulator({ forbiddenSubscriptions: [SUB_B] });
    const snap = await fetchArgSnapshot(options(emu, { scope: { subscriptions: [SUB_A, SUB_B, SUB_DEV], managementGroups: [] } }));
    expect(snap.manifest.errors).toEqual([
      {
        code: 'scope-failed',
        resourceId: `/subscriptions/${SUB_B}`,
        message: expect.stringMatching(new RegExp(`^subscription ${SUB_B}: the clusters query failed: AccessDenied: Access is denied`)),
      },
    ]);
    const names = snap.files.flatMap((f) => f.rows).map((r) => r['name']);
    expect(names).toEqual(expect.arrayContaining(['aks-lb', 'aks-natgw', 'aks-mnat', 'aks-dev']));
    expect(names).not.toContain('aks-udr');
  });

  test('a network lookup in an unreadable subscription fails that scope and leaves its clusters incomplete', async () => {
    emu = await emulator({ forbiddenSubscriptions: [SUB_HUB] });
    const loaded = await loadArg(options(emu, { scope: { subscriptions: [], managementGroups: ['mg-prod'] } }));
    expect(loaded.errors.map((e) => [e.code, e.resourceId])).toEqual([['scope-failed', `/subscriptions/${SUB_HUB}`]]);
    expect(loaded.errors[0]?.message).toContain('the network query failed: AccessDenied');
    expect(loaded.inventory.clusters.size).toBe(5);
    expect(loaded.inventory.subnets.has(`/subscriptions/${SUB_HUB}/resourcegroups/rg-hub/providers/microsoft.network/virtualnetworks/vnet-hub/subnets/snet-aks-natgw`)).toBe(false);
  });

  test('management groups: each is its own scope; one the caller cannot read is reported', async () => {
    emu = await emulator({ forbiddenManagementGroups: ['mg-dev'] });
    const snap = await fetchArgSnapshot(options(emu, { scope: { subscriptions: [], managementGroups: ['mg-prod', 'mg-dev'] } }));
    expect(snap.manifest.errors.map((e) => e.resourceId)).toEqual(['/providers/Microsoft.Management/managementGroups/mg-dev']);
    expect(argRequests(emu).filter((r) => r.body?.managementGroups).map((r) => r.body?.managementGroups)).toEqual([['mg-prod'], ['mg-dev']]);
    expect(snap.files.map((f) => f.subscriptionId)).toEqual([SUB_A, SUB_B, SUB_HUB]);
  });

  test('a truncated result is an error for its scope, not a silent gap', async () => {
    emu = await emulator({ truncatedSubscriptions: [SUB_A] });
    const snap = await fetchArgSnapshot(options(emu, { scope: { subscriptions: [SUB_A], managementGroups: [] } }));
    expect(snap.manifest.errors.map((e) => e.code)).toEqual(['result-truncated', 'result-truncated']);
    expect(snap.manifest.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(`subscription ${SUB_A}: ARG truncated the clusters result`),
      expect.stringContaining(`subscription ${SUB_A}: ARG truncated the network result`),
    ]);
  });

  test('a tenant wider than ARG reads is reported', async () => {
    emu = await emulator({ subscriptionLimit: 2 });
    const snap = await fetchArgSnapshot(options(emu));
    expect(snap.manifest.errors.map((e) => e.code)).toEqual(['subscription-limit']);
  });
});

import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLUSTER_QUERY, kql, networkQuery, NETWORK_TYPES, packIds, TYPED_NETWORK_QUERY, typeOfId } from '../../../../src/inventory/sources/arg/queries.ts';
import { kustoErrors } from '../../../arg-emulator/kusto.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { emulator, staticCredential, SUB_A } from './helpers.ts';

const id = (i: number) => `/subscriptions/${SUB_A}/resourceGroups/rg-${i}/providers/Microsoft.Network/publicIPAddresses/ip-${i}`;

describe("the scanner's queries", () => {
  test("pass Microsoft's Kusto parser with ARG's Resources schema", () => {
    expect(kustoErrors(CLUSTER_QUERY)).toEqual([]);
    expect(kustoErrors(networkQuery(NETWORK_TYPES, [id(1), id(2)]))).toEqual([]);
    expect(kustoErrors(TYPED_NETWORK_QUERY)).toEqual([]);
  });

  test('IDs are escaped, so a hostile ID cannot change the query', () => {
    const evil = "/subscriptions/x/resourceGroups/a') | project secrets | where ('1";
    const q = networkQuery(['microsoft.network/virtualnetworks'], [evil, 'back\\slash']);
    expect(kustoErrors(q)).toEqual([]);
    expect(q).toContain(kql(evil));
    expect(q.replace(kql(evil), '')).not.toContain('secrets');
  });

  test('ID lists are split to keep every query under the length budget', () => {
    const ids = Array.from({ length: 500 }, (_, i) => id(i));
    const packs = packIds(ids, 8000);
    expect(packs.flat()).toEqual(ids);
    expect(packs.length).toBeGreaterThan(5);
    for (const p of packs) expect(networkQuery(NETWORK_TYPES, p).length).toBeLessThanOrEqual(8000);
  });

  test('resource types are read from IDs, nested types included', () => {
    expect(typeOfId(id(1))).toBe('microsoft.network/publicipaddresses');
    expect(typeOfId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/x')).toBe('microsoft.network/virtualnetworks/subnets');
    expect(typeOfId('/subscriptions/s')).toBeNull();
  });
});

describe('the emulator refuses what ARG would refuse', () => {
  let emu: ArgEmulator;
  let client: ResourceGraphClient;
  beforeAll(async () => {
    emu = await emulator();
    client = new ResourceGraphClient(staticCredential(), { endpoint: emu.url, retryOptions: { maxRetries: 0 }, tlsOptions: { ca: emu.caPem } });
  });
  afterAll(() => emu.close());

  const failure = async (p: Promise<unknown>) => {
    const err = (await p.then(
      () => null,
      (e: unknown) => e,
    )) as { statusCode?: number; details?: { error?: { code?: string; details?: Record<string, unknown>[] } } } | null;
    return { status: err?.statusCode, code: err?.details?.error?.code, details: err?.details?.error?.details };
  };

  test('an invalid query: 400 with the parser failure in ARG’s error shape', async () => {
    const f = await failure(client.resources({ query: 'Resources | where type =~ | project id', subscriptions: [SUB_A] }));
    expect(f.status).toBe(400);
    expect(f.code).toBe('BadRequest');
    // The SDK keeps ARG's extra detail fields under additionalProperties.
    expect(f.details?.[1]).toMatchObject({ code: 'ParserFailure', additionalProperties: { line: 1, characterPositionInLine: 25 } });
  });

  test('a valid query naming an unknown column is refused too (semantic check)', async () => {
    const f = await failure(client.resources({ query: 'Resources | project idd', subscriptions: [SUB_A] }));
    expect(f.status).toBe(400);
    expect(String(f.details?.[1]?.['message'])).toContain('KS142');
  });

  test('$top above 1,000 and more than 1,000 subscriptions are refused', async () => {
    expect((await failure(client.resources({ query: CLUSTER_QUERY, options: { top: 1001 } }))).status).toBe(400);
    const subs = Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await failure(client.resources({ query: CLUSTER_QUERY, subscriptions: subs }))).status).toBe(400);
  });

  test('a skip token is only good for the query and scope it came from', async () => {
    const first = await client.resources({ query: CLUSTER_QUERY, options: { top: 1 } });
    expect(first.skipToken).toBeTruthy();
    const next = await client.resources({ query: CLUSTER_QUERY, options: { skipToken: first.skipToken! } });
    expect(next.data).toHaveLength(1);
    expect(next.data[0].id).not.toBe(first.data[0].id);
    const f = await failure(client.resources({ query: CLUSTER_QUERY, subscriptions: [SUB_A], options: { skipToken: first.skipToken! } }));
    expect(f.code).toBe('InvalidSkipToken');
  });

  test('a request without a token the tenant issued is 401', async () => {
    const other = new ResourceGraphClient(staticCredential('forged'), { endpoint: emu.url, retryOptions: { maxRetries: 0 }, tlsOptions: { ca: emu.caPem } });
    expect((await failure(other.resources({ query: CLUSTER_QUERY }))).status).toBe(401);
  });

  test('TLS is verified: a client that does not trust the test CA cannot connect', async () => {
    const untrusting = new ResourceGraphClient(staticCredential(), { endpoint: emu.url, retryOptions: { maxRetries: 0 } });
    const err = (await untrusting.resources({ query: CLUSTER_QUERY }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/certificate/i);
  });
});

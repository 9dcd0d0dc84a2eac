import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildFacts } from '../../../../src/inventory/facts/facts.ts';
import { readDocument } from '../../../../src/json/read.ts';
import { extractRows } from '../../../../src/inventory/sources/files/shapes.ts';
import { loadFixtures } from '../../../../src/inventory/sources/files/index.ts';
import { ROOT } from '../../../helpers/cli.ts';

const DIR = path.join(ROOT, 'test/fixtures/formats');
const file = (name: string): string => path.join(DIR, name);

describe('every accepted input shape yields its rows', () => {
  test.each([
    ['az-aks-show.json', 1, []],
    ['az-graph-query.json', 1, ['data', 0]],
    ['arg-response.json', 1, ['data', 0]],
    ['arm-list.json', 1, ['value', 0]],
    ['arm-single.json', 1, []],
  ] as const)('%s', async (name, count, firstPath) => {
    const rows = extractRows(await readDocument(file(name)));
    expect(rows).toHaveLength(count);
    expect(rows[0]?.source.path).toEqual(firstPath);
  });
});

describe('a cluster whose network is spread over five files in five shapes', () => {
  test('joins into one complete facts document', async () => {
    const loaded = await loadFixtures([DIR]);
    expect(loaded.errors).toEqual([]);
    const [c, ...rest] = buildFacts(loaded.inventory);
    expect(rest).toHaveLength(0);
    expect(c).toBeDefined();
    if (!c) return;
    expect(c.missing).toEqual([]);
    expect(c.incompleteReasons).toEqual([]);
    expect(c.outboundType).toBe('userAssignedNATGateway');
    expect(c.vnetMode).toBe('byo');
    expect(c.resourceGroup).toBe('rg-aks');
    expect(c.kubernetesVersionOrdinal).toBe(1032);
    // az CLI casing (vnetSubnetId, /resourcegroups/) still joins to the ARG subnet.
    const [system, win] = c.pools;
    expect(system?.subnet?.known).toBe(true);
    expect(system?.maxNodes).toBe(10);
    expect(win?.disableOutboundNat).toBe(true);
    expect(c.maxNodes).toBe(12);
    expect(c.subnets).toHaveLength(1);
    expect(c.subnets[0]?.defaultOutboundAccess).toBe(false);
    expect(c.subnets[0]?.pools).toEqual(['system', 'win1']);
    const [gw] = c.natGateways;
    expect(gw?.name).toBe('ngw-egress');
    expect(gw?.zones).toEqual(['1']);
    expect(gw?.idleTimeoutInMinutes).toBe(10);
    // One IP plus a /30 prefix: 5 addresses, all IPv4, shared by 12 max nodes.
    expect(gw?.ipCount).toBe(5);
    expect(gw?.snatPortsPerNode).toBe(Math.floor((64_512 * 5) / 12));
    expect(system?.zonesWithoutNatGateway).toEqual(['2', '3']);
    expect(system?.zonesOutsideNatGatewayZones).toEqual(['2', '3']);
    expect(c.egressIps.map((e) => [e.name, e.address, e.insideAuthorizedRanges])).toEqual([
      ['pip-egress', '20.50.1.10', true],
      ['ippre-egress', '20.50.2.0/30', true],
    ]);
    expect(c.apiServer.egressOutsideAuthorizedRanges).toEqual([]);
  });

  test('a referenced resource missing from the inventory is recorded, never a silent pass', async () => {
    const loaded = await loadFixtures([file('az-aks-show.json'), file('az-graph-query.json')]);
    const [c] = buildFacts(loaded.inventory);
    expect(c?.missing).toEqual(['/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/ngw-egress']);
    expect(c?.incompleteReasons.join()).toMatch(/NAT gateway .*ngw-egress is not in the inventory/);
    expect(c?.pools.every((p) => !p.networkKnown)).toBe(true);
  });

  test('the same file reached twice is read once', async () => {
    const loaded = await loadFixtures([DIR, file('arm-list.json')]);
    expect(loaded.files.size).toBe(5);
    expect(loaded.errors).toEqual([]);
  });
});

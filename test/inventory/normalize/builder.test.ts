import { describe, expect, test } from 'vitest';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import { BASE_CLUSTER, BASE_CLUSTER_ID, mergeDeep } from '../../../src/policy/testing/tester.ts';

const build = (...rows: unknown[]) => {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'rows.json', path: [i] } }));
  return b.finish();
};
const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes';

describe('InventoryBuilder', () => {
  test('an identical duplicate row is read once; IDs and types match case-insensitively', () => {
    const upper = { ...BASE_CLUSTER, id: BASE_CLUSTER_ID.toUpperCase(), type: 'Microsoft.ContainerService/managedClusters' };
    const { inventory, errors } = build(BASE_CLUSTER, upper);
    expect(errors).toEqual([]);
    expect(inventory.clusters.size).toBe(1);
    expect([...inventory.clusters.values()][0]!.invalid).toBe(false);
  });

  test('two different rows with one ID are an error naming both places, and the resource is not trusted', () => {
    const other = mergeDeep(BASE_CLUSTER, { properties: { kubernetesVersion: '1.19.0', currentKubernetesVersion: '1.19.0' } });
    const { inventory, errors } = build(BASE_CLUSTER, other);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'duplicate-id', resourceId: BASE_CLUSTER_ID });
    expect(errors[0]!.message).toContain('rows.json $[0] and rows.json $[1]');
    expect([...inventory.clusters.values()][0]!.invalid).toBe(true);
  });

  test('an agent pool listed as its own row replaces the embedded pool of the same name', () => {
    const pool = { id: `${BASE_CLUSTER_ID}/agentPools/system`, name: 'system', type: 'microsoft.containerservice/managedclusters/agentpools', properties: { type: 'VirtualMachineScaleSets', count: 7 } };
    const cluster = [...build(BASE_CLUSTER, pool).inventory.clusters.values()][0]!;
    expect(cluster.pools.map((p) => [p.name, p.count])).toEqual([['system', 7]]);
  });

  test('az CLI output is read: flattened properties and the CLI casing of property names', () => {
    const { id, name, type, location, resourceGroup } = BASE_CLUSTER as Record<string, string>;
    const cli = { id, name, type, location, resourceGroup, kubernetesVersion: '1.33.2', agentPoolProfiles: [{ name: 'system', vnetSubnetId: SUBNET, enableNodePublicIp: true }] };
    const cluster = [...build(cli).inventory.clusters.values()][0]!;
    expect(cluster.pools[0]).toMatchObject({ vnetSubnetId: SUBNET, enableNodePublicIp: true });
  });

  test('a row that is not an object is refused with its place; null means absent', () => {
    const { inventory, errors } = build(null, 42);
    expect(inventory.clusters.size).toBe(0);
    expect(errors.map((e) => [e.file, e.path])).toEqual([['rows.json', '$[1]']]);
  });
});

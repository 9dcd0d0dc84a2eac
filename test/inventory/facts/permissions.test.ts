import { expect, test } from 'vitest';
import { buildFacts } from '../../../src/inventory/facts/facts.ts';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import { BASE_CLUSTER, mergeDeep } from '../../../src/policy/testing/tester.ts';

const SUB = '00000000-0000-0000-0000-000000000001';
const SUBNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/nodes`;
const PRINCIPAL = 'aaaaaaaa-0000-0000-0000-00000000000a';

function factsWith(role: string): ReturnType<typeof buildFacts>[number] {
  const b = new InventoryBuilder();
  const rows = [
    mergeDeep(BASE_CLUSTER, {
      identity: { type: 'SystemAssigned', principalId: PRINCIPAL },
      properties: { agentPoolProfiles: [{ name: 'system', count: 3, vnetSubnetID: SUBNET }] },
    }),
    { id: SUBNET, name: 'nodes', type: 'microsoft.network/virtualnetworks/subnets', properties: { addressPrefix: '10.1.0.0/24' } },
    {
      id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Authorization/roleAssignments/1`,
      type: 'microsoft.authorization/roleassignments',
      properties: { principalId: PRINCIPAL, roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`, scope: `/subscriptions/${SUB}/resourceGroups/rg-net` },
    },
  ];
  rows.forEach((value, i) => b.add({ value, source: { file: 'x', path: [i] } }));
  const [c] = buildFacts(b.finish().inventory);
  if (!c) throw new Error('no cluster');
  return c;
}

test('a custom role definition the inventory lacks makes the cluster incomplete, naming it', () => {
  const c = factsWith('99999999-0000-0000-0000-000000000099');
  const id = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/99999999-0000-0000-0000-000000000099`;
  expect(c.missing).toEqual([id]);
  expect(c.incompleteReasons).toEqual([`role definition ${id} is not in the inventory`]);
  expect(c.identity.permissions[0]).toMatchObject({ judged: false, missingActions: [] });
});

test.each([
  ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
  ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c'],
  ['Network Contributor', '4D97B98B-1D4F-4787-A291-C67834D212E7'],
])('%s is known without its definition', (_name, guid) => {
  const c = factsWith(guid);
  expect(c.incompleteReasons).toEqual([]);
  expect(c.identity.permissions.map((p) => [p.judged, p.grantedActions.length, p.missingActions])).toEqual([[true, 2, []]]);
});

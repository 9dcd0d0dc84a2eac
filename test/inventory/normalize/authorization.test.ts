import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildFacts } from '../../../src/inventory/facts/facts.ts';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import { loadFixtures } from '../../../src/inventory/sources/files/index.ts';
import { ROOT } from '../../helpers/cli.ts';

/** The body of an Azure REST API specification example's response, as the ARM API returns it. */
function body(example: string, status = '200'): unknown {
  const raw = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/azure-rest', `${example}.json`), 'utf8')) as { responses: Record<string, { body: unknown }> };
  return raw.responses[status]?.body;
}

function inventoryOf(rows: unknown[]): ReturnType<InventoryBuilder['finish']> {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'rest', path: [i] } }));
  return b.finish();
}

describe('ARM REST bodies from the Azure REST API specifications', () => {
  test('a role assignment (RoleAssignments_Get) and a list of them (ListForResourceGroup)', () => {
    const list = body('2022-04-01__RoleAssignments_ListForResourceGroup') as { value: unknown[] };
    const { inventory, errors } = inventoryOf([body('2022-04-01__RoleAssignments_Get'), ...list.value]);
    expect(errors).toEqual([]);
    // The Get example and the list's first entry are the same assignment.
    expect([...inventory.roleAssignments.values()].map((a) => [a.name, a.principalId, a.roleDefinitionId, a.scope])).toEqual([
      ['b0f43c54-e787-4862-89b1-a653fa9cf747', 'ce2ce14e-85d7-4629-bdbc-454d0519d987', '/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d', '/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2'],
      ['96786e4b-dede-4c2e-8736-8ab911987f08', 'ce2ce14e-85d7-4629-bdbc-454d0519d987', '/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d', '/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/resourceGroups/testrg'],
    ]);
  });

  test('a role definition (GetRoleDefinitionById): properties.type is the role type', () => {
    const { inventory, errors } = inventoryOf([body('2022-04-01__GetRoleDefinitionById')]);
    expect(errors).toEqual([]);
    const [d] = inventory.roleDefinitions.values();
    expect(d).toMatchObject({ name: 'roleDefinitionId', roleName: 'Role name', roleType: 'roletype', permissions: [{ actions: ['action'], notActions: [] }] });
  });

  test('a VNet firewall (AzureFirewallGet): private IP, public IP and AzureFirewallSubnet of each IP configuration', () => {
    const { inventory, errors } = inventoryOf([body('2026-07-01__AzureFirewallGet')]);
    expect(errors).toEqual([]);
    const [fw] = inventory.firewalls.values();
    expect(fw).toMatchObject({
      name: 'azurefirewall',
      privateIpAddresses: ['10.0.0.0'],
      publicIpIds: ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/publicIPAddresses/pipName'],
      hubPublicIpCount: null,
      subnetIds: ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet2/subnets/AzureFirewallSubnet'],
    });
  });

  test('a Virtual WAN hub firewall (AzureFirewallPutInHub): hubIPAddresses', () => {
    const { inventory, errors } = inventoryOf([body('2024-05-01__AzureFirewallPutInHub')]);
    expect(errors).toEqual([]);
    const [fw] = inventory.firewalls.values();
    expect(fw).toMatchObject({ skuName: 'AZFW_Hub', privateIpAddresses: ['10.0.0.0'], publicIpIds: [], hubPublicIpCount: 1, subnetIds: [] });
  });

  test('a wrong shape is an error naming the place, and the row is kept as unreliable', () => {
    const { inventory, errors } = inventoryOf([{ id: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/x', type: 'Microsoft.Authorization/roleDefinitions', properties: { permissions: [{ actions: 'Microsoft.Network/*' }] } }]);
    expect(errors.map((e) => e.message)).toEqual(['rest: $[0].properties.permissions[0].actions: expected an array, found the string "Microsoft.Network/*"']);
    expect([...inventory.roleDefinitions.values()][0]?.invalid).toBe(true);
  });
});

describe('a kubenet UDR cluster whose identity, grants and firewall come in ARG, ARG REST and az CLI shapes', async () => {
  const loaded = await loadFixtures([path.join(ROOT, 'test/fixtures/identity')]);
  const [c, ...rest] = buildFacts(loaded.inventory);

  test('reads every file without problems into one complete cluster', () => {
    expect(loaded.errors).toEqual([]);
    expect(rest).toEqual([]);
    expect(c?.incompleteReasons).toEqual([]);
    expect(loaded.inventory.subscriptions.get('22222222-3333-4444-5555-666666666666')?.managementGroups).toEqual(['mg-landing-zones', '72f988bf-0000-0000-0000-000000000000']);
  });

  test('the user-assigned identity (az aks show) is the control-plane identity', () => {
    expect(c?.identity).toMatchObject({ kind: 'userAssigned', principalId: '9a9a9a9a-1111-2222-3333-444444444444', notJudgedReason: null });
  });

  test('the ARG custom role grants the subnet; the az custom role reads the route table but its notActions keep routes/write', () => {
    expect(c?.identity.permissions.map((p) => [p.kind, p.name, p.judged, p.missingActions])).toEqual([
      ['subnet', 'snet-nodes', true, []],
      ['routeTable', 'rt-egress', true, ['Microsoft.Network/routeTables/routes/write']],
    ]);
  });

  test('the default route reaches the firewall (az network firewall show), whose subnet has a NAT gateway', () => {
    expect(c?.firewalls).toEqual([
      expect.objectContaining({ name: 'fw-hub', known: true, hub: false, publicIpCount: 1, natGatewayIpv4AddressCount: 1, servedMaxNodes: 40, pools: ['system'] }),
    ]);
  });
});

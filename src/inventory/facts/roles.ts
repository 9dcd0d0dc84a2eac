/**
 * Role-based access control facts from the AKS service permissions article: the actions a cluster's
 * control-plane identity needs on bring-your-own network resources, and the built-in roles whose
 * grants are known without their definitions in the inventory.
 */
import type { RolePermission } from '../model.ts';
import { lastSegment } from '../normalize/common.ts';

export const SUBNET_ACTIONS = ['Microsoft.Network/virtualNetworks/subnets/join/action', 'Microsoft.Network/virtualNetworks/subnets/read'];
export const ROUTE_TABLE_ACTIONS = ['Microsoft.Network/routeTables/read', 'Microsoft.Network/routeTables/routes/write'];
export const PUBLIC_IP_ACTIONS = ['Microsoft.Network/publicIPAddresses/join/action'];
export const PUBLIC_IP_PREFIX_ACTIONS = ['Microsoft.Network/publicIPPrefixes/join/action'];

/**
 * Owner, Contributor and Network Contributor, by the GUID that ends their role definition ID.
 * Only what decides the network actions above is written down: Contributor's notActions are all
 * under Microsoft.Authorization and other providers, Network Contributor grants Microsoft.Network/*.
 */
export const BUILT_IN_ROLES: ReadonlyMap<string, { name: string; permissions: RolePermission[] }> = new Map([
  ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', { name: 'Owner', permissions: [{ actions: ['*'], notActions: [] }] }],
  [
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    {
      name: 'Contributor',
      permissions: [{ actions: ['*'], notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action'] }],
    },
  ],
  ['4d97b98b-1d4f-4787-a291-c67834d212e7', { name: 'Network Contributor', permissions: [{ actions: ['Microsoft.Network/*'], notActions: [] }] }],
]);

const patterns = new Map<string, RegExp>();

/** An RBAC action pattern: `*` matches any run of characters, and case does not matter. */
function pattern(p: string): RegExp {
  let re = patterns.get(p);
  if (!re) {
    re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
    if (patterns.size < 10_000) patterns.set(p, re);
  }
  return re;
}

/** Whether one of the role's permission entries grants `action`: an action pattern matches it and no notActions pattern of that entry does. */
export function grants(permissions: readonly RolePermission[], action: string): boolean {
  return permissions.some((e) => e.actions.some((a) => pattern(a).test(action)) && !e.notActions.some((n) => pattern(n).test(action)));
}

/** The role's GUID: the last segment of a role definition ID, whatever scope prefix it carries. */
export function roleGuid(roleDefinitionId: string): string {
  return lastSegment(roleDefinitionId).toLowerCase();
}

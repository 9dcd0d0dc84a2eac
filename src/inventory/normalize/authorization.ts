import { isObject, type FieldReader, type Json, type PathSeg } from './fields.ts';
import type { ClusterIdentity, RoleAssignment, RoleDefinition, RolePermission, SubscriptionContainer } from '../model.ts';
import { idPart, type BaseFields } from './common.ts';

/**
 * Readers for Azure Resource Graph's `authorizationresources` and `resourcecontainers` rows, ARM
 * REST bodies and `az role ... list` output (flattened, `roleType` beside the resource `type`).
 */
export function readRoleAssignment(r: FieldReader, p: Json, at: PathSeg[], base: BaseFields): RoleAssignment {
  return {
    ...base,
    principalId: r.string(p, 'principalId', at),
    principalType: r.string(p, 'principalType', at),
    roleDefinitionId: r.string(p, 'roleDefinitionId', at),
    scope: r.string(p, 'scope', at) ?? scopeOfAssignment(base.id),
  };
}

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/g` → `/subscriptions/s/resourceGroups/rg`. */
function scopeOfAssignment(id: string): string | null {
  const i = id.toLowerCase().lastIndexOf('/providers/microsoft.authorization/roleassignments/');
  return i > 0 ? id.slice(0, i) : i === 0 ? '/' : null;
}

export function readRoleDefinition(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): RoleDefinition {
  const permissions: RolePermission[] = [];
  const list = r.array(p, 'permissions', at);
  list?.value.forEach((v, i) => {
    const path = [...list.path, i];
    if (v === null) return;
    if (!isObject(v)) return void r.fail(path, 'a permissions object', v);
    permissions.push({ actions: r.strings(v, 'actions', path) ?? [], notActions: r.strings(v, 'notActions', path) ?? [] });
  });
  // ARM puts the role's kind in properties.type; az flattens it to roleType beside the resource type.
  const roleType = p === row ? r.string(p, 'roleType', at) : (r.string(p, 'type', at) ?? r.string(p, 'roleType', at));
  return { ...base, roleName: r.string(p, 'roleName', at), roleType, permissions };
}

export function readSubscription(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): SubscriptionContainer {
  const chain = r.array(p, 'managementGroupAncestorsChain', at);
  const groups: string[] = [];
  chain?.value.forEach((v, i) => {
    const path = [...chain.path, i];
    if (!isObject(v)) return void r.fail(path, 'a management group object', v);
    const name = r.string(v, 'name', path);
    if (name !== null) groups.push(name);
  });
  return {
    ...base,
    subscriptionId: r.string(row, 'subscriptionId', base.source.path) ?? idPart(base.id, 'subscriptions'),
    managementGroups: groups,
  };
}

/** The cluster's `identity` and `servicePrincipalProfile`, in ARM or `az aks show` form. */
export function readClusterIdentity(r: FieldReader, row: Json, rowPath: PathSeg[], p: Json, at: PathSeg[]): ClusterIdentity {
  const id = r.object(row, 'identity', rowPath);
  const sp = r.object(p, 'servicePrincipalProfile', at);
  const users = id ? r.object(id.value, 'userAssignedIdentities', id.path) : null;
  const principals: string[] = [];
  if (users) {
    for (const [k, v] of Object.entries(users.value)) {
      if (v === null) continue;
      if (!isObject(v)) {
        r.fail([...users.path, k], 'a user-assigned identity object', v);
        continue;
      }
      const pid = r.string(v, 'principalId', [...users.path, k]);
      if (pid !== null) principals.push(pid);
    }
  }
  return {
    type: id ? r.string(id.value, 'type', id.path) : null,
    principalId: id ? r.string(id.value, 'principalId', id.path) : null,
    userAssignedPrincipalIds: principals,
    servicePrincipalClientId: sp ? r.string(sp.value, 'clientId', sp.path) : null,
  };
}

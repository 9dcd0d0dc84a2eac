import { idPart } from '../normalize/common.ts';
import { key, type Cluster, type Inventory, type RoleAssignment, type RoleDefinition } from '../model.ts';
import { BUILT_IN_ROLES, grants, PUBLIC_IP_ACTIONS, PUBLIC_IP_PREFIX_ACTIONS, ROUTE_TABLE_ACTIONS, roleGuid, SUBNET_ACTIONS } from './roles.ts';
import type { IdentityFacts, PermissionFacts, SubnetFacts } from './types.ts';

/** What the facts join reads of the authorization rows, built once per inventory. */
interface AuthorizationIndex {
  any: boolean;
  byPrincipal: Map<string, RoleAssignment[]>;
  /** Role definitions by GUID: an assignment names its role whatever scope prefix either ID carries. */
  definitions: Map<string, RoleDefinition>;
  /** Subscriptions with at least one role assignment scoped to them or inside them. */
  subscriptionsWithAssignments: Set<string>;
}

const indexes = new WeakMap<Inventory, AuthorizationIndex>();

function indexOf(inv: Inventory): AuthorizationIndex {
  let ix = indexes.get(inv);
  if (ix) return ix;
  ix = { any: inv.roleAssignments.size > 0, byPrincipal: new Map(), definitions: new Map(), subscriptionsWithAssignments: new Set() };
  for (const a of inv.roleAssignments.values()) {
    const sub = a.scope ? idPart(a.scope, 'subscriptions') : '';
    if (sub) ix.subscriptionsWithAssignments.add(sub.toLowerCase());
    if (!a.principalId) continue;
    const k = a.principalId.toLowerCase();
    const list = ix.byPrincipal.get(k);
    if (list) list.push(a);
    else ix.byPrincipal.set(k, [a]);
  }
  for (const d of inv.roleDefinitions.values()) ix.definitions.set(roleGuid(d.id), d);
  indexes.set(inv, ix);
  return ix;
}

/** The control-plane identity: a service principal cluster's cannot be read from the inventory. */
function identityOf(c: Cluster): Omit<IdentityFacts, 'permissions' | 'notJudgedReason'> {
  const spn = c.identity.servicePrincipalClientId;
  if (spn !== null && spn.toLowerCase() !== 'msi') return { kind: 'servicePrincipal', principalId: null };
  const type = (c.identity.type ?? '').toLowerCase();
  const user = c.identity.userAssignedPrincipalIds[0];
  if (type.includes('userassigned') && user) return { kind: 'userAssigned', principalId: user };
  if (c.identity.principalId) return { kind: 'systemAssigned', principalId: c.identity.principalId };
  if (user) return { kind: 'userAssigned', principalId: user };
  return { kind: 'unknown', principalId: null };
}

type Needed = Pick<PermissionFacts, 'id' | 'name' | 'kind' | 'requiredActions' | 'source'>;

/**
 * The network resources a BYO-VNet cluster's identity must be allowed to use: every node subnet,
 * a kubenet cluster's node-subnet route tables, and the load balancer outbound IPs and prefixes it brings.
 */
function neededOn(inv: Inventory, c: Cluster, outboundType: string, subnets: readonly SubnetFacts[]): Needed[] {
  const out = new Map<string, Needed>();
  const add = (id: string, kind: PermissionFacts['kind'], actions: string[], name: string | undefined, source: PermissionFacts['source']): void => {
    if (!out.has(key(id))) out.set(key(id), { id, name: name ?? id.split('/').pop() ?? id, kind, requiredActions: actions, source });
  };
  const kubenet = c.networkPlugin?.toLowerCase() === 'kubenet';
  for (const s of subnets) add(s.id, 'subnet', SUBNET_ACTIONS, s.name, s.source);
  if (kubenet) {
    for (const s of subnets) {
      if (!s.routeTableId) continue;
      const rt = inv.routeTables.get(key(s.routeTableId));
      add(rt?.id ?? s.routeTableId, 'routeTable', ROUTE_TABLE_ACTIONS, rt?.name, rt?.source ?? null);
    }
  }
  if (outboundType === 'loadBalancer') {
    for (const id of c.lbOutboundIpIds) {
      const ip = inv.publicIps.get(key(id));
      add(ip?.id ?? id, 'publicIp', PUBLIC_IP_ACTIONS, ip?.name, ip?.source ?? null);
    }
    for (const id of c.lbOutboundIpPrefixIds) {
      const pre = inv.publicIpPrefixes.get(key(id));
      add(pre?.id ?? id, 'publicIpPrefix', PUBLIC_IP_PREFIX_ACTIONS, pre?.name, pre?.source ?? null);
    }
  }
  return [...out.values()];
}

/**
 * The cluster's control-plane identity and, on a BYO VNet, what it is granted on each network
 * resource it needs. `lack` records a role definition an assignment names and the inventory lacks.
 */
export function identityFacts(
  inv: Inventory,
  c: Cluster,
  outboundType: string,
  byo: boolean,
  subnets: readonly SubnetFacts[],
  lack: (id: string, what: string) => void,
): IdentityFacts {
  const ix = indexOf(inv);
  const who = identityOf(c);
  const clusterReason = !ix.any
    ? 'the inventory holds no role assignment'
    : who.kind === 'servicePrincipal'
      ? 'the cluster uses a service principal, whose identity the inventory cannot show'
      : who.principalId === null
        ? "the cluster's row has no identity principal ID"
        : null;
  const needed = byo ? neededOn(inv, c, outboundType, subnets) : [];
  const assignments = who.principalId ? (ix.byPrincipal.get(who.principalId.toLowerCase()) ?? []) : [];
  const permissions = needed.map((n): PermissionFacts => {
    if (clusterReason) return { ...n, grantedActions: [], missingActions: [], judged: false, notJudgedReason: clusterReason };
    const sub = idPart(n.id, 'subscriptions');
    if (!ix.subscriptionsWithAssignments.has(sub.toLowerCase())) {
      return { ...n, grantedActions: [], missingActions: [], judged: false, notJudgedReason: `the inventory holds no role assignment from subscription ${sub}` };
    }
    return judge(inv, ix, n, assignments, lack);
  });
  return { ...who, notJudgedReason: clusterReason, permissions };
}

function judge(inv: Inventory, ix: AuthorizationIndex, n: Needed, assignments: readonly RoleAssignment[], lack: (id: string, what: string) => void): PermissionFacts {
  const granted = new Set<string>();
  const unknown: string[] = [];
  for (const a of assignments) {
    if (!a.scope || !a.roleDefinitionId) continue;
    const covers = scopeCovers(inv, a.scope, n.id);
    if (covers === false) continue;
    const guid = roleGuid(a.roleDefinitionId);
    const permissions = ix.definitions.get(guid)?.permissions ?? BUILT_IN_ROLES.get(guid)?.permissions;
    if (!permissions) {
      lack(a.roleDefinitionId, 'role definition');
      unknown.push(`role definition ${a.roleDefinitionId} is not in the inventory`);
      continue;
    }
    if (covers === null) {
      unknown.push(`assignment ${a.id} is at a management group the inventory does not place subscription ${idPart(n.id, 'subscriptions')} under or outside of`);
      continue;
    }
    for (const action of n.requiredActions) if (grants(permissions, action)) granted.add(action);
  }
  const missing = n.requiredActions.filter((x) => !granted.has(x));
  const reason = missing.length && unknown.length ? unknown.join('; ') : null;
  return { ...n, grantedActions: n.requiredActions.filter((x) => granted.has(x)), missingActions: reason ? [] : missing, judged: reason === null, notJudgedReason: reason };
}

/**
 * Whether an assignment scope covers a resource: the resource itself or an ancestor (resource
 * group, subscription, `/`). A management-group scope covers it when the `resourcecontainers` row
 * of the resource's subscription lists that group; null when the inventory has no such row.
 */
function scopeCovers(inv: Inventory, scope: string, resourceId: string): boolean | null {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const r = resourceId.toLowerCase();
  if (s === '' || r === s || r.startsWith(`${s}/`)) return true;
  const mg = /^\/providers\/microsoft\.management\/managementgroups\/([^/]+)$/.exec(s);
  if (!mg) return false;
  const container = inv.subscriptions.get(idPart(resourceId, 'subscriptions').toLowerCase());
  if (!container) return null;
  return container.managementGroups.some((g) => g.toLowerCase() === mg[1]);
}

import type { ClusterFacts } from '../../facts/types.ts';
import { key } from '../../model.ts';
import type { UnknownValue } from './context.ts';

/** A policy whose outcome for a cluster depends on a value Terraform knows only after apply. */
export interface DecidedAtApply {
  policyId: string;
  /** The resource holding the unknown value, and its azurerm attribute. */
  address: string;
  attribute: string;
}

const NAT_TYPES = new Set(['managednatgateway', 'managednatgatewayv2', 'userassignednatgateway']);
const type = (c: ClusterFacts): string => c.outboundType.toLowerCase();
const egressJudged = (c: ClusterFacts): boolean => !c.apiServer.private && (NAT_TYPES.has(type(c)) || type(c) === 'loadbalancer');

/** Which policies read each ARM property, and when they apply to a cluster at all. */
const READERS: { property: RegExp; policies: { id: string; applies: (c: ClusterFacts) => boolean }[] }[] = [
  { property: /kubernetesVersion$/, policies: [{ id: 'EG008', applies: (c) => NAT_TYPES.has(type(c)) }] },
  { property: /authorizedIPRanges$/, policies: [{ id: 'EG017', applies: (c) => egressJudged(c) }] },
  { property: /(ipAddress|ipPrefix)$/, policies: [{ id: 'EG017', applies: (c) => egressJudged(c) && c.apiServer.authorizedIpRanges.length > 0 }] },
  {
    property: /(count|maxCount)$/,
    policies: [
      { id: 'EG019', applies: (c) => type(c) === 'loadbalancer' },
      { id: 'EG020', applies: (c) => type(c) === 'loadbalancer' || NAT_TYPES.has(type(c)) },
      { id: 'EG024', applies: (c) => type(c) === 'userdefinedrouting' },
    ],
  },
  {
    property: /availabilityZones$/,
    policies: [
      { id: 'EG011', applies: (c) => NAT_TYPES.has(type(c)) },
      { id: 'EG012', applies: (c) => type(c) === 'userassignednatgateway' },
    ],
  },
  { property: /(nextHopIpAddress|privateIPAddress)$/, policies: [{ id: 'EG024', applies: (c) => type(c) === 'userdefinedrouting' }] },
  { property: /(principalId|roleDefinitionId)$/, policies: [{ id: 'EG023', applies: (c) => c.vnetMode === 'byo' }] },
];

/**
 * The "decided at apply" list of one cluster: unknown values on the resources its egress uses,
 * each with the policies (active for the cluster, and applying to it) that need the value. Role
 * assignments count when their scope covers one of those resources.
 */
export function decidedAtApply(c: ClusterFacts, unknowns: readonly UnknownValue[], active: ReadonlySet<string>): DecidedAtApply[] {
  const used = new Set<string>();
  const use = (id: string | null): void => void (id && used.add(key(id)));
  use(c.id);
  for (const p of c.pools) use(p.id);
  for (const s of c.subnets) [s.id, s.routeTableId, s.natGatewayId].forEach(use);
  for (const g of c.natGateways) use(g.id);
  for (const e of c.egressIps) use(e.id);
  const covers = (scope: string): boolean => [...used].some((id) => id === scope || id.startsWith(`${scope}/`));
  const out = new Map<string, DecidedAtApply>();
  for (const u of unknowns) {
    const rowKey = key(u.rowId);
    const assignment = /\/providers\/microsoft\.authorization\/roleassignments\/[^/]+$/.exec(rowKey);
    const relevant = assignment ? covers(rowKey.slice(0, assignment.index)) : used.has(rowKey) || isFirewall(rowKey);
    if (!relevant) continue;
    for (const reader of READERS) {
      if (!reader.property.test(u.property)) continue;
      for (const p of reader.policies) {
        if (!active.has(p.id) || !p.applies(c)) continue;
        const entry = { policyId: p.id, address: u.address, attribute: u.attribute };
        out.set(JSON.stringify(entry), entry);
      }
    }
  }
  return [...out.values()].sort((a, b) => a.policyId.localeCompare(b.policyId) || a.address.localeCompare(b.address) || a.attribute.localeCompare(b.attribute));
}

/** A firewall's private address decides which default routes reach it, so it concerns every UDR cluster of the plan. */
function isFirewall(rowKey: string): boolean {
  return rowKey.includes('/providers/microsoft.network/azurefirewalls/');
}

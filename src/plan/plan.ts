import { MIGRATIONS, migrationSupport, SNAT_PORTS_PER_LB_FRONTEND, SNAT_PORTS_PER_NAT_IP, MAX_NAT_GATEWAY_IPS, type MigrationSupport, type OutboundType } from '../inventory/facts/azure.ts';
import type { ClusterFacts } from '../inventory/facts/types.ts';
import type { Inventory } from '../inventory/model.ts';
import { DEFAULT_PARAMS } from '../policy/types.ts';
import { prerequisites, type Prerequisite } from './prerequisites.ts';

export interface MigrationPlan {
  clusterId: string;
  clusterName: string;
  subscriptionId: string;
  resourceGroup: string;
  vnetMode: 'managed' | 'byo';
  from: string;
  to: OutboundType;
  /** From the AKS documentation's migration tables; `same` when the cluster already uses the type. */
  support: MigrationSupport;
  summary: string;
  /** Types Azure documents as reachable from the current one on this VNet mode. */
  documentedTargets: string[];
  /** Supported (or already there) and every prerequisite met. */
  ready: boolean;
  prerequisites: Prerequisite[];
  warnings: string[];
  /** The `az aks update` command; null when there is nothing to run or no documented path. */
  command: string | null;
  notes: string[];
  /** Why parts of the cluster's inventory could not be read (prerequisites there are unknown). */
  inventoryGaps: string[];
}

const TARGET_PORTS_PER_NODE = DEFAULT_PARAMS.minSnatPortsPerNode;
const PORTS_TEXT = TARGET_PORTS_PER_NODE.toLocaleString('en-US');
const PREVIEW: readonly string[] = ['none', 'block'];

/** A shell word: names and IDs are quoted only when they need to be. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function summaryOf(c: ClusterFacts, to: OutboundType, support: MigrationSupport): string {
  const vnet = c.vnetMode === 'byo' ? 'a bring-your-own VNet' : 'the managed VNet';
  switch (support) {
    case 'same':
      return `The cluster already uses ${to}: nothing to migrate.`;
    case 'supported':
      return `Azure documents ${c.outboundType} → ${to} on ${vnet} as a supported in-place migration.`;
    case 'not-supported':
      return `Azure documents ${c.outboundType} → ${to} on ${vnet} as not supported: create a new cluster with outbound type ${to} and move the workloads.`;
    case 'not-documented':
      return c.outboundTypeRecognized
        ? `The AKS documentation has no migration path from ${c.outboundType} on ${vnet}; egress-audit does not guess one.`
        : `Outbound type ${c.outboundType} is not one Azure documents; no migration path is known.`;
  }
}

function command(c: ClusterFacts, to: OutboundType, notes: string[]): string {
  const words = ['az', 'aks', 'update', '--subscription', c.subscriptionId, '--resource-group', c.resourceGroup, '--name', c.name, '--outbound-type', to];
  const nodes = c.maxNodes;
  if (to === 'managedNATGateway') {
    const need = Math.ceil((nodes * TARGET_PORTS_PER_NODE) / SNAT_PORTS_PER_NAT_IP);
    const ips = Math.min(Math.max(need, 1), MAX_NAT_GATEWAY_IPS);
    words.push('--nat-gateway-managed-outbound-ip-count', String(ips));
    notes.push(`${ips} NAT gateway IP${ips === 1 ? '' : 's'}: ${PORTS_TEXT} SNAT ports per node at ${nodes} max nodes need ${need || 1} (64,512 ports per IP, at most 16).`);
    if (need > MAX_NAT_GATEWAY_IPS) notes.push(`Even 16 IPs give only ${Math.floor((SNAT_PORTS_PER_NAT_IP * MAX_NAT_GATEWAY_IPS) / nodes)} SNAT ports per node at ${nodes} nodes.`);
  } else if (to === 'loadBalancer') {
    const ips = Math.max(Math.ceil((nodes * TARGET_PORTS_PER_NODE) / SNAT_PORTS_PER_LB_FRONTEND), 1);
    words.push('--load-balancer-managed-outbound-ip-count', String(ips));
    // Azure's default allocation gives 1,024 ports per node only up to 50 nodes; above that, ask for them explicitly.
    if (nodes > 50) words.push('--load-balancer-outbound-ports', String(TARGET_PORTS_PER_NODE));
    notes.push(`${ips} new managed outbound IP${ips === 1 ? '' : 's'} (64,000 SNAT ports each) for ${PORTS_TEXT} ports per node at ${nodes} max nodes; new IPs rather than earlier ones, which must not be reused.`);
  }
  return words.map(shellWord).join(' ');
}

function warnings(c: ClusterFacts, to: OutboundType, prereqs: readonly Prerequisite[]): string[] {
  const current = c.egressIps.map((e) => e.address ?? e.name);
  const w = [
    'Disruptive: AKS reconfigures the egress of every node; plan a maintenance window.',
    `The cluster's egress IPs change${current.length ? ` (today: ${current.join(', ')})` : ''}: update firewall rules and allow-lists that name them.`,
  ];
  if (c.apiServer.authorizedIpRanges.length) {
    w.push(`The API server's authorized IP ranges (${c.apiServer.authorizedIpRanges.join(', ')}) must include the new egress IPs, or nodes lose the API server.`);
  }
  w.push('Needs Azure CLI 2.56 or newer.');
  w.push('Do not reuse an IP address or prefix from a prior outbound configuration of this cluster.');
  if (PREVIEW.includes(to)) w.push(`${to} is a preview outbound type.`);
  if (!c.apiServer.private && !c.apiServer.vnetIntegration && ['userDefinedRouting', 'none', 'block'].includes(to)) {
    w.push(`The API server is public and not VNet-integrated: node traffic to it goes through the outbound type as public traffic, so ${to} must still let it through (or make the cluster private, or use API Server VNet Integration).`);
  }
  if (to === 'userDefinedRouting' && prereqs.find((p) => p.id === 'default-route')?.status === 'met') {
    for (const s of c.subnets) {
      const hop = s.defaultRoute?.nextHopType;
      if (hop && hop.toLowerCase() !== 'virtualappliance') w.push(`The 0.0.0.0/0 route of subnet ${s.name} goes to ${hop}, not to a virtual appliance: egress is not inspected.`);
    }
  }
  if (['managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting'].includes(to)) {
    for (const p of c.pools) if (p.osType.toLowerCase() === 'windows' && p.disableOutboundNat !== true) w.push(`Windows pool ${p.name} keeps OutboundNAT (64 SNAT ports per node); on ${to} it can be replaced by a pool with OutboundNAT disabled.`);
  }
  return w;
}

/** The plan for moving one cluster to `to`: documented or not, what is missing, what changes, the command. */
export function planMigration(c: ClusterFacts, inv: Inventory, to: OutboundType): MigrationPlan {
  const support = c.outboundTypeRecognized ? migrationSupport(c.vnetMode, c.outboundType, to) : 'not-documented';
  const notes: string[] = [];
  const documentedTargets = c.outboundTypeRecognized ? [...(MIGRATIONS[c.vnetMode][c.outboundType as OutboundType] ?? [])] : [];
  const base = {
    clusterId: c.id,
    clusterName: c.name,
    subscriptionId: c.subscriptionId,
    resourceGroup: c.resourceGroup,
    vnetMode: c.vnetMode,
    from: c.outboundType,
    to,
    support,
    summary: summaryOf(c, to, support),
    documentedTargets,
    inventoryGaps: c.incompleteReasons,
  };
  if (support !== 'supported') {
    return { ...base, ready: support === 'same', prerequisites: [], warnings: [], command: null, notes };
  }
  const prereqs = prerequisites(c, inv, to);
  return {
    ...base,
    ready: prereqs.every((p) => p.status === 'met'),
    prerequisites: prereqs,
    warnings: warnings(c, to, prereqs),
    command: command(c, to, notes),
    notes,
  };
}

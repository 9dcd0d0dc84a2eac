import { SNAT_PORTS_PER_LB_FRONTEND, SNAT_PORTS_PER_NAT_IP, MAX_NAT_GATEWAY_IPS, type OutboundType } from '../inventory/facts/azure.ts';
import type { ClusterFacts } from '../inventory/facts/types.ts';
import type { Inventory } from '../inventory/model.ts';
import { DEFAULT_PARAMS } from '../policy/types.ts';
import { prerequisites, type Prerequisite } from './prerequisites.ts';
import { conflictOf, documentedTargets, rowOf, MIGRATION_SOURCE, migrationSupport, MIN_CLI_VERSION, targetInfo, type MigrationSupport } from './tables.ts';

export interface MigrationPlan {
  clusterId: string;
  clusterName: string;
  subscriptionId: string;
  resourceGroup: string;
  vnetMode: 'managed' | 'byo';
  from: string;
  /** The table row the cluster reads from: managedNATGatewayV2 for a managed StandardV2 NAT gateway. */
  fromRow: string;
  to: OutboundType;
  /** From the AKS documentation's migration tables; `same` when the cluster already uses the type; `conflicting` when the article contradicts itself. */
  support: MigrationSupport;
  /** The documentation the verdict comes from (src/plan/migrations.json). */
  source: { title: string; url: string; date: string };
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

/** A shell word: names and IDs are quoted only when they need to be. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** How the plan names a table row or column: managedNATGatewayV2 is the article's "managedNATGateway (V2)". */
export const targetLabel = (t: string): string => (t === 'managedNATGatewayV2' ? 'managedNATGateway (V2)' : t);

function summaryOf(c: ClusterFacts, row: string, to: OutboundType, support: MigrationSupport): string {
  const vnet = c.vnetMode === 'byo' ? 'a bring-your-own VNet' : 'the managed VNet';
  const path = `${targetLabel(row)} → ${targetLabel(to)}`;
  switch (support) {
    case 'same':
      return row === 'managedNATGatewayV2' && c.outboundType === 'managedNATGatewayV2'
        ? 'The cluster already has a StandardV2 managed NAT gateway, under the legacy preview outbound type managedNATGatewayV2: only the spelling moves to managedNATGateway (EG018).'
        : `The cluster already uses ${targetLabel(to)}: nothing to migrate.`;
    case 'conflicting':
      return `For ${path} on ${vnet} ${conflictOf(c.vnetMode, row, to)?.text}: egress-audit calls the path neither supported nor unsupported. The command below is the article's; check with Azure support before relying on it.`;
    case 'supported':
      return `Azure documents ${path} on ${vnet} as a supported in-place migration.`;
    case 'not-supported':
      return `Azure documents ${path} on ${vnet} as not supported: create a new cluster with outbound type ${targetLabel(to)} and move the workloads.`;
    case 'not-documented':
      return c.outboundTypeRecognized
        ? `The AKS documentation has no migration path from ${c.outboundType} on ${vnet}; egress-audit does not guess one.`
        : `Outbound type ${c.outboundType} is not one Azure documents; no migration path is known.`;
  }
}

/**
 * The `az aks update` command that moves the cluster to `to`, sized for `portsPerNode` SNAT ports
 * per node at its max nodes; `notes` receives the arithmetic.
 */
export function migrationCommand(c: Pick<ClusterFacts, 'subscriptionId' | 'resourceGroup' | 'name' | 'maxNodes'>, to: OutboundType, notes: string[] = [], portsPerNode = TARGET_PORTS_PER_NODE): string {
  const words = ['az', 'aks', 'update', '--subscription', c.subscriptionId, '--resource-group', c.resourceGroup, '--name', c.name, ...migrationArgs(c.maxNodes, to, notes, portsPerNode)];
  return words.map(shellWord).join(' ');
}

/** The options of that command that choose the target: EG001's remediation writes the rest itself. */
export function migrationArgs(nodes: number, to: OutboundType, notes: string[] = [], portsPerNode = TARGET_PORTS_PER_NODE): string[] {
  const target = targetInfo(to);
  const words = ['--outbound-type', target.outboundType];
  if (target.sku) words.push('--outbound-type-sku', target.sku);
  const portsText = portsPerNode.toLocaleString('en-US');
  if (target.outboundType === 'managedNATGateway') {
    const need = Math.ceil((nodes * portsPerNode) / SNAT_PORTS_PER_NAT_IP);
    const ips = Math.min(Math.max(need, 1), MAX_NAT_GATEWAY_IPS);
    words.push('--nat-gateway-managed-outbound-ip-count', String(ips));
    notes.push(`${ips} NAT gateway IP${ips === 1 ? '' : 's'}: ${portsText} SNAT ports per node at ${nodes} max nodes need ${need || 1} (64,512 ports per IP, at most 16).`);
    if (need > MAX_NAT_GATEWAY_IPS) notes.push(`Even 16 IPs give only ${Math.floor((SNAT_PORTS_PER_NAT_IP * MAX_NAT_GATEWAY_IPS) / nodes)} SNAT ports per node at ${nodes} nodes.`);
  } else if (target.outboundType === 'loadBalancer') {
    const ips = Math.max(Math.ceil((nodes * portsPerNode) / SNAT_PORTS_PER_LB_FRONTEND), 1);
    words.push('--load-balancer-managed-outbound-ip-count', String(ips));
    // Azure's default allocation gives 1,024 ports per node only up to 50 nodes; above that, ask for them explicitly.
    if (nodes > 50) words.push('--load-balancer-outbound-ports', String(portsPerNode));
    notes.push(`${ips} new managed outbound IP${ips === 1 ? '' : 's'} (64,000 SNAT ports each) for ${portsText} ports per node at ${nodes} max nodes; new IPs rather than earlier ones, which must not be reused.`);
  }
  return words;
}

function warnings(c: ClusterFacts, to: OutboundType, prereqs: readonly Prerequisite[]): string[] {
  const target = targetInfo(to);
  const current = c.egressIps.map((e) => e.address ?? e.name);
  const w = [
    'Disruptive: AKS reconfigures the egress of every node; plan a maintenance window.',
    `The cluster's egress IPs change${current.length ? ` (today: ${current.join(', ')})` : ''}: update firewall rules and allow-lists that name them.`,
  ];
  if (c.apiServer.authorizedIpRanges.length) {
    w.push(`The API server's authorized IP ranges (${c.apiServer.authorizedIpRanges.join(', ')}) must include the new egress IPs, or nodes lose the API server.`);
  }
  w.push(
    target.preview
      ? `Needs Azure CLI ${MIN_CLI_VERSION} or newer with the ${target.preview.extension} extension (\`az extension add --name ${target.preview.extension}\`): ${to} is a preview outbound type.`
      : `Needs Azure CLI ${MIN_CLI_VERSION} or newer.`,
  );
  w.push('Do not reuse an IP address or prefix from a prior outbound configuration of this cluster.');
  if (target.sku === 'StandardV2') w.push('Moving a managed NAT gateway to StandardV2 is one-way (no move back to Standard) and gives the cluster new egress IPs; StandardV2 is zone-redundant.');
  if (!c.apiServer.private && !c.apiServer.vnetIntegration && ['userDefinedRouting', 'none', 'block'].includes(target.outboundType)) {
    w.push(`The API server is public and not VNet-integrated: node traffic to it goes through the outbound type as public traffic, so ${to} must still let it through (or make the cluster private, or use API Server VNet Integration).`);
  }
  if (to === 'userDefinedRouting' && prereqs.find((p) => p.id === 'default-route')?.status === 'met') {
    for (const s of c.subnets) {
      const hop = s.defaultRoute?.nextHopType;
      if (hop && hop.toLowerCase() !== 'virtualappliance') w.push(`The 0.0.0.0/0 route of subnet ${s.name} goes to ${hop}, not to a virtual appliance: egress is not inspected.`);
    }
  }
  if (['managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting'].includes(target.outboundType)) {
    for (const p of c.pools) if (p.osType.toLowerCase() === 'windows' && p.disableOutboundNat !== true) w.push(`Windows pool ${p.name} keeps OutboundNAT (64 SNAT ports per node); on ${to} it can be replaced by a pool with OutboundNAT disabled.`);
  }
  return w;
}

/** The plan for moving one cluster to `to`: documented or not, what is missing, what changes, the command. */
export function planMigration(c: ClusterFacts, inv: Inventory, to: OutboundType): MigrationPlan {
  const row = rowOf(c.outboundType, c.natGateways);
  const support = c.outboundTypeRecognized ? migrationSupport(c.vnetMode, row, to) : 'not-documented';
  const notes: string[] = [];
  const base = {
    clusterId: c.id,
    clusterName: c.name,
    subscriptionId: c.subscriptionId,
    resourceGroup: c.resourceGroup,
    vnetMode: c.vnetMode,
    from: c.outboundType,
    fromRow: row,
    to,
    support,
    source: { title: MIGRATION_SOURCE.title, url: MIGRATION_SOURCE.url, date: MIGRATION_SOURCE.date },
    summary: summaryOf(c, row, to, support),
    documentedTargets: c.outboundTypeRecognized ? documentedTargets(c.vnetMode, row) : [],
    inventoryGaps: c.incompleteReasons,
  };
  if (support !== 'supported' && support !== 'conflicting') {
    return { ...base, ready: support === 'same', prerequisites: [], warnings: [], command: null, notes };
  }
  const prereqs = prerequisites(c, inv, targetInfo(to).outboundType);
  return {
    ...base,
    // A path the documentation contradicts is never "ready", whatever the inventory shows.
    ready: support === 'supported' && prereqs.every((p) => p.status === 'met'),
    prerequisites: prereqs,
    warnings: warnings(c, to, prereqs),
    command: migrationCommand(c, to, notes),
    notes,
  };
}

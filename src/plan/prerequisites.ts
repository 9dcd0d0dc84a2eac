import { kubernetesVersionOrdinal, NAT_GATEWAY_TYPES, type OutboundType } from '../inventory/facts/azure.ts';
import type { ClusterFacts, SubnetFacts } from '../inventory/facts/types.ts';
import { key, type Inventory } from '../inventory/model.ts';

export type PrerequisiteStatus = 'met' | 'unmet' | 'unknown';

export interface Prerequisite {
  id: string;
  text: string;
  status: PrerequisiteStatus;
  /** What is wrong or could not be checked, one entry per offending resource. */
  details: string[];
}

/** Targets on which Windows pools may have OutboundNAT disabled. */
const OUTBOUND_NAT_OFF_TARGETS: readonly string[] = ['managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting'];

/** Collects per-resource verdicts into one prerequisite: unmet beats unknown beats met. */
class Check {
  readonly unmet: string[] = [];
  readonly unknown: string[] = [];
  readonly id: string;
  readonly text: string;
  constructor(id: string, text: string) {
    this.id = id;
    this.text = text;
  }
  fail(detail: string): void {
    this.unmet.push(detail);
  }
  cannotTell(detail: string): void {
    this.unknown.push(detail);
  }
  done(): Prerequisite {
    const status: PrerequisiteStatus = this.unmet.length ? 'unmet' : this.unknown.length ? 'unknown' : 'met';
    return { id: this.id, text: this.text, status, details: [...this.unmet, ...this.unknown] };
  }
}

const poolsOn = (s: SubnetFacts): string => `pool${s.pools.length === 1 ? '' : 's'} ${s.pools.join(', ')}`;
const lower = (v: string | null | undefined): string => (v ?? '').toLowerCase();

/**
 * What the cluster's inventory must show before Azure will switch it to `to` (the AKS
 * outbound-type documentation, as summarized in the policy catalog). Facts the inventory lacks
 * make a prerequisite "unknown", never "met".
 */
export function prerequisites(c: ClusterFacts, inv: Inventory, to: OutboundType): Prerequisite[] {
  const out: Prerequisite[] = [];

  const vmss = new Check('vmss-pools', 'Every agent pool is VirtualMachineScaleSets');
  for (const p of c.pools) if (lower(p.type) !== 'virtualmachinescalesets') vmss.fail(`pool ${p.name} is ${p.type}`);
  out.push(vmss.done());

  const lb = new Check('standard-load-balancer', 'The load balancer SKU is standard');
  if (lower(c.loadBalancerSku) !== 'standard') lb.fail(`load balancer SKU is ${c.loadBalancerSku}`);
  out.push(lb.done());

  if (NAT_GATEWAY_TYPES.includes(to)) {
    const k8s = new Check('kubernetes-1.20', 'Kubernetes 1.20 or newer (NAT gateway outbound types)');
    const ordinal = kubernetesVersionOrdinal(c.kubernetesVersion);
    if (ordinal === null) k8s.cannotTell('the inventory has no Kubernetes version for the cluster');
    else if (ordinal < 1020) k8s.fail(`Kubernetes ${c.kubernetesVersion}`);
    out.push(k8s.done());
  }

  if (to === 'managedNATGateway' || to === 'block') {
    const managed = new Check('managed-vnet', `The cluster uses the AKS-managed VNet (${to} does not work with custom subnets)`);
    for (const p of c.pools) if (p.subnetId) managed.fail(`pool ${p.name} is on subnet ${p.subnetId}`);
    out.push(managed.done());
  }

  if (to === 'userAssignedNATGateway' || to === 'userDefinedRouting') {
    const byo = new Check('byo-subnets', 'Every agent pool is on a bring-your-own subnet');
    for (const p of c.pools) if (!p.subnetId) byo.fail(`pool ${p.name} has no vnetSubnetID`);
    out.push(byo.done());
  }

  if (to === 'userAssignedNATGateway') out.push(...natGatewayChecks(c, inv));
  if (to === 'userDefinedRouting') out.push(defaultRouteCheck(c, inv));

  const windows = c.pools.filter((p) => lower(p.osType) === 'windows' && p.disableOutboundNat === true);
  const nat = new Check('windows-outbound-nat', 'Windows pools with OutboundNAT disabled are allowed on the target');
  for (const p of windows) {
    if (!OUTBOUND_NAT_OFF_TARGETS.includes(to)) nat.fail(`Windows pool ${p.name} has OutboundNAT disabled, which only NAT gateway and UDR outbound types allow`);
    else if (p.enableNodePublicIp) nat.fail(`Windows pool ${p.name} has OutboundNAT disabled and node public IPs, which Azure does not allow together`);
  }
  if (windows.length) out.push(nat.done());
  return out;
}

function natGatewayChecks(c: ClusterFacts, inv: Inventory): Prerequisite[] {
  const onSubnet = new Check('subnet-nat-gateway', 'Every node subnet has a NAT gateway');
  const withIp = new Check('nat-gateway-public-ip', 'Each of those NAT gateways has a public IP or public IP prefix');
  for (const s of c.subnets) {
    if (!s.known) {
      onSubnet.cannotTell(`subnet ${s.id} (${poolsOn(s)}) is not in the inventory`);
      continue;
    }
    if (!s.natGatewayId) {
      onSubnet.fail(`subnet ${s.name} (${poolsOn(s)}) has no NAT gateway`);
      continue;
    }
    const gw = inv.natGateways.get(key(s.natGatewayId));
    if (!gw) withIp.cannotTell(`NAT gateway ${s.natGatewayId} of subnet ${s.name} is not in the inventory`);
    else if (gw.publicIpIds.length + gw.publicIpPrefixIds.length === 0) withIp.fail(`NAT gateway ${gw.name} (subnet ${s.name}) has no public IP or prefix`);
  }
  return [onSubnet.done(), withIp.done()];
}

function defaultRouteCheck(c: ClusterFacts, inv: Inventory): Prerequisite {
  const route = new Check('default-route', 'Every node subnet has a route table whose 0.0.0.0/0 route goes to an appliance (next hop not None)');
  for (const s of c.subnets) {
    if (!s.known) route.cannotTell(`subnet ${s.id} (${poolsOn(s)}) is not in the inventory`);
    else if (!s.routeTableId) route.fail(`subnet ${s.name} (${poolsOn(s)}) has no route table`);
    else if (!inv.routeTables.has(key(s.routeTableId))) route.cannotTell(`route table ${s.routeTableId} of subnet ${s.name} is not in the inventory`);
    else if (!s.defaultRoute) route.fail(`route table ${inv.routeTables.get(key(s.routeTableId))?.name} (subnet ${s.name}) has no 0.0.0.0/0 route`);
    else if (lower(s.defaultRoute.nextHopType) === 'none' || !s.defaultRoute.nextHopType) route.fail(`the 0.0.0.0/0 route of subnet ${s.name} has next hop None: it drops egress`);
  }
  return route.done();
}

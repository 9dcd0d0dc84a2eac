import { clusterRow, type ClusterSpec } from './arm-cluster.ts';
import { publicIpRow, prefixRow } from './arm-network.ts';
import type { EgressAddress, SubscriptionContext } from './context.ts';
import { net, nodeResourceGroup } from './ids.ts';
import { byoNetwork, managedNetwork, natGateway, spokeRoutes, type ClusterBasics, type NatPlan, type SubnetPlan } from './network.ts';
import type { ClusterPlan, Defect } from './plan.ts';
import { makePools, poolMaxNodes } from './pools.ts';

const APPS = ['payments', 'orders', 'search', 'catalog', 'identity', 'billing', 'checkout', 'ledger', 'media', 'analytics', 'platform', 'gateway', 'risk', 'pricing', 'crm'];
const VERSIONS: readonly (readonly [string, number])[] = [
  ['1.30.14', 15],
  ['1.31.10', 30],
  ['1.32.6', 35],
  ['1.33.2', 20],
];
const MANAGED_NAT_NAME = 'aks-nat-gateway';
/** Corporate egress ranges allowed to reach API servers (documentation ranges). */
const CORPORATE_RANGES = ['198.51.100.0/24', '203.0.113.0/26'];

/** One cluster and everything it references, emitted into the subscription's rows. */
export function buildCluster(ctx: SubscriptionContext, plan: ClusterPlan): void {
  const { sub, rng } = ctx;
  const d = plan.defects;
  const type = plan.archetype;
  const app = rng.pick(APPS);
  const name = `aks-${app}-${sub.env}-${String(plan.index + 1).padStart(3, '0')}`;
  const rg = ctx.clusterRgs[plan.index % ctx.clusterRgs.length] ?? ctx.networkRg;
  const tags = { environment: sub.env, application: app, owner: `team-${app}@contoso.com`, costCenter: `CC-${rng.int(1000, 9999)}`, managedBy: 'terraform' };
  const design = type === 'userAssignedNATGateway' ? (d.has('natZoneMismatch') ? 'zonal' : rng.weighted([['shared', 4], ['zonal', 3], ['v2', 3]] as const)) : null;
  const zonal = design === 'zonal' || design === 'v2' || rng.chance(0.65);
  const pools = makePools(rng, { zonal, pinZones: design === 'zonal', windows: d.has('windowsNatOnLb') || d.has('windowsOutboundNat') || rng.chance(0.15), availabilitySet: d.has('legacyPool') && rng.chance(0.5) });
  for (const p of pools) {
    if (p.os !== 'Windows') continue;
    if (type === 'loadBalancer') p.disableOutboundNat = d.has('windowsNatOnLb') ? true : undefined;
    else if (type !== 'unrecognized' && !d.has('windowsOutboundNat') && rng.chance(0.5)) p.disableOutboundNat = true;
  }
  const c: ClusterBasics = { name, nodeRg: nodeResourceGroup(rg, name, sub.location), digits: String(rng.int(10000000, 99999999)), tags, pools };
  const kubenet = rng.chance(0.3);
  const egressTypes = ['userAssignedNATGateway', 'userDefinedRouting', 'none'];
  const byo = egressTypes.includes(type) || d.has('managedNatByo') || (type === 'loadBalancer' && rng.chance(0.4)) || (type === 'block' && rng.chance(0.5));

  const managedNat = type === 'managedNATGateway' || type === 'unrecognized';
  let egress: EgressAddress[] = [];
  let managedSubnet: string | null = null;
  if (byo) egress = byoNetwork(ctx, c, plan.index, subnetPlans(ctx, c, type, design, d), routesFor(ctx, type, d));
  else managedSubnet = managedNetwork(ctx, c, kubenet, managedNat ? net(sub.id, c.nodeRg, 'natGateways', MANAGED_NAT_NAME) : null);

  let lb: ClusterSpec['lb'];
  let nat: ClusterSpec['nat'];
  if (type === 'loadBalancer') ({ lb, egress } = loadBalancerEgress(ctx, c, plan));
  if (managedNat) {
    const count = rng.weighted([[1, 60], [2, 30], [4, 10]] as const);
    const idle = d.has('longIdleTimeout') ? 150 : 4;
    const gw: NatPlan = { rg: c.nodeRg, name: MANAGED_NAT_NAME, sku: 'Standard', zones: [], idle, ips: count, ipNames: 'guid', prefixLength: null };
    egress = natGateway(ctx, c, gw, managedSubnet ? [managedSubnet] : []);
    nat = { count, effectiveIps: egress.map((e) => e.id), idle };
  }

  const access = rng.next();
  const isPrivate = !d.has('rangesMissEgress') && access < 0.3;
  const vnetIntegration = !d.has('rangesMissEgress') && access >= 0.3 && access < 0.4;
  const withRanges = d.has('rangesMissEgress') || (!isPrivate && rng.chance(0.35));
  const ranges = withRanges ? [...CORPORATE_RANGES, ...(d.has('rangesMissEgress') ? [] : egress.map((e) => e.cidr))] : null;

  const version = d.has('oldKubernetes') ? '1.19.11' : rng.weighted(VERSIONS);
  const outboundType = type === 'unrecognized' ? 'managedNATGatewayV3' : type;
  const basicLb = d.has('legacyPool') && !pools.some((p) => p.type === 'AvailabilitySet');
  ctx.emit(
    clusterRow(
      {
        sub,
        rg,
        name,
        nodeRg: c.nodeRg,
        version,
        outboundType,
        loadBalancerSku: basicLb ? 'basic' : 'standard',
        networkPlugin: kubenet && !byo ? 'kubenet' : 'azure',
        pools,
        ...(lb ? { lb } : {}),
        ...(nat ? { nat } : {}),
        api: { private: isPrivate, vnetIntegration, ranges },
        tags,
      },
      rng,
    ),
  );
}

/** Node-pool subnets of a BYO VNet, by outbound type and NAT gateway design. */
function subnetPlans(ctx: SubscriptionContext, c: ClusterBasics, type: string, design: string | null, d: Set<Defect>): SubnetPlan[] {
  const { rng } = ctx;
  const system = c.pools.filter((p) => p.mode === 'System');
  const users = c.pools.filter((p) => p.mode !== 'System');
  const locked = ['userDefinedRouting', 'none', 'block'].includes(type);
  const access = locked ? rng.weighted([[false, 6], [null, 3.5], [true, 0.5]] as const) : rng.pick([false, null] as const);
  const routed = type === 'userDefinedRouting' || (type === 'none' && rng.chance(0.5));
  const plain = (name: string, pools: typeof c.pools, nat: NatPlan | null = null): SubnetPlan => ({ name, pools, nat, routeTable: routed, defaultOutboundAccess: access });

  if (type !== 'userAssignedNATGateway') {
    const out = [plain('snet-system', system), plain('snet-nodes', users)];
    // A second node subnet someone attached without the spoke's route table.
    if (d.has('noDefaultRoute') && rng.chance(0.33)) {
      const last = out[1];
      if (last) last.routeTable = false;
    }
    return out;
  }

  const ips = (): number => rng.weighted([[1, 60], [2, 30], [4, 10]] as const);
  const gateway = (suffix: string, sku: NatPlan['sku'], zones: string[]): NatPlan => ({
    rg: ctx.networkRg,
    name: `ng-${c.name}${suffix}`,
    sku,
    zones,
    idle: rng.pick([4, 4, 10, 30]),
    ips: ips(),
    prefixLength: rng.chance(0.15) ? rng.pick([30, 31]) : null,
  });
  let subnets: SubnetPlan[];
  let gateways: NatPlan[];
  if (design === 'zonal') {
    gateways = ['1', '2', '3'].map((z) => gateway(`-z${z}`, 'Standard', [z]));
    if (d.has('natZoneMismatch') && gateways[1]) gateways[1].zones = ['3'];
    subnets = ['1', '2', '3'].map((z, i) => plain(`snet-zone${z}`, c.pools.filter((p) => p.zones[0] === z), gateways[i] ?? null));
  } else {
    const v2 = design === 'v2';
    const gw = gateway('', v2 ? 'StandardV2' : 'Standard', !v2 && c.pools[0]?.zones.length && rng.chance(0.3) ? ['1'] : []);
    gateways = [gw];
    subnets = [plain('snet-system', system, gw), plain('snet-nodes', users, gw)];
  }
  const first = gateways[0];
  if (first) {
    if (d.has('tooManyNatIps')) Object.assign(first, { ips: 1, prefixLength: 28 });
    if (d.has('longIdleTimeout')) first.idle = 150;
    if (d.has('ipSkuMismatch')) first.firstIpSku = first.sku === 'Standard' ? 'StandardV2' : 'Standard';
  }
  if (d.has('subnetWithoutNat')) {
    const moved = users[users.length - 1];
    if (moved) {
      for (const s of subnets) s.pools = s.pools.filter((p) => p !== moved);
      subnets.push(plain(`snet-${moved.name}`, [moved]));
    }
  }
  return subnets;
}

function routesFor(ctx: SubscriptionContext, type: string, d: Set<Defect>): ReturnType<typeof spokeRoutes> | null {
  if (type === 'userDefinedRouting') {
    if (d.has('routeToGateway')) return spokeRoutes('VirtualNetworkGateway');
    if (d.has('noDefaultRoute')) return spokeRoutes(ctx.rng.pick(['omit', 'None'] as const));
    return spokeRoutes('VirtualAppliance');
  }
  return type === 'none' ? spokeRoutes('VirtualAppliance') : null;
}

/** The outbound IPs of a loadBalancer cluster: AKS-managed (most), the customer's own, or a prefix. */
function loadBalancerEgress(ctx: SubscriptionContext, c: ClusterBasics, plan: ClusterPlan): { lb: NonNullable<ClusterSpec['lb']>; egress: EgressAddress[] } {
  const { sub, rng } = ctx;
  const variant = plan.shareGroup !== null ? 'customer' : rng.weighted([['managed', 70], ['customer', 20], ['prefix', 10]] as const);
  const egress: EgressAddress[] = [];
  let lb: NonNullable<ClusterSpec['lb']>;
  if (variant === 'managed') {
    const count = rng.weighted([[1, 70], [2, 25], [4, 5]] as const);
    const frontend = `${net(sub.id, c.nodeRg.toUpperCase(), 'loadBalancers', 'kubernetes')}/frontendIPConfigurations`;
    for (let i = 0; i < count; i++) {
      const name = rng.guid();
      const address = sub.addresses.ip();
      const zones = c.pools[0]?.zones ?? [];
      ctx.emit(publicIpRow(sub, { rg: c.nodeRg, name, sku: 'Standard', zones, address, ipConfigurationId: `${frontend}/${rng.guid()}`, tags: { 'aks-managed-type': 'aks-slb-managed-outbound-ip' } }, rng));
      egress.push({ id: net(sub.id, c.nodeRg, 'publicIPAddresses', name), cidr: `${address}/32` });
    }
    lb = { managedCount: count, effectiveIps: egress.map((e) => e.id) };
  } else if (variant === 'customer') {
    if (plan.shareGroup !== null) egress.push(sharedIp(ctx, plan.shareGroup));
    const own = plan.shareGroup !== null ? 0 : rng.int(1, 2);
    for (let i = 0; i < own; i++) {
      const name = `pip-${c.name}-egress-${String(i + 1).padStart(2, '0')}`;
      const address = sub.addresses.ip();
      ctx.emit(publicIpRow(sub, { rg: ctx.networkRg, name, sku: 'Standard', zones: [], address, tags: c.tags }, rng));
      egress.push({ id: net(sub.id, ctx.networkRg, 'publicIPAddresses', name), cidr: `${address}/32` });
    }
    lb = { outboundIps: egress.map((e) => e.id), effectiveIps: egress.map((e) => e.id) };
  } else {
    const name = `ippre-${c.name}-egress`;
    const prefix = sub.addresses.prefix(rng.pick([30, 31]));
    ctx.emit(prefixRow(sub, { rg: ctx.networkRg, name, sku: 'Standard', zones: [], prefix }, rng, c.tags));
    egress.push({ id: net(sub.id, ctx.networkRg, 'publicIPPrefixes', name), cidr: prefix });
    lb = { outboundPrefixes: egress.map((e) => e.id), effectiveIps: [] };
  }
  const frontends = egress.reduce((n, e) => n + 2 ** (32 - Number(e.cidr.split('/')[1])), 0);
  const maxNodes = c.pools.reduce((n, p) => n + poolMaxNodes(p), 0);
  if (plan.defects.has('portOvercommit')) {
    // Just enough ports per node that scaling every pool to its maximum exceeds the frontends' 64,000 each.
    lb.ports = Math.min(64000, Math.ceil((Math.floor((64000 * frontends) / maxNodes) + 1) / 8) * 8);
  } else if (rng.chance(0.15)) {
    const ports = rng.pick([1024, 2048, 4000]);
    if (ports * maxNodes <= 64000 * frontends) lb.ports = ports;
  }
  return { lb, egress };
}

/** A customer public IP that two clusters' load balancers both use (the EG021 mistake). */
function sharedIp(ctx: SubscriptionContext, group: number): EgressAddress {
  const have = ctx.sharedIps.get(group);
  if (have) return have;
  const name = `pip-shared-egress-${String(group + 1).padStart(2, '0')}`;
  const address = ctx.sub.addresses.ip();
  ctx.emit(publicIpRow(ctx.sub, { rg: ctx.networkRg, name, sku: 'Standard', zones: [], address }, ctx.rng));
  const ip = { id: net(ctx.sub.id, ctx.networkRg, 'publicIPAddresses', name), cidr: `${address}/32` };
  ctx.sharedIps.set(group, ip);
  return ip;
}

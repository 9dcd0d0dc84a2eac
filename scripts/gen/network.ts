import type { PoolSpec } from './arm-cluster.ts';
import { natGatewayRow, nsgRow, prefixRow, publicIpRow, routeTableRow, vnetRow, type RouteSpec, type SubnetSpec } from './arm-network.ts';
import type { EgressAddress, SubscriptionContext } from './context.ts';
import { HUB_FIREWALL, HUB_SPACE, hubVnetId } from './hub.ts';
import { armId, net } from './ids.ts';

/** What the network builders need to know of the cluster. */
export interface ClusterBasics {
  name: string;
  nodeRg: string;
  /** The 8 digits AKS puts in the names of the node resources it creates. */
  digits: string;
  tags: Record<string, string>;
  pools: PoolSpec[];
}

export interface NatPlan {
  rg: string;
  name: string;
  sku: 'Standard' | 'StandardV2';
  zones: string[];
  idle: number;
  ips: number;
  ipNames?: 'guid';
  /** SKU of the first public IP when it deliberately differs from the gateway's. */
  firstIpSku?: 'Standard' | 'StandardV2';
  prefixLength: number | null;
}

export interface SubnetPlan {
  name: string;
  pools: PoolSpec[];
  nat: NatPlan | null;
  routeTable: boolean;
  defaultOutboundAccess: boolean | null;
}


/** Node NIC configurations on a subnet: one per VMSS instance of each pool on it. */
function ipConfigurations(ctx: SubscriptionContext, c: ClusterBasics, pools: PoolSpec[]): string[] {
  const out: string[] = [];
  for (const p of pools) {
    const vmss = `aks-${p.name}-${c.digits}-vmss`;
    const base = armId(ctx.sub.id, c.nodeRg.toUpperCase(), 'Microsoft.Compute', 'virtualMachineScaleSets', vmss);
    for (let i = 0; i < p.count; i++) out.push(`${base}/virtualMachines/${i}/networkInterfaces/${vmss}/ipConfigurations/ipconfig1`);
  }
  return out;
}

/** The NSG AKS puts on node NICs (and on its own subnet in the managed VNet). */
export function nodeNsg(ctx: SubscriptionContext, c: ClusterBasics, subnetIds: string[]): void {
  ctx.emit(nsgRow(ctx.sub, c.nodeRg, `aks-agentpool-${c.digits}-nsg`, subnetIds, 0, ctx.rng, {}));
}

/** The VNet AKS creates in the node resource group when the cluster brings none; returns its subnet ID. */
export function managedNetwork(ctx: SubscriptionContext, c: ClusterBasics, kubenet: boolean, natGatewayId: string | null): string {
  const vnetName = `aks-vnet-${c.digits}`;
  const subnetId = `${net(ctx.sub.id, c.nodeRg, 'virtualNetworks', vnetName)}/subnets/aks-subnet`;
  const nsgId = net(ctx.sub.id, c.nodeRg, 'networkSecurityGroups', `aks-agentpool-${c.digits}-nsg`);
  const rtName = `aks-agentpool-${c.digits}-routetable`;
  const rtId = kubenet ? net(ctx.sub.id, c.nodeRg, 'routeTables', rtName) : null;
  const subnet: SubnetSpec = {
    name: 'aks-subnet',
    prefix: '10.224.0.0/16',
    nsgId,
    routeTableId: rtId,
    natGatewayId,
    defaultOutboundAccess: null,
    ipConfigurations: ipConfigurations(ctx, c, c.pools),
    serviceEndpoints: [],
  };
  ctx.emit(vnetRow(ctx.sub, c.nodeRg, vnetName, '10.224.0.0/12', [subnet], [], ctx.rng, {}));
  nodeNsg(ctx, c, [subnetId]);
  if (kubenet) {
    // Kubenet keeps one pod-CIDR route per node in the table AKS manages.
    const routes: RouteSpec[] = [];
    let n = 0;
    for (const p of c.pools) {
      for (let i = 0; i < p.count; i++, n++) {
        routes.push({ name: `aks-${p.name}-${c.digits}-vmss${String(i).padStart(6, '0')}____102440${n}24`, prefix: `10.244.${n}.0/24`, hop: 'VirtualAppliance', hopIp: `10.224.0.${4 + n}` });
      }
    }
    ctx.emit(routeTableRow(ctx.sub, c.nodeRg, rtName, routes, [subnetId], ctx.rng, {}));
  }
  return subnetId;
}

/**
 * A spoke VNet of the customer's own (BYO), peered to the subscription's hub, with the node-pool subnets the plan
 * lays out plus a private-endpoint subnet; its NSG, route table and NAT gateways come with it.
 * Sets each pool's vnetSubnetID and returns the egress addresses of the NAT gateways.
 */
export function byoNetwork(ctx: SubscriptionContext, c: ClusterBasics, index: number, subnets: SubnetPlan[], routes: RouteSpec[] | null): EgressAddress[] {
  const { sub, rng } = ctx;
  const rg = ctx.networkRg;
  const vnetName = `vnet-${c.name}`;
  const vnetId = net(sub.id, rg, 'virtualNetworks', vnetName);
  const nsgName = `nsg-${c.name}-nodes`;
  const nsgId = net(sub.id, rg, 'networkSecurityGroups', nsgName);
  const rtName = `rt-${c.name}`;
  const rtId = net(sub.id, rg, 'routeTables', rtName);
  const octet = 16 + (index % 200);
  const natSubnets = new Map<NatPlan, string[]>();
  const specs: SubnetSpec[] = subnets.map((s, i) => {
    const id = `${vnetId}/subnets/${s.name}`;
    for (const p of s.pools) p.subnetId = id;
    if (s.nat) natSubnets.set(s.nat, [...(natSubnets.get(s.nat) ?? []), id]);
    return {
      name: s.name,
      prefix: `10.${octet}.${i * 4}.0/22`,
      nsgId,
      routeTableId: s.routeTable ? rtId : null,
      natGatewayId: s.nat ? net(sub.id, s.nat.rg, 'natGateways', s.nat.name) : null,
      defaultOutboundAccess: s.defaultOutboundAccess,
      ipConfigurations: ipConfigurations(ctx, c, s.pools),
      serviceEndpoints: ['Microsoft.Storage', 'Microsoft.KeyVault', 'Microsoft.ContainerRegistry'],
    };
  });
  specs.push({
    name: 'snet-private-endpoints',
    prefix: `10.${octet}.${subnets.length * 4}.0/24`,
    nsgId,
    routeTableId: null,
    natGatewayId: null,
    defaultOutboundAccess: false,
    ipConfigurations: [],
    serviceEndpoints: [],
  });
  ctx.emit(vnetRow(sub, rg, vnetName, `10.${octet}.0.0/16`, specs, [{ id: hubVnetId(sub), space: HUB_SPACE }], rng, c.tags));
  const nodeSubnetIds = specs.map((s) => `${vnetId}/subnets/${s.name}`);
  ctx.emit(nsgRow(sub, rg, nsgName, nodeSubnetIds, rng.int(1, 4), rng, c.tags));
  nodeNsg(ctx, c, []);
  if (routes) {
    const routed = specs.filter((s) => s.routeTableId).map((s) => `${vnetId}/subnets/${s.name}`);
    ctx.emit(routeTableRow(sub, rg, rtName, routes, routed, rng, c.tags));
  }
  const egress: EgressAddress[] = [];
  for (const [plan, ids] of natSubnets) egress.push(...natGateway(ctx, c, plan, ids));
  return egress;
}

/** The firewall route set of a spoke: everything to the hub firewall, Azure Monitor direct. */
export function spokeRoutes(defaultHop: 'VirtualAppliance' | 'VirtualNetworkGateway' | 'None' | 'omit'): RouteSpec[] {
  const routes: RouteSpec[] = [];
  if (defaultHop !== 'omit') routes.push({ name: 'default-to-firewall', prefix: '0.0.0.0/0', hop: defaultHop, ...(defaultHop === 'VirtualAppliance' ? { hopIp: HUB_FIREWALL } : {}) });
  routes.push({ name: 'private-to-firewall', prefix: '10.0.0.0/8', hop: 'VirtualAppliance', hopIp: HUB_FIREWALL });
  routes.push({ name: 'azure-monitor', prefix: 'AzureMonitor', hop: 'Internet' });
  return routes;
}

/** A NAT gateway with its public IPs and prefix; returns the egress addresses. */
export function natGateway(ctx: SubscriptionContext, c: ClusterBasics, g: NatPlan, subnetIds: string[]): EgressAddress[] {
  const { sub, rng } = ctx;
  const gwId = net(sub.id, g.rg, 'natGateways', g.name);
  const egress: EgressAddress[] = [];
  const ipIds: string[] = [];
  for (let i = 0; i < g.ips; i++) {
    const name = g.ipNames === 'guid' ? rng.guid() : `pip-${g.name}-${String(i + 1).padStart(2, '0')}`;
    const address = sub.addresses.ip();
    const skuName = i === 0 && g.firstIpSku ? g.firstIpSku : g.sku;
    ctx.emit(publicIpRow(sub, { rg: g.rg, name, sku: skuName, zones: g.zones, address, natGatewayId: gwId, tags: c.tags }, rng));
    const id = net(sub.id, g.rg, 'publicIPAddresses', name);
    ipIds.push(id);
    egress.push({ id, cidr: `${address}/32` });
  }
  const prefixIds: string[] = [];
  if (g.prefixLength !== null) {
    const name = `ippre-${g.name}`;
    const prefix = sub.addresses.prefix(g.prefixLength);
    ctx.emit(prefixRow(sub, { rg: g.rg, name, sku: g.sku, zones: g.zones, prefix, natGatewayId: gwId }, rng, c.tags));
    const id = net(sub.id, g.rg, 'publicIPPrefixes', name);
    prefixIds.push(id);
    egress.push({ id, cidr: prefix });
  }
  ctx.emit(natGatewayRow(sub, { rg: g.rg, name: g.name, sku: g.sku, zones: g.zones, idle: g.idle, ipIds, prefixIds, subnetIds }, rng, c.tags));
  return egress;
}

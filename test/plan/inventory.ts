import { buildFacts } from '../../src/inventory/facts/facts.ts';
import type { ClusterFacts } from '../../src/inventory/facts/types.ts';
import type { Json } from '../../src/inventory/normalize/fields.ts';
import type { Inventory } from '../../src/inventory/model.ts';
import { InventoryBuilder } from '../../src/inventory/normalize/builder.ts';
import { BASE_CLUSTER, mergeDeep } from '../../src/policy/testing/tester.ts';

export const SUB = '00000000-0000-0000-0000-000000000001';
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
export const SUBNET_ID = `${NET}/virtualNetworks/vnet1/subnets/nodes`;
export const NAT_ID = `${NET}/natGateways/ngw1`;
export const ROUTE_TABLE_ID = `${NET}/routeTables/rt1`;
export const NAT_IP_ID = `${NET}/publicIPAddresses/ngw-ip1`;

const row = (id: string, type: string, extra: Json): Json => ({ id, name: id.split('/').pop() ?? id, type, location: 'westeurope', resourceGroup: 'rg-net', subscriptionId: SUB, ...extra });

export interface NetworkOptions {
  natGateway?: boolean;
  natGatewayIps?: boolean;
  routeTable?: boolean;
  nextHopType?: string | null;
  omit?: ('subnet' | 'natGateway' | 'routeTable')[];
}

/** A BYO node subnet with (by default) a NAT gateway with a public IP and a route table whose 0.0.0.0/0 route goes to a firewall. */
export function network(o: NetworkOptions = {}): Json[] {
  const { natGateway = true, natGatewayIps = true, routeTable = true, nextHopType = 'VirtualAppliance', omit = [] } = o;
  const rows: Json[] = [];
  if (!omit.includes('subnet')) {
    rows.push(
      row(SUBNET_ID, 'microsoft.network/virtualnetworks/subnets', {
        properties: {
          addressPrefix: '10.1.0.0/24',
          ...(natGateway ? { natGateway: { id: NAT_ID } } : {}),
          ...(routeTable ? { routeTable: { id: ROUTE_TABLE_ID } } : {}),
        },
      }),
    );
  }
  if (natGateway && !omit.includes('natGateway')) {
    rows.push(row(NAT_ID, 'microsoft.network/natgateways', { sku: { name: 'Standard' }, properties: { idleTimeoutInMinutes: 4, publicIpAddresses: natGatewayIps ? [{ id: NAT_IP_ID }] : [] } }));
    if (natGatewayIps) rows.push(row(NAT_IP_ID, 'microsoft.network/publicipaddresses', { sku: { name: 'Standard' }, properties: { ipAddress: '20.10.0.1', publicIPAddressVersion: 'IPv4', natGateway: { id: NAT_ID } } }));
  }
  if (routeTable && !omit.includes('routeTable')) {
    const routes = nextHopType === null ? [] : [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType, ...(nextHopType === 'VirtualAppliance' ? { nextHopIpAddress: '10.0.1.4' } : {}) } }];
    rows.push(row(ROUTE_TABLE_ID, 'microsoft.network/routetables', { properties: { routes } }));
  }
  return rows;
}

export const pool = (over: Json = {}): Json => ({ name: 'system', type: 'VirtualMachineScaleSets', mode: 'System', osType: 'Linux', count: 3, ...over });

/** A cluster row: BASE_CLUSTER with this outbound type; on a BYO VNet its pools sit on SUBNET_ID. */
export function clusterRow(outboundType: string, mode: 'managed' | 'byo', patch: Json = {}): Json {
  const pools = [pool(mode === 'byo' ? { vnetSubnetID: SUBNET_ID } : {})];
  return mergeDeep(mergeDeep(BASE_CLUSTER, { properties: { networkProfile: { outboundType }, agentPoolProfiles: pools } }), patch) as Json;
}

export function factsOf(rows: Json[]): { facts: ClusterFacts[]; inventory: Inventory } {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: 'plan-test', path: [i] } }));
  const { inventory, errors } = b.finish();
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  return { facts: buildFacts(inventory), inventory };
}

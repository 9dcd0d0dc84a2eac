import { isObject, type Json } from '../../normalize/fields.ts';
import { key } from '../../model.ts';
import { clusterRow, poolRow } from './azurerm-cluster.ts';
import {
  firewallRow,
  natGatewayRow,
  publicIpPrefixRow,
  publicIpRow,
  roleAssignmentRow,
  routeEntry,
  routeTableRow,
  subnetRow,
  virtualNetworkRow,
} from './azurerm-network.ts';
import { MapContext, type UnknownValue } from './context.ts';
import type { TfDocument, TfResource } from './plan.ts';

/** The ARM provider path of each azurerm type that becomes a row of its own. */
const ARM_PATHS: Record<string, string> = {
  azurerm_kubernetes_cluster: 'Microsoft.ContainerService/managedClusters',
  azurerm_virtual_network: 'Microsoft.Network/virtualNetworks',
  azurerm_nat_gateway: 'Microsoft.Network/natGateways',
  azurerm_public_ip: 'Microsoft.Network/publicIPAddresses',
  azurerm_public_ip_prefix: 'Microsoft.Network/publicIPPrefixes',
  azurerm_route_table: 'Microsoft.Network/routeTables',
  azurerm_firewall: 'Microsoft.Network/azureFirewalls',
  azurerm_network_security_group: 'Microsoft.Network/networkSecurityGroups',
};

const ROWS: Record<string, (c: MapContext, res: TfResource) => Json> = {
  azurerm_kubernetes_cluster: clusterRow,
  azurerm_virtual_network: virtualNetworkRow,
  azurerm_subnet: subnetRow,
  azurerm_nat_gateway: natGatewayRow,
  azurerm_public_ip: publicIpRow,
  azurerm_public_ip_prefix: publicIpPrefixRow,
  azurerm_route_table: routeTableRow,
  azurerm_firewall: firewallRow,
  azurerm_role_assignment: roleAssignmentRow,
};

export interface PlanRow {
  value: Json;
  resource: TfResource;
}

export interface ConvertedPlan {
  rows: PlanRow[];
  /** Terraform address by lower-cased row ID (agent pools of a cluster's default pool included). */
  addresses: Map<string, string>;
  unknowns: UnknownValue[];
}

/** Turns the planned resources into the ARM-shaped rows the normalizer reads, links resolved. */
export function convert(doc: TfDocument, resources: readonly TfResource[] = doc.resources): ConvertedPlan {
  const c = new MapContext(doc, syntheticId);
  const rows: PlanRow[] = [];
  const byId = new Map<string, Json>();
  const addresses = new Map<string, string>();
  const add = (value: Json, resource: TfResource): void => {
    rows.push({ value, resource });
    byId.set(key(String(value['id'])), value);
    addresses.set(key(String(value['id'])), resource.address);
  };
  for (const res of resources) {
    const build = ROWS[res.type];
    if (build) add(build(c, res), res);
  }
  for (const res of resources) {
    if (res.type === 'azurerm_kubernetes_cluster_node_pool') {
      const clusterId = c.link(res, ['kubernetes_cluster_id']);
      if (clusterId) add(poolRow(c, res, clusterId), res);
    } else if (res.type === 'azurerm_kubernetes_cluster') {
      const pool = res.values['default_node_pool'];
      const name = Array.isArray(pool) && isObject(pool[0]) ? pool[0]['name'] : undefined;
      if (typeof name === 'string') addresses.set(key(`${c.idOf(res)}/agentPools/${name}`), res.address);
    } else associate(c, res, byId, rows);
  }
  return { rows, addresses, unknowns: c.unknowns };
}

/** Association resources and separate routes become properties of the rows they link. */
function associate(c: MapContext, res: TfResource, byId: Map<string, Json>, rows: PlanRow[]): void {
  const row = (attr: string): Json | undefined => {
    const id = c.link(res, [attr]);
    return id === undefined ? undefined : byId.get(key(id));
  };
  const props = (r: Json): Json => {
    if (!isObject(r['properties'])) r['properties'] = {};
    return r['properties'] as Json;
  };
  const setLink = (target: Json | undefined, property: string, attr: string): void => {
    const id = c.link(res, [attr]);
    if (target && id !== undefined) props(target)[property] = { id };
  };
  switch (res.type) {
    case 'azurerm_subnet_nat_gateway_association':
      return setLink(row('subnet_id'), 'natGateway', 'nat_gateway_id');
    case 'azurerm_subnet_route_table_association':
      return setLink(row('subnet_id'), 'routeTable', 'route_table_id');
    case 'azurerm_subnet_network_security_group_association':
      return setLink(row('subnet_id'), 'networkSecurityGroup', 'network_security_group_id');
    case 'azurerm_nat_gateway_public_ip_association':
    case 'azurerm_nat_gateway_public_ip_prefix_association': {
      const prefix = res.type.endsWith('prefix_association');
      const attr = prefix ? 'public_ip_prefix_id' : 'public_ip_address_id';
      const gateway = row('nat_gateway_id');
      const ip = row(attr);
      const ipId = c.link(res, [attr]);
      if (!gateway || ipId === undefined) return;
      const v6 = ip && isObject(ip['properties']) && String(ip['properties']['publicIPAddressVersion']).toLowerCase() === 'ipv6';
      // StandardV2 gateways list IPv6 addresses and prefixes apart from IPv4 ones.
      const list = `${prefix ? 'publicIpPrefixes' : 'publicIpAddresses'}${v6 ? 'V6' : ''}`;
      const entries = (props(gateway)[list] as { id: string }[] | undefined) ?? [];
      props(gateway)[list] = [...entries, { id: ipId }];
      if (ip) props(ip)['natGateway'] = { id: String(gateway['id']) };
      return;
    }
    case 'azurerm_route': {
      const table = routeTableOf(c, res, rows);
      if (!table) return;
      const routes = (props(table)['routes'] as Json[] | undefined) ?? [];
      routes.push(routeEntry(c, res, [], String(table['id']), `properties.routes[${routes.length}].properties.nextHopIpAddress`));
      props(table)['routes'] = routes;
      return;
    }
  }
}

function routeTableOf(c: MapContext, res: TfResource, rows: PlanRow[]): Json | undefined {
  const tables = rows.filter((r) => r.resource.type === 'azurerm_route_table');
  const linked = new Set(c.resolver.targets(res, ['route_table_name']).map((t) => t.address));
  const byRef = tables.find((t) => linked.has(t.resource.address));
  if (byRef) return byRef.value;
  const { route_table_name: name, resource_group_name: rg } = res.values;
  return tables.find((t) => t.value['name'] === name && (rg === undefined || t.value['resourceGroup'] === rg))?.value;
}

/** An ID built from the resource's names (its address stands in for a name the plan does not know yet). */
function syntheticId(res: TfResource, c: MapContext): string {
  const v = res.values;
  const nameOf = (k: string): string => (typeof v[k] === 'string' && v[k] ? (v[k] as string) : encodeURIComponent(res.address));
  const rg = typeof v['resource_group_name'] === 'string' && v['resource_group_name'] ? v['resource_group_name'] : 'terraform-plan';
  const group = `/subscriptions/${c.subscription}/resourceGroups/${rg}/providers`;
  if (res.type === 'azurerm_subnet') return `${group}/Microsoft.Network/virtualNetworks/${nameOf('virtual_network_name')}/subnets/${nameOf('name')}`;
  if (res.type === 'azurerm_role_assignment') {
    const scope = c.link(res, ['scope']) ?? `/subscriptions/${c.subscription}`;
    return `${scope}/providers/Microsoft.Authorization/roleAssignments/${nameOf('name')}`;
  }
  return `${group}/${ARM_PATHS[res.type] ?? `terraform/${res.type}`}/${nameOf('name')}`;
}

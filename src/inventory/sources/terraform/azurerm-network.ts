import { BUILT_IN_ROLES } from '../../facts/roles.ts';
import { isObject, type Json, type PathSeg } from '../../normalize/fields.ts';
import { clean, get, type MapContext } from './context.ts';
import type { TfResource } from './plan.ts';

/** The built-in roles the catalog knows, by lower-cased name; other role names are looked up by Azure at apply. */
const BUILTIN_ROLES: ReadonlyMap<string, string> = new Map([...BUILT_IN_ROLES].map(([guid, role]) => [role.name.toLowerCase(), guid]));

const ref = (id: string | undefined): { id: string } | undefined => (id === undefined ? undefined : { id });
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const blocks = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

function common(c: MapContext, res: TfResource, type: string): Json {
  const v = res.values;
  return { id: c.idOf(res), name: v['name'], type, location: v['location'], resourceGroup: v['resource_group_name'], tags: v['tags'], zones: v['zones'] };
}

function subnetProperties(c: MapContext, res: TfResource, at: PathSeg[], rowId: string): Json {
  const s = get(res.values, at);
  const optionalLink = (name: string): { id: string } | undefined => {
    const v = get(s, [name]);
    return v === undefined || v === null ? undefined : ref(c.link(res, [...at, name]));
  };
  return {
    addressPrefix: first(get(s, ['address_prefixes'])) ?? get(s, ['address_prefix']),
    addressPrefixes: get(s, ['address_prefixes']),
    defaultOutboundAccess: c.value(res, [...at, 'default_outbound_access_enabled'], rowId, null),
    // Data sources and inline VNet subnets carry their links; a managed azurerm_subnet gets them from association resources.
    natGateway: optionalLink('nat_gateway_id'),
    routeTable: optionalLink('route_table_id'),
    networkSecurityGroup: optionalLink('network_security_group_id') ?? optionalLink('security_group'),
  };
}

export function subnetRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  return clean({ id, name: res.values['name'], type: 'Microsoft.Network/virtualNetworks/subnets', properties: subnetProperties(c, res, [], id) });
}

export function virtualNetworkRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const subnets = blocks(res.values['subnet']).map((s, i) => {
    const sid = typeof s['id'] === 'string' && s['id'] ? s['id'] : `${id}/subnets/${String(s['name'])}`;
    return { id: sid, name: s['name'], properties: subnetProperties(c, res, ['subnet', i], sid) };
  });
  return clean({ ...common(c, res, 'Microsoft.Network/virtualNetworks'), properties: { addressSpace: { addressPrefixes: res.values['address_space'] }, subnets } });
}

export function natGatewayRow(c: MapContext, res: TfResource): Json {
  const v = res.values;
  return clean({
    ...common(c, res, 'Microsoft.Network/natGateways'),
    // sku_name defaults to Standard in the provider (and in Azure).
    sku: { name: v['sku_name'] ?? 'Standard' },
    properties: { idleTimeoutInMinutes: v['idle_timeout_in_minutes'], publicIpAddresses: [], publicIpPrefixes: [], publicIpAddressesV6: [], publicIpPrefixesV6: [] },
  });
}

export function publicIpRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const v = res.values;
  return clean({
    ...common(c, res, 'Microsoft.Network/publicIPAddresses'),
    sku: { name: v['sku'], tier: v['sku_tier'] },
    properties: {
      publicIPAddressVersion: v['ip_version'],
      publicIPAllocationMethod: v['allocation_method'],
      ipAddress: c.value(res, ['ip_address'], id, 'properties.ipAddress'),
      publicIPPrefix: v['public_ip_prefix_id'] ? ref(c.link(res, ['public_ip_prefix_id'])) : undefined,
    },
  });
}

export function publicIpPrefixRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const v = res.values;
  return clean({
    ...common(c, res, 'Microsoft.Network/publicIPPrefixes'),
    sku: { name: v['sku'], tier: v['sku_tier'] },
    properties: { prefixLength: v['prefix_length'], publicIPAddressVersion: v['ip_version'], ipPrefix: c.value(res, ['ip_prefix'], id, 'properties.ipPrefix') },
  });
}

export function routeTableRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const v = res.values;
  const routes = blocks(v['route']).map((r, i) => routeEntry(c, res, ['route', i], id, `properties.routes[${i}].properties.nextHopIpAddress`, r));
  const propagation = v['bgp_route_propagation_enabled'];
  return clean({
    ...common(c, res, 'Microsoft.Network/routeTables'),
    properties: {
      routes,
      // v4 says whether propagation is on, v3 whether it is off; ARM says off.
      disableBgpRoutePropagation: typeof propagation === 'boolean' ? !propagation : v['disable_bgp_route_propagation'],
    },
  });
}

/** One route, inline in a route table or an azurerm_route of its own. */
export function routeEntry(c: MapContext, res: TfResource, at: PathSeg[], rowId: string, property: string, r: Json = res.values): Json {
  return clean({
    name: r['name'],
    properties: { addressPrefix: r['address_prefix'], nextHopType: r['next_hop_type'], nextHopIpAddress: c.value(res, [...at, 'next_hop_in_ip_address'], rowId, property) },
  });
}

export function firewallRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const v = res.values;
  const hub = isObject(first(v['virtual_hub'])) ? (first(v['virtual_hub']) as Json) : undefined;
  const count = Array.isArray(v['ip_configuration']) ? v['ip_configuration'].length : 0;
  const ipConfigurations = Array.from({ length: count }, (_, i) => {
    const at = ['ip_configuration', i];
    const conf = get(v, at) as Json;
    return {
      name: conf['name'],
      properties: {
        subnet: ref(c.link(res, [...at, 'subnet_id'])),
        publicIPAddress: ref(c.link(res, [...at, 'public_ip_address_id'])),
        privateIPAddress: c.value(res, [...at, 'private_ip_address'], id, `properties.ipConfigurations[${i}].properties.privateIPAddress`),
      },
    };
  });
  return clean({
    ...common(c, res, 'Microsoft.Network/azureFirewalls'),
    properties: {
      sku: { name: v['sku_name'], tier: v['sku_tier'] },
      ipConfigurations,
      hubIPAddresses: hub && { publicIPs: { count: hub['public_ip_count'] }, privateIPAddress: c.value(res, ['virtual_hub', 0, 'private_ip_address'], id, 'properties.hubIPAddresses.privateIPAddress') },
    },
  });
}

export function roleAssignmentRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const v = res.values;
  const roleName = typeof v['role_definition_name'] === 'string' ? v['role_definition_name'].toLowerCase() : '';
  const known = typeof v['role_definition_id'] === 'string' && v['role_definition_id'] ? v['role_definition_id'] : undefined;
  const builtin = BUILTIN_ROLES.get(roleName);
  const roleDefinitionId = known ?? (builtin ? `/subscriptions/${c.subscription}/providers/Microsoft.Authorization/roleDefinitions/${builtin}` : c.value(res, ['role_definition_id'], id, 'properties.roleDefinitionId'));
  return clean({
    id,
    name: v['name'] ?? encodeURIComponent(res.address),
    type: 'Microsoft.Authorization/roleAssignments',
    properties: { scope: c.link(res, ['scope']), roleDefinitionId, principalId: c.value(res, ['principal_id'], id, 'properties.principalId'), principalType: v['principal_type'] },
  });
}

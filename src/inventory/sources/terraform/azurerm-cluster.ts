import { isObject, type Json, type PathSeg } from '../../normalize/fields.ts';
import { clean, get, type MapContext } from './context.ts';
import { isUnknown, type TfResource } from './plan.ts';

/** azurerm v4 name first, then the v3 name of the same attribute. */
const either = (o: unknown, v4: string, v3: string): unknown => get(o, [v4]) ?? get(o, [v3]);
const block = (o: unknown, name: string): Json | undefined => {
  const b = get(o, [name, 0]);
  return isObject(b) ? b : undefined;
};

/** azurerm_kubernetes_cluster → a Microsoft.ContainerService/managedClusters row. */
export function clusterRow(c: MapContext, res: TfResource): Json {
  const id = c.idOf(res);
  const v = res.values;
  const net = block(v, 'network_profile');
  const lb = block(net, 'load_balancer_profile');
  const nat = block(net, 'nat_gateway_profile');
  const api = block(v, 'api_server_access_profile');
  const identity = block(v, 'identity');
  const at = (...p: PathSeg[]): PathSeg[] => p;
  const version = c.value(res, ['kubernetes_version'], id, 'properties.kubernetesVersion');
  const ranges = api ? c.value(res, at('api_server_access_profile', 0, 'authorized_ip_ranges'), id, 'properties.apiServerAccessProfile.authorizedIPRanges') : c.value(res, ['api_server_authorized_ip_ranges'], id, 'properties.apiServerAccessProfile.authorizedIPRanges');
  const lbAt = at('network_profile', 0, 'load_balancer_profile', 0);
  const refs = (p: PathSeg[]): { id: string }[] | undefined => {
    const ids = c.links(res, p);
    return ids.length ? ids.map((x) => ({ id: x })) : undefined;
  };
  const userIdentities = identity ? c.links(res, ['identity', 0, 'identity_ids']) : [];
  return clean({
    id,
    name: v['name'],
    type: 'Microsoft.ContainerService/managedClusters',
    location: v['location'],
    resourceGroup: v['resource_group_name'],
    tags: v['tags'],
    identity: identity && {
      type: identity['type'],
      principalId: c.value(res, ['identity', 0, 'principal_id'], id, 'identity.principalId'),
      userAssignedIdentities: userIdentities.length ? Object.fromEntries(userIdentities.map((x) => [x, {}])) : undefined,
    },
    properties: {
      kubernetesVersion: version,
      currentKubernetesVersion: version === undefined ? undefined : c.value(res, ['current_kubernetes_version'], id, null),
      servicePrincipalProfile: block(v, 'service_principal') ? { clientId: get(v, ['service_principal', 0, 'client_id']) } : identity ? { clientId: 'msi' } : undefined,
      networkProfile: net && {
        networkPlugin: net['network_plugin'],
        networkPluginMode: net['network_plugin_mode'],
        outboundType: net['outbound_type'],
        loadBalancerSku: net['load_balancer_sku'],
        loadBalancerProfile: lb && {
          allocatedOutboundPorts: lb['outbound_ports_allocated'],
          idleTimeoutInMinutes: lb['idle_timeout_in_minutes'],
          managedOutboundIPs: lb['managed_outbound_ip_count'] !== undefined || lb['managed_outbound_ipv6_count'] !== undefined ? { count: lb['managed_outbound_ip_count'], countIPv6: lb['managed_outbound_ipv6_count'] } : undefined,
          outboundIPs: lb['outbound_ip_address_ids'] !== undefined || isUnknown(res, [...lbAt, 'outbound_ip_address_ids']) ? { publicIPs: refs([...lbAt, 'outbound_ip_address_ids']) } : undefined,
          outboundIPPrefixes: lb['outbound_ip_prefix_ids'] !== undefined || isUnknown(res, [...lbAt, 'outbound_ip_prefix_ids']) ? { publicIPPrefixes: refs([...lbAt, 'outbound_ip_prefix_ids']) } : undefined,
        },
        natGatewayProfile: nat && {
          idleTimeoutInMinutes: nat['idle_timeout_in_minutes'],
          managedOutboundIPProfile: { count: nat['managed_outbound_ip_count'], countIPv6: nat['managed_outbound_ipv6_count'] },
          // The provider has no SKU for the managed NAT gateway yet; read it when it does (the API's StandardV2).
          sku: typeof nat['sku'] === 'string' ? { name: nat['sku'] } : undefined,
        },
      },
      apiServerAccessProfile: {
        authorizedIPRanges: ranges,
        enablePrivateCluster: v['private_cluster_enabled'],
        enableVnetIntegration: either(api, 'virtual_network_integration_enabled', 'vnet_integration_enabled'),
        subnetId: api && (api['subnet_id'] !== undefined || isUnknown(res, ['api_server_access_profile', 0, 'subnet_id'])) ? c.link(res, ['api_server_access_profile', 0, 'subnet_id']) : undefined,
      },
      agentPoolProfiles: block(v, 'default_node_pool') ? [poolProperties(c, res, ['default_node_pool', 0], id, 'System', true)] : undefined,
    },
  });
}

/** azurerm_kubernetes_cluster_node_pool → a managedClusters/agentPools row under its cluster. */
export function poolRow(c: MapContext, res: TfResource, clusterId: string): Json {
  const name = typeof res.values['name'] === 'string' ? res.values['name'] : encodeURIComponent(res.address);
  const id = `${clusterId}/agentPools/${name}`;
  return clean({ id, name, type: 'Microsoft.ContainerService/managedClusters/agentPools', properties: poolProperties(c, res, [], id, 'User', false) });
}

function poolProperties(c: MapContext, res: TfResource, at: PathSeg[], rowId: string, mode: string, embedded: boolean): Json {
  const p = get(res.values, at);
  const win = block(p, 'windows_profile');
  const auto = either(p, 'auto_scaling_enabled', 'enable_auto_scaling');
  const prefix = embedded ? 'properties.agentPoolProfiles[0].' : 'properties.';
  const subnetAt = [...at, 'vnet_subnet_id'];
  const hasSubnet = get(res.values, subnetAt) !== undefined && get(res.values, subnetAt) !== null;
  const outboundNat = win ? win['outbound_nat_enabled'] : undefined;
  return {
    name: embedded ? get(p, ['name']) : undefined,
    type: get(p, ['type']) ?? 'VirtualMachineScaleSets',
    osType: get(p, ['os_type']) ?? 'Linux',
    mode: get(p, ['mode']) ?? mode,
    // With autoscaling AKS sets the count: only maxCount matters, so an unknown count defers nothing.
    count: c.value(res, [...at, 'node_count'], rowId, auto === true ? null : `${prefix}count`),
    enableAutoScaling: auto,
    minCount: get(p, ['min_count']),
    maxCount: c.value(res, [...at, 'max_count'], rowId, auto === true ? `${prefix}maxCount` : null),
    availabilityZones: c.value(res, [...at, 'zones'], rowId, `${prefix}availabilityZones`) ?? get(p, ['availability_zones']),
    enableNodePublicIP: either(p, 'node_public_ip_enabled', 'enable_node_public_ip'),
    vnetSubnetID: hasSubnet || isUnknown(res, subnetAt) ? c.link(res, subnetAt) : undefined,
    // azurerm says whether OutboundNAT is on; ARM says whether it is off.
    windowsProfile: typeof outboundNat === 'boolean' ? { disableOutboundNat: !outboundNat } : undefined,
  };
}

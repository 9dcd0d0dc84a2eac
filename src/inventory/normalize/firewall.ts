import { isObject, type FieldReader, type Json, type PathSeg } from './fields.ts';
import type { Firewall } from '../model.ts';
import type { BaseFields } from './common.ts';

/**
 * An Azure Firewall (`microsoft.network/azurefirewalls`): a VNet firewall with IP configurations
 * in AzureFirewallSubnet, or a Virtual WAN hub firewall with `hubIPAddresses`.
 */
export function readFirewall(r: FieldReader, p: Json, at: PathSeg[], base: BaseFields): Firewall {
  const privateIps: string[] = [];
  const publicIpIds: string[] = [];
  const subnetIds: string[] = [];
  const configs = r.array(p, 'ipConfigurations', at);
  configs?.value.forEach((v, i) => {
    const path = [...configs.path, i];
    if (v === null) return;
    if (!isObject(v)) return void r.fail(path, 'an IP configuration object', v);
    const cp = r.propertiesOf(v, path);
    const ip = r.string(cp.value, 'privateIPAddress', cp.path);
    if (ip !== null && r.cidr(ip, [...cp.path, 'privateIPAddress']) !== null) privateIps.push(ip);
    const pip = r.refId(cp.value, 'publicIPAddress', cp.path);
    if (pip !== null) publicIpIds.push(pip);
    const subnet = r.refId(cp.value, 'subnet', cp.path);
    if (subnet !== null) subnetIds.push(subnet);
  });
  const hub = r.object(p, 'hubIPAddresses', at);
  let hubPublicIpCount: number | null = null;
  if (hub) {
    const ip = r.string(hub.value, 'privateIPAddress', hub.path);
    if (ip !== null && r.cidr(ip, [...hub.path, 'privateIPAddress']) !== null) privateIps.push(ip);
    const pub = r.object(hub.value, 'publicIPs', hub.path);
    hubPublicIpCount = pub ? r.count(pub.value, 'count', pub.path, 0, 250) : null;
  }
  const sku = r.object(p, 'sku', at);
  return {
    ...base,
    skuName: sku ? r.string(sku.value, 'name', sku.path) : null,
    privateIpAddresses: privateIps,
    publicIpIds,
    hubPublicIpCount,
    subnetIds: [...new Set(subnetIds)],
  };
}

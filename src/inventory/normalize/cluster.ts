import { isObject, lookup, MAX_STRING_LENGTH, type FieldReader, type Json, type PathSeg } from './fields.ts';
import type { AgentPool, Cluster, SourceRef } from '../model.ts';
import { idPart, propertyPrefix, zones, type BaseFields } from './common.ts';
import { NAT_SKUS } from './network.ts';
import { OUTBOUND_TYPES } from '../facts/azure.ts';
import { readClusterIdentity } from './authorization.ts';

const POOL_TYPES = ['VirtualMachineScaleSets', 'AvailabilitySet', 'VirtualMachines'];
const OS_TYPES = ['Linux', 'Windows'];
const POOL_MODES = ['System', 'User', 'Gateway', 'Machines', 'ManagedSystem'];
const LB_SKUS = ['standard', 'basic'];
const CLUSTER = 'microsoft.containerservice/managedclusters';
const field = (property: string) => ({ resourceType: CLUSTER, property });
/** Pools listed inside the cluster row and as their own rows warn under one name. */
const poolField = (name: string) => field(`properties.agentPoolProfiles[].${name}`);

/** `natGatewayProfile.sku`: a string since API 2026-06-01, `{ "name": ... }` in earlier shapes; both read the same. */
function natSkuOf(r: FieldReader, nat: { value: Json; path: PathSeg[] }): string | null {
  const hit = lookup(nat.value, 'sku');
  if (hit === undefined || hit.value === null) return null;
  const f = field('properties.networkProfile.natGatewayProfile.sku');
  if (typeof hit.value === 'string') return r.openEnum(nat.value, 'sku', nat.path, NAT_SKUS, f);
  const o = r.object(nat.value, 'sku', nat.path);
  return o ? r.openEnum(o.value, 'name', o.path, NAT_SKUS, f) : null;
}

export function readCluster(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): Cluster {
  const rowPath = base.source.path;
  const net = r.object(p, 'networkProfile', at);
  const lb = net ? r.object(net.value, 'loadBalancerProfile', net.path) : null;
  const nat = net ? r.object(net.value, 'natGatewayProfile', net.path) : null;
  const api = r.object(p, 'apiServerAccessProfile', at);
  const tagsObj = r.object(row, 'tags', rowPath);

  const pools: AgentPool[] = [];
  const profiles = r.array(p, 'agentPoolProfiles', at);
  profiles?.value.forEach((v, i) => {
    const path = [...profiles.path, i];
    if (!isObject(v)) return void r.fail(path, 'an agent pool object', v);
    const name = r.string(v, 'name', path) ?? `#${i}`;
    pools.push(readPool(r, v, path, name, { file: base.source.file, path }, propertyPrefix(path, rowPath)));
  });

  const managedIps = lb ? r.object(lb.value, 'managedOutboundIPs', lb.path) : null;
  const outIps = lb ? r.object(lb.value, 'outboundIPs', lb.path) : null;
  const outPrefixes = lb ? r.object(lb.value, 'outboundIPPrefixes', lb.path) : null;
  const natManaged = nat ? r.object(nat.value, 'managedOutboundIPProfile', nat.path) : null;
  const tags: Record<string, string> = {};
  if (tagsObj) {
    for (const [k, v] of Object.entries(tagsObj.value)) {
      if (v === null) continue;
      if (k.length > MAX_STRING_LENGTH) r.fail([...tagsObj.path, k], `a tag name of at most ${MAX_STRING_LENGTH} characters`, k);
      const value = r.text(v, [...tagsObj.path, k], 'a string tag value');
      // defineProperty, not assignment: a tag named "__proto__" is data, not the object's prototype.
      if (value !== null) Object.defineProperty(tags, k, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const ranges = (api ? r.strings(api.value, 'authorizedIPRanges', api.path, { entries: 200, why: 'the AKS limit' }) : null) ?? [];
  const rangesPath = api ? [...api.path, lookup(api.value, 'authorizedIPRanges')?.key ?? 'authorizedIPRanges'] : [];

  return {
    ...base,
    subscriptionId: r.string(row, 'subscriptionId', rowPath) ?? idPart(base.id, 'subscriptions'),
    resourceGroup: r.string(row, 'resourceGroup', rowPath) ?? idPart(base.id, 'resourcegroups'),
    location: r.string(row, 'location', rowPath),
    tags,
    kubernetesVersion: r.string(p, 'kubernetesVersion', at),
    currentKubernetesVersion: r.string(p, 'currentKubernetesVersion', at),
    outboundType: net ? r.openEnum(net.value, 'outboundType', net.path, OUTBOUND_TYPES, field('properties.networkProfile.outboundType')) : null,
    loadBalancerSku: net ? r.openEnum(net.value, 'loadBalancerSku', net.path, LB_SKUS, field('properties.networkProfile.loadBalancerSku')) : null,
    allocatedOutboundPorts: lb ? r.count(lb.value, 'allocatedOutboundPorts', lb.path, 0, 64000) : null,
    lbManagedOutboundIpCount: managedIps ? r.count(managedIps.value, 'count', managedIps.path, 0, 100) : null,
    lbEffectiveOutboundIpIds: lb ? r.refIds(lb.value, 'effectiveOutboundIPs', lb.path) : null,
    lbOutboundIpIds: (outIps ? r.refIds(outIps.value, 'publicIPs', outIps.path) : null) ?? [],
    lbOutboundIpPrefixIds: (outPrefixes ? r.refIds(outPrefixes.value, 'publicIPPrefixes', outPrefixes.path) : null) ?? [],
    natManagedOutboundIpCount: natManaged ? r.count(natManaged.value, 'count', natManaged.path, 0, 16) : null,
    natManagedOutboundIpv6Count: natManaged ? r.count(natManaged.value, 'countIPv6', natManaged.path, 0, 16) : null,
    natIdleTimeoutInMinutes: nat ? r.count(nat.value, 'idleTimeoutInMinutes', nat.path, 0, 1000) : null,
    natEffectiveOutboundIpIds: (nat ? r.refIds(nat.value, 'effectiveOutboundIPs', nat.path) : null) ?? [],
    natSku: nat ? natSkuOf(r, nat) : null,
    enablePrivateCluster: api ? r.boolean(api.value, 'enablePrivateCluster', api.path) : null,
    enableVnetIntegration: api ? r.boolean(api.value, 'enableVnetIntegration', api.path) : null,
    authorizedIpRanges: ranges.filter((c, i) => r.cidr(c, [...rangesPath, i]) !== null),
    pools,
    identity: readClusterIdentity(r, row, rowPath, p, at),
    networkPlugin: net ? r.string(net.value, 'networkPlugin', net.path) : null,
  };
}

export function readPool(r: FieldReader, v: Json, path: PathSeg[], name: string, source: SourceRef, propertyPath: string): AgentPool {
  const win = r.object(v, 'windowsProfile', path);
  return {
    name,
    source,
    propertyPath,
    type: r.openEnum(v, 'type', path, POOL_TYPES, poolField('type')),
    osType: r.openEnum(v, 'osType', path, OS_TYPES, poolField('osType')),
    mode: r.openEnum(v, 'mode', path, POOL_MODES, poolField('mode')),
    count: r.count(v, 'count', path, 0, 5000),
    enableAutoScaling: r.boolean(v, 'enableAutoScaling', path),
    minCount: r.count(v, 'minCount', path, 0, 5000),
    maxCount: r.count(v, 'maxCount', path, 0, 5000),
    availabilityZones: zones(r, v, 'availabilityZones', path),
    enableNodePublicIp: r.boolean(v, 'enableNodePublicIP', path),
    disableOutboundNat: win ? r.boolean(win.value, 'disableOutboundNat', win.path) : null,
    vnetSubnetId: r.string(v, 'vnetSubnetID', path),
  };
}

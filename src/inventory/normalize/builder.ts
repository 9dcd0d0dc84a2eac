import type { ScanError } from '../../errors.ts';
import { ErrorLog, FieldReader, isObject, jsonPath, lookup, MAX_STRING_LENGTH, type Json, type PathSeg } from './fields.ts';
import {
  key,
  TYPE_KINDS,
  type AgentPool,
  type Cluster,
  type Inventory,
  type NatGateway,
  type NetworkSecurityGroup,
  type PublicIp,
  type PublicIpPrefix,
  type ResourceKind,
  type RouteTable,
  type SourceRef,
  type Subnet,
} from '../model.ts';
import type { RawRow } from '../sources/files/shapes.ts';

const POOL_TYPES = ['VirtualMachineScaleSets', 'AvailabilitySet', 'VirtualMachines'];
const OS_TYPES = ['Linux', 'Windows'];
const POOL_MODES = ['System', 'User', 'Gateway', 'Machines', 'ManagedSystem'];
const LB_SKUS = ['standard', 'basic'];
const NAT_SKUS = ['Standard', 'StandardV2'];
const IP_SKUS = ['Basic', 'Standard', 'StandardV2'];
const IP_VERSIONS = ['IPv4', 'IPv6'];
const NEXT_HOPS = ['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None'];

/**
 * Turns raw rows (any accepted shape, ARM or `az` CLI casing) into the typed inventory.
 * Rows with wrong shapes are kept with `invalid: true` when they can still be identified, and every
 * problem is recorded in `errors`; the scan goes on.
 */
export class InventoryBuilder {
  private readonly log = new ErrorLog();
  readonly inventory: Inventory = {
    clusters: new Map(),
    subnets: new Map(),
    natGateways: new Map(),
    publicIps: new Map(),
    publicIpPrefixes: new Map(),
    routeTables: new Map(),
    networkSecurityGroups: new Map(),
    refused: new Map(),
    // Keyed by data (resource types): no prototype, so "__proto__" is a type like any other.
    counts: Object.create(null) as Record<string, number>,
    ignoredTypes: Object.create(null) as Record<string, number>,
  };
  /** Agent pools listed as their own rows, by row ID; attached to their clusters in finish(). */
  private readonly separatePools = new Map<string, SeparatePool>();
  /** Subnets embedded in VNet rows; a subnet listed as its own row wins over these. */
  private readonly embeddedSubnets = new Map<string, Subnet>();

  add(row: RawRow): void {
    const { value, source } = row;
    const at = source.path;
    if (!isObject(value)) {
      if (value === null) return;
      const r = new FieldReader(source.file, this.log, undefined);
      r.fail(at, 'a resource object', value);
      return;
    }
    const idHit = lookup(value, 'id');
    const typeHit = lookup(value, 'type');
    const r0 = new FieldReader(source.file, this.log, undefined);
    const id = typeof idHit?.value === 'string' && idHit.value !== '' ? r0.text(idHit.value, [...at, idHit.key], 'a resource ID string') : null;
    if (id === null) {
      if (!r0.invalid) r0.fail([...at, idHit?.key ?? 'id'], 'a resource ID string', idHit?.value);
      return;
    }
    if (typeof typeHit?.value !== 'string') {
      r0.fail([...at, typeHit?.key ?? 'type'], 'a resource type string', typeHit?.value);
      this.inventory.refused.set(key(id), 'its row has no resource type');
      return;
    }
    const type = typeHit.value.toLowerCase();
    const kind = TYPE_KINDS.get(type);
    if (!kind) {
      this.inventory.ignoredTypes[type] = (this.inventory.ignoredTypes[type] ?? 0) + 1;
      return;
    }
    this.inventory.counts[kind] = (this.inventory.counts[kind] ?? 0) + 1;

    const r = new FieldReader(source.file, this.log, id);
    const props = r.propertiesOf(value, at);
    const base = { id, name: nameOf(r, value, at, id), source, invalid: false };
    this.read(kind, r, value, props.value, props.path, base);
    r.close();
  }

  /** Call once every row is added: attaches separately listed agent pools to their clusters. */
  finish(): { inventory: Inventory; errors: ScanError[] } {
    const inv = this.inventory;
    for (const [k, s] of this.embeddedSubnets) if (!inv.subnets.has(k)) inv.subnets.set(k, s);
    const byCluster = new Map<string, SeparatePool[]>();
    for (const p of this.separatePools.values()) {
      const list = byCluster.get(p.clusterKey);
      if (list) list.push(p);
      else byCluster.set(p.clusterKey, [p]);
    }
    for (const [clusterKey, pools] of byCluster) {
      const cluster = inv.clusters.get(clusterKey);
      if (!cluster) continue;
      const index = new Map(cluster.pools.map((p, i) => [p.name.toLowerCase(), i]));
      for (const { pool, invalid } of pools) {
        const i = index.get(pool.name.toLowerCase());
        if (i !== undefined) cluster.pools[i] = pool;
        else index.set(pool.name.toLowerCase(), cluster.pools.push(pool) - 1);
        if (invalid) cluster.invalid = true;
      }
    }
    return { inventory: inv, errors: this.log.list() };
  }

  /**
   * Stores a resource under its lower-cased ID. A second row with the same ID is read once when it
   * says the same thing (compared on what the scan reads, so key order, ID casing and ignored
   * properties do not matter); when it differs, both places are named in an error and the resource
   * is marked unreliable.
   */
  private store<T extends { id: string; source: SourceRef; invalid: boolean }>(map: Map<string, T>, entity: T): void {
    const k = key(entity.id);
    const prior = map.get(k);
    if (!prior) {
      map.set(k, entity);
      return;
    }
    if (comparable(prior) === comparable(entity)) return;
    this.log.add({
      code: 'duplicate-id',
      message: `${entity.id}: two different rows share this resource ID (${where(prior.source)} and ${where(entity.source)}); the resource is treated as unreliable`,
      file: entity.source.file,
      path: jsonPath(entity.source.path),
      resourceId: entity.id,
    });
    prior.invalid = true;
  }

  private read(kind: ResourceKind, r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): void {
    const inv = this.inventory;
    switch (kind) {
      case 'cluster': {
        const c = readCluster(r, row, p, at, base);
        this.store(inv.clusters, { ...c, invalid: r.invalid });
        return;
      }
      case 'agentPool': {
        const clusterId = base.id.replace(/\/agentpools\/[^/]+$/i, '');
        const pool = readPool(r, p, at, base.name, base.source, propertyPrefix(at, base.source.path));
        this.store(this.separatePools, { id: base.id, source: base.source, invalid: r.invalid, clusterKey: key(clusterId), pool });
        return;
      }
      case 'virtualNetwork': {
        const subnets = r.array(p, 'subnets', at);
        subnets?.value.forEach((s, i) => {
          const path = [...subnets.path, i];
          if (s === null) return;
          if (!isObject(s)) return void r.fail(path, 'a subnet object', s);
          const sid = r.string(s, 'id', path);
          if (sid === null) return;
          const sr = new FieldReader(r.file, this.log, sid);
          const props = sr.propertiesOf(s, path);
          const name = sr.string(s, 'name', path) ?? lastSegment(sid);
          const subnet = readSubnet(sr, props.value, props.path, { id: sid, name, source: { file: r.file, path }, invalid: false });
          this.store(this.embeddedSubnets, { ...subnet, invalid: sr.invalid });
          sr.close();
        });
        return;
      }
      case 'subnet': {
        const s = readSubnet(r, p, at, base);
        this.store(inv.subnets, { ...s, invalid: r.invalid });
        return;
      }
      case 'natGateway': {
        const n = readNatGateway(r, row, p, at, base);
        this.store(inv.natGateways, { ...n, invalid: r.invalid });
        return;
      }
      case 'publicIp': {
        const ip = readPublicIp(r, row, p, at, base);
        this.store(inv.publicIps, { ...ip, invalid: r.invalid });
        return;
      }
      case 'publicIpPrefix': {
        const pre = readPublicIpPrefix(r, row, p, at, base);
        this.store(inv.publicIpPrefixes, { ...pre, invalid: r.invalid });
        return;
      }
      case 'routeTable': {
        const rt = readRouteTable(r, p, at, base);
        this.store(inv.routeTables, { ...rt, invalid: r.invalid });
        return;
      }
      case 'networkSecurityGroup': {
        const rules = r.array(p, 'securityRules', at);
        const nsg: NetworkSecurityGroup = { ...base, ruleCount: rules?.value.length ?? 0 };
        this.store(inv.networkSecurityGroups, { ...nsg, invalid: r.invalid });
        return;
      }
    }
  }
}

type BaseFields = { id: string; name: string; source: SourceRef; invalid: boolean };
type SeparatePool = { id: string; source: SourceRef; invalid: boolean; clusterKey: string; pool: AgentPool };

function nameOf(r: FieldReader, row: Json, at: PathSeg[], id: string): string {
  return r.string(row, 'name', at) ?? lastSegment(id);
}

function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

function idPart(id: string, segment: string): string {
  const parts = id.split('/');
  const i = parts.findIndex((p) => p.toLowerCase() === segment);
  return i >= 0 ? (parts[i + 1] ?? '') : '';
}

function propertyPrefix(at: readonly PathSeg[], rowPath: readonly PathSeg[]): string {
  return jsonPath(at.slice(rowPath.length)).replace(/^\$\.?/, '');
}

function zones(r: FieldReader, o: Json, name: string, at: PathSeg[]): string[] | null {
  const z = r.strings(o, name, at);
  return z ? [...new Set(z)].sort() : null;
}

function readCluster(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): Cluster {
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
  const natSku = nat ? r.object(nat.value, 'sku', nat.path) : null;
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
    outboundType: net ? r.string(net.value, 'outboundType', net.path) : null,
    loadBalancerSku: net ? r.enumValue(net.value, 'loadBalancerSku', net.path, LB_SKUS) : null,
    allocatedOutboundPorts: lb ? r.count(lb.value, 'allocatedOutboundPorts', lb.path, 0, 64000) : null,
    lbManagedOutboundIpCount: managedIps ? r.count(managedIps.value, 'count', managedIps.path, 0, 100) : null,
    lbEffectiveOutboundIpIds: lb ? r.refIds(lb.value, 'effectiveOutboundIPs', lb.path) : null,
    lbOutboundIpIds: (outIps ? r.refIds(outIps.value, 'publicIPs', outIps.path) : null) ?? [],
    lbOutboundIpPrefixIds: (outPrefixes ? r.refIds(outPrefixes.value, 'publicIPPrefixes', outPrefixes.path) : null) ?? [],
    natManagedOutboundIpCount: natManaged ? r.count(natManaged.value, 'count', natManaged.path, 0, 16) : null,
    natIdleTimeoutInMinutes: nat ? r.count(nat.value, 'idleTimeoutInMinutes', nat.path, 0, 1000) : null,
    natEffectiveOutboundIpIds: (nat ? r.refIds(nat.value, 'effectiveOutboundIPs', nat.path) : null) ?? [],
    natSku: natSku ? r.enumValue(natSku.value, 'name', natSku.path, NAT_SKUS) : null,
    enablePrivateCluster: api ? r.boolean(api.value, 'enablePrivateCluster', api.path) : null,
    enableVnetIntegration: api ? r.boolean(api.value, 'enableVnetIntegration', api.path) : null,
    authorizedIpRanges: ranges.filter((c, i) => r.cidr(c, [...rangesPath, i]) !== null),
    pools,
  };
}

function readPool(r: FieldReader, v: Json, path: PathSeg[], name: string, source: SourceRef, propertyPath: string): AgentPool {
  const win = r.object(v, 'windowsProfile', path);
  return {
    name,
    source,
    propertyPath,
    type: r.enumValue(v, 'type', path, POOL_TYPES),
    osType: r.enumValue(v, 'osType', path, OS_TYPES),
    mode: r.enumValue(v, 'mode', path, POOL_MODES),
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

function readSubnet(r: FieldReader, p: Json, at: PathSeg[], base: BaseFields): Subnet {
  return {
    ...base,
    addressPrefix: r.string(p, 'addressPrefix', at),
    natGatewayId: r.refId(p, 'natGateway', at),
    routeTableId: r.refId(p, 'routeTable', at),
    networkSecurityGroupId: r.refId(p, 'networkSecurityGroup', at),
    defaultOutboundAccess: r.boolean(p, 'defaultOutboundAccess', at),
  };
}

function sku(r: FieldReader, row: Json, at: PathSeg[], allowed: readonly string[]): string | null {
  const s = r.object(row, 'sku', at);
  return s ? r.enumValue(s.value, 'name', s.path, allowed) : null;
}

function readNatGateway(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): NatGateway {
  return {
    ...base,
    sku: sku(r, row, base.source.path, NAT_SKUS),
    zones: zones(r, row, 'zones', base.source.path) ?? [],
    idleTimeoutInMinutes: r.count(p, 'idleTimeoutInMinutes', at, 0, 1000),
    // StandardV2 gateways list their IPv6 addresses and prefixes apart (publicIpAddressesV6, publicIpPrefixesV6).
    publicIpIds: [...(r.refIds(p, 'publicIpAddresses', at) ?? []), ...(r.refIds(p, 'publicIpAddressesV6', at) ?? [])],
    publicIpPrefixIds: [...(r.refIds(p, 'publicIpPrefixes', at) ?? []), ...(r.refIds(p, 'publicIpPrefixesV6', at) ?? [])],
  };
}

function readPublicIp(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): PublicIp {
  const address = r.string(p, 'ipAddress', at);
  return {
    ...base,
    sku: sku(r, row, base.source.path, IP_SKUS),
    ipAddress: address === null ? null : r.cidr(address, [...at, lookup(p, 'ipAddress')?.key ?? 'ipAddress']),
    version: r.enumValue(p, 'publicIPAddressVersion', at, IP_VERSIONS),
    natGatewayId: r.refId(p, 'natGateway', at),
    zones: zones(r, row, 'zones', base.source.path) ?? [],
  };
}

function readPublicIpPrefix(r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): PublicIpPrefix {
  const prefix = r.string(p, 'ipPrefix', at);
  return {
    ...base,
    sku: sku(r, row, base.source.path, IP_SKUS),
    ipPrefix: prefix === null ? null : r.cidr(prefix, [...at, lookup(p, 'ipPrefix')?.key ?? 'ipPrefix']),
    prefixLength: r.count(p, 'prefixLength', at, 0, 128),
    version: r.enumValue(p, 'publicIPAddressVersion', at, IP_VERSIONS),
    natGatewayId: r.refId(p, 'natGateway', at),
  };
}

function readRouteTable(r: FieldReader, p: Json, at: PathSeg[], base: BaseFields): RouteTable {
  const routes = r.array(p, 'routes', at);
  const out: RouteTable['routes'] = [];
  routes?.value.forEach((v, i) => {
    const path = [...routes.path, i];
    if (!isObject(v)) return void r.fail(path, 'a route object', v);
    const rp = r.propertiesOf(v, path);
    out.push({
      name: r.string(v, 'name', path) ?? `#${i}`,
      addressPrefix: r.string(rp.value, 'addressPrefix', rp.path),
      nextHopType: r.enumValue(rp.value, 'nextHopType', rp.path, NEXT_HOPS),
      nextHopIpAddress: r.string(rp.value, 'nextHopIpAddress', rp.path),
    });
  });
  return { ...base, routes: out };
}

function where(source: SourceRef): string {
  return `${source.file} ${jsonPath(source.path)}`;
}

/** What the scan reads of a resource, as stable text: places in files and validity left out, IDs lower-cased. */
function comparable(entity: object): string {
  return JSON.stringify(entity, (k, v: unknown) => {
    if (k === 'source' || k === 'propertyPath' || k === 'invalid') return undefined;
    // Resource IDs compare case-insensitively (ARG and the az CLI case them differently).
    if (typeof v === 'string' && v.startsWith('/')) return v.toLowerCase();
    return sortKeys(v);
  });
}

function sortKeys(v: unknown): unknown {
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: v[k], enumerable: true });
  return out;
}

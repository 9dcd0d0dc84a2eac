import type { ScanError, ScanWarning } from '../../errors.ts';
import { ErrorLog, FieldReader, isObject, jsonPath, lookup, type Json, type PathSeg } from './fields.ts';
import {
  key,
  TYPE_KINDS,
  type AgentPool,
  type Inventory,
  type NetworkSecurityGroup,
  type ResourceKind,
  type SourceRef,
  type Subnet,
} from '../model.ts';
import type { RawRow } from '../sources/files/shapes.ts';
import type { BuildOp } from './record.ts';
import { readCluster, readPool } from './cluster.ts';
import { lastSegment, nameOf, propertyPrefix, type BaseFields } from './common.ts';
import { readRoleAssignment, readRoleDefinition, readSubscription } from './authorization.ts';
import { readFirewall } from './firewall.ts';
import { readNatGateway, readPeerings, readPublicIp, readPublicIpPrefix, readRouteTable, readSubnet } from './network.ts';

/**
 * Turns raw rows (any accepted shape, ARM or `az` CLI casing) into the typed inventory.
 * Rows with wrong shapes are kept with `invalid: true` when they can still be identified, and every
 * problem is recorded in `errors`; the scan goes on.
 */
export class InventoryBuilder {
  protected readonly log: ErrorLog;
  readonly inventory: Inventory = {
    clusters: new Map(),
    virtualNetworks: new Map(),
    subnets: new Map(),
    natGateways: new Map(),
    publicIps: new Map(),
    publicIpPrefixes: new Map(),
    routeTables: new Map(),
    networkSecurityGroups: new Map(),
    roleAssignments: new Map(),
    roleDefinitions: new Map(),
    subscriptions: new Map(),
    firewalls: new Map(),
    refused: new Map(),
    // Keyed by data (resource types): no prototype, so "__proto__" is a type like any other.
    counts: Object.create(null) as Record<string, number>,
    ignoredTypes: Object.create(null) as Record<string, number>,
  };
  /** Agent pools listed as their own rows, by row ID; attached to their clusters in finish(). */
  private readonly separatePools = new Map<string, SeparatePool>();
  /** Subnets embedded in VNet rows; a subnet listed as its own row wins over these. */
  private readonly embeddedSubnets = new Map<string, Subnet>();

  constructor(log = new ErrorLog()) {
    this.log = log;
  }

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
      this.refuse(key(id), 'its row has no resource type');
      return;
    }
    const type = typeHit.value.toLowerCase();
    const kind = TYPE_KINDS.get(type);
    if (!kind) {
      this.tally('ignoredTypes', type);
      return;
    }
    this.tally('counts', kind);

    const r = new FieldReader(source.file, this.log, id);
    const props = r.propertiesOf(value, at);
    const base = { id, name: nameOf(r, value, at, id), source, invalid: false };
    this.read(kind, r, value, props.value, props.path, base);
    r.close();
  }

  /** Makes the changes a RecordingBuilder recorded, in their order. */
  apply(ops: readonly BuildOp[]): void {
    for (const o of ops) {
      if (o.op === 'error') this.log.add(o.error);
      else if (o.op === 'skip') this.log.skip(o.n);
      else if (o.op === 'unknown') this.log.unknownValue(o.warning);
      else if (o.op === 'store') this.storeAs(o.target, o.id, o.entity);
      else if (o.op === 'tally') this.tally(o.what, o.name);
      else this.refuse(o.key, o.why);
    }
  }

  /** Call once every row is added: attaches separately listed agent pools to their clusters. */
  finish(): { inventory: Inventory; errors: ScanError[]; warnings: ScanWarning[] } {
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
    return { inventory: inv, errors: this.log.list(), warnings: this.log.warnings() };
  }

  /**
   * Stores a resource under its lower-cased ID. A second row with the same ID is read once when it
   * says the same thing (compared on what the scan reads, so key order, ID casing and ignored
   * properties do not matter); when it differs, both places are named in an error and the resource
   * is marked unreliable.
   */
  private store<T extends Stored>(target: Target, entity: T): void {
    this.storeAs(target, entity.id, entity);
  }

  protected storeAs(target: Target, id: string, entity: Stored): void {
    const map = this.target(target);
    const k = key(id);
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

  protected tally(what: 'counts' | 'ignoredTypes', name: string): void {
    const counts = this.inventory[what];
    counts[name] = (counts[name] ?? 0) + 1;
  }

  protected refuse(k: string, why: string): void {
    this.inventory.refused.set(k, why);
  }

  private target(t: Target): Map<string, Stored> {
    if (t === 'separatePools') return this.separatePools as Map<string, Stored>;
    if (t === 'embeddedSubnets') return this.embeddedSubnets as Map<string, Stored>;
    return this.inventory[t] as Map<string, Stored>;
  }

  private read(kind: ResourceKind, r: FieldReader, row: Json, p: Json, at: PathSeg[], base: BaseFields): void {
    switch (kind) {
      case 'cluster': {
        const c = readCluster(r, row, p, at, base);
        this.store('clusters', { ...c, invalid: r.invalid });
        return;
      }
      case 'agentPool': {
        const clusterId = base.id.replace(/\/agentpools\/[^/]+$/i, '');
        const pool = readPool(r, p, at, base.name, base.source, propertyPrefix(at, base.source.path));
        this.store('separatePools', { id: base.id, source: base.source, invalid: r.invalid, clusterKey: key(clusterId), pool });
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
          this.store('embeddedSubnets', { ...subnet, invalid: sr.invalid });
          sr.close();
        });
        const peerings = readPeerings(r, p, at);
        this.store('virtualNetworks', { ...base, peerings, invalid: r.invalid });
        return;
      }
      case 'subnet': {
        const s = readSubnet(r, p, at, base);
        this.store('subnets', { ...s, invalid: r.invalid });
        return;
      }
      case 'natGateway': {
        const n = readNatGateway(r, row, p, at, base);
        this.store('natGateways', { ...n, invalid: r.invalid });
        return;
      }
      case 'publicIp': {
        const ip = readPublicIp(r, row, p, at, base);
        this.store('publicIps', { ...ip, invalid: r.invalid });
        return;
      }
      case 'publicIpPrefix': {
        const pre = readPublicIpPrefix(r, row, p, at, base);
        this.store('publicIpPrefixes', { ...pre, invalid: r.invalid });
        return;
      }
      case 'routeTable': {
        const rt = readRouteTable(r, p, at, base);
        this.store('routeTables', { ...rt, invalid: r.invalid });
        return;
      }
      case 'networkSecurityGroup': {
        const rules = r.array(p, 'securityRules', at);
        const nsg: NetworkSecurityGroup = { ...base, ruleCount: rules?.value.length ?? 0 };
        this.store('networkSecurityGroups', { ...nsg, invalid: r.invalid });
        return;
      }
      case 'roleAssignment': {
        const a = readRoleAssignment(r, p, at, base);
        this.store('roleAssignments', { ...a, invalid: r.invalid });
        return;
      }
      case 'roleDefinition': {
        const d = readRoleDefinition(r, row, p, at, base);
        this.store('roleDefinitions', { ...d, invalid: r.invalid });
        return;
      }
      case 'subscription': {
        const sub = readSubscription(r, row, p, at, base);
        // Keyed by subscription ID: management-group lookups start from a resource ID's subscription.
        if (sub.subscriptionId) this.storeAs('subscriptions', sub.subscriptionId, { ...sub, invalid: r.invalid });
        return;
      }
      case 'firewall': {
        const fw = readFirewall(r, p, at, base);
        this.store('firewalls', { ...fw, invalid: r.invalid });
        return;
      }
    }
  }
}

export type Stored = { id: string; source: SourceRef; invalid: boolean };
/** Where a resource is stored: a map of the inventory, or one the builder merges in finish(). */
export type Target =
  | 'clusters' | 'virtualNetworks' | 'subnets' | 'natGateways' | 'publicIps' | 'publicIpPrefixes' | 'routeTables' | 'networkSecurityGroups'
  | 'roleAssignments' | 'roleDefinitions' | 'subscriptions' | 'firewalls' | 'separatePools' | 'embeddedSubnets';
type SeparatePool = { id: string; source: SourceRef; invalid: boolean; clusterKey: string; pool: AgentPool };

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

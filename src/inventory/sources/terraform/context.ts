import { isObject, type Json, type PathSeg } from '../../normalize/fields.ts';
import { isSensitive, isUnknown, type TfDocument, type TfResource } from './plan.ts';
import { Resolver } from './references.ts';

/** A value of the plan that Terraform knows only after apply, on a resource the scan reads. */
export interface UnknownValue {
  /** ID of the row the value belongs to. */
  rowId: string;
  address: string;
  /** The azurerm attribute, e.g. `ip_address` or `default_node_pool[0].node_count`. */
  attribute: string;
  /** The ARM property it would fill, e.g. `properties.ipAddress`. */
  property: string;
  /** Known to Terraform but sensitive: withheld from the scan, so decided like an unknown value. */
  sensitive?: true;
}

/** Subscription of synthetic IDs when the plan names none: the IDs stay well-formed and obviously not real. */
export const PLACEHOLDER_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const GUID_ID = /^\/subscriptions\/([0-9a-f-]{36})\//i;

export function get(o: unknown, path: readonly PathSeg[]): unknown {
  let node = o;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isObject(node) && typeof seg === 'string') node = node[seg];
    else return undefined;
  }
  return node;
}

export const attributeText = (path: readonly PathSeg[]): string =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('');

/** What the azurerm mapping needs from the plan: IDs (real or synthetic), links, and a record of unknown values. */
export class MapContext {
  readonly resolver: Resolver;
  readonly subscription: string;
  readonly unknowns: UnknownValue[] = [];
  private readonly ids = new Map<TfResource, string>();
  private readonly idOfRow: (res: TfResource, ctx: MapContext) => string;

  constructor(doc: TfDocument, idOfRow: (res: TfResource, ctx: MapContext) => string) {
    this.resolver = new Resolver(doc);
    this.idOfRow = idOfRow;
    this.subscription = subscriptionOf(doc);
  }

  /** The row ID: the real resource ID when the plan knows it, else one built from names (or the address) that stays the same from plan to plan. */
  idOf(res: TfResource): string {
    let id = this.ids.get(res);
    if (id === undefined) {
      const known = res.values['id'];
      id = typeof known === 'string' && known.startsWith('/') ? known : this.idOfRow(res, this);
      this.ids.set(res, id);
    }
    return id;
  }

  /** A known value, or undefined; an unknown one is recorded against `rowId` as the ARM `property`. */
  value(res: TfResource, path: readonly PathSeg[], rowId: string, property: string | null): unknown {
    const sensitive = isSensitive(res, path);
    if (sensitive || isUnknown(res, path)) {
      if (property) this.unknowns.push({ rowId, address: res.address, attribute: attributeText(path), property, ...(sensitive ? { sensitive: true as const } : {}) });
      return undefined;
    }
    const v = get(res.values, path);
    return v === null ? undefined : v;
  }

  /** The resource ID an attribute holds: its known value, else the ID of the resource the configuration refers to. */
  link(res: TfResource, path: readonly PathSeg[]): string | undefined {
    return this.links(res, path)[0];
  }

  /** The resource IDs a list attribute holds, known or resolved through the configuration. */
  links(res: TfResource, path: readonly PathSeg[]): string[] {
    const v = get(res.values, path);
    if (!isUnknown(res, path)) {
      if (typeof v === 'string' && v) return [v];
      if (Array.isArray(v) && !v.some((x, i) => isUnknown(res, [...path, i]))) return v.filter((x): x is string => typeof x === 'string' && x !== '');
      if (v === null || v === undefined) return [];
    }
    const targets = this.resolver.targets(res, path).map((t) => this.idOf(t));
    if (targets.length) return targets;
    // Linked through something the plan does not record (a local, a function): named so that the
    // cluster reports it as missing rather than silently unlinked.
    return [`/subscriptions/${this.subscription}/resourceGroups/unresolved/providers/terraform/references/${encodeURIComponent(`${res.address}.${attributeText(path)}`)}`];
  }
}

function subscriptionOf(doc: TfDocument): string {
  const config = doc.configuration?.['provider_config'];
  if (isObject(config)) {
    for (const p of Object.values(config)) {
      const sub = isObject(p) ? get(p, ['expressions', 'subscription_id', 'constant_value']) : undefined;
      if (typeof sub === 'string' && sub) return sub;
    }
  }
  for (const r of [...doc.resources, ...(doc.prior ?? [])]) {
    const m = typeof r.values['id'] === 'string' ? GUID_ID.exec(r.values['id']) : null;
    if (m) return m[1] as string;
  }
  return PLACEHOLDER_SUBSCRIPTION;
}

/** Drops null and undefined members (Terraform writes null for what the configuration leaves out: absent, as in live inventory). */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined) continue;
    const c = clean(x);
    if (isObject(c) && !Object.keys(c).length) continue;
    Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

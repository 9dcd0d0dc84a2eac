import { readSchema } from '../json/schema.ts';
import type { SubjectKind } from './types.ts';

type Schema = Record<string, unknown>;

/** A place in the facts schema: the schemas a value there may satisfy (a union), or "anything". */
export type FactsNode = { any: true } | { any: false; alternatives: Schema[] };

const ANY: FactsNode = { any: true };
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeIncludes = (s: Schema, t: string): boolean => s.type === t || (Array.isArray(s.type) && s.type.includes(t));

/**
 * Walks schemas/facts.schema.json by field name, so that a policy's fields can be checked
 * before it ever runs. Unions (oneOf with null, $ref) are flattened; a field exists when any
 * alternative has it.
 */
export class FactsSchema {
  private readonly root: Schema;
  private params: Record<string, unknown> | undefined;

  constructor(root: Schema = readSchema('facts')) {
    this.root = root;
  }

  /** The document a policy of this subject evaluates: params, cluster and (unless cluster) the subject; every subject when unknown. */
  documentFor(subject: SubjectKind | undefined): FactsNode {
    const props = isObject(this.root.properties) ? this.root.properties : {};
    const keep = subject === undefined ? Object.keys(props) : ['params', 'cluster', ...(subject !== 'cluster' ? [subject] : [])];
    const properties = Object.fromEntries(Object.entries(props).filter(([k]) => keep.includes(k)));
    return { any: false, alternatives: [{ type: 'object', additionalProperties: false, properties }] };
  }

  /** A reference inside the facts schema (`#/...`) or to a sibling schema file (`params.schema.json`). */
  private resolve(ref: string): unknown {
    if (ref.startsWith('#/')) return ref.slice(2).split('/').reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), this.root);
    const sibling = /^([\w-]+)\.schema\.json$/.exec(ref)?.[1];
    // Read once: every `$data` pointer into the parameters resolves through it.
    return sibling === 'params' ? (this.params ??= readSchema('params')) : undefined;
  }

  private flatten(s: unknown, seen: Set<unknown> = new Set()): Schema[] | null {
    if (!isObject(s) || seen.has(s)) return [];
    seen.add(s);
    if (typeof s.$ref === 'string') {
      return this.flatten(this.resolve(s.$ref), seen);
    }
    const unions = ['oneOf', 'anyOf', 'allOf'].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []));
    const described = ['type', 'properties', 'items', 'additionalProperties', 'enum', 'const'].some((k) => k in s);
    if (!unions.length) return described ? [s] : null;
    const out: Schema[] = described ? [s] : [];
    for (const u of unions) {
      const f = this.flatten(u, seen);
      if (f === null) return null;
      out.push(...f);
    }
    return out;
  }

  node(s: unknown): FactsNode {
    const alternatives = this.flatten(s);
    return alternatives === null ? ANY : { any: false, alternatives };
  }

  /** The field `name` of an object here, or null when no alternative has it. */
  property(n: FactsNode, name: string): FactsNode | null {
    if (n.any) return ANY;
    const found: Schema[] = [];
    for (const s of n.alternatives) {
      const props = isObject(s.properties) ? s.properties : null;
      if (props && Object.hasOwn(props, name)) found.push(...(this.flatten(props[name]) ?? [{}]));
      else if (isObject(s.additionalProperties)) found.push(...(this.flatten(s.additionalProperties) ?? [{}]));
      else if (s.additionalProperties === undefined && typeIncludes(s, 'object')) return ANY;
    }
    return found.length ? this.node({ anyOf: found }) : null;
  }

  /** The items of an array here, or null when no alternative is an array. */
  items(n: FactsNode): FactsNode | null {
    if (n.any) return ANY;
    const found = n.alternatives.filter((s) => s.items !== undefined || typeIncludes(s, 'array'));
    if (!found.length) return null;
    return this.node({ anyOf: found.map((s) => (Array.isArray(s.items) ? { anyOf: s.items } : (s.items ?? {}))) });
  }

  /** Whether a value here can have a `length` (an array or a string). */
  hasLength(n: FactsNode): boolean {
    if (n.any) return true;
    return n.alternatives.some((s) => typeIncludes(s, 'array') || typeIncludes(s, 'string') || s.items !== undefined);
  }
}

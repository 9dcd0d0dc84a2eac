import { isObject, type Json, type PathSeg } from '../../normalize/fields.ts';
import { callPath, parseSteps, type Step, type TfDocument, type TfResource } from './plan.ts';

/** Where an expression is evaluated: a module instance, and the instance key (`each.key`, `count.index`) in force there. */
interface Scope {
  module: string;
  key: string | number | null;
  /** The resource's own for_each expression, which `each.value` stands for. */
  forEach?: unknown;
}

/** Module calls deeper than this are a cycle or a hostile file, not a configuration. */
const MAX_DEPTH = 64;
const NOT_RESOURCES = new Set(['local', 'count', 'path', 'terraform', 'self']);

const formatKey = (k: string | number): string => (typeof k === 'string' ? JSON.stringify(k) : String(k));
const nameAt = (steps: readonly Step[], i: number): string | null => {
  const s = steps[i];
  return s && 'name' in s ? s.name : null;
};
const keysOf = (steps: readonly Step[]): (string | number)[] => steps.flatMap((s) => ('key' in s ? [s.key] : []));

/**
 * Finds the resources an attribute refers to when its value is unknown (a create plan): follows the
 * configuration's `references` through module variables, module outputs and count / for_each
 * instances, the way Terraform records them. Locals are not in the plan's configuration, so a link
 * made through a local is not followed.
 */
export class Resolver {
  private readonly byModule = new Map<string, TfResource[]>();
  private readonly moduleInstances = new Set<string>();

  private readonly doc: TfDocument;

  constructor(doc: TfDocument) {
    this.doc = doc;
    for (const r of doc.resources) {
      const list = this.byModule.get(r.module);
      if (list) list.push(r);
      else this.byModule.set(r.module, [r]);
      let m = r.module;
      while (m) {
        this.moduleInstances.add(m);
        m = parentModule(m).parent;
      }
    }
  }

  /** The configuration block of a resource, or null when the plan has no configuration for it. */
  configOf(res: TfResource): Json | null {
    const mod = this.moduleConfig(callPath(res.module));
    const resources = mod?.['resources'];
    if (!Array.isArray(resources)) return null;
    const local = `${res.mode === 'data' ? 'data.' : ''}${res.type}.${res.name}`;
    return (resources.find((c) => isObject(c) && c['address'] === local) as Json | undefined) ?? null;
  }

  /** The resources the attribute at `attr` (e.g. ['default_node_pool', 0, 'vnet_subnet_id']) refers to. */
  targets(res: TfResource, attr: readonly PathSeg[]): TfResource[] {
    const config = this.configOf(res);
    let node: unknown = config?.['expressions'];
    for (const seg of attr) {
      if (Array.isArray(node)) node = node[typeof seg === 'number' ? seg : 0];
      if (typeof seg === 'number') continue;
      node = isObject(node) ? node[seg] : undefined;
    }
    return this.fromExpression(node, { module: res.module, key: res.index, forEach: config?.['for_each_expression'] }, [], 0);
  }

  /** The configuration of a module, by its call path from the root. */
  moduleConfig(calls: readonly string[]): Json | null {
    let mod: unknown = this.doc.configuration?.['root_module'];
    for (const c of calls) {
      const call = isObject(mod) && isObject(mod['module_calls']) ? mod['module_calls'][c] : undefined;
      mod = isObject(call) ? call['module'] : undefined;
    }
    return isObject(mod) ? mod : null;
  }

  private fromExpression(expr: unknown, scope: Scope, pending: (string | number)[], depth: number): TfResource[] {
    if (depth > MAX_DEPTH || !isObject(expr) || !Array.isArray(expr['references'])) return [];
    const refs = expr['references'].flatMap((r) => (typeof r === 'string' ? [parseSteps(r)] : [])).filter((s): s is Step[] => s !== null && s.length > 0);
    // Terraform lists `a.b["k"].id`, `a.b["k"]` and `a.b` for one use: keep the most specific.
    const kept = refs.filter((r) => !refs.some((o) => o.length > r.length && r.every((s, i) => JSON.stringify(s) === JSON.stringify(o[i]))));
    const out = new Map<string, TfResource>();
    for (const r of kept) for (const t of this.fromRef(r, scope, pending, depth)) out.set(t.address, t);
    return [...out.values()];
  }

  private fromRef(steps: Step[], scope: Scope, pending: (string | number)[], depth: number): TfResource[] {
    const head = nameAt(steps, 0);
    if (head === null || NOT_RESOURCES.has(head)) return [];
    if (head === 'each') {
      // `for_each = azurerm_subnet.nodes` with `each.value.id`: the instance of the same key.
      if (nameAt(steps, 1) !== 'value' || scope.key === null) return [];
      return this.fromExpression(scope.forEach, { module: scope.module, key: scope.key }, [scope.key], depth + 1);
    }
    if (head === 'var') return this.fromVariable(steps, scope, pending, depth);
    if (head === 'module') return this.fromModule(steps, scope, pending, depth);
    const data = head === 'data';
    const type = data ? nameAt(steps, 1) : head;
    const name = nameAt(steps, data ? 2 : 1);
    if (!type || !name) return [];
    const rest = steps.slice(data ? 3 : 2);
    const instances = (this.byModule.get(scope.module) ?? []).filter((r) => r.type === type && r.name === name && (r.mode === 'data') === data);
    const first = rest[0];
    if (first && 'key' in first) return instances.filter((r) => r.index === first.key);
    return pick(instances, [...keysOf(rest), ...pending], scope.key);
  }

  private fromVariable(steps: Step[], scope: Scope, pending: (string | number)[], depth: number): TfResource[] {
    const name = nameAt(steps, 1);
    if (!name || !scope.module) return [];
    const { parent, call, key } = parentModule(scope.module);
    const calls = this.moduleConfig(callPath(parent))?.['module_calls'];
    const callConfig = isObject(calls) ? calls[call] : undefined;
    const expressions = isObject(callConfig) ? callConfig['expressions'] : undefined;
    const expr = isObject(expressions) ? expressions[name] : undefined;
    return this.fromExpression(expr, { module: parent, key: key ?? scope.key }, [...keysOf(steps.slice(2)), ...pending], depth + 1);
  }

  private fromModule(steps: Step[], scope: Scope, pending: (string | number)[], depth: number): TfResource[] {
    const call = nameAt(steps, 1);
    if (!call) return [];
    const base = `${scope.module ? `${scope.module}.` : ''}module.${call}`;
    const explicit = steps[2] && 'key' in steps[2] ? steps[2].key : undefined;
    const outputAt = explicit === undefined ? 2 : 3;
    const output = nameAt(steps, outputAt);
    const all = [...this.moduleInstances].filter((m) => m === base || (m.startsWith(`${base}[`) && !m.slice(base.length).includes('.module.')));
    let chosen = explicit === undefined ? all : all.filter((m) => m === `${base}[${formatKey(explicit)}]`);
    if (explicit === undefined && chosen.length > 1 && scope.key !== null) {
      const same = chosen.filter((m) => m === `${base}[${formatKey(scope.key as string | number)}]`);
      if (same.length) chosen = same;
    }
    if (!output) return [];
    const outputs = this.moduleConfig([...callPath(scope.module), call])?.['outputs'];
    const out = isObject(outputs) ? outputs[output] : undefined;
    const expr = isObject(out) ? out['expression'] : undefined;
    const more = [...keysOf(steps.slice(outputAt + 1)), ...pending];
    return chosen.flatMap((m) => this.fromExpression(expr, { module: m, key: parentModule(m).key ?? scope.key }, more, depth + 1));
  }
}

/** Of several instances, the ones a key picks (an output map's key, or the current each.key); else all. */
function pick(instances: TfResource[], keys: (string | number)[], scopeKey: string | number | null): TfResource[] {
  if (instances.length <= 1) return instances;
  for (const k of [...keys, ...(scopeKey === null ? [] : [scopeKey])]) {
    const hit = instances.filter((r) => r.index === k);
    if (hit.length) return hit;
  }
  return instances;
}

/** `module.a["x"].module.b[0]` → parent `module.a["x"]`, call `b`, key 0. */
export function parentModule(address: string): { parent: string; call: string; key: string | number | null } {
  const steps = parseSteps(address) ?? [];
  let last = -1;
  steps.forEach((s, i) => {
    if ('name' in s && s.name === 'module' && nameAt(steps, i + 1) !== null) last = i;
  });
  if (last < 0) return { parent: '', call: '', key: null };
  const keyStep = steps[last + 2];
  const cut = renderSteps(steps.slice(0, last));
  return { parent: cut, call: nameAt(steps, last + 1) ?? '', key: keyStep && 'key' in keyStep ? keyStep.key : null };
}

function renderSteps(steps: readonly Step[]): string {
  return steps.map((s, i) => ('key' in s ? `[${formatKey(s.key)}]` : `${i ? '.' : ''}${s.name}`)).join('');
}

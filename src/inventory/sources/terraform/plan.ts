import { isObject, type Json, type PathSeg } from '../../normalize/fields.ts';

/** One resource instance of a plan's planned values (or of a state), with what Terraform does not know yet. */
export interface TfResource {
  /** Full instance address: `module.aks["blue"].azurerm_kubernetes_cluster.this`. */
  address: string;
  /** Address of the module instance it lives in; '' for the root module. */
  module: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index: string | number | null;
  /** The planned values, sensitive values taken out. */
  values: Json;
  /** `after_unknown`: true where a value is known only after apply. */
  unknown: unknown;
  /** `after_sensitive` / `sensitive_values`: true where a value is sensitive (it is left out of `values`). */
  sensitive: unknown;
  actions: string[];
  /** Where the resource stands in the input file. */
  path: PathSeg[];
}

export interface TfDocument {
  kind: 'plan' | 'state';
  resources: TfResource[];
  /** The plan's `configuration` (absent from state output). */
  configuration: Json | null;
  /** An update plan's `prior_state`, as its own resource list (null for a create plan or a state). */
  prior: TfResource[] | null;
}

/** `terraform show -json` of a plan or of a state: a format version with planned values / resource changes, or values. */
export function isTerraformJson(value: unknown): value is Json {
  if (!isObject(value) || typeof value['format_version'] !== 'string') return false;
  return isObject(value['planned_values']) || Array.isArray(value['resource_changes']) || isObject(value['values']);
}

export function readTerraform(value: Json): TfDocument {
  const changes = new Map<string, Json>();
  if (Array.isArray(value['resource_changes'])) {
    for (const rc of value['resource_changes']) {
      if (isObject(rc) && typeof rc['address'] === 'string' && isObject(rc['change'])) changes.set(rc['address'], rc['change']);
    }
  }
  const planned = isObject(value['planned_values']) ? value['planned_values'] : null;
  if (planned || changes.size) {
    const prior = isObject(value['prior_state']) && isObject(value['prior_state']['values']) ? value['prior_state']['values'] : null;
    return {
      kind: 'plan',
      resources: walk(planned, ['planned_values'], changes),
      configuration: isObject(value['configuration']) ? value['configuration'] : null,
      prior: prior ? walk(prior, ['prior_state', 'values'], new Map()) : null,
    };
  }
  return { kind: 'state', resources: walk(value['values'] as Json, ['values'], new Map()), configuration: null, prior: null };
}

function walk(values: Json | null, at: PathSeg[], changes: Map<string, Json>): TfResource[] {
  const out: TfResource[] = [];
  const visit = (mod: unknown, path: PathSeg[], moduleAddress: string): void => {
    if (!isObject(mod)) return;
    const resources = mod['resources'];
    if (Array.isArray(resources)) {
      resources.forEach((r, i) => {
        if (!isObject(r) || typeof r['address'] !== 'string' || typeof r['type'] !== 'string') return;
        const change = changes.get(r['address']);
        const actions = change && Array.isArray(change['actions']) ? change['actions'].filter((a): a is string => typeof a === 'string') : [];
        if (actions.length === 1 && actions[0] === 'delete') return;
        // planned_values carries sensitive_values; resource_changes the same tree as after_sensitive.
        const sensitive = change?.['after_sensitive'] ?? r['sensitive_values'];
        out.push({
          address: r['address'],
          module: moduleAddress,
          mode: r['mode'] === 'data' ? 'data' : 'managed',
          type: r['type'],
          name: typeof r['name'] === 'string' ? r['name'] : '',
          index: typeof r['index'] === 'string' || typeof r['index'] === 'number' ? r['index'] : null,
          values: isObject(r['values']) ? (withoutSensitive(r['values'], sensitive) as Json) : {},
          unknown: change?.['after_unknown'] ?? false,
          sensitive: sensitive ?? false,
          actions,
          path: [...path, 'resources', i],
        });
      });
    }
    const children = mod['child_modules'];
    if (Array.isArray(children)) {
      children.forEach((c, i) => {
        if (isObject(c) && typeof c['address'] === 'string') visit(c, [...path, 'child_modules', i], c['address']);
      });
    }
  };
  visit(values?.['root_module'], [...at, 'root_module'], '');
  return out;
}

/** A copy of `value` with every part the sensitivity tree marks left out: sensitive values never reach a row. */
export function withoutSensitive(value: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return undefined;
  if (Array.isArray(value)) {
    return value.map((v, i) => withoutSensitive(v, Array.isArray(sensitive) ? sensitive[i] : undefined)).filter((v) => v !== undefined);
  }
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = withoutSensitive(v, isObject(sensitive) ? sensitive[k] : undefined);
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Whether Terraform knows the value at `path` only after apply (an unknown parent makes every child unknown). */
export function isUnknown(res: TfResource, path: readonly PathSeg[]): boolean {
  return marked(res.unknown, path);
}

/** Whether the value at `path` is sensitive: the scan never reads it. */
export function isSensitive(res: TfResource, path: readonly PathSeg[]): boolean {
  return marked(res.sensitive, path);
}

function marked(tree: unknown, path: readonly PathSeg[]): boolean {
  let node = tree;
  for (const seg of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isObject(node) && typeof seg === 'string') node = node[seg];
    else return false;
  }
  return node === true;
}

/** A step of a Terraform address or reference: an attribute/name, or an index key. */
export type Step = { name: string } | { key: string | number };

/** Parses `module.a["k"].azurerm_subnet.this[0].id` into steps; null when it is not a plain traversal. */
export function parseSteps(text: string): Step[] | null {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') i++;
    if (text[i] === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) return null;
      const inner = text.slice(i + 1, end);
      if (inner.startsWith('"')) {
        // A quoted key may itself hold "]": read the JSON string to its closing quote.
        const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i + 1));
        if (!m) return null;
        steps.push({ key: JSON.parse(m[0]) as string });
        i = i + 1 + m[0].length + 1;
      } else if (/^\d+$/.test(inner)) {
        steps.push({ key: Number(inner) });
        i = end + 1;
      } else return null;
      continue;
    }
    const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i));
    if (!m) return null;
    steps.push({ name: m[0] });
    i += m[0].length;
  }
  return steps;
}

/** `module.aks["blue"].module.net` → `module.aks.module.net`: the module's place in the configuration. */
export function callPath(moduleAddress: string): string[] {
  const steps = parseSteps(moduleAddress) ?? [];
  const out: string[] = [];
  steps.forEach((s, i) => {
    if ('name' in s && i > 0 && 'name' in steps[i - 1]! && (steps[i - 1] as { name: string }).name === 'module') out.push(s.name);
  });
  return out;
}

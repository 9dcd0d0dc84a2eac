import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildFacts } from '../../inventory/facts/facts.ts';
import { isObject, type Json } from '../../inventory/normalize/fields.ts';
import { InventoryBuilder } from '../../inventory/normalize/builder.ts';
import { DEFAULT_PARAMS, type Params } from '../types.ts';
import { evaluateCluster, type RawFinding } from '../evaluate.ts';
import { readStructuredSync, type StructuredFile } from '../../json/structured.ts';
import type { CompiledPolicy } from '../load.ts';

/**
 * Policy test tables, in the spirit of ESLint's RuleTester and `conftest verify`: each case is a
 * small inventory (a cluster row merged onto a base cluster, plus extra resource rows); valid
 * cases must yield no finding of the policy, invalid cases exactly the findings they list.
 */
export interface TestTable {
  policy: string;
  valid: TestCase[];
  invalid: (TestCase & { findings: ExpectedFinding[] })[];
}

export interface TestCase {
  name: string;
  /** Merged (deeply; arrays replace) onto BASE_CLUSTER. */
  cluster?: Json;
  /** Further ARG rows: subnets, NAT gateways, public IPs, route tables, other clusters. */
  resources?: Json[];
  params?: Partial<Params>;
}

export interface ExpectedFinding {
  /** End of the offending resource ID, e.g. `agentPools/win1` or `natGateways/ngw1`. */
  resource: string;
  /** Text the message must contain. */
  message?: string;
}

export interface CaseResult {
  policy: string;
  kind: 'valid' | 'invalid';
  name: string;
  ok: boolean;
  problems: string[];
}

export const BASE_CLUSTER_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-test/providers/Microsoft.ContainerService/managedClusters/aks-test';

/** A compliant-by-default cluster row in ARG shape: managed VNet, loadBalancer, private API server. */
export const BASE_CLUSTER: Json = {
  id: BASE_CLUSTER_ID,
  name: 'aks-test',
  type: 'microsoft.containerservice/managedclusters',
  location: 'westeurope',
  resourceGroup: 'rg-test',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  tags: {},
  properties: {
    kubernetesVersion: '1.33.2',
    currentKubernetesVersion: '1.33.2',
    apiServerAccessProfile: { enablePrivateCluster: true },
    networkProfile: { outboundType: 'loadBalancer', loadBalancerSku: 'standard', loadBalancerProfile: { managedOutboundIPs: { count: 1 } } },
    agentPoolProfiles: [{ name: 'system', type: 'VirtualMachineScaleSets', mode: 'System', osType: 'Linux', count: 3 }],
  },
};

export function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch === undefined ? base : patch;
  const out: Json = {};
  for (const k of Object.keys(base)) Object.defineProperty(out, k, { value: base[k], enumerable: true, writable: true });
  for (const k of Object.keys(patch)) Object.defineProperty(out, k, { value: mergeDeep(base[k], patch[k]), enumerable: true, writable: true });
  return out;
}

function deepFreeze<T>(v: T): T {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
      Object.freeze(x);
      for (const child of Object.values(x)) stack.push(child);
    }
  }
  return v;
}

/** Findings of one policy over one case's inventory; facts are frozen so a policy that mutates them fails. */
export function runCase(policy: CompiledPolicy, c: TestCase): RawFinding[] {
  const builder = new InventoryBuilder();
  const rows = [mergeDeep(BASE_CLUSTER, c.cluster ?? {}), ...(c.resources ?? [])];
  rows.forEach((value, i) => builder.add({ value, source: { file: `case:${c.name}`, path: [i] } }));
  const { inventory, errors } = builder.finish();
  if (errors.length) throw new Error(`the case's rows have errors: ${errors.map((e) => e.message).join('; ')}`);
  const params = { ...DEFAULT_PARAMS, ...c.params };
  const facts = deepFreeze(buildFacts(inventory));
  return facts.flatMap((f) => evaluateCluster(f, [{ policy, severity: policy.severity }], params));
}

export function runTable(policy: CompiledPolicy, table: TestTable): CaseResult[] {
  const results: CaseResult[] = [];
  const names = new Set<string>();
  const check = (kind: 'valid' | 'invalid', c: TestCase, expected: ExpectedFinding[]): void => {
    const problems: string[] = [];
    if (names.has(c.name)) problems.push(`duplicate case name`);
    names.add(c.name);
    if (kind === 'invalid' && expected.length === 0) problems.push('an invalid case must list the findings it expects');
    let found: RawFinding[] = [];
    try {
      found = runCase(policy, c);
    } catch (err) {
      problems.push((err as Error).message);
    }
    for (const f of found) if (/\{\{|\}\}/.test(f.message + f.remediation.text + (f.remediation.command ?? ''))) problems.push(`unfilled placeholder in: ${f.message}`);
    const unmatched = [...found];
    for (const e of expected) {
      const i = unmatched.findIndex((f) => f.resourceId.toLowerCase().endsWith(e.resource.toLowerCase()) && (!e.message || f.message.includes(e.message)));
      if (i >= 0) unmatched.splice(i, 1);
      else problems.push(`expected a finding on ${e.resource}${e.message ? ` containing "${e.message}"` : ''}; got ${found.length ? found.map((f) => `${f.resourceId.split('/').slice(-2).join('/')}: ${f.message}`).join(' | ') : 'none'}`);
    }
    for (const f of unmatched) problems.push(`unexpected finding on ${f.resourceId}: ${f.message}`);
    results.push({ policy: table.policy, kind, name: c.name, ok: problems.length === 0, problems });
  };
  for (const c of table.valid) check('valid', c, []);
  for (const c of table.invalid) check('invalid', c, c.findings);
  return results;
}

/** Reads the test tables of a policy folder: `<dir>/tests/<ID>.json`. */
export function readTables(dir: string): { file: string; table: TestTable; doc: StructuredFile }[] {
  const testDir = path.join(dir, 'tests');
  let entries: string[];
  try {
    entries = readdirSync(testDir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return entries.map((f) => {
    const doc = readStructuredSync(path.join(testDir, f), { uniqueKeys: true });
    return { file: path.join(testDir, f), table: doc.value as TestTable, doc };
  });
}

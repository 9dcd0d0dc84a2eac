import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSample, SAMPLE_DIR, sampleText } from '../../scripts/build-sample.ts';
import { buildFacts } from '../../src/inventory/facts/facts.ts';
import type { ClusterFacts } from '../../src/inventory/facts/types.ts';
import { applicableSubjects } from '../../src/policy/evaluate.ts';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../src/policy/load.ts';
import { DEFAULT_PARAMS } from '../../src/policy/types.ts';
import type { ScanResult } from '../../src/scan/result.ts';
import { loadFixtures } from '../../src/inventory/sources/files/index.ts';
import { ROOT, runCli, SAMPLE, tempDir } from '../helpers/cli.ts';

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * Which policies fail on which sample cluster: the contract fixtures/sample/README.md documents in
 * the last column of its table, so a new policy or sample cluster is a README edit, not a test edit.
 */
function documentedFailures(): Record<string, string[]> {
  const readme = readFileSync(path.join(SAMPLE_DIR, 'README.md'), 'utf8');
  const documented: Record<string, string[]> = {};
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`(aks-[a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name) documented[name] = (cells[cells.length - 2] ?? '').match(/EG\d{3}/g) ?? [];
  }
  return documented;
}
const EXPECTED = documentedFailures();
const POLICY_FILES = readdirSync(BUILTIN_POLICY_DIR).filter((f) => /^EG\d{3}\.json$/.test(f));

let report: ScanResult;
let failing: Map<string, string[]>;
let facts: ClusterFacts[];
const { policies } = loadPolicies([BUILTIN_POLICY_DIR]);

beforeAll(async () => {
  const out = tempDir();
  const run = runCli(['scan', '--input', SAMPLE, '--format', 'json', '--out', out, '--fail-on', 'none']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
  failing = new Map(report.clusters.map((c) => [c.name, [...new Set(report.findings.filter((f) => f.clusterId === c.id).map((f) => f.policyId))].sort()]));
  facts = buildFacts((await loadFixtures([SAMPLE])).inventory);
});

describe('the bundled sample', () => {
  test('scans with no errors and no incomplete cluster, and the report matches its schema', () => {
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => [w.value, w.property, w.occurrences])).toEqual([['managedNATGatewayV3', 'properties.networkProfile.outboundType', 1]]);
    expect(report.summary.notEvaluated).toBe(0);
    expect(report.clusters.filter((c) => c.status === 'incomplete').map((c) => c.name)).toEqual([]);
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object;
    const validate = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  test('fails exactly the expected policies on each cluster', () => {
    expect(Object.fromEntries(failing)).toEqual(EXPECTED);
  });

  test('every policy fails on one sample cluster and applies without a finding on another', () => {
    const gaps: string[] = [];
    for (const p of policies) {
      const failed = facts.filter((c) => failing.get(c.name)?.includes(p.id));
      const passed = facts.filter((c) => !failing.get(c.name)?.includes(p.id) && applicableSubjects(c, p, DEFAULT_PARAMS) > 0);
      if (!failed.length) gaps.push(`${p.id} fails on no cluster`);
      if (!passed.length) gaps.push(`${p.id} passes on no cluster it applies to`);
    }
    expect(policies).toHaveLength(POLICY_FILES.length);
    expect(gaps).toEqual([]);
  });

  test('covers the estate the sample promises: 2 subscriptions, all seven outbound types and an unknown one, both VNet modes, zonal and Windows pools, private and public API servers, StandardV2 managed and IPv6 NAT gateways', () => {
    expect(new Set(facts.map((c) => c.subscriptionId)).size).toBe(2);
    expect(new Set(facts.map((c) => c.outboundType))).toEqual(new Set(['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block', 'managedNATGatewayV2', 'managedNATGatewayV3']));
    expect(facts.filter((c) => c.natGateways.some((g) => g.managed && g.sku === 'StandardV2')).map((c) => c.name).sort()).toEqual(['aks-ml-preview', 'aks-stream-prod']);
    expect(facts.filter((c) => c.outboundType === 'userAssignedNATGateway' && c.natGateways.some((g) => g.sku === 'StandardV2' && g.ipv6AddressCount > 0)).map((c) => c.name).sort()).toEqual(['aks-edge-prod', 'aks-search-prod']);
    expect(new Set(facts.map((c) => c.vnetMode))).toEqual(new Set(['managed', 'byo']));
    expect(facts.some((c) => c.pools.some((p) => p.zones.length > 1)) && facts.some((c) => c.pools.every((p) => p.zones.length === 0))).toBe(true);
    expect(facts.some((c) => c.pools.some((p) => p.osType === 'Windows'))).toBe(true);
    expect(new Set(report.clusters.map((c) => c.apiServer))).toEqual(new Set(['private', 'vnet-integration', 'public']));
  });

  test('the README documents every sample cluster, and each of its rows is a cluster the scan saw', () => {
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(EXPECTED).sort()).toEqual(report.clusters.map((c) => c.name).sort());
  });

  test('the files are what scripts/build-sample.ts builds', () => {
    for (const [sub, rows] of Object.entries(buildSample())) {
      expect(readFileSync(path.join(SAMPLE_DIR, `${sub}.json`), 'utf8'), sub).toBe(sampleText(rows));
    }
  });
});

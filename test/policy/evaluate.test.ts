import { expect, test } from 'vitest';
import { buildFacts } from '../../src/inventory/facts/facts.ts';
import { InventoryBuilder } from '../../src/inventory/normalize/builder.ts';
import { applicableSubjects, effectivePolicies, evaluateCluster } from '../../src/policy/evaluate.ts';
import { BUILTIN_POLICY_DIR, loadPoliciesOrThrow } from '../../src/policy/load.ts';
import { BUILTIN_PROFILES } from '../../src/policy/profiles.ts';
import { BASE_CLUSTER, mergeDeep } from '../../src/policy/testing/tester.ts';
import { DEFAULT_PARAMS } from '../../src/policy/types.ts';

const policies = loadPoliciesOrThrow([BUILTIN_POLICY_DIR]);
const factsOf = (row: unknown) => {
  const b = new InventoryBuilder();
  b.add({ value: row, source: { file: 'rows.json', path: [0] } });
  return buildFacts(b.finish().inventory)[0]!;
};

test('a profile turns policies off and overrides severities', () => {
  const secure = effectivePolicies(policies, BUILTIN_PROFILES['secure']!);
  expect(secure.some((e) => e.policy.id === 'EG018')).toBe(false);
  expect(secure.find((e) => e.policy.id === 'EG016')?.severity).toBe('high');
  expect(effectivePolicies(policies, BUILTIN_PROFILES['baseline']!)).toHaveLength(policies.length);
});

test('the compliant base cluster has no finding; one wrong pool gives one finding on the subject and property the policy names', () => {
  const active = effectivePolicies(policies, BUILTIN_PROFILES['baseline']!);
  expect(evaluateCluster(factsOf(BASE_CLUSTER), active, DEFAULT_PARAMS)).toEqual([]);
  const bad = factsOf(mergeDeep(BASE_CLUSTER, { properties: { agentPoolProfiles: [{ name: 'legacy', type: 'AvailabilitySet', count: 2 }] } }));
  const eg003 = evaluateCluster(bad, active, DEFAULT_PARAMS).filter((f) => f.policyId === 'EG003');
  expect(eg003).toHaveLength(1);
  const policy = policies.find((p) => p.id === 'EG003')!;
  expect(policy.subject).toBe('cluster');
  expect(eg003[0]).toMatchObject({ severity: 'high', resourceName: 'aks-test', clusterName: 'aks-test', path: policy.property });
  expect(eg003[0]!.message).toContain('legacy');
});

test('a policy applies only to the subjects its match selects', () => {
  const eg014 = policies.find((p) => p.id === 'EG014')!;
  const linux = factsOf(BASE_CLUSTER);
  expect(applicableSubjects(linux, eg014, DEFAULT_PARAMS)).toBe(0);
});

import { describe, expect, test } from 'vitest';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../src/policy/load.ts';
import { readTables, runTable } from '../../src/policy/testing/tester.ts';

const { policies, problems } = loadPolicies([BUILTIN_POLICY_DIR]);
const tables = readTables(BUILTIN_POLICY_DIR);

test('every built-in policy loads without problems', () => {
  expect(problems).toEqual([]);
  expect(policies.length).toBeGreaterThan(0);
});

test('every policy has a test table with valid and invalid cases, and every table names a policy', () => {
  const tableIds = tables.map((t) => t.table.policy).sort();
  expect(tableIds).toEqual(policies.map((p) => p.id).sort());
  for (const { table } of tables) {
    expect(table.valid.length, table.policy).toBeGreaterThan(0);
    expect(table.invalid.length, table.policy).toBeGreaterThan(0);
  }
});

describe.each(tables.map((t) => [t.table.policy, t.table] as const))('%s test table', (id, table) => {
  const policy = policies.find((p) => p.id === id);
  const results = policy ? runTable(policy, table) : [];
  test.each(results.map((r) => [`${r.kind}: ${r.name}`, r] as const))('%s', (_name, r) => {
    expect(r.problems).toEqual([]);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';
import { INVENTORY } from '../helpers/triage.ts';
import { builtin, policyDir } from './fixtures.ts';

/** A cluster policy on the cluster's name, derived from EG001. */
function namePolicy(id: string, assert: object): Record<string, unknown> {
  return { ...builtin('EG001'), id, name: 'cluster-name', title: 'Cluster names follow the convention', assert, message: 'Cluster {{cluster.name}} breaks the naming convention.' };
}

const scan = (dir: string, inventory = INVENTORY) => runCli(['scan', '--input', inventory, '--policies', dir, '--out', path.join(tempDir(), 'out'), '--format', 'json', '--quiet']);

test('scan refuses what policies lint refuses: a $data pointer to a parameter that does not exist, also inside dependencies', () => {
  const typo = namePolicy('ACME010', { properties: { cluster: { properties: { maxNodes: { maximum: { $data: '/params/minNatGatewayIp' } } } } } });
  const dependent = namePolicy('ACME011', {
    properties: { cluster: { dependencies: { name: { properties: { maxNodes: { maximum: { $data: '1/maxNodez' } } } } }, properties: { name: { type: 'string' } } } },
  });
  const r = scan(policyDir({ 'ACME010.json': typo, 'ACME011.json': dependent }));
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/invalid policies:/);
  expect(r.stderr).toMatch(/ACME010\.json: \/assert\/properties\/cluster\/properties\/maxNodes\/maximum\/\$data: unknown facts field params\.minNatGatewayIp/);
  expect(r.stderr).toMatch(/ACME011\.json: \/assert\/properties\/cluster\/dependencies\/name\/properties\/maxNodes\/maximum\/\$data: unknown facts field cluster\.maxNodez/);
});

test('a policy pattern that backtracks exponentially in JavaScript runs in linear time (RE2)', () => {
  const name = `${'a'.repeat(31)}-`;
  const inventory = path.join(tempDir(), 'inventory.json');
  writeFileSync(inventory, readFileSync(INVENTORY, 'utf8').replaceAll('aks-dev', name));
  const dir = policyDir({ 'ACME012.json': namePolicy('ACME012', { properties: { cluster: { properties: { name: { pattern: '^([a-z0-9]+-?)*[a-z0-9]$' } } } } }) });
  const started = Date.now();
  const r = runCli(['scan', '--input', inventory, '--policies', dir, '--out', path.join(tempDir(), 'out'), '--format', 'json', '--fail-on', 'none', '--verbose']);
  // JavaScript's engine takes over a minute on this name; generous, as the bound is not the point.
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain(`Cluster ${name} breaks the naming convention.`);
});

test('a pattern RE2 cannot run in linear time (lookahead, backreference) is refused when the policy is loaded', () => {
  const r = scan(policyDir({ 'ACME013.json': namePolicy('ACME013', { properties: { cluster: { properties: { name: { pattern: '^(?!aks)(a)\\1$' } } } } }) }));
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/ACME013\.json:\d+:\d+: \/assert: .*invalid perl operator/);
});

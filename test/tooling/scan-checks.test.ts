import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';
import { INVENTORY } from '../helpers/triage.ts';
import type { ScanResult } from '../../src/scan/result.ts';
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

const alwaysFails = { properties: { cluster: { properties: { name: { const: 'no cluster is named this' } } } } };

test('templates that cannot render safely are refused at load: log (writes to the console), partials, decorators, runaway #each', () => {
  const policy = (id: string, message: string) => ({ ...namePolicy(id, alwaysFails), message });
  const r = scan(
    policyDir({
      'ACME020.json': policy('ACME020', 'Cluster {{log cluster.name}} is named wrong.'),
      'ACME021.json': policy('ACME021', 'Cluster {{> details}} is named wrong.'),
      'ACME022.json': policy('ACME022', '{{#each cluster.pools}}{{#each ../cluster.pools}}{{#each ../../cluster.pools}}{{#each ../../../cluster.pools}}{{name}}{{/each}}{{/each}}{{/each}}{{/each}}'),
    }),
  );
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/ACME020\.json:\d+:\d+: \/message: the log helper is not available in policy templates \(it writes to the console\) \(template line 1, column 9\)/);
  expect(r.stderr).toMatch(/ACME021\.json:\d+:\d+: \/message: partials are not available in policy templates/);
  expect(r.stderr).toMatch(/ACME022\.json:\d+:\d+: \/message: #each is nested more than 3 deep/);
  expect(r.stdout).toBe('');
});

test('a template that fails while rendering fails its policy by name: reports are written, the finding stays, exit 2', () => {
  const dir = policyDir({ 'ACME023.json': { ...namePolicy('ACME023', alwaysFails), message: 'Cluster {{#with (first cluster.pools)}}{{notAField}}{{/with}} is named wrong.' } });
  const out = path.join(tempDir(), 'out');
  const r = runCli(['scan', '--input', INVENTORY, '--policies', dir, '--out', out, '--format', 'json', '--fail-on', 'none']);
  expect(r.code, r.stderr).toBe(2);
  const report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
  const errors = report.errors.filter((e) => e.code === 'policy-failed');
  expect(errors).toHaveLength(1);
  expect(errors[0]?.message).toMatch(/^policy ACME023 \(.*ACME023\.json\): its message or remediation could not be rendered for 3 finding\(s\): "notAField" not defined/);
  expect(errors[0]?.clusters).toHaveLength(3);
  expect(report.findings.filter((f) => f.policyId === 'ACME023').map((f) => f.message)).toEqual(Array(3).fill('Cluster names follow the convention (policy ACME023 failed to render its message; see the scan\'s errors)'));
  expect(report.findings.some((f) => f.policyId !== 'ACME023')).toBe(true);
});

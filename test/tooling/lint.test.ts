import { expect, test } from 'vitest';
import { lintPolicies } from '../../src/policy/lint.ts';
import { BUILTIN_POLICY_DIR } from '../../src/policy/load.ts';
import { runCli } from '../helpers/cli.ts';
import { builtin, customPolicy, policyDir } from './fixtures.ts';

test('the built-in policies lint clean', () => {
  const r = lintPolicies([BUILTIN_POLICY_DIR]);
  expect(r.problems).toEqual([]);
  expect(r.files).toBeGreaterThanOrEqual(4);
});

test('a custom policy that names only real facts lints clean', () => {
  expect(lintPolicies([policyDir({ 'ACME001.json': customPolicy() })]).problems).toEqual([]);
});

test('every unknown facts field is reported with file and JSON path: schemas, $data pointers, templates, resource', () => {
  const p = builtin('EG011');
  p.match.properties.pool.properties.zonesWithoutNatGateways = { type: 'array' };
  p.match.properties.cluster.required = ['outboundTyp'];
  p.assert = {
    properties: {
      pool: { properties: { zonesWithoutNatGateway: { maxItems: 0 }, count: { maximum: { $data: '1/maxNode' } } } },
      cluster: { properties: { pools: { items: { properties: { nam: { type: 'string' } } } }, zones: { contains: { const: { $data: '/params/allowedZones' } } } } },
    },
  };
  p.message = '{{pool.name}} {{pool.natGateway.zones.length}} {{#each cluster.pools as |q|}}{{q.name}} {{q.zone}} {{mode}} {{../cluster.nme}}{{/each}} {{subnet.name}}';
  p.remediation.command = 'az {{join (intersect cluster.zones params.allowedOutboundTypes)}}';
  p.resource = 'pool.natGatewayy';
  const dir = policyDir({ 'EG011.json': p });
  const { problems } = lintPolicies([dir]);
  const rel = (s: string) => expect.stringMatching(new RegExp(`EG011\\.json: ${s}`));
  expect(problems).toEqual(
    expect.arrayContaining([
      rel('/match/properties/pool/properties/zonesWithoutNatGateways: unknown facts field pool.zonesWithoutNatGateways'),
      rel('/match/properties/cluster/required: unknown facts field cluster.outboundTyp'),
      rel('/assert/properties/pool/properties/count/maximum/\\$data: unknown facts field pool.maxNode'),
      rel('/assert/properties/cluster/properties/pools/items/properties/nam: unknown facts field cluster.pools.\\*.nam'),
      rel('/assert/properties/cluster/properties/zones/contains/const/\\$data: unknown facts field params.allowedZones'),
      rel('/message \\(template line 1, column \\d+\\): unknown facts field cluster.pools.\\*.zone '),
      rel('/message \\(template line 1, column \\d+\\): unknown facts field cluster.nme '),
      rel('/message \\(template line 1, column \\d+\\): subnet is not in the document of a pool policy'),
      rel('/resource: unknown facts field pool.natGatewayy'),
      rel('/remediation/command \\(template line 1, column \\d+\\): reads parameter allowedOutboundTypes but does not list it in "parameters"'),
    ]),
  );
  // Real fields (pool.natGateway.zones.length, {{mode}} inside each, q.name) are not reported.
  expect(problems.filter((m) => /zones\.length|\.mode|q\.name|\*\.name /.test(m))).toEqual([]);
  expect(problems).toHaveLength(11); // the 10 above plus the meta-schema complaint about `resource`
});

test('policies lint on a bad folder lists every problem of every file at once and exits 2', () => {
  const noAssert = { ...customPolicy('ACME002') } as Record<string, unknown>;
  delete noAssert.assert;
  const dir = policyDir({
    'ACME001.json': { ...customPolicy(), message: 'Pool {{pool.nmae}}' },
    'ACME002.json': noAssert,
    'ACME003.json': { ...customPolicy('ACME004'), severity: 'critical' },
    'ACME005.json': '{ "id": "ACME005", ',
    'ACME006.json': customPolicy('ACME006'),
  });
  const r = runCli(['policies', 'lint', dir]);
  expect(r.code).toBe(2);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/ACME001\.json: \/message \(template line 1, column \d+\): unknown facts field pool\.nmae/),
      expect.stringMatching(/ACME002\.json:1:1: \/: missing required property "assert"/),
      expect.stringMatching(/ACME003\.json:\d+:\d+: \/severity: must be one of: high, medium, low, info/),
      expect.stringMatching(/ACME003\.json:\d+:\d+: \/id: ACME004 does not match the file name/),
      expect.stringMatching(/ACME005\.json:1:\d+: invalid JSON: unexpected end of file/),
    ]),
  );
  expect(lines.some((l) => l.includes('ACME006'))).toBe(false);
  expect(lines.at(-1)).toBe('5 policy files checked, 5 problems');
});

test('policies lint passes on the built-in policies (CI gate)', () => {
  const r = runCli(['policies', 'lint']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^\d+ policy files checked, 0 problems\n$/);
  expect(r.code).toBe(0);
});

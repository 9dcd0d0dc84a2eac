import { expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';
import { customPolicy, customTable, policyDir } from './fixtures.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

test('policies test passes on the built-in policies and prints one line per case (CI gate)', () => {
  const r = runCli(['policies', 'test']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines.at(-1)).toMatch(/^(\d+) passed, 0 failed$/);
  const passed = Number(/^(\d+)/.exec(lines.at(-1) ?? '')?.[1]);
  expect(lines.filter((l) => /^PASS EG\d{3} (valid|invalid): /.test(l))).toHaveLength(passed);
  expect(passed).toBeGreaterThan(10);
});

test("policies test runs a user's custom policies and exits 1 on a failed case, naming what went wrong", () => {
  const good = policyDir({ 'ACME001.json': customPolicy() }, { 'ACME001.json': customTable() });
  const ok = runCli(['policies', 'test', good]);
  expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  expect(ok.stdout).toContain('PASS ACME001 invalid: windows pool with public IPs');
  expect(ok.stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed');

  const bad = policyDir({ 'ACME001.json': customPolicy(), 'ACME002.json': customPolicy('ACME002') }, { 'ACME001.json': customTable('ACME001', true) });
  const r = runCli(['policies', 'test', bad]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('FAIL ACME001 invalid: expects a finding that never comes\n       expected a finding on agentPools/win1; got none');
  expect(r.stdout.trim().split('\n').at(-1)).toBe('3 passed, 1 failed');
  expect(r.stderr).toBe('note: ACME002 has no test table\n');
});

test('malformed test tables are input errors (exit 2), all listed', () => {
  const table = customTable();
  const dir = policyDir(
    { 'ACME001.json': customPolicy(), 'ACME003.json': customPolicy('ACME003') },
    {
      'ACME001.json': { ...table, valid: [{ ...table.valid[0], findings: [] }], invalid: [{ name: 'no findings key' }] },
      'ACME002.json': { ...customTable('ACME002') },
      'ACME003.json': { policy: 'ACME003', valid: [{ name: 'x', params: { minNatGatewayIp: 2 } }], invalid: [], extra: 1 },
    },
  );
  const r = runCli(['policies', 'test', dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/tests\/ACME001\.json:\d+:\d+: \/invalid\/0: missing required property "findings"/);
  expect(r.stderr).toMatch(/tests\/ACME002\.json:\d+:\d+: \/policy: no policy ACME002 in /);
  expect(r.stderr).toMatch(/tests\/ACME003\.json:12:3: \/extra: unknown property "extra"/);
  expect(r.stderr).toMatch(/tests\/ACME003\.json:\d+:\d+: \/valid\/0\/params\/minNatGatewayIp: unknown property "minNatGatewayIp"/);
  writeFileSync(path.join(dir, 'tests', 'ACME001.json'), JSON.stringify({ ...table, valid: [{ ...table.valid[0], findings: [] }] }));
  expect(runCli(['policies', 'test', dir]).stderr).toMatch(/tests\/ACME001\.json:\d+:\d+: \/valid\/0: a valid case expects no findings/);
});

test('policies list: one line per policy with the profiles that turn it on; --format json; a configuration adds profiles', () => {
  const dir = policyDir({ 'ACME001.json': customPolicy() });
  const cfg = path.join(tempDir(), 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ profiles: { quiet: { policies: { EG001: { enabled: false }, ACME001: { severity: 'low' } } } }, policyDirs: [dir] }));
  const text = runCli(['policies', 'list', '--config', cfg]);
  expect(text.code, text.stderr).toBe(0);
  const lines = text.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^ID\s+NAME\s+SEVERITY\s+PROFILES$/);
  expect(lines.find((l) => l.startsWith('ACME001'))).toMatch(/^ACME001\s+windows-no-node-public-ip\s+medium\s+baseline, secure, quiet \(low\)$/);
  expect(lines.find((l) => l.startsWith('EG001'))).toMatch(/^EG001\s+outbound-type-allowed\s+high\s+baseline, secure$/);

  const json = runCli(['policies', 'list', '--format', 'json', '--policies', dir]);
  expect(json.code, json.stderr).toBe(0);
  const rows = JSON.parse(json.stdout) as { id: string; severity: string; profiles: { name: string; severity: string }[] }[];
  expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort());
  expect(rows.find((r) => r.id === 'ACME001')).toMatchObject({ severity: 'medium', profiles: [{ name: 'baseline', severity: 'medium' }, { name: 'secure', severity: 'medium' }] });
});

test('explain shows rationale, checks, parameters with each profile\'s value, remediation and Azure docs', () => {
  const r = runCli(['explain', 'EG001']);
  expect(r.code, r.stderr).toBe(0);
  const out = r.stdout;
  expect(out).toMatch(/^EG001 outbound-type-allowed: /);
  for (const heading of ['What it checks', 'Why it matters', 'Parameters', 'Remediation', 'Azure documentation']) expect(out).toContain(`\n${heading}\n`);
  expect(out).toContain('cluster.outboundType is one of params.allowedOutboundTypes');
  expect(out).toMatch(/allowedOutboundTypes: Outbound types clusters may use/);
  expect(out).toContain('    secure: block, none');
  expect(out).toContain('https://learn.microsoft.com/azure/aks/egress-outboundtype');
  expect(out).not.toContain('{{');
  const byName = runCli(['explain', 'windows-outbound-nat-disabled', '--format', 'json']);
  expect(byName.code, byName.stderr).toBe(0);
  expect(JSON.parse(byName.stdout)).toMatchObject({ id: 'EG014', appliesWhen: expect.arrayContaining(['pool.osType is Windows']), passesWhen: ['pool.disableOutboundNat is true'], parameters: [] });
  const unknown = runCli(['explain', 'EG999']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/explain: no policy "EG999"; known: EG001/);
});

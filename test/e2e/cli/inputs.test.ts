import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BASE_CLUSTER, mergeDeep } from '../../../src/policy/testing/tester.ts';
import type { MigrationPlan } from '../../../src/plan/plan.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { runCli, SAMPLE, tempDir } from '../../helpers/cli.ts';

function scanInto(args: string[]): { code: number; stdout: string; stderr: string; out: string; report: ScanResult | null } {
  const out = tempDir('egress-audit-out-');
  const r = runCli(['scan', '--out', out, ...args]);
  const file = path.join(out, 'egress-audit.json');
  return { ...r, out, report: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ScanResult) : null };
}

describe('no silent scans', () => {
  test('scan without --input or --source arg is a usage error that says how to scan the sample; nothing is written', () => {
    const r = scanInto([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing to scan: give --input FILE_OR_FOLDER');
    expect(r.stderr).toContain('npm run sample, or egress-audit scan --input fixtures/sample');
    expect(readdirSync(r.out)).toEqual([]);
  });

  test.each([
    ['an empty folder', (dir: string) => dir],
    ['a folder without *.json', (dir: string) => (writeFileSync(path.join(dir, 'notes.txt'), 'no inventory here'), dir)],
    ['[]', (dir: string) => (writeFileSync(path.join(dir, 'empty.json'), '[]'), path.join(dir, 'empty.json'))],
    ['{"data": []}', (dir: string) => (writeFileSync(path.join(dir, 'graph.json'), '{"data": [], "count": 0, "totalRecords": 0}'), path.join(dir, 'graph.json'))],
  ])('%s: exit 2 naming the input, nothing written; --allow-empty accepts it', (_name, make) => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const input = make(dir);
    const r = scanInto(['--input', input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`scan: no inventory row in ${input}`);
    expect(r.stderr).toContain('--allow-empty');
    expect(readdirSync(r.out)).toEqual([]);
    const ok = scanInto(['--input', input, '--allow-empty', '--format', 'json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.report?.summary.clusters).toBe(0);
  });

  test('npm run sample passes the bundled sample explicitly', () => {
    const pkg = JSON.parse(readFileSync(path.join(SAMPLE, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['sample']).toMatch(/scan --input fixtures\/sample\b/);
  });
});

const SUB = '00000000-0000-0000-0000-000000000001';
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const net = (type: string, name: string, extra: object) => ({ id: `${NET}/${type}/${name}`, name, type: `microsoft.network/${type.toLowerCase()}`, resourceGroup: 'rg-net', subscriptionId: SUB, location: 'westeurope', ...extra });
const cluster = (name: string, patch: object) => mergeDeep(mergeDeep(BASE_CLUSTER, { id: String(BASE_CLUSTER['id']).replace('aks-test', name), name }), patch);
const pool = (name: string, over: object) => ({ name, type: 'VirtualMachineScaleSets', mode: 'User', osType: 'Linux', count: 2, ...over });

/** Two clusters whose rows hold one unknown value of each kind, each twice. */
function unknownValues(): string {
  const udrSubnet = `${NET}/virtualNetworks/vnet1/subnets/udr`;
  const natSubnet = `${NET}/virtualNetworks/vnet1/subnets/nat`;
  const rows = [
    cluster('aks-udr', {
      properties: {
        networkProfile: { outboundType: 'userDefinedRouting' },
        agentPoolProfiles: [pool('system', { mode: 'System', vnetSubnetID: udrSubnet }), pool('flex1', { type: 'VirtualMachineScaleSetsFlex', vnetSubnetID: udrSubnet }), pool('flex2', { type: 'virtualmachinescalesetsflex', vnetSubnetID: udrSubnet }), pool('wasm1', { osType: 'WasmOS', vnetSubnetID: udrSubnet }), pool('wasm2', { osType: 'WasmOS', vnetSubnetID: udrSubnet })],
      },
    }),
    cluster('aks-nat', { properties: { networkProfile: { outboundType: 'userAssignedNATGateway' }, agentPoolProfiles: [pool('system', { mode: 'System', vnetSubnetID: natSubnet })] } }),
    net('virtualNetworks', 'vnet1', {
      properties: {
        subnets: [
          { id: udrSubnet, name: 'udr', properties: { addressPrefix: '10.1.0.0/24', routeTable: { id: `${NET}/routeTables/rt1` }, defaultOutboundAccess: false } },
          { id: natSubnet, name: 'nat', properties: { addressPrefix: '10.1.1.0/24', natGateway: { id: `${NET}/natGateways/ngw1` } } },
        ],
      },
    }),
    net('routeTables', 'rt1', {
      properties: {
        routes: [
          { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualApplianceV2', nextHopIpAddress: '10.0.1.4' } },
          { name: 'spoke', properties: { addressPrefix: '10.9.0.0/16', nextHopType: 'VirtualApplianceV2', nextHopIpAddress: '10.0.1.4' } },
        ],
      },
    }),
    net('natGateways', 'ngw1', { sku: { name: 'StandardV2' }, properties: { idleTimeoutInMinutes: 4, publicIpAddresses: [{ id: `${NET}/publicIPAddresses/ip1` }, { id: `${NET}/publicIPAddresses/ip2` }] } }),
    net('publicIPAddresses', 'ip1', { sku: { name: 'StandardV3' }, properties: { ipAddress: '20.10.0.1', publicIPAddressVersion: 'IPv4' } }),
    net('publicIPAddresses', 'ip2', { sku: { name: 'StandardV3' }, properties: { ipAddress: '20.10.0.2', publicIPAddressVersion: 'IPv4' } }),
  ];
  const dir = tempDir();
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify(rows, null, 2));
  return dir;
}

describe('unknown enum-like values', () => {
  let run: ReturnType<typeof scanInto>;
  beforeAll(() => {
    run = scanInto(['--input', unknownValues(), '--format', 'json,html,markdown', '--fail-on', 'high']);
  });

  test('are judged as written: findings, no error, no incomplete cluster, exit 1 for the high EG003', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const r = run.report!;
    expect(r.errors).toEqual([]);
    expect(r.clusters.map((c) => [c.name, c.status])).toEqual([
      ['aks-nat', 'fail'],
      ['aks-udr', 'fail'],
    ]);
    const by = (id: string) => r.findings.filter((f) => f.policyId === id).map((f) => f.resourceName).sort();
    expect(by('EG003')).toEqual(['aks-udr']); // the unknown pool type is not VirtualMachineScaleSets
    expect(by('EG007')).toEqual(['flex1', 'flex2', 'system', 'wasm1', 'wasm2']); // the unknown next hop is not VirtualAppliance
    expect(by('EG006')).toEqual([]); // ... and not None
    expect(by('EG013')).toEqual(['ip1', 'ip2']); // an unknown SKU name matches no other
    expect(by('EG014')).toEqual([]); // an unknown OS type is not Windows
  });

  test('one warning per value: value, property, where and how often', () => {
    const w = run.report!.warnings.map((x) => [x.value, x.property, x.occurrences, x.where.path]);
    expect(w).toEqual([
      ['VirtualMachineScaleSetsFlex', 'properties.agentPoolProfiles[].type', 2, '$[0].properties.agentPoolProfiles[1].type'],
      ['WasmOS', 'properties.agentPoolProfiles[].osType', 2, '$[0].properties.agentPoolProfiles[3].osType'],
      ['VirtualApplianceV2', 'properties.routes[].properties.nextHopType', 2, '$[3].properties.routes[0].properties.nextHopType'],
      ['StandardV3', 'sku.name', 2, '$[5].sku.name'],
    ]);
    expect(run.report!.warnings[0]?.where.file).toMatch(/inventory\.json$/);
    expect(run.stdout).toContain('WARNING unknown value "VirtualApplianceV2" of properties.routes[].properties.nextHopType');
  });

  test('the HTML and Markdown reports show the warnings', () => {
    const md = readFileSync(path.join(run.out, 'egress-audit.md'), 'utf8');
    expect(md).toContain('### Warnings: unknown values');
    expect(md).toContain('| WasmOS | microsoft.containerservice/managedclusters properties.agentPoolProfiles\\[\\].osType |');
    const html = readFileSync(path.join(run.out, 'egress-audit.html'), 'utf8');
    expect(html).toContain('Warnings: 4 unknown value(s)');
    expect(html).toContain('<code><bdi>VirtualMachineScaleSetsFlex</bdi></code>');
  });
});

describe('every az command names the subscription it acts on', () => {
  const AZ = /\baz (?:aks|network)\b[^`\n]*/g;
  const commandsOf = (text: string): string[] => text.match(AZ) ?? [];

  test('in findings and remediations of the sample scan', () => {
    const r = scanInto(['--input', SAMPLE, '--format', 'json', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const subs = new Set(r.report!.clusters.map((c) => c.subscriptionId));
    const commands = r.report!.findings.flatMap((f) => [f.message, f.remediation.text, f.remediation.command ?? ''].flatMap(commandsOf));
    expect(commands.length).toBeGreaterThan(10);
    for (const c of commands) {
      const sub = /--subscription (\S+)/.exec(c)?.[1];
      expect(sub && subs.has(sub), c).toBe(true);
    }
  });

  test('in plan output', () => {
    for (const to of ['managedNATGateway', 'userAssignedNATGateway', 'loadBalancer']) {
      const r = runCli(['plan', '--input', SAMPLE, '--to', to, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const plans = (JSON.parse(r.stdout) as { clusters: MigrationPlan[] }).clusters;
      const commands = plans.flatMap((p) => [p.command ?? '', p.summary, ...p.warnings, ...p.notes].flatMap(commandsOf));
      expect(commands.length).toBeGreaterThan(0);
      for (const p of plans) if (p.command) expect(p.command).toContain(`--subscription ${p.subscriptionId} `);
      for (const c of commands) expect(c).toMatch(/--subscription [0-9a-f-]{36} /);
    }
  });
});

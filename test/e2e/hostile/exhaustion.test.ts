import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { removeTempDirs, scan, states, workDir } from './helpers.ts';

afterAll(removeTempDirs);

// Every run gets this V8 heap: a case that needs more memory than that crashes and fails.
const HEAP_MB = 384;
const DEPTH = 100_000;
const BIG = 8 * 1024 * 1024;

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000009';
const clusterId = (name: string): string => `${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;
const subnetId = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/aks`;
const natId = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/natgw1`;
const ipId = (n: number): string => `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/publicIPAddresses/ip${n}`;

/** A cluster row as JSON text; `extra` is spliced into its properties verbatim (text, so depth costs no recursion here). */
function clusterRow(name: string, extra = '', opts: { outboundType?: string; id?: string } = {}): string {
  const pools = `"agentPoolProfiles": [{ "name": "np1", "mode": "System", "osType": "Linux", "count": 3 }]`;
  return `{ "id": ${JSON.stringify(opts.id ?? clusterId(name))}, "name": ${JSON.stringify(name)}, "type": "microsoft.containerservice/managedclusters",
    "properties": { "kubernetesVersion": "1.30.4", ${pools}, "networkProfile": { "outboundType": "${opts.outboundType ?? 'loadBalancer'}" }${extra ? `, ${extra}` : ''} } }`;
}

function write(name: string, text: string): string {
  const file = path.join(workDir(), name);
  writeFileSync(file, text);
  return file;
}

const run = (file: string, ...args: string[]): ReturnType<typeof scan> => scan(['--input', file, ...args], { heapMb: HEAP_MB });
const size = (dir: string, f: string): number => statSync(path.join(dir, f)).size;
/** The JSON report's size less its policy catalog, which grows with the policies, not with the input. */
const inputDerived = (dir: string, report: { policies: unknown }): number => size(dir, 'egress-audit.json') - JSON.stringify(report.policies).length;

// These assert outcomes, not speed; the generous timeout only keeps a busy machine from failing them.
describe.concurrent('resource exhaustion: no stack overflow, no crash, bounded memory and reports', { timeout: 120_000 }, () => {
  test(`JSON nested ${DEPTH.toLocaleString('en')} levels deep inside rows is read; the rows are errors where it matters`, async () => {
    const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
    const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
    const text = `[\n${clusterRow('aks-deep', `"ignored": ${deepArray}`)},\n${clusterRow('aks-deep-tag').replace('"properties"', `"tags": { "deep": ${deepObject} }, "properties"`)},\n${deepObject}\n]\n`;
    const r = await run(write('deep.json', text), '--profile', 'secure');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const report = r.report();
    expect(report.errors.map((e) => [e.path, e.expected, e.found])).toEqual([
      ['$[1].tags.deep', 'a string tag value', 'an object'],
      ['$[2].id', 'a resource ID string', 'nothing'],
    ]);
    expect(states(report)).toEqual({ 'aks-deep': 'evaluated', 'aks-deep-tag': 'incomplete' });
    // Findings in rows holding deep junk still get their lines.
    const eg001 = report.findings.filter((f) => f.policyId === 'EG001');
    expect(eg001.map((f) => [f.clusterName, f.location?.line]).sort()).toEqual([
      ['aks-deep', 3],
      ['aks-deep-tag', 5],
    ]);
  });

  test(`a syntax error ${DEPTH.toLocaleString('en')} levels deep is located`, async () => {
    const [unclosed, mismatched] = await Promise.all([
      run(write('unclosed.json', '['.repeat(DEPTH))),
      run(write('mismatched.json', `[\n${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH - 1)}]\n]`)),
    ]);
    expect([unclosed.code, mismatched.code]).toEqual([2, 2]);
    expect(unclosed.stderr).toMatch(/unclosed\.json:1:100001: invalid JSON: unexpected end of file; expected a value or '\]'\n$/);
    expect(mismatched.stderr).toMatch(new RegExp(`mismatched\\.json:2:${5 * DEPTH + DEPTH + 1}: invalid JSON: expected ',' or '}', found "\\]"\\n$`));
    expect(mismatched.stdout + unclosed.stdout).toBe('');
  });

  test('strings of many megabytes are refused by length and never echoed', async () => {
    const huge = 'A'.repeat(BIG);
    const rows = `[
      ${clusterRow(huge, '', { id: clusterId('aks-huge-name') })},
      ${clusterRow('aks-huge-tag').replace('"properties"', `"tags": { ${JSON.stringify(huge)}: "v" }, "properties"`)},
      ${clusterRow('aks-huge-ignored', `"ignored": ${JSON.stringify(huge)}`)},
      ${clusterRow('aks-huge-id', '', { id: clusterId(huge) })}
    ]\n`;
    const [r, unterminated, bareWord] = await Promise.all([
      run(write('huge-strings.json', rows)),
      run(write('unterminated.json', `["${huge}`)),
      run(write('bare-word.json', `[${huge}]`)),
    ]);
    expect(r.code).toBe(2);
    const report = r.report();
    const found = (n: number): string => `a string of ${n} characters starting "${clusterId(huge).slice(0, 40)}…"`;
    const a40 = `a string of ${BIG} characters starting "${'A'.repeat(40)}…"`;
    expect(report.errors.map((e) => [e.path, e.expected, e.found])).toEqual([
      ['$[0].name', 'a string of at most 4096 characters', a40],
      [`$[1].tags["${'A'.repeat(64)}…"]`, 'a tag name of at most 4096 characters', a40],
      ['$[3].id', 'a resource ID string of at most 4096 characters', found(clusterId(huge).length)],
    ]);
    expect(states(report)).toEqual({ 'aks-huge-ignored': 'evaluated', 'aks-huge-name': 'incomplete', 'aks-huge-tag': 'incomplete' });
    expect(inputDerived(r.out, report)).toBeLessThan(64 * 1024);
    expect(r.stdout.length).toBeLessThan(4096);
    expect(unterminated.stderr).toMatch(/unterminated\.json:1:2: invalid JSON: unexpected end of file inside a string/);
    expect(bareWord.stderr).toMatch(new RegExp(`bare-word\\.json:1:2: invalid JSON: expected a value, found "A{20}…"\\n$`));
    for (const x of [unterminated, bareWord]) expect(x.stderr.length).toBeLessThan(300);
  });

  test('300,000 ignored rows', async () => {
    const disk = (i: number): string =>
      `{"id":"${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/d${i}","name":"d${i}","type":"microsoft.compute/disks","properties":{"diskSizeGB":128}}`;
    const rows = Array.from({ length: 300_000 }, (_, i) => disk(i));
    const r = await run(write('ignored.json', `[\n${clusterRow('aks-among-disks')},\n${rows.join(',\n')}\n]\n`), '--profile', 'secure');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.report().findings.find((f) => f.policyId === 'EG001')?.location?.line).toBe(3);
    expect(inputDerived(r.out, r.report())).toBeLessThan(64 * 1024);
  });

  test('5,000 pools are evaluated; 5,000 authorized ranges (AKS allows 200) or outbound IPs are row errors', async () => {
    const pools = Array.from({ length: 5000 }, (_, i) => `{ "name": "p${i}", "mode": "User", "osType": "Linux", "count": 1, "availabilityZones": ["1"], "vnetSubnetID": "${subnetId}" }`);
    const ranges = (n: number): string => Array.from({ length: n }, (_, i) => `"10.${i >> 8}.${i & 255}.0/24"`).join(',');
    const ips = Array.from({ length: 5000 }, (_, i) => `{ "id": "${ipId(i)}" }`);
    const many = clusterRow('aks-many', `"apiServerAccessProfile": { "authorizedIPRanges": [${ranges(200)}] }`, { outboundType: 'userAssignedNATGateway' }).replace(
      /"agentPoolProfiles": \[[^\]]*\]/,
      `"agentPoolProfiles": [${pools.join(',\n')}]`,
    );
    const text = `[\n${many},
      { "id": "${subnetId}", "type": "microsoft.network/virtualnetworks/subnets", "properties": { "natGateway": { "id": "${natId}" } } },
      { "id": "${natId}", "type": "microsoft.network/natgateways", "sku": { "name": "StandardV2" }, "properties": { "publicIpAddresses": [{ "id": "${ipId(0)}" }] } },
      { "id": "${ipId(0)}", "type": "microsoft.network/publicipaddresses", "properties": { "ipAddress": "20.0.0.1", "publicIPAddressVersion": "IPv4" } },
      ${clusterRow('aks-many-ips').replace('"networkProfile": { "outboundType": "loadBalancer" }', `"networkProfile": { "loadBalancerProfile": { "effectiveOutboundIPs": [${ips.join(',')}] } }`)},
      ${clusterRow('aks-many-ranges', `"apiServerAccessProfile": { "authorizedIPRanges": [${ranges(5000)}] }`)}
    ]\n`;
    const r = await run(write('many.json', text));
    expect(r.stderr).toBe('');
    const report = r.report();
    expect(states(report)).toEqual({ 'aks-many': 'evaluated', 'aks-many-ips': 'incomplete', 'aks-many-ranges': 'incomplete' });
    expect(report.errors.map((e) => [e.path, e.expected, e.found])).toEqual([
      ['$[4].properties.networkProfile.loadBalancerProfile.effectiveOutboundIPs', 'at most 1000 references', 'an array of 5000'],
      ['$[5].properties.apiServerAccessProfile.authorizedIPRanges', 'at most 200 entries (the AKS limit)', 'an array of 5000'],
    ]);
    // Templates may list facts that grow with the inventory; every text a finding carries is bounded.
    for (const f of report.findings) for (const t of [f.message, f.remediation.text, f.remediation.command ?? '']) expect(t.length).toBeLessThan(8100);
    expect(size(r.out, 'egress-audit.json')).toBeLessThan(256 * 1024);
  });

  test('an egress IP shared by 400 clusters: each finding naming the others stays bounded', async () => {
    const shared = ipId(0);
    const clusters = Array.from({ length: 400 }, (_, i) =>
      clusterRow(`aks-shared-egress-${String(i).padStart(4, '0')}-with-a-long-name`).replace(
        '"networkProfile": { "outboundType": "loadBalancer" }',
        `"networkProfile": { "outboundType": "loadBalancer", "loadBalancerProfile": { "effectiveOutboundIPs": [{ "id": "${shared}" }] } }`,
      ),
    );
    const ip = `{ "id": "${shared}", "type": "microsoft.network/publicipaddresses", "properties": { "ipAddress": "20.0.0.1", "publicIPAddressVersion": "IPv4" } }`;
    const r = await run(write('shared.json', `[\n${[...clusters, ip].join(',\n')}\n]\n`), '--fail-on', 'none');
    expect(r.code).toBe(0);
    const findings = r.report().findings;
    // The catalog's shared-IP policy names every other cluster: 399 long names, far past the bound.
    expect(findings.filter((f) => f.policyId === 'EG021')).toHaveLength(400);
    for (const f of findings) for (const t of [f.message, f.remediation.text, f.remediation.command ?? '']) expect(t.length).toBeLessThan(8100);
  });

  test('problems are listed up to 20 per row and 1,000 in all, then counted', async () => {
    const badRanges = Array.from({ length: 200 }, (_, i) => `"not-a-range-${i}"`);
    const badIps = Array.from(
      { length: 2000 },
      (_, i) => `{ "id": "${ipId(i)}", "type": "microsoft.network/publicipaddresses", "properties": { "ipAddress": "not-an-address" } }`,
    );
    const text = `[\n${clusterRow('aks-bad-ranges', `"apiServerAccessProfile": { "authorizedIPRanges": [${badRanges.join(',')}] }`)},\n${badIps.join(',\n')}\n]\n`;
    const r = await run(write('many-errors.json', text));
    expect(r.code).toBe(2);
    const errors = r.report().errors;
    expect(errors).toHaveLength(1001);
    expect(errors.filter((e) => e.resourceId === clusterId('aks-bad-ranges'))).toHaveLength(20);
    expect(errors.at(-1)).toEqual({ code: 'more-errors', message: `… and ${200 - 20 + 2000 - 980} more problems, not listed` });
    expect(size(r.out, 'egress-audit.json')).toBeLessThan(1024 * 1024);
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli.ts';
import { byResource, day, INVENTORY, scan, writeFile } from '../../helpers/triage.ts';
import type { ScanResult } from '../../../src/scan/result.ts';

const BASE = ['--input', INVENTORY, '--profile', 'secure'];
let plain: ScanResult;

beforeAll(() => {
  const r = scan([...BASE, '--fail-on', 'none']);
  expect(r.run.code, r.run.stderr).toBe(0);
  plain = r.report!;
});

describe('suppressions through the CLI', () => {
  test('a YAML file suppresses by exact ID and by glob, lists expired and unused entries, and keeps suppressed findings out of the counts', () => {
    const dev = byResource(plain, 'EG001', 'managedClusters/aks-dev');
    const prod = byResource(plain, 'EG001', 'managedClusters/aks-prod');
    const win = byResource(plain, 'EG014', 'agentPools/win1');
    const dir = tempDir();
    const file = writeFile(
      dir,
      'suppressions.yaml',
      `# accepted findings
suppressions:
  - policy: EG001
    resource: ${dev.resourceId.toUpperCase()}
    justification: Dev cluster keeps its load balancer until the Q3 migration
    expires: ${day(30)}
    owner: platform-team@example.com
    ticket: https://tickets.example.com/NET-1
  - policy: EG014
    resource: "/subscriptions/*/resourceGroups/rg-shared/**/agentPools/win*"
    justification: Windows pool is being retired
    expires: ${day(0)}
  - policy: EG001
    resource: ${prod.resourceId}
    justification: Was accepted last quarter
    expires: ${day(-1)}
  - policy: "*"
    resource: "**/managedClusters/aks-unknown"
    justification: Cluster not in this inventory
    expires: ${day(30)}
`,
    );
    const r = scan([...BASE, '--fail-on', 'none', '--suppressions', file]);
    expect(r.run.code, r.run.stderr).toBe(0);
    const rep = r.report!;

    const sDev = byResource(rep, 'EG001', 'managedClusters/aks-dev');
    expect(sDev.suppression).toEqual({
      policy: 'EG001',
      resource: dev.resourceId.toUpperCase(),
      justification: 'Dev cluster keeps its load balancer until the Q3 migration',
      expires: day(30),
      owner: 'platform-team@example.com',
      ticket: 'https://tickets.example.com/NET-1',
      file,
      line: 3,
    });
    // An entry suppresses through its expiry day.
    expect(byResource(rep, 'EG014', 'agentPools/win1').suppression?.line).toBe(9);
    expect(byResource(rep, 'EG001', 'managedClusters/aks-prod').suppression).toBeUndefined();

    expect(rep.findings).toHaveLength(plain.findings.length);
    expect(rep.summary.findings).toBe(plain.summary.findings - 2);
    for (const sev of ['high', 'medium', 'low', 'info'] as const) {
      const gone = [dev, win].filter((f) => f.severity === sev).length;
      expect(rep.summary.bySeverity[sev], sev).toBe(plain.summary.bySeverity[sev] - gone);
    }
    expect(rep.suppressions).toMatchObject({ entries: 4, suppressed: 2 });
    expect(rep.suppressions!.expired).toEqual([expect.objectContaining({ policy: 'EG001', resource: prod.resourceId, expires: day(-1), line: 13, matched: 1 })]);
    expect(rep.suppressions!.unused).toEqual([expect.objectContaining({ policy: '*', resource: '**/managedClusters/aks-unknown', line: 17 })]);

    const devCluster = rep.clusters.find((c) => c.name === 'aks-dev')!;
    const plainDev = plain.clusters.find((c) => c.name === 'aks-dev')!;
    expect(devCluster.findings).toBe(plainDev.findings - 1);
    expect(devCluster.status).toBe(devCluster.findings ? 'fail' : 'pass');
  });

  test('suppressed findings never decide the exit code; an expired entry stops suppressing', () => {
    const highs = plain.findings.filter((f) => f.severity === 'high');
    expect(highs.length).toBeGreaterThan(1);
    const dir = tempDir();
    const entries = (expires: (i: number) => string): string =>
      JSON.stringify({ suppressions: highs.map((f, i) => ({ policy: f.policyId, resource: f.resourceId, justification: `accepted ${i}`, expires: expires(i) })) }, null, 2);

    expect(scan([...BASE, '--fail-on', 'high']).run.code).toBe(1);
    const all = writeFile(dir, 'all.json', entries(() => day(10)));
    const r = scan([...BASE, '--fail-on', 'high', '--suppressions', all]);
    expect(r.run.code, r.run.stderr).toBe(0);
    expect(r.report!.summary.bySeverity.high).toBe(0);
    expect(r.report!.suppressions!.unused).toEqual([]);

    const oneExpired = writeFile(dir, 'one-expired.json', entries((i) => (i === 0 ? day(-3) : day(10))));
    const e = scan([...BASE, '--fail-on', 'high', '--suppressions', oneExpired]);
    expect(e.run.code).toBe(1);
    expect(e.report!.suppressions!.expired).toEqual([expect.objectContaining({ resource: highs[0]!.resourceId, matched: 1, line: 3 })]);
    expect(e.report!.findings.filter((f) => f.severity === 'high' && !f.suppression).map((f) => f.fingerprint)).toEqual([highs[0]!.fingerprint]);
  });

  test('the console summary names expired and unused entries', () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      's.yml',
      `suppressions:
  - policy: EG003
    resource: "**/managedClusters/nothing-here"
    justification: stale
    expires: ${day(5)}
  - policy: EG001
    resource: "**/managedClusters/aks-*"
    justification: old
    expires: ${day(-1)}
`,
    );
    const r = runCli(['scan', ...BASE, '--out', tempDir(), '--fail-on', 'none', '--format', 'json', '--suppressions', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/suppressions \(.*s\.yml\): 0 findings suppressed, 1 entry expired, 1 entry unused/);
    expect(r.stdout).toMatch(/EXPIRED .*s\.yml:6 EG001 \*\*\/managedClusters\/aks-\*: expired after \d{4}-\d\d-\d\d, 3 findings count again/);
    expect(r.stdout).toMatch(/UNUSED {2}.*s\.yml:2 EG003/);
  });

  test('a missing suppressions file is exit 2 and writes no report', () => {
    const out = tempDir();
    const r = runCli(['scan', ...BASE, '--out', out, '--suppressions', path.join(out, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read: ENOENT/);
    expect(existsSync(path.join(out, 'egress-audit.json'))).toBe(false);
  });
});

describe('suppressions named by the configuration file', () => {
  test('apply relative to the configuration file, and --suppressions takes their place', () => {
    const dev = byResource(plain, 'EG001', 'managedClusters/aks-dev');
    const prod = byResource(plain, 'EG001', 'managedClusters/aks-prod');
    const dir = tempDir();
    const entry = (id: string) => `suppressions:\n  - policy: EG001\n    resource: ${id}\n    justification: accepted\n    expires: ${day(9)}\n`;
    writeFile(dir, 'dev.yaml', entry(dev.resourceId));
    const other = writeFile(tempDir(), 'prod.yaml', entry(prod.resourceId));
    const config = writeFile(dir, 'egress-audit.config.json', JSON.stringify({ suppressions: 'dev.yaml' }));

    const viaConfig = scan([...BASE, '--fail-on', 'none', '--config', config]);
    expect(viaConfig.run.code, viaConfig.run.stderr).toBe(0);
    expect(viaConfig.report!.suppressions).toMatchObject({ file: path.join(dir, 'dev.yaml'), suppressed: 1 });
    expect(byResource(viaConfig.report!, 'EG001', 'managedClusters/aks-dev').suppression?.file).toBe(path.join(dir, 'dev.yaml'));

    const overridden = scan([...BASE, '--fail-on', 'none', '--config', config, '--suppressions', other]);
    expect(overridden.report!.suppressions).toMatchObject({ file: other, suppressed: 1 });
    expect(byResource(overridden.report!, 'EG001', 'managedClusters/aks-prod').suppression).toBeDefined();
    expect(byResource(overridden.report!, 'EG001', 'managedClusters/aks-dev').suppression).toBeUndefined();

    const missing = writeFile(dir, 'missing.json', JSON.stringify({ suppressions: 'nope.yaml' }));
    const r = runCli(['scan', ...BASE, '--out', tempDir(), '--config', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'nope.yaml')}: cannot read: ENOENT`);
  });
});

import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSubscription, render, writeEstate, type EstateSummary } from '../../../scripts/gen/estate.ts';
import { DEFECTS } from '../../../scripts/gen/plan.ts';
import { BUILTIN_POLICY_DIR, loadPolicies } from '../../../src/policy/load.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { runCli, tempDir } from '../../helpers/cli.ts';

const made: string[] = [];
const scratch = (prefix: string): string => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the synthetic estate generator', () => {
  test('gives the same bytes for the same seed, and other bytes for another seed', () => {
    const a = render(generateSubscription('determinism', 1, 50));
    const b = render(generateSubscription('determinism', 1, 50));
    const c = render(generateSubscription('another-seed', 1, 50));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  test('makes subscription k the same whatever the estate size, so small estates are prefixes of large ones', () => {
    const small = scratch('egress-gen-small-');
    const large = scratch('egress-gen-large-');
    return Promise.all([writeEstate(60, 'prefix', small), writeEstate(160, 'prefix', large)]).then(([s, l]) => {
      expect(s.files).toHaveLength(2);
      expect(l.files).toHaveLength(4);
      const first = (dir: string): string => readFileSync(path.join(dir, readdirSync(dir).sort()[0] ?? ''), 'utf8');
      expect(first(small)).toBe(first(large));
      expect(l.clusters).toBe(160);
    });
  });

  test('writes clusters with the bulk of real rows', () => {
    const file = generateSubscription('bulk', 0, 50);
    const clusters = file.rows.filter((r) => (r as { type: string }).type === 'microsoft.containerservice/managedclusters');
    expect(clusters).toHaveLength(50);
    const average = clusters.reduce((n, r) => n + JSON.stringify(r).length, 0) / clusters.length;
    // Real managed-cluster GET bodies with several pools run from about 4 to 10 KB compact.
    expect(average).toBeGreaterThan(6000);
    expect(average).toBeLessThan(15000);
  });
});

describe('a generated estate scanned by the real CLI', () => {
  let dir: string;
  let summary: EstateSummary;
  let report: ScanResult;
  let code: number;

  beforeAll(async () => {
    dir = scratch('egress-gen-scan-');
    summary = await writeEstate(100, 'generator-test', path.join(dir, 'estate'));
    const out = path.join(dir, 'reports');
    const run = runCli(['scan', '--input', path.join(dir, 'estate'), '--out', out, '--fail-on', 'none', '--quiet']);
    code = run.code;
    report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
  }, 60_000);

  test('is read with no error and every cluster fully evaluated (exit 0 without --allow-partial)', () => {
    expect(report.errors).toEqual([]);
    expect(report.summary.notEvaluated).toBe(0);
    expect(report.summary.clusters).toBe(summary.clusters);
    expect(code).toBe(0);
  });

  test('has every injected defect at least once', () => {
    expect(Object.keys(summary.defects).sort()).toEqual(Object.keys(DEFECTS).sort());
  });

  test('fails every built-in policy somewhere under the baseline profile', () => {
    const { policies } = loadPolicies([BUILTIN_POLICY_DIR]);
    expect(policies.length).toBeGreaterThan(0);
    const failed = new Set(report.findings.map((f) => f.policyId));
    const silent = policies.map((p) => p.id).filter((id) => !failed.has(id));
    expect(silent).toEqual([]);
    // EG023 and EG024 come from the hub rows: the first subscription's firewall, which every hub's
    // shares its private IP with, and the identity left without its role.
    expect(report.findings.filter((f) => f.policyId === 'EG024').every((f) => f.resourceId.includes(`/subscriptions/${f.subscriptionId}/`))).toBe(true);
    expect(report.findings.some((f) => f.policyId === 'EG023')).toBe(true);
    // Realistic, not wall-to-wall: most clusters pass most policies.
    expect(report.findings.length).toBeLessThan(report.summary.clusters * policies.length * 0.25);
  });
});

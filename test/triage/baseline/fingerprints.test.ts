import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { runCli, SAMPLE, tempDir } from '../../helpers/cli.ts';
import { validateSarif } from '../../report/multitool.ts';
import type { ScanResult } from '../../../src/scan/result.ts';

// In the bundled sample, aks-internal-tools and aks-reporting-legacy egress through one public IP,
// so EG021 finds the same resource and property for both clusters.
const SHARED = 'pip-reporting-egress';
let out: string;
let report: ScanResult;

beforeAll(() => {
  out = tempDir();
  const r = runCli(['scan', '--input', SAMPLE, '--out', out, '--format', 'json,sarif', '--fail-on', 'none', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult;
});

const baselineOf = (findings: ScanResult['findings']): string => {
  const file = path.join(tempDir(), 'previous.json');
  writeFileSync(file, JSON.stringify({ ...report, findings }));
  return file;
};

test('two clusters finding one shared egress IP have two fingerprints; the SARIF log has no duplicate partialFingerprints and validates', () => {
  const shared = report.findings.filter((f) => f.resourceName === SHARED && f.policyId === 'EG021');
  expect(shared.map((f) => f.clusterName).sort()).toEqual(['aks-internal-tools', 'aks-reporting-legacy']);
  expect(new Set(shared.map((f) => f.fingerprint)).size).toBe(2);
  const sarif = JSON.parse(readFileSync(path.join(out, 'egress-audit.sarif'), 'utf8')) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
  const prints = sarif.runs[0]!.results.map((r) => r.partialFingerprints['egressAuditFinding/v2']);
  expect(prints.length).toBe(report.findings.length);
  expect(new Set(prints).size).toBe(prints.length);
  const problems = validateSarif([path.join(out, 'egress-audit.sarif')], tempDir());
  expect([...problems.values()].flat().filter((p) => p.level === 'error')).toEqual([]);
});

test('--fail-on-new: a second cluster newly on a shared egress IP is a new finding (exit 1), not "unchanged"', () => {
  const previous = baselineOf(report.findings.filter((f) => f.clusterName !== 'aks-internal-tools'));
  const r = runCli(['scan', '--input', SAMPLE, '--out', tempDir(), '--format', 'json', '--baseline', previous, '--fail-on-new', '--fail-on', 'medium', '--quiet']);
  expect(r.code, r.stderr).toBe(1);
});

test('a baseline written before the cluster was part of the identity (older fingerprints) still matches every finding', () => {
  const legacy = (f: ScanResult['findings'][number]): string => createHash('sha256').update(`${f.policyId}\0${f.resourceId.toLowerCase()}\0${f.path}`).digest('hex').slice(0, 32);
  const previous = baselineOf(report.findings.map((f) => ({ ...f, fingerprint: legacy(f) })));
  const out2 = tempDir();
  const r = runCli(['scan', '--input', SAMPLE, '--out', out2, '--format', 'json', '--baseline', previous, '--fail-on-new', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const now = JSON.parse(readFileSync(path.join(out2, 'egress-audit.json'), 'utf8')) as ScanResult;
  expect(now.baseline?.counts).toEqual({ new: 0, unchanged: report.findings.length, fixed: 0 });
});

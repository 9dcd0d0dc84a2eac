import type { DecidedAtApply } from '../inventory/sources/terraform/deferred.ts';
import type { ScanError, ScanWarning } from '../errors.ts';
import type { ScanNotice } from './notices.ts';
import type { BaselineFinding } from '../triage/baseline.ts';
import type { FindingCore } from '../policy/evaluate.ts';
import type { SuppressionEntry } from '../triage/suppressions.ts';
import { severityRank, zeroBySeverity, type Severity } from '../policy/types.ts';

/** The one result model every report format is rendered from. */
export interface ScanResult {
  version: 1;
  tool: { name: string; version: string; informationUri: string };
  scan: {
    source: 'fixtures' | 'arg';
    inputs: string[];
    startedAt: string;
    finishedAt: string;
    profile: string;
    failOn: Severity | 'none';
    /** From the CLI: each main option's value and where it came from. */
    settings?: Record<string, ScanSetting>;
  };
  summary: {
    clusters: number;
    passed: number;
    failed: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    notEvaluated: number;
  };
  clusters: ClusterResult[];
  findings: Finding[];
  errors: ReportError[];
  /** Unknown enum-like values, each once (value, property, where): read as themselves and judged; they never make the scan incomplete. */
  warnings: ScanWarning[];
  /** Policies that could not look at everything, said once for the scan (EG023 without role assignments). */
  notices?: ScanNotice[];
  policies: PolicyInfo[];
  /** With --suppressions: the entries that expired or matched nothing (suppressed findings carry `suppression`). */
  suppressions?: SuppressionsReport;
  /** With --baseline: the delta against a previous JSON report (findings carry `baseline`). */
  baseline?: BaselineReport;
}

export type SettingSource = 'cli' | 'env' | 'config' | 'default';

/** One option as the scan used it; `null` when it was not set at all. */
export interface ScanSetting {
  value: string | string[] | null;
  from: SettingSource;
}

export interface SuppressionsReport {
  file: string;
  entries: number;
  /** Findings kept in the report but left out of SARIF, the summary counts and the exit code. */
  suppressed: number;
  /** Entries past their expiry date: they suppress nothing; `matched` counts the findings they would have. */
  expired: (SuppressionEntry & { matched: number })[];
  /** Unexpired entries no finding was attributed to. */
  unused: SuppressionEntry[];
}

export interface BaselineReport {
  file: string;
  startedAt: string;
  /** new and unchanged count unsuppressed findings; fixed counts baseline findings gone from this scan. */
  counts: { new: number; unchanged: number; fixed: number };
  fixed: BaselineFinding[];
}

export interface ClusterResult {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  profile: string;
  profileReason: string;
  outboundType: string;
  vnetMode: 'managed' | 'byo';
  zones: string[];
  kubernetesVersion: string | null;
  apiServer: 'private' | 'vnet-integration' | 'public';
  status: 'pass' | 'fail' | 'incomplete';
  findings: number;
  missing: string[];
  incompleteReasons: string[];
  /** Scans of Terraform plans: the cluster's address and the policies that can be decided only at apply. */
  terraform?: { address: string | null; decidedAtApply: DecidedAtApply[] };
}

/** A finding as reports show it: the evaluator's finding with its place in the input resolved to lines. */
export interface Finding extends FindingCore {
  location: { file: string; line: number; column: number; endLine: number; endColumn: number } | null;
  /** The unexpired suppression entry that accepts this finding (it then does not count). */
  suppression?: SuppressionEntry;
  /** With --baseline: whether the previous report already had this finding (same policy, resource, path). */
  baseline?: 'new' | 'unchanged';
  /** Scans of Terraform plans: the address of the offending resource (or of its cluster). */
  terraformAddress?: string;
}

/** A row refused, a duplicate, a scope that failed: the scan's ScanError as reports carry it. */
export type ReportError = ScanError;

export interface PolicyInfo {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  description: string;
  rationale: string;
  helpUri: string;
  tags: string[];
  /** The remediation template (Handlebars) as the policy file writes it. */
  remediation: string;
  /** The az command template, when the policy has one. */
  remediationCommand?: string;
  docs?: string[];
  /** Profiles of this scan that turn the policy off: their clusters were not evaluated by it. */
  disabledIn?: string[];
}

const SEVERITY_ORDER = (s: Severity): number => -severityRank(s);

/** Most severe first, then policy, cluster, resource and path: stable across runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER(a.severity) - SEVERITY_ORDER(b.severity) ||
    cmp(a.policyId, b.policyId) ||
    cmp(a.clusterId.toLowerCase(), b.clusterId.toLowerCase()) ||
    cmp(a.resourceId.toLowerCase(), b.resourceId.toLowerCase()) ||
    cmp(a.path, b.path)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts in compareFindings' order, lower-casing each ID once rather than on every comparison. */
export function sortFindings(findings: Finding[]): void {
  const keyed = findings.map((f) => ({ f, cluster: f.clusterId.toLowerCase(), resource: f.resourceId.toLowerCase() }));
  keyed.sort(
    (a, b) =>
      SEVERITY_ORDER(a.f.severity) - SEVERITY_ORDER(b.f.severity) ||
      cmp(a.f.policyId, b.f.policyId) ||
      cmp(a.cluster, b.cluster) ||
      cmp(a.resource, b.resource) ||
      cmp(a.f.path, b.f.path),
  );
  keyed.forEach((k, i) => (findings[i] = k.f));
}

/**
 * 0 clean; 1 a finding at or above failOn (suppressed findings never count; with onlyNew, only
 * findings the baseline did not have); 2 an incomplete scan (unless allowPartial).
 */
export function exitCode(result: ScanResult, allowPartial: boolean, onlyNew = false): 0 | 1 | 2 {
  if (!allowPartial && (result.summary.notEvaluated > 0 || result.errors.length > 0)) return 2;
  const failOn = result.scan.failOn;
  if (failOn === 'none') return 0;
  const counts = (f: Finding): boolean => !f.suppression && (!onlyNew || f.baseline === 'new');
  return result.findings.some((f) => counts(f) && severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = zeroBySeverity();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

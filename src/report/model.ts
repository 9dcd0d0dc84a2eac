import type { ScanError } from '../errors.ts';
import type { BaselineFinding } from '../policy/baseline.ts';
import type { FindingCore } from '../policy/evaluate.ts';
import type { SuppressionEntry } from '../policy/suppressions.ts';
import type { Severity } from '../policy/types.ts';

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
  policies: PolicyInfo[];
  /** With --suppressions: the entries that expired or matched nothing (suppressed findings carry `suppression`). */
  suppressions?: SuppressionsReport;
  /** With --baseline: the delta against a previous JSON report (findings carry `baseline`). */
  baseline?: BaselineReport;
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

/** A policy whose outcome for a cluster depends on a value Terraform knows only after apply. */
export interface DecidedAtApply {
  policyId: string;
  /** The resource holding the unknown value, and its azurerm attribute. */
  address: string;
  attribute: string;
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

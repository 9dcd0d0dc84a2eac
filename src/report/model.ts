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
}

export interface Finding {
  policyId: string;
  policyName: string;
  title: string;
  severity: Severity;
  clusterId: string;
  clusterName: string;
  subscriptionId: string;
  resourceId: string;
  resourceName: string;
  path: string;
  message: string;
  remediation: { text: string; command?: string };
  fingerprint: string;
  location: { file: string; line: number; column: number; endLine: number; endColumn: number } | null;
  /**
   * Absent or `open`: a live finding. Suppressed and baselined findings stay in the JSON report but
   * SARIF, JUnit and Markdown leave them out (see `reported()` in findings.ts).
   */
  status?: 'open' | 'suppressed' | 'baselined';
}

export interface ReportError {
  code: string;
  message: string;
  file?: string;
  path?: string;
  resourceId?: string;
  expected?: string;
  found?: string;
  clusters?: string[];
}

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

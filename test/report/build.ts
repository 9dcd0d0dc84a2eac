import { fingerprint } from '../../src/policy/evaluate.ts';
import { SEVERITIES, type Severity } from '../../src/policy/types.ts';
import type { ClusterResult, Finding, PolicyInfo, ScanResult } from '../../src/scan/result.ts';
import { compareFindings } from '../../src/scan/result.ts';

/** Names a hostile inventory could give a resource; formatters must show them as text. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'a|b',
  'tick`s` and ```fence```',
  '[x](javascript:alert(1))',
  '# h',
  'line1\nline2\r\nline3',
  'nul\u0000esc\u001b[31mred\u009b1m',
  'https://evil.example/x',
  '&lt;b&gt; & "q" \'s\'',
  `long-${'x'.repeat(300)}`,
] as const;

export function policy(id: string, severity: Severity, extra: Partial<PolicyInfo> = {}): PolicyInfo {
  return {
    id,
    name: `policy-${id.toLowerCase()}`,
    title: `Title of ${id}`,
    severity,
    description: `What ${id} checks.`,
    rationale: `Why ${id} matters.`,
    helpUri: `https://example.test/docs/${id}`,
    tags: ['egress'],
    remediation: 'Fix {{cluster.name}}{{#if x}} now{{/if}}.',
    remediationCommand: 'az aks update --name {{cluster.name}}',
    docs: [],
    disabledIn: [],
    ...extra,
  };
}

export const POLICIES: PolicyInfo[] = [policy('EG901', 'high'), policy('EG902', 'medium'), policy('EG903', 'low'), policy('EG904', 'info')];

export function cluster(i: number, extra: Partial<ClusterResult> = {}): ClusterResult {
  const name = extra.name ?? `aks-${i}`;
  return {
    id: `/subscriptions/sub-${i % 7}/resourceGroups/rg-${i % 13}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    subscriptionId: `sub-${i % 7}`,
    resourceGroup: `rg-${i % 13}`,
    location: 'westeurope',
    profile: 'baseline',
    profileReason: '--profile',
    outboundType: 'loadBalancer',
    vnetMode: 'managed',
    zones: [],
    kubernetesVersion: '1.33.2',
    apiServer: 'public',
    status: 'fail',
    findings: 0,
    missing: [],
    incompleteReasons: [],
    ...extra,
  };
}

export function finding(c: ClusterResult, p: PolicyInfo, k = 0, extra: Partial<Finding> = {}): Finding {
  const resourceId = k ? `${c.id}/agentPools/pool${k}` : c.id;
  const path = 'properties.networkProfile.outboundType';
  return {
    policyId: p.id,
    policyName: p.name,
    title: p.title,
    severity: p.severity,
    clusterId: c.id,
    clusterName: c.name,
    subscriptionId: c.subscriptionId,
    resourceId,
    resourceName: k ? `pool${k}` : c.name,
    path,
    message: `Cluster ${c.name} fails ${p.id}.`,
    remediation: { text: `Fix ${c.name}.`, command: `az aks update --name ${c.name}` },
    fingerprint: fingerprint({ policyId: p.id, clusterId: c.id, resourceId, path }),
    location: { file: 'inventory/clusters.json', line: 10 + k, column: 9, endLine: 10 + k, endColumn: 40 },
    ...extra,
  };
}

/** A result model around the given clusters and findings, with counts that agree with them. */
export function result(clusters: ClusterResult[], findings: Finding[], extra: Partial<ScanResult> = {}): ScanResult {
  const sorted = [...findings].sort(compareFindings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, sorted.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    version: 1,
    tool: { name: 'egress-audit', version: '0.1.0', informationUri: 'https://github.com/egress-audit/egress-audit' },
    scan: { source: 'fixtures', inputs: ['inventory'], startedAt: '2026-01-02T03:04:05.000Z', finishedAt: '2026-01-02T03:04:06.500Z', profile: 'baseline', failOn: 'high' },
    summary: {
      clusters: clusters.length,
      passed: clusters.filter((c) => c.status === 'pass').length,
      failed: clusters.filter((c) => c.status === 'fail').length,
      findings: sorted.length,
      bySeverity,
      notEvaluated: clusters.filter((c) => c.status === 'incomplete').length,
    },
    clusters,
    findings: sorted,
    errors: [],
    warnings: [],
    policies: POLICIES,
    ...extra,
  };
}

/**
 * A large scan: `n` clusters, each failing the high and the info policy once and the medium policy
 * on `pools` of its pools: (2 + pools) x n findings.
 */
export function largeResult(n: number, pools = 4): ScanResult {
  const [high, medium, , info] = POLICIES as [PolicyInfo, PolicyInfo, PolicyInfo, PolicyInfo];
  const clusters: ClusterResult[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const c = cluster(i);
    clusters.push(c);
    findings.push(finding(c, high), finding(c, info));
    for (let k = 1; k <= pools; k++) findings.push(finding(c, medium, k));
    c.findings = 2 + pools;
  }
  return result(clusters, findings);
}

import { SEVERITIES } from '../../policy/types.ts';
import { countBySeverity, type ClusterResult, type Finding, type ScanResult } from '../../scan/result.ts';
import { clip, LIMITS } from './payload.ts';

/**
 * The tables as plain markup, for readers without JavaScript and for print: every cluster, then
 * each cluster's findings in full. Past these limits the markup says how much it left out (the
 * interactive view and the JSON report keep everything): at 50,000 clusters the full text would
 * make the page several times the size of the data it already embeds.
 */
export const STATIC_LIMITS = { clusters: 10_000, findings: 5_000 } as const;

const STATUS_LABEL: Record<ClusterResult['status'], string> = { pass: 'Pass', fail: 'Fail', incomplete: 'Not fully evaluated' };
const SEV_LABEL = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' } as const;

export interface StaticCluster {
  name: string;
  rg: string;
  sub: string;
  outbound: string;
  status: ClusterResult['status'];
  statusLabel: string;
  /** What the findings cell says: counts, "none", or that every finding is suppressed. */
  findings: string;
}

export interface StaticFinding {
  sev: string;
  sevLabel: string;
  policyId: string;
  title: string;
  message: string;
  resourceName: string;
  resourceId: string;
  path: string;
  location: string;
  /** Terraform address, when the input is a plan. */
  terraform: string;
  remediation: string;
  command: string;
  suppressed: string;
  isNew: boolean;
}

export interface StaticBlock {
  name: string;
  id: string;
  statusLabel: string;
  status: ClusterResult['status'];
  summary: string;
  findings: StaticFinding[];
}

export interface StaticView {
  clusters: StaticCluster[];
  moreClusters: number;
  blocks: StaticBlock[];
  moreFindings: number;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The findings cell: open findings by severity; a cluster whose findings are all suppressed says so. */
export function findingsSummary(findings: readonly Finding[]): string {
  const open = findings.filter((f) => !f.suppression);
  const suppressed = findings.length - open.length;
  if (!findings.length) return 'none';
  if (!open.length) return `all ${plural(suppressed, 'finding')} suppressed`;
  const n = countBySeverity(open);
  return `${SEVERITIES.filter((s) => n[s]).map((s) => `${n[s]} ${s}`).join(', ')}${suppressed ? ` (+${suppressed} suppressed)` : ''}`;
}

export function buildStaticView(result: ScanResult): StaticView {
  const byCluster = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byCluster.get(f.clusterId);
    if (list) list.push(f);
    else byCluster.set(f.clusterId, [f]);
  }
  const clusters = result.clusters.slice(0, STATIC_LIMITS.clusters).map((c) => ({
    name: clip(c.name, LIMITS.name),
    rg: clip(c.resourceGroup, LIMITS.name),
    sub: clip(c.subscriptionId, LIMITS.name),
    outbound: clip(c.outboundType, LIMITS.name),
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    findings: findingsSummary(byCluster.get(c.id) ?? []),
  }));
  let budget: number = STATIC_LIMITS.findings;
  const blocks: StaticBlock[] = [];
  for (const c of result.clusters) {
    const all = byCluster.get(c.id) ?? [];
    if (!all.length || budget <= 0) continue;
    const shown = all.slice(0, budget);
    budget -= shown.length;
    blocks.push({
      name: clip(c.name, LIMITS.name),
      id: clip(c.id, LIMITS.id),
      status: c.status,
      statusLabel: STATUS_LABEL[c.status],
      summary: findingsSummary(all),
      findings: shown.map(staticFinding),
    });
  }
  const listed = blocks.reduce((n, b) => n + b.findings.length, 0);
  return { clusters, moreClusters: Math.max(0, result.clusters.length - clusters.length), blocks, moreFindings: result.findings.length - listed };
}

function staticFinding(f: Finding): StaticFinding {
  const s = f.suppression;
  return {
    sev: f.severity,
    sevLabel: SEV_LABEL[f.severity],
    policyId: clip(f.policyId, LIMITS.name),
    title: clip(f.title, LIMITS.text),
    message: clip(f.message, LIMITS.text),
    resourceName: clip(f.resourceName, LIMITS.name),
    resourceId: clip(f.resourceId, LIMITS.id),
    path: clip(f.path, LIMITS.id),
    location: f.location ? clip(`${f.location.file}:${f.location.line}`, LIMITS.id) : '',
    terraform: clip(f.terraformAddress ?? '', LIMITS.id),
    remediation: clip(f.remediation.text, LIMITS.text),
    command: f.remediation.command ? clip(f.remediation.command, LIMITS.text) : '',
    suppressed: s ? clip(`Suppressed until ${s.expires}: ${s.justification}`, LIMITS.text) : '',
    isNew: f.baseline === 'new',
  };
}

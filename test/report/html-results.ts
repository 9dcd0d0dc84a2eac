import type { Severity } from '../../src/policy/types.ts';
import { countBySeverity } from '../../src/scan/result.ts';
import type { ClusterResult, Finding, PolicyInfo, ReportError, ScanResult } from '../../src/scan/result.ts';

/** Scan results built in code for the HTML report tests: small and hostile, or estate-sized. */

export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const SCRIPT_NAME = 'aks-</script><script>alert(2)</script>';
export const RTL_NAME = 'aks-\u202Eevil\u202C-rtl';
export const TEMPLATE_NAME = 'aks-{{constructor.name}}-{{#each x}}';
export const LONG_NAME = `aks-${'x'.repeat(5000)}`;
export const SUB_A = '11111111-1111-1111-1111-111111111111';
export const SUB_B = '22222222-2222-2222-2222-222222222222';

const POLICIES: [string, Severity, string][] = [
  ['EG001', 'high', 'Outbound type is one the profile allows'],
  ['EG005', 'high', 'Every pool subnet has a user-assigned NAT gateway'],
  ['EG009', 'medium', 'NAT gateway public IP count is within limits'],
  ['EG011', 'medium', 'Egress is zone-resilient'],
  ['EG016', 'low', 'API server is private or VNet-integrated'],
  ['EG018', 'info', 'Outbound type is a preview type'],
  ['EG019', 'high', 'Load balancer SNAT capacity covers scale-out'],
];

const policyInfo = ([id, severity, title]: [string, Severity, string]): PolicyInfo => ({
  id, name: id.toLowerCase(), title, severity, description: title, rationale: title,
  helpUri: 'https://learn.microsoft.com/azure/aks/egress-outboundtype', tags: ['egress'], remediation: 'Fix it.',
});

const clusterId = (sub: string, rg: string, name: string): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;

export function cluster(name: string, o: Partial<ClusterResult> = {}): ClusterResult {
  const sub = o.subscriptionId ?? SUB_A;
  const rg = o.resourceGroup ?? 'rg-aks';
  return {
    id: clusterId(sub, rg, name), name, subscriptionId: sub, resourceGroup: rg, location: 'westeurope',
    profile: 'baseline', profileReason: '--profile', outboundType: 'loadBalancer', vnetMode: 'managed', zones: ['1', '2', '3'],
    kubernetesVersion: '1.30.4', apiServer: 'public', status: 'pass', findings: 0, missing: [], incompleteReasons: [], ...o,
  };
}

export function finding(c: ClusterResult, policyId: string, o: Partial<Finding> = {}): Finding {
  const p = POLICIES.find((x) => x[0] === policyId) ?? POLICIES[0]!;
  return {
    policyId, policyName: policyId.toLowerCase(), title: p[2], severity: p[1], clusterId: c.id, clusterName: c.name,
    subscriptionId: c.subscriptionId, resourceId: c.id, resourceName: c.name, path: 'properties.networkProfile.outboundType',
    message: `Cluster ${c.name} breaks ${policyId}.`, remediation: { text: `Fix ${c.name}: run \`egress-audit plan --cluster ${c.name}\` first.` },
    fingerprint: `${policyId}-${c.name}`, location: null, ...o,
  };
}

function assemble(clusters: ClusterResult[], findings: Finding[], errors: ReportError[]): ScanResult {
  const per = new Map<string, number>();
  for (const f of findings) per.set(f.clusterId, (per.get(f.clusterId) ?? 0) + 1);
  for (const c of clusters) {
    c.findings = per.get(c.id) ?? 0;
    if (c.status !== 'incomplete') c.status = c.findings ? 'fail' : 'pass';
  }
  const bySeverity = countBySeverity(findings);
  return {
    version: 1,
    tool: { name: 'egress-audit', version: '0.1.0', informationUri: 'https://github.com/egress-audit/egress-audit' },
    scan: { source: 'fixtures', inputs: ['exports/'], startedAt: '2026-03-02T09:15:00.000Z', finishedAt: '2026-03-02T09:15:01.250Z', profile: 'baseline', failOn: 'high' },
    summary: {
      clusters: clusters.length, passed: clusters.filter((c) => c.status === 'pass').length, failed: clusters.filter((c) => c.status === 'fail').length,
      findings: findings.length, bySeverity, notEvaluated: clusters.filter((c) => c.status === 'incomplete').length,
    },
    clusters, findings, errors, warnings: [], policies: POLICIES.map(policyInfo),
  };
}

/** A few clusters, among them every hostile name the page must show as inert text. */
export function smallResult(): ScanResult {
  const payments = cluster('aks-payments-prod', { outboundType: 'userAssignedNATGateway', vnetMode: 'byo', resourceGroup: 'rg-pay' });
  const xss = cluster(XSS_NAME, { resourceGroup: 'rg-batch', zones: ['1'] });
  const web = cluster('aks-web-eu', { outboundType: 'managedNATGateway', subscriptionId: SUB_B, resourceGroup: 'rg-web' });
  const data = cluster('aks-data', {
    outboundType: 'userDefinedRouting', vnetMode: 'byo', subscriptionId: SUB_B, status: 'incomplete', zones: [],
    missing: ['/subscriptions/2222/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt-egress'],
    incompleteReasons: ['route table /subscriptions/2222/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt-egress is not in the inventory'],
  });
  const script = cluster(SCRIPT_NAME, { outboundType: 'none', subscriptionId: SUB_B });
  const rtl = cluster(RTL_NAME);
  const tpl = cluster(TEMPLATE_NAME);
  const long = cluster(LONG_NAME, { resourceGroup: `rg-${'y'.repeat(300)}` });
  const clusters = [payments, xss, web, data, script, rtl, tpl, long];
  const findings = [
    finding(payments, 'EG005', { resourceName: 'snet-pay', message: 'Subnet snet-pay of pool system has no NAT gateway.' }),
    finding(payments, 'EG011', {
      message: 'Pools span zones 1, 2, 3 but NAT gateway ng-pay is in zone 1 only.',
      remediation: { text: 'Add one zonal NAT gateway per zone.', command: 'az network nat gateway create --resource-group rg-pay --name ng-pay-2 --zone 2' },
    }),
    finding(xss, 'EG019', {
      message: `Cluster ${XSS_NAME} cannot scale out: SNAT ports run out at 40 nodes.`,
      remediation: { text: 'Lower allocatedOutboundPorts or add frontend IPs.', command: `az aks update --resource-group rg-batch --name '${XSS_NAME}' --load-balancer-outbound-ports 0` },
    }),
    finding(script, 'EG018'),
    finding(script, 'EG016'),
    finding(rtl, 'EG016'),
    finding(tpl, 'EG001'),
    finding(long, 'EG009', { resourceName: LONG_NAME }),
  ];
  const errors: ReportError[] = [
    { code: 'missing-resource', message: 'route table rt-egress is referenced but not in the inventory', resourceId: data.missing[0], clusters: [data.id] },
    { code: 'invalid-field', message: `exports/broken.json: line 4: name is ${XSS_NAME}`, file: 'exports/broken.json' },
  ];
  return assemble(clusters, findings, errors);
}

/** A scan that found nothing: a subscription without AKS. */
export const emptyResult = (): ScanResult => assemble([], [], []);

const OUTBOUND = ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block'];

/** An estate: `clusters` clusters over 40 subscriptions, `perCluster` findings on most of them. */
export function largeResult(clusters: number, perCluster: number): ScanResult {
  const subs = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-${String(i).padStart(12, '0')}`);
  const cs: ClusterResult[] = [];
  const fs: Finding[] = [];
  for (let i = 0; i < clusters; i++) {
    const c = cluster(`aks-team${i % 97}-env${i % 5}-${String(i).padStart(5, '0')}`, {
      subscriptionId: subs[i % subs.length]!, resourceGroup: `rg-team${i % 97}`, outboundType: OUTBOUND[i % OUTBOUND.length]!,
      vnetMode: i % 3 ? 'byo' : 'managed', zones: i % 4 ? ['1', '2', '3'] : [],
      ...(i % 50 === 7 ? { status: 'incomplete' as const, incompleteReasons: [`subnet snet-${i} is not in the inventory`], missing: [`/subscriptions/x/subnets/snet-${i}`] } : {}),
    });
    cs.push(c);
    // Every tenth cluster is clean, so the counts and filters have something to tell apart.
    if (i % 10 === 0) continue;
    for (let k = 0; k < perCluster; k++) {
      const p = POLICIES[(i + k) % POLICIES.length]!;
      fs.push(finding(c, p[0], { resourceName: `${c.name}-res${k}`, resourceId: `${c.id}/agentPools/pool${k}`, path: `properties.agentPoolProfiles[${k}]` }));
    }
  }
  return assemble(cs, fs, []);
}

import type { ScanResult } from '../scan/result.ts';

/** A cluster whose plan leaves policies to apply time, with the values each policy waits for. */
export interface DecidedCluster {
  cluster: string;
  clusterId: string;
  address: string | null;
  policies: { policyId: string; values: string[] }[];
}

/** Per cluster, the policies its Terraform plan leaves to apply time (clusters with none left out). */
export function decidedAtApplyByCluster(result: ScanResult): DecidedCluster[] {
  return result.clusters.flatMap((c) => {
    const list = c.terraform?.decidedAtApply ?? [];
    if (!list.length) return [];
    const byPolicy = new Map<string, string[]>();
    for (const d of list) byPolicy.set(d.policyId, [...(byPolicy.get(d.policyId) ?? []), `${d.address}.${d.attribute}`]);
    return [{ cluster: c.name, clusterId: c.id, address: c.terraform?.address ?? null, policies: [...byPolicy].map(([policyId, values]) => ({ policyId, values })) }];
  });
}

/** One sentence per cluster whose plan leaves policies to apply time, for the text report formats. */
export function decidedAtApplyLines(result: ScanResult): { cluster: string; clusterId: string; text: string }[] {
  return decidedAtApplyByCluster(result).map((d) => ({
    cluster: d.cluster,
    clusterId: d.clusterId,
    text: `Cluster ${d.cluster}: decided at apply, not judged from the plan: ${d.policies.map((p) => `${p.policyId} (${p.values.join(', ')})`).join('; ')}`,
  }));
}

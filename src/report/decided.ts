import type { ScanResult } from '../scan/result.ts';

/** One sentence per cluster whose plan leaves policies to apply time, for every report format. */
export function decidedAtApplyLines(result: ScanResult): { cluster: string; clusterId: string; text: string }[] {
  return result.clusters.flatMap((c) => {
    const list = c.terraform?.decidedAtApply ?? [];
    if (!list.length) return [];
    const byPolicy = new Map<string, string[]>();
    for (const d of list) byPolicy.set(d.policyId, [...(byPolicy.get(d.policyId) ?? []), `${d.address}.${d.attribute}`]);
    const parts = [...byPolicy].map(([id, values]) => `${id} (${values.join(', ')})`);
    return [{ cluster: c.name, clusterId: c.id, text: `Cluster ${c.name}: decided at apply, not judged from the plan: ${parts.join('; ')}` }];
  });
}

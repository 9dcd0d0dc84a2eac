import type { ScanResult } from '../../scan/result.ts';
import { decidedAtApplyByCluster } from '../decided.ts';
import { clip, LIMITS } from './payload.ts';

/** The policies a Terraform plan leaves to apply time, one row per cluster and policy; all strings escaped by Handlebars. */
export interface DecidedView {
  rows: { cluster: string; address: string; policyId: string; title: string; values: string[] }[];
  more: number;
}

/** Rows past this are in the JSON report: a plan with hundreds of clusters keeps a readable page. */
const MAX_ROWS = 200;

export function decidedView(result: ScanResult): DecidedView {
  const titles = new Map(result.policies.map((p) => [p.id, p.title]));
  const all = decidedAtApplyByCluster(result).flatMap((c) =>
    c.policies.map((p) => ({
      cluster: clip(c.cluster, LIMITS.name),
      address: clip(c.address ?? '', LIMITS.id),
      policyId: clip(p.policyId, LIMITS.name),
      title: clip(titles.get(p.policyId) ?? '', LIMITS.text),
      values: p.values.map((v) => clip(v, LIMITS.id)),
    })),
  );
  return { rows: all.slice(0, MAX_ROWS), more: Math.max(0, all.length - MAX_ROWS) };
}

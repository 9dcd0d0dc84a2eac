import { compareToBaseline, type Baseline } from './baseline.ts';
import { applySuppressions, type SuppressionSet } from './suppressions.ts';
import { countBySeverity, type Finding, type ScanResult } from '../scan/result.ts';

export interface TriageOptions {
  suppressions?: SuppressionSet;
  baseline?: Baseline;
  /** The scan's UTC day, YYYY-MM-DD: suppressions expire against it. */
  today: string;
}

/**
 * Marks suppressed findings and the delta against a baseline, then recounts the summary and the
 * clusters' status from the findings that still count: a suppressed finding stays in the report
 * but is accepted, as if it were not there for the summary and the exit code.
 */
export function triage(result: ScanResult, opts: TriageOptions): ScanResult {
  if (!opts.suppressions && !opts.baseline) return result;
  let findings: Finding[] = result.findings;
  const out: ScanResult = { ...result };

  if (opts.suppressions) {
    const s = applySuppressions(findings, opts.suppressions, opts.today);
    findings = findings.map((f) => {
      const entry = s.suppressed.get(f);
      return entry ? { ...f, suppression: entry } : f;
    });
    out.suppressions = {
      file: opts.suppressions.file,
      entries: opts.suppressions.entries.length,
      suppressed: s.suppressed.size,
      expired: s.expired,
      unused: s.unused,
    };
  }

  if (opts.baseline) {
    const b = compareToBaseline(findings, opts.baseline);
    findings = findings.map((f) => ({ ...f, baseline: b.status.get(f) ?? 'new' }));
    const counting = findings.filter((f) => !f.suppression);
    out.baseline = {
      file: opts.baseline.file,
      startedAt: opts.baseline.startedAt,
      counts: {
        new: counting.filter((f) => f.baseline === 'new').length,
        unchanged: counting.filter((f) => f.baseline === 'unchanged').length,
        fixed: b.fixed.length,
      },
      fixed: b.fixed,
    };
  }

  const counting = findings.filter((f) => !f.suppression);
  const perCluster = new Map<string, number>();
  for (const f of counting) perCluster.set(f.clusterId, (perCluster.get(f.clusterId) ?? 0) + 1);
  const clusters = result.clusters.map((c) => {
    const n = perCluster.get(c.id) ?? 0;
    return { ...c, findings: n, status: c.status === 'incomplete' ? c.status : n ? ('fail' as const) : ('pass' as const) };
  });
  const bySeverity = countBySeverity(counting);
  out.findings = findings;
  out.clusters = clusters;
  out.summary = {
    ...result.summary,
    findings: counting.length,
    bySeverity,
    passed: clusters.filter((c) => c.status === 'pass').length,
    failed: clusters.filter((c) => c.status === 'fail').length,
  };
  return out;
}

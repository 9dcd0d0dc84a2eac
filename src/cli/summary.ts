import type { ScanResult } from '../report/model.ts';
import { plain, type Io } from './io.ts';

const WORST = 5;

/** The short console summary: counts by severity, the worst findings, where the reports went. */
export function printSummary(io: Io, r: ScanResult, written: readonly string[], code: number): void {
  const s = r.summary;
  const sev = s.bySeverity;
  io.out(`egress-audit ${r.tool.version}: ${s.clusters} clusters (${s.passed} pass, ${s.failed} fail, ${s.notEvaluated} incomplete), ${s.findings} findings: ${sev.high} high, ${sev.medium} medium, ${sev.low} low, ${sev.info} info`);
  for (const f of r.findings.slice(0, WORST)) {
    io.out(`  ${f.severity.toUpperCase().padEnd(6)} ${f.policyId} ${plain(f.clusterName)}: ${plain(f.message)}`);
  }
  if (r.findings.length > WORST) io.out(`  … and ${r.findings.length - WORST} more in the reports`);
  for (const c of r.clusters.filter((c) => c.status === 'incomplete')) {
    io.out(`  INCOMPLETE ${plain(c.name)}: ${plain(c.incompleteReasons.join('; '))}`);
  }
  for (const e of r.errors.slice(0, WORST)) io.out(`  ERROR ${plain(e.message)}`);
  if (r.errors.length > WORST) io.out(`  … and ${r.errors.length - WORST} more errors in the JSON report`);
  for (const w of written) io.out(`report: ${w}`);
  if (code === 2) io.out('exit 2: the scan is incomplete (use --allow-partial to accept it)');
}

import type { ScanResult } from '../scan/result.ts';
import { plain, type Io } from './io.ts';
import { notJudgedText, shownNotices } from '../report/notices.ts';

const WORST = 5;

/** The short console summary: counts by severity, the worst findings (all of them when verbose), where the reports went. */
export function printSummary(io: Io, r: ScanResult, written: readonly string[], code: number, verbose = false): void {
  const s = r.summary;
  const sev = s.bySeverity;
  io.out(`egress-audit ${r.tool.version}: ${s.clusters} clusters (${s.passed} pass, ${s.failed} fail, ${s.notEvaluated} incomplete), ${s.findings} findings: ${sev.high} high, ${sev.medium} medium, ${sev.low} low, ${sev.info} info`);
  // Suppressed findings are accepted; with a baseline the new ones lead (the sort is stable).
  const shown = r.findings.filter((f) => !f.suppression).sort((a, b) => Number(b.baseline === 'new') - Number(a.baseline === 'new'));
  const listed = verbose ? shown.length : WORST;
  for (const f of shown.slice(0, listed)) {
    io.out(`  ${f.severity.toUpperCase().padEnd(6)} ${f.policyId} ${plain(f.clusterName)}: ${plain(f.message)}${f.baseline === 'new' ? ' [new]' : ''}`);
  }
  if (shown.length > listed) io.out(`  … and ${shown.length - listed} more in the reports (--verbose lists them all)`);
  printTriage(io, r);
  for (const c of r.clusters.filter((c) => c.status === 'incomplete')) {
    io.out(`  INCOMPLETE ${plain(c.name)}: ${plain(c.incompleteReasons.join('; '))}`);
  }
  for (const { notice, shown, more } of shownNotices(r, WORST)) {
    io.out(`  NOTICE ${plain(notice.message)}`);
    for (const e of shown) io.out(`    NOT JUDGED ${plain(notJudgedText(e))}`);
    if (more) io.out(`    … and ${more} more in the JSON report`);
  }
  for (const e of r.errors.slice(0, WORST)) io.out(`  ERROR ${plain(e.message)}`);
  if (r.errors.length > WORST) io.out(`  … and ${r.errors.length - WORST} more errors in the JSON report`);
  for (const w of r.warnings.slice(0, WORST)) io.out(`  WARNING unknown value ${plain(JSON.stringify(w.value))} of ${plain(w.property)} (${plain(w.where.file)} ${plain(w.where.path)}): read as written`);
  if (r.warnings.length > WORST) io.out(`  … and ${r.warnings.length - WORST} more warnings in the JSON report`);
  for (const w of written) io.out(`report: ${w}`);
  if (code === 2) io.out('exit 2: the scan is incomplete (use --allow-partial to accept it)');
}

function printTriage(io: Io, r: ScanResult): void {
  const s = r.suppressions;
  if (s) {
    io.out(`suppressions (${plain(s.file)}): ${count(s.suppressed, 'finding')} suppressed, ${count(s.expired.length, 'entry', 'entries')} expired, ${count(s.unused.length, 'entry', 'entries')} unused`);
    for (const e of s.expired) io.out(`  EXPIRED ${plain(e.file)}:${e.line} ${e.policy} ${plain(e.resource)}: expired after ${e.expires}, ${count(e.matched, 'finding')} count again`);
    for (const e of s.unused) io.out(`  UNUSED  ${plain(e.file)}:${e.line} ${e.policy} ${plain(e.resource)}: matched no finding`);
  }
  const b = r.baseline;
  if (b) io.out(`baseline: ${b.counts.new} new, ${b.counts.unchanged} unchanged, ${b.counts.fixed} fixed since ${plain(b.file)} (${b.startedAt})`);
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

import { mostSevere } from './findings.ts';
import type { Finding, ScanResult } from '../scan/result.ts';
import type { BaselineFinding } from '../triage/baseline.ts';
import type { SuppressionEntry } from '../triage/suppressions.ts';
import { mdText } from './text.ts';

/** Rows in each triage table: the JSON and HTML reports list them all. */
export const TRIAGE_ROWS = 10;
const NAME_MAX = 60;
const MESSAGE_MAX = 200;
const TEXT_MAX = 160;

const FINDING_HEAD = ['| severity | policy | cluster | resource | finding |', '|---|---|---|---|---|'];

/** The delta line and the new findings: with a baseline, the summary leads with what changed. */
export function leadWithNew(result: ScanResult, reported: readonly Finding[]): string[] {
  const b = result.baseline;
  if (!b) return [];
  const fresh = reported.filter((f) => f.baseline === 'new');
  const since = `baseline scan of ${mdText(b.startedAt.slice(0, 16).replace('T', ' '))} UTC`;
  const out = [`**Since the baseline: ${fresh.length ? `${fresh.length} new` : 'no new findings'}**, ${b.counts.unchanged} unchanged, ${b.counts.fixed} fixed (${since}).`, ''];
  if (fresh.length) {
    const { kept } = mostSevere(fresh, TRIAGE_ROWS);
    out.push('### New findings', '', ...FINDING_HEAD, ...kept.map(findingRow), ...more(fresh.length, kept.length), '');
  }
  return out;
}

/** Fixed findings, suppressed findings with who accepted them until when, and entries to review. */
export function triageSections(result: ScanResult): string[] {
  const out: string[] = [];
  const fixed = result.baseline?.fixed ?? [];
  if (fixed.length) {
    const shown = fixed.slice(0, TRIAGE_ROWS);
    out.push('### Fixed since the baseline', '', ...FINDING_HEAD, ...shown.map(findingRow), ...more(fixed.length, shown.length), '');
  }
  const suppressed = result.findings.filter((f) => f.suppression);
  if (suppressed.length) {
    const { kept } = mostSevere(suppressed, TRIAGE_ROWS);
    out.push('### Suppressed findings', '', '| severity | policy | cluster | resource | justification | owner | expires |', '|---|---|---|---|---|---|---|');
    for (const f of kept) {
      const e = f.suppression!;
      out.push(`| ${f.severity} | ${mdText(f.policyId)} | ${mdText(f.clusterName, NAME_MAX)} | ${mdText(resourceOf(f), NAME_MAX)} | ${mdText(e.justification, TEXT_MAX)} | ${mdText(e.owner ?? '', NAME_MAX)} | ${e.expires} |`);
    }
    out.push(...more(suppressed.length, kept.length), '');
  }
  const s = result.suppressions;
  if (s && (s.expired.length || s.unused.length)) {
    out.push('### Suppression entries to review', '');
    for (const e of s.expired.slice(0, TRIAGE_ROWS)) out.push(`- **Expired** ${entry(e)}: expired after ${e.expires}; ${e.matched} finding${e.matched === 1 ? '' : 's'} count again.`);
    for (const e of s.unused.slice(0, TRIAGE_ROWS)) out.push(`- **Unused** ${entry(e)}: matched no finding.`);
    const left = Math.max(0, s.expired.length - TRIAGE_ROWS) + Math.max(0, s.unused.length - TRIAGE_ROWS);
    if (left) out.push(`- …and ${left} more in the JSON report.`);
    out.push('');
  }
  return out;
}

function findingRow(f: Finding | BaselineFinding): string {
  return `| ${f.severity} | ${mdText(f.policyId)} | ${mdText(f.clusterName, NAME_MAX)} | ${mdText(resourceOf(f), NAME_MAX)} | ${mdText(f.message, MESSAGE_MAX)} |`;
}

function resourceOf(f: Finding | BaselineFinding): string {
  return f.resourceName && f.resourceName !== f.clusterName ? f.resourceName : '';
}

function entry(e: SuppressionEntry): string {
  return `${mdText(`${e.file}:${e.line}`, NAME_MAX)} ${mdText(e.policy)} ${mdText(e.resource, TEXT_MAX)}`;
}

function more(total: number, shown: number): string[] {
  return total > shown ? ['', `…and ${total - shown} more.`] : [];
}

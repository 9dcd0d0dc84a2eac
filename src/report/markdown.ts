import { SEVERITIES } from '../policy/types.ts';
import { countBySeverity } from '../scan/result.ts';
import { mostSevere, reported } from './findings.ts';
import { FILE_NAMES, type Formatter } from './formats.ts';
import { leadWithNew, triageSections } from './markdown-triage.ts';
import type { Finding } from '../scan/result.ts';
import { mdText } from './text.ts';
import type { ScanWarning } from '../errors.ts';
import { notJudgedText, shownNotices } from './notices.ts';
import { decidedAtApplyLines } from './decided.ts';

/** Rows in the worst-findings table: a step summary or PR comment is read at a glance. */
export const WORST_ROWS = 10;
const NAME_MAX = 60;
const MESSAGE_MAX = 200;
const NOTICE_ROWS = 10;

/**
 * A compact summary for `$GITHUB_STEP_SUMMARY` and PR comments: totals, the worst findings, and
 * where the full report is, without links (the report's location is the runner's, not a URL).
 * Every value from the inventory is escaped so that it renders as text.
 */
export const markdown: Formatter = (result, ctx) => {
  const findings = reported(result.findings);
  const suppressed = result.findings.length - findings.length;
  const sev = countBySeverity(findings);
  const s = result.summary;
  const failedClusters = new Set(findings.map((f) => f.clusterId.toLowerCase())).size;
  const out: string[] = [];

  out.push(`## ${mdText(result.tool.name)}: ${plural(findings.length, 'finding')} in ${failedClusters} of ${plural(s.clusters, 'cluster')}`, '');
  out.push(...leadWithNew(result, findings));
  out.push('| severity | ' + SEVERITIES.join(' | ') + ' | total |', '|---|' + SEVERITIES.map(() => '---:|').join('') + '---:|');
  out.push(`| findings | ${SEVERITIES.map((x) => sev[x]).join(' | ')} | ${findings.length} |`, '');
  const facts = [
    `Clusters: ${s.passed} pass, ${s.failed} fail, ${s.notEvaluated} not fully evaluated.`,
    `Profile ${mdText(result.scan.profile)}; fails on ${mdText(result.scan.failOn)}.`,
    result.errors.length ? `${plural(result.errors.length, 'scan problem')}: the scan is incomplete.` : '',
    suppressed ? `${plural(suppressed, 'suppressed finding')} not counted (listed below).` : '',
  ];
  out.push(facts.filter(Boolean).join(' '), '');
  for (const { notice, shown, more } of shownNotices(result, NOTICE_ROWS)) {
    out.push(`Notice (${mdText(notice.policyId)}): ${mdText(notice.message)}`, '');
    if (shown.length) out.push(...shown.map((e) => `- ${mdText(notJudgedText(e), MESSAGE_MAX)}`), ...(more ? [`- …and ${more} more in the JSON report.`] : []), '');
  }

  if (findings.length) {
    const { kept } = mostSevere(findings, WORST_ROWS);
    out.push('### Worst findings', '', '| severity | policy | cluster | resource | finding |', '|---|---|---|---|---|');
    for (const f of kept) out.push(row(f));
    if (findings.length > kept.length) out.push('', `…and ${findings.length - kept.length} more.`);
    out.push('');
  }
  out.push(...triageSections(result));
  out.push(...warningSection(result.warnings));
  const decided = decidedAtApplyLines(result);
  if (decided.length) out.push('### Decided at apply', '', ...decided.map((d) => `- ${mdText(d.text)}`), '');

  const files = ctx.formats.filter((f) => f !== 'markdown').map((f) => mdText(FILE_NAMES[f]));
  out.push(
    files.length
      ? `Full report: ${files.join(', ')} in the report folder ${mdText(ctx.outDir)} of this run.`
      : 'Full report: add json or html to the scan\'s formats to write one next to this summary.',
    '',
  );
  return out.join('\n');
};

const WARNING_ROWS = 10;

/** Unknown enum-like values: judged as written, but a reader should know the scanner had not seen them. */
function warningSection(warnings: readonly ScanWarning[]): string[] {
  if (!warnings.length) return [];
  const out = ['### Warnings: unknown values', '', `${plural(warnings.length, 'value')} egress-audit does not know, read as written and judged (not errors):`, '', '| value | property | first seen |', '|---|---|---|'];
  for (const w of warnings.slice(0, WARNING_ROWS)) out.push(`| ${mdText(w.value, NAME_MAX)} | ${mdText(`${w.resourceType} ${w.property}`, MESSAGE_MAX)} | ${mdText(`${w.where.file} ${w.where.path}`, MESSAGE_MAX)} |`);
  if (warnings.length > WARNING_ROWS) out.push('', `…and ${warnings.length - WARNING_ROWS} more in the JSON report.`);
  out.push('');
  return out;
}

function row(f: Finding): string {
  const resource = f.terraformAddress ?? (f.resourceName && f.resourceName !== f.clusterName ? f.resourceName : '');
  return `| ${f.severity} | ${mdText(f.policyId)} ${mdText(f.policyName, NAME_MAX)} | ${mdText(f.clusterName, NAME_MAX)} | ${mdText(resource, NAME_MAX)} | ${mdText(f.message, MESSAGE_MAX)} |`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

import path from 'node:path';
import { severityRank } from '../policy/types.ts';
import { reported } from './findings.ts';
import type { Formatter } from './formats.ts';
import type { ClusterResult, Finding, PolicyInfo, ScanResult } from '../scan/result.ts';
import { underRoot } from './paths.ts';
import { xmlAttr, xmlText } from './text.ts';
import { notJudgedText, shownNotices, type ShownNotice } from './notices.ts';

/**
 * JUnit XML for CI test tabs (Azure DevOps PublishTestResults, GitHub test reporters): one
 * testsuite per policy, one testcase per cluster. A cluster with findings of the policy fails; one
 * the scan could not fully evaluate errors; one whose profile turns the policy off, or whose
 * findings of the policy are all suppressed, is skipped.
 */
export const junit: Formatter = (result, ctx) => {
  const byCase = new Map<string, Finding[]>();
  for (const f of reported(result.findings)) {
    const k = caseKey(f.policyId, f.clusterId);
    const list = byCase.get(k);
    if (list) list.push(f);
    else byCase.set(k, [f]);
  }
  const accepted = new Map<string, Finding>();
  for (const f of result.findings) if (f.suppression && !accepted.has(caseKey(f.policyId, f.clusterId))) accepted.set(caseKey(f.policyId, f.clusterId), f);
  const names = caseNames(result.clusters);
  const timestamp = result.scan.startedAt.slice(0, 19);
  const root = ctx.sourceRoot;
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  const notices = new Map(shownNotices(result, MAX_NOTICE_ENTRIES).map((n) => [n.notice.policyId, n]));
  for (const p of policiesOf(result)) {
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases: string[] = [];
    const notice = notices.get(p.id);
    for (const c of result.clusters) {
      counts.tests++;
      const open = `<testcase name="${xmlAttr(names.get(c) ?? c.name)}" classname="${xmlAttr(`${p.id}.${p.name}`)}" time="0"`;
      const findings = byCase.get(caseKey(p.id, c.id));
      if (notice?.notice.kind === 'not-evaluated') {
        // Why is said once, in the suite's system-out.
        counts.skipped++;
        cases.push(`${open}>\n      <skipped message="${xmlAttr(`${p.id}: see the testsuite's system-out`)}"/>\n    </testcase>`);
      } else if (findings) {
        counts.failures++;
        cases.push(`${open}${fileAttrs(findings, root)}>\n      ${failure(findings)}\n    </testcase>`);
      } else if (accepted.has(caseKey(p.id, c.id))) {
        counts.skipped++;
        const e = accepted.get(caseKey(p.id, c.id))!.suppression!;
        cases.push(`${open}>\n      <skipped message="${xmlAttr(`suppressed until ${e.expires}${e.owner ? ` (${e.owner})` : ''}: ${e.justification}`)}"/>\n    </testcase>`);
      } else if (p.disabledIn?.includes(c.profile)) {
        counts.skipped++;
        cases.push(`${open}>\n      <skipped message="${xmlAttr(`${p.id} is off in profile ${c.profile}`)}"/>\n    </testcase>`);
      } else if (c.status === 'incomplete') {
        counts.errors++;
        const reasons = c.incompleteReasons.join('\n');
        cases.push(`${open}>\n      <error message="not fully evaluated" type="incomplete">${xmlText(reasons)}</error>\n    </testcase>`);
      } else if (c.terraform?.decidedAtApply.some((d) => d.policyId === p.id)) {
        // A plan's value known only after apply: neither a pass nor a failure yet.
        counts.skipped++;
        const values = c.terraform.decidedAtApply.filter((d) => d.policyId === p.id).map((d) => `${d.address}.${d.attribute}`);
        cases.push(`${open}>\n      <skipped message="${xmlAttr(`decided at apply: ${values.join(', ')}`)}"/>\n    </testcase>`);
      } else {
        cases.push(`${open}/>`);
      }
    }
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += counts[k];
    suites.push(
      `  <testsuite name="${xmlAttr(`${p.id} ${p.name}: ${p.title}`)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0" timestamp="${timestamp}">` +
        (cases.length ? `\n    ${cases.join('\n    ')}` : '') +
        (notice ? `\n    <system-out>${xmlText(noticeText(notice))}</system-out>` : '') +
        '\n  </testsuite>',
    );
  }
  const time = Math.max(0, (Date.parse(result.scan.finishedAt) - Date.parse(result.scan.startedAt)) / 1000);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(result.tool.name)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${Number.isFinite(time) ? time : 0}" timestamp="${timestamp}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

const MAX_NOTICE_ENTRIES = 100;

function noticeText({ notice, shown, more }: ShownNotice): string {
  return [notice.message, ...shown.map((e) => `Not judged: ${notJudgedText(e)}`), ...(more ? [`… and ${more} more in the JSON report.`] : [])].join('\n');
}

const caseKey = (policyId: string, clusterId: string): string => `${policyId}\0${clusterId.toLowerCase()}`;

/** Policies of the result, plus any a finding names that the result does not list. */
function policiesOf(result: ScanResult): PolicyInfo[] {
  const known = new Set(result.policies.map((p) => p.id));
  const extra = new Map<string, PolicyInfo>();
  for (const f of result.findings) {
    if (!known.has(f.policyId) && !extra.has(f.policyId)) {
      extra.set(f.policyId, { id: f.policyId, name: f.policyName, title: f.title, severity: f.severity, description: '', rationale: '', helpUri: '', tags: [], remediation: '' });
    }
  }
  return [...result.policies, ...extra.values()];
}

/** "name (resource group)", with the subscription added where that still leaves two alike. */
function caseNames(clusters: readonly ClusterResult[]): Map<ClusterResult, string> {
  const short = (c: ClusterResult): string => `${c.name} (${c.resourceGroup})`;
  const seen = new Map<string, number>();
  for (const c of clusters) seen.set(short(c).toLowerCase(), (seen.get(short(c).toLowerCase()) ?? 0) + 1);
  return new Map(
    clusters.map((c) => [c, (seen.get(short(c).toLowerCase()) ?? 0) > 1 ? `${c.name} (${c.resourceGroup}, subscription ${c.subscriptionId})` : short(c)]),
  );
}

/** `file` and `line` of the first finding, which GitHub test reporters turn into annotations. */
function fileAttrs(findings: readonly Finding[], root: string): string {
  const loc = findings.find((f) => f.location)?.location;
  if (!loc) return '';
  const file = underRoot(root, loc.file) ?? path.resolve(loc.file);
  return ` file="${xmlAttr(file)}" line="${loc.line}"`;
}

function failure(findings: readonly Finding[]): string {
  const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
  const body = findings.map((f) =>
    [
      `[${f.severity}] ${f.message}`,
      `Remediation: ${f.remediation.text}`,
      f.remediation.command ? `Command: ${f.remediation.command}` : '',
      `Resource: ${f.resourceId}${f.path ? ` (${f.path})` : ''}`,
      f.location ? `Location: ${f.location.file}:${f.location.line}:${f.location.column}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return `<failure message="${xmlAttr(`${worst.message}${more}`)}" type="${worst.severity}">${xmlText(body.join('\n\n'))}</failure>`;
}

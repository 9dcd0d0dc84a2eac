import { SEVERITIES, type Severity } from '../../policy/types.ts';
import type { ScanResult } from '../../scan/result.ts';
import { clip, LIMITS } from './payload.ts';
import { decidedView, type DecidedView } from './decided-view.ts';
import { buildStaticView, type StaticView } from './static-view.ts';
import { triageView, type TriageView } from './triage-view.ts';
import { notJudgedText, shownNotices } from '../notices.ts';

/** Everything the page template shows besides the tables; all strings are escaped by Handlebars. */
export interface PageView {
  title: string;
  tool: { name: string; version: string; informationUri: string };
  scan: {
    started: string;
    startedIso: string;
    duration: string;
    source: string;
    inputs: string[];
    moreInputs: number;
    profile: string;
    failOn: string;
    subscriptions: number;
  };
  totals: {
    clusters: string;
    findings: string;
    passed: string;
    failed: string;
    incomplete: string;
    errors: string;
    incompleteAny: boolean;
    statusBar: Bar[];
  };
  severities: { key: Severity; label: string; count: string }[];
  severityChart: Chart;
  policyChart: Chart;
  outboundChart: Chart;
  filters: {
    policies: Option[];
    subscriptions: Option[];
    outboundTypes: Option[];
  };
  triage: TriageView;
  warnings: { shown: WarningRow[]; more: number; total: number };
  decided: DecidedView;
  tables: StaticView;
  notices: { policyId: string; title: string; message: string; entries: string[]; more: number }[];
}

export interface WarningRow {
  value: string;
  property: string;
  where: string;
  occurrences: string;
}

const MAX_WARNINGS_SHOWN = 50;

export interface Option {
  value: string;
  label: string;
}

export interface Bar {
  label: string;
  title: string;
  count: string;
  cls: string;
  x: number;
  y: number;
  width: number;
  textY: number;
  valueX: number;
}

export interface Chart {
  width: number;
  height: number;
  labelWidth: number;
  trackWidth: number;
  barHeight: number;
  bars: Bar[];
  empty: boolean;
  summary: string;
}

const MAX_INPUTS_SHOWN = 5;
const MAX_NOTICE_ENTRIES = 50;
const MAX_POLICY_BARS = 12;
const CHART_WIDTH = 460;
const ROW = 28;
const BAR = 18;

const nf = new Intl.NumberFormat('en-US');
const fmt = (n: number): string => nf.format(n);

const LABELS: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

/** First strong isolate … pop directional isolate: where no element can isolate text (`<option>`, SVG text, tooltips). */
export const isolate = (s: string): string => `\u2068${s}\u2069`;

export function buildView(result: ScanResult): PageView {
  const { scan, summary } = result;
  const started = new Date(scan.startedAt);
  const ms = Math.max(0, new Date(scan.finishedAt).getTime() - started.getTime());
  const subscriptions = countBy(result.clusters.map((c) => c.subscriptionId));
  const outbound = countBy(result.clusters.map((c) => c.outboundType));

  const perPolicy = new Map<string, { title: string; severity: Severity; count: number }>();
  for (const p of result.policies) perPolicy.set(p.id, { title: p.title, severity: p.severity, count: 0 });
  for (const f of result.findings) {
    if (f.suppression) continue;
    const entry = perPolicy.get(f.policyId);
    if (entry) entry.count++;
    else perPolicy.set(f.policyId, { title: f.title, severity: f.severity, count: 1 });
  }
  const ranked = [...perPolicy.entries()].filter(([, v]) => v.count > 0).sort((a, b) => b[1].count - a[1].count || cmp(a[0], b[0]));
  const policyBars = ranked.slice(0, MAX_POLICY_BARS).map(([id, v]) => ({ label: id, title: v.title, count: v.count, cls: `sev-${v.severity}` }));
  const rest = ranked.slice(MAX_POLICY_BARS);
  if (rest.length) {
    policyBars.push({ label: `${rest.length} more`, title: rest.map(([id]) => id).join(', '), count: rest.reduce((n, [, v]) => n + v.count, 0), cls: 'other' });
  }

  return {
    title: `${result.tool.name} report`,
    tool: result.tool,
    scan: {
      started: Number.isNaN(started.getTime()) ? scan.startedAt : `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      startedIso: scan.startedAt,
      duration: ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`,
      source: scan.source === 'arg' ? 'Azure Resource Graph (live)' : 'Exported inventory files',
      inputs: scan.inputs.slice(0, MAX_INPUTS_SHOWN).map((i) => clip(i, LIMITS.id)),
      moreInputs: Math.max(0, scan.inputs.length - MAX_INPUTS_SHOWN),
      profile: clip(scan.profile, LIMITS.name),
      failOn: scan.failOn,
      subscriptions: subscriptions.size,
    },
    totals: {
      clusters: fmt(summary.clusters),
      findings: fmt(summary.findings),
      passed: fmt(summary.passed),
      failed: fmt(summary.failed),
      incomplete: fmt(summary.notEvaluated),
      errors: fmt(result.errors.length),
      incompleteAny: summary.notEvaluated > 0 || result.errors.length > 0,
      statusBar: statusBar(summary.passed, summary.failed, summary.notEvaluated),
    },
    severities: SEVERITIES.map((s) => ({ key: s, label: LABELS[s], count: fmt(summary.bySeverity[s]) })),
    severityChart: barChart(
      SEVERITIES.map((s) => ({ label: LABELS[s], title: `${LABELS[s]} severity`, count: summary.bySeverity[s], cls: `sev-${s}` })),
      `Findings by severity: ${SEVERITIES.map((s) => `${summary.bySeverity[s]} ${s}`).join(', ')}`,
    ),
    outboundChart: barChart(
      [...outbound.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([type, n]) => ({ label: type, title: type, count: n, cls: 'accent' })),
      `Clusters by outbound type: ${[...outbound.entries()].map(([type, n]) => `${type} ${n}`).join(', ') || 'none'}`,
      190,
    ),
    policyChart: barChart(policyBars, `Findings by policy: ${ranked.map(([id, v]) => `${id} ${v.count}`).join(', ') || 'none'}`),
    filters: {
      policies: [...perPolicy.entries()].sort((a, b) => cmp(a[0], b[0])).map(([id, v]) => ({ value: clip(id, LIMITS.name), label: isolate(clip(`${id} · ${v.title}`, LIMITS.name)) })),
      subscriptions: options(subscriptions),
      outboundTypes: options(outbound),
    },
    triage: triageView(result),
    warnings: {
      shown: result.warnings.slice(0, MAX_WARNINGS_SHOWN).map((w) => ({
        value: clip(w.value, LIMITS.name),
        property: clip(`${w.resourceType} ${w.property}`, LIMITS.text),
        where: clip(`${w.where.file} ${w.where.path}`, LIMITS.text),
        occurrences: fmt(w.occurrences),
      })),
      more: Math.max(0, result.warnings.length - MAX_WARNINGS_SHOWN),
      total: result.warnings.length,
    },
    decided: decidedView(result),
    tables: buildStaticView(result),
    notices: shownNotices(result, MAX_NOTICE_ENTRIES).map(({ notice, shown, more }) => ({
      policyId: notice.policyId,
      title: notice.kind === 'not-evaluated' ? 'not evaluated' : 'not judged everywhere',
      message: clip(notice.message, LIMITS.text),
      entries: shown.map((e) => clip(notJudgedText(e), LIMITS.text)),
      more,
    })),
  };
}

function barChart(items: { label: string; title: string; count: number; cls: string }[], summary: string, labelWidth = 96): Chart {
  const countWidth = 56;
  const max = Math.max(1, ...items.map((i) => i.count));
  const span = CHART_WIDTH - labelWidth - countWidth;
  const bars = items.map((item, n) => ({
    label: isolate(clip(item.label, Math.floor(labelWidth / 7))),
    title: `${isolate(clip(item.title, LIMITS.text))}: ${fmt(item.count)}`,
    count: fmt(item.count),
    cls: item.cls,
    x: labelWidth,
    y: n * ROW + (ROW - BAR) / 2,
    // A non-zero count keeps a sliver of a bar so it never reads as zero.
    width: item.count === 0 ? 0 : Math.max(2, Math.round((item.count / max) * span)),
    textY: n * ROW + ROW / 2,
    valueX: labelWidth + span + 8,
  }));
  return { width: CHART_WIDTH, height: Math.max(ROW, items.length * ROW), labelWidth, trackWidth: span, barHeight: BAR, bars, empty: items.every((i) => i.count === 0), summary: clip(summary, LIMITS.text) };
}

function statusBar(passed: number, failed: number, incomplete: number): Bar[] {
  const total = passed + failed + incomplete;
  if (total === 0) return [];
  let x = 0;
  const parts: Bar[] = [];
  for (const [label, count, cls] of [['pass', passed, 'st-pass'], ['fail', failed, 'st-fail'], ['incomplete', incomplete, 'st-incomplete']] as const) {
    if (!count) continue;
    const width = (count / total) * 100;
    parts.push({ label, title: `${fmt(count)} ${label}`, count: fmt(count), cls, x, y: 0, width, textY: 0, valueX: 0 });
    x += width;
  }
  return parts;
}

function countBy(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function options(counts: Map<string, number>): Option[] {
  return [...counts.entries()]
    .sort((a, b) => cmp(a[0].toLowerCase(), b[0].toLowerCase()))
    .map(([value, n]) => ({ value: clip(value, LIMITS.name), label: `${isolate(clip(value, 80))} (${fmt(n)})` }));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

import type { Severity } from '../../policy/types.ts';
import type { ScanResult } from '../../scan/result.ts';
import { clip, LIMITS } from './payload.ts';

const nf = new Intl.NumberFormat('en-US');
const fmt = (n: number): string => nf.format(n);

/** The delta against a baseline and the suppressions' bookkeeping, when the scan had them. */
export interface TriageView {
  any: boolean;
  baseline: {
    file: string;
    started: string;
    new: string;
    unchanged: string;
    fixed: string;
    fixedList: { policyId: string; title: string; severity: Severity; cluster: string; resource: string; resourceId: string; message: string }[];
    moreFixed: number;
  } | null;
  suppressions: {
    file: string;
    suppressed: string;
    expired: EntryView[];
    unused: EntryView[];
    more: number;
  } | null;
}

export interface EntryView {
  policy: string;
  resource: string;
  justification: string;
  expires: string;
  owner: string;
  ticket: string;
  where: string;
  matched: string;
}
const MAX_TRIAGE_ROWS = 100;

export function triageView(result: ScanResult): TriageView {
  const b = result.baseline;
  const sup = result.suppressions;
  const entry = (e: NonNullable<ScanResult['suppressions']>['unused'][number] & { matched?: number }): EntryView => ({
    policy: clip(e.policy, LIMITS.name),
    resource: clip(e.resource, LIMITS.id),
    justification: clip(e.justification, LIMITS.text),
    expires: e.expires,
    owner: clip(e.owner ?? '', LIMITS.name),
    // Only web links become anchors: a ticket is data, not a place to send a click to.
    ticket: e.ticket && /^https?:\/\//i.test(e.ticket) ? clip(e.ticket, LIMITS.id) : '',
    where: clip(`${e.file}:${e.line}`, LIMITS.id),
    matched: e.matched === undefined ? '' : fmt(e.matched),
  });
  const expired = sup ? sup.expired.slice(0, MAX_TRIAGE_ROWS).map(entry) : [];
  const unused = sup ? sup.unused.slice(0, MAX_TRIAGE_ROWS).map(entry) : [];
  return {
    any: Boolean(b || sup),
    baseline: b
      ? {
          file: clip(b.file, LIMITS.id),
          started: b.startedAt.slice(0, 16).replace('T', ' '),
          new: fmt(b.counts.new),
          unchanged: fmt(b.counts.unchanged),
          fixed: fmt(b.counts.fixed),
          fixedList: b.fixed.slice(0, MAX_TRIAGE_ROWS).map((f) => ({
            policyId: clip(f.policyId, LIMITS.name),
            title: clip(f.title, LIMITS.text),
            severity: f.severity,
            cluster: clip(f.clusterName, LIMITS.name),
            resource: clip(f.resourceName, LIMITS.name),
            resourceId: clip(f.resourceId, LIMITS.id),
            message: clip(f.message, LIMITS.text),
          })),
          moreFixed: Math.max(0, b.fixed.length - MAX_TRIAGE_ROWS),
        }
      : null,
    suppressions: sup
      ? { file: clip(sup.file, LIMITS.id), suppressed: fmt(sup.suppressed), expired, unused, more: Math.max(0, sup.expired.length + sup.unused.length - expired.length - unused.length) }
      : null,
  };
}

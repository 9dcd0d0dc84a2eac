import type { ScanResult } from '../scan/result.ts';
import type { NotJudged, ScanNotice } from '../scan/notices.ts';

/** A notice as a report shows it: the first `max` entries it lists, and how many more there are. */
export interface ShownNotice {
  notice: ScanNotice;
  shown: NotJudged[];
  more: number;
}

export function shownNotices(result: ScanResult, max: number): ShownNotice[] {
  return (result.notices ?? []).map((notice) => ({
    notice,
    shown: notice.notJudged.slice(0, max),
    more: notice.notJudged.length - Math.min(notice.notJudged.length, max) + notice.moreNotJudged,
  }));
}

/** One entry as plain text: `cluster aks-1: subnet /subscriptions/...: the reason`. */
export function notJudgedText(e: NotJudged): string {
  const what = e.resourceId.toLowerCase() === e.clusterId.toLowerCase() ? '' : ` ${e.resourceId}`;
  return `cluster ${e.clusterName}${what}: ${e.reason}`;
}

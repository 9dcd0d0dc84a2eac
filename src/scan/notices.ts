import type { ClusterFacts } from '../inventory/facts/types.ts';
import type { EffectivePolicy } from '../policy/evaluate.ts';

/**
 * A scan-level statement about a policy that could not look at everything: said once per scan in
 * every report, never a finding, never an incomplete scan, never a change of exit code.
 */
export interface ScanNotice {
  policyId: string;
  /** not-evaluated: the policy ran on nothing; not-judged: it skipped the subjects listed. */
  kind: 'not-evaluated' | 'not-judged';
  message: string;
  notJudged: NotJudged[];
  /** Entries past the listed ones (reports stay bounded). */
  moreNotJudged: number;
}

export interface NotJudged {
  clusterId: string;
  clusterName: string;
  resourceId: string;
  reason: string;
}

const MAX_LISTED = 1000;

/**
 * Collects, cluster by cluster, what the permission policies (EG023: they judge the cluster
 * identity's role assignments) could not judge. Their data is optional: an inventory without role
 * assignments is a scan without that check, not a broken scan.
 */
export class NoticeCollector {
  private readonly hasAssignments: boolean;
  private readonly skipped = new Map<string, { list: NotJudged[]; more: number }>();
  private readonly seen = new Set<string>();

  constructor(hasAssignments: boolean) {
    this.hasAssignments = hasAssignments;
  }

  note(c: ClusterFacts, active: readonly EffectivePolicy[]): void {
    for (const { policy } of active) {
      if (policy.subject !== 'permission') continue;
      this.seen.add(policy.id);
      if (!this.hasAssignments || c.vnetMode !== 'byo') continue;
      const add = (resourceId: string, reason: string): void => {
        let entry = this.skipped.get(policy.id);
        if (!entry) this.skipped.set(policy.id, (entry = { list: [], more: 0 }));
        if (entry.list.length < MAX_LISTED) entry.list.push({ clusterId: c.id, clusterName: c.name, resourceId, reason });
        else entry.more++;
      };
      if (c.identity.notJudgedReason) add(c.id, c.identity.notJudgedReason);
      else for (const p of c.identity.permissions) if (!p.judged) add(p.id, p.notJudgedReason ?? 'not judged');
    }
  }

  /** The policies of `active` this scan evaluates: without role assignments, not the permission policies. */
  evaluated(active: readonly EffectivePolicy[]): EffectivePolicy[] {
    return this.hasAssignments ? [...active] : active.filter((a) => a.policy.subject !== 'permission');
  }

  notices(): ScanNotice[] {
    const out: ScanNotice[] = [];
    for (const id of [...this.seen].sort()) {
      if (!this.hasAssignments) {
        out.push({
          policyId: id,
          kind: 'not-evaluated',
          message: `${id} was not evaluated: the inventory holds no role assignment (microsoft.authorization/roleassignments rows of Azure Resource Graph's authorizationresources table), so the cluster identities' network permissions could not be checked. Scan live with read access to role assignments, or export them with the other rows.`,
          notJudged: [],
          moreNotJudged: 0,
        });
        continue;
      }
      const entry = this.skipped.get(id);
      if (!entry) continue;
      const total = entry.list.length + entry.more;
      out.push({
        policyId: id,
        kind: 'not-judged',
        message: `${id} did not judge ${total} resource(s) or cluster(s): the inventory cannot show what their identity is granted (listed with the reason).`,
        notJudged: entry.list,
        moreNotJudged: entry.more,
      });
    }
    return out;
  }
}

import { createHash } from 'node:crypto';
import { firewallCapacity } from '../inventory/facts/firewall.ts';
import type { ClusterFacts } from '../inventory/facts/types.ts';
import type { SourceRef } from '../inventory/model.ts';
import type { CompiledPolicy } from './load.ts';
import type { Profile } from './profiles.ts';
import type { Params, Severity, SubjectKind } from './types.ts';

/** What a failed check says, in every report: the policy, the cluster, the offending resource and property. */
export interface FindingCore {
  policyId: string;
  policyName: string;
  title: string;
  severity: Severity;
  clusterId: string;
  clusterName: string;
  subscriptionId: string;
  resourceId: string;
  resourceName: string;
  path: string;
  message: string;
  remediation: { text: string; command?: string };
  fingerprint: string;
}

/** One failed check, before its place in the input file is resolved to a line. */
export interface RawFinding extends FindingCore {
  source: SourceRef | null;
  /** Property segments below `source` where the offending value stands (or would stand). */
  sourceProperty: string[];
  /** Why the policy's templates could not be rendered for this finding (the texts are then stand-ins). */
  templateError?: string;
}

export interface EvaluationDoc {
  params: Params;
  cluster: ClusterFacts;
  [subject: string]: unknown;
}

function subjects(kind: SubjectKind, cluster: ClusterFacts, params: Params): EvaluationDoc[] {
  switch (kind) {
    case 'cluster':
      return [{ params, cluster }];
    case 'pool':
      return cluster.pools.map((pool) => ({ params, cluster, pool }));
    case 'natGateway':
      return cluster.natGateways.map((natGateway) => ({ params, cluster, natGateway }));
    case 'egressIp':
      return cluster.egressIps.map((egressIp) => ({ params, cluster, egressIp }));
    case 'subnet':
      return cluster.subnets.map((subnet) => ({ params, cluster, subnet }));
    case 'permission':
      return cluster.identity.permissions.map((permission) => ({ params, cluster, permission }));
    case 'firewall':
      return cluster.firewalls.map((fw) => ({ params, cluster, firewall: { ...fw, ...firewallCapacity(fw, params.firewallInstances) } }));
  }
}

type Located = { id: string; name: string; source: SourceRef | null };

/** The offending resource the policy names (`pool.subnet` is the pool's subnet); the subject itself when that is absent. */
function offending(policy: CompiledPolicy, doc: EvaluationDoc): Located {
  const [head, tail] = policy.resource.split('.') as [string, string | undefined];
  const base = doc[head] as Located & Record<string, unknown>;
  const obj = tail ? (base[tail] as Located | null) : base;
  return obj ?? base;
}

/**
 * A finding's identity across scans: policy, cluster, offending resource and property. The
 * cluster is part of it because one resource (a shared egress IP, EG017/EG021) can be the
 * offending resource of several clusters' findings, which must stay apart (new vs unchanged,
 * one code scanning alert each). IDs compare case-insensitively, as ARM does.
 */
export function fingerprint(f: { policyId: string; clusterId: string; resourceId: string; path: string }): string {
  return createHash('sha256').update(`${f.policyId}\0${f.clusterId.toLowerCase()}\0${f.resourceId.toLowerCase()}\0${f.path}`).digest('hex').slice(0, 32);
}

export interface EffectivePolicy {
  policy: CompiledPolicy;
  severity: Severity;
}

/** The policies a profile turns on, with its severity overrides. */
export function effectivePolicies(policies: readonly CompiledPolicy[], profile: Profile): EffectivePolicy[] {
  return policies
    .filter((p) => profile.policies[p.id]?.enabled !== false)
    .map((p) => ({ policy: p, severity: profile.policies[p.id]?.severity ?? p.severity }));
}

/** How many of a cluster's subjects a policy applies to (its match holds), findings or not. */
export function applicableSubjects(cluster: ClusterFacts, policy: CompiledPolicy, params: Params): number {
  return subjects(policy.subject, cluster, params).filter((doc) => !policy.matchFn || policy.matchFn(doc)).length;
}

/** Evaluates the effective policies over one cluster's facts. */
export function evaluateCluster(cluster: ClusterFacts, active: readonly EffectivePolicy[], params: Params): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { policy, severity } of active) {
    for (const doc of subjects(policy.subject, cluster, params)) {
      if (policy.matchFn && !policy.matchFn(doc)) continue;
      if (policy.assertFn(doc)) continue;
      const res = offending(policy, doc);
      const property = policy.property ? policy.property.split('.') : [];
      const path = policy.property;
      findings.push({
        policyId: policy.id,
        policyName: policy.name,
        title: policy.title,
        severity,
        clusterId: cluster.id,
        clusterName: cluster.name,
        subscriptionId: cluster.subscriptionId,
        resourceId: res.id,
        resourceName: res.name,
        path,
        ...texts(policy, doc),
        fingerprint: fingerprint({ policyId: policy.id, clusterId: cluster.id, resourceId: res.id, path }),
        source: res.source,
        sourceProperty: property,
      });
    }
  }
  return findings;
}

/**
 * A template can still fail on data (a strict-mode lookup of a missing field, a helper throwing):
 * the finding stays, with stand-in texts, and the failure is the policy's error, not the scan's end.
 */
function texts(policy: CompiledPolicy, doc: EvaluationDoc): Pick<RawFinding, 'message' | 'remediation' | 'templateError'> {
  try {
    return { message: bounded(policy.messageFn(doc).trim()), remediation: remediation(policy, doc) };
  } catch (err) {
    return {
      message: `${policy.title} (policy ${policy.id} failed to render its message; see the scan's errors)`,
      remediation: { text: `See the remediation of policy ${policy.id} in ${policy.file}.` },
      templateError: bounded(err instanceof Error ? err.message : String(err)),
    };
  }
}

function remediation(policy: CompiledPolicy, doc: EvaluationDoc): RawFinding['remediation'] {
  const text = bounded(policy.remediationFn(doc).trim());
  const command = policy.commandFn?.(doc).trim();
  // A command cut short would do something else: past the bound it is left out.
  return command && command.length <= MAX_TEXT ? { text, command } : { text };
}

/**
 * Longest message, remediation or command a finding carries. Templates may list facts that grow
 * with the inventory (clusters sharing an IP, pool names), and every report must stay bounded.
 */
const MAX_TEXT = 8000;

function bounded(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)`;
}

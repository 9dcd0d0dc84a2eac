import type { ClusterFacts } from '../inventory/facts/types.ts';
import type { PlannedResource, TerraformPlans } from '../inventory/sources/terraform/index.ts';
import type { LocateRequest } from '../json/locate/locate.ts';
import { fingerprint } from '../policy/evaluate.ts';
import type { ClusterResult, Finding } from './result.ts';

/** A cluster's Terraform address and the policies its plan leaves to apply time. */
export function clusterPlanFields(plans: TerraformPlans, c: ClusterFacts, active: readonly { policy: { id: string } }[]): Pick<ClusterResult, 'terraform'> {
  const ids = new Set(active.map((a) => a.policy.id));
  return { terraform: { address: plans.addressOf(c.id) ?? null, decidedAtApply: plans.decidedAtApply(c, ids) } };
}

/**
 * Names the Terraform address on a finding (the offending resource's, else its cluster's) and
 * fingerprints it by address: the Azure ID of a resource not yet created is not known, and an
 * address stays the same from one plan to the next.
 */
export function findingPlanFields(plans: TerraformPlans, f: Finding): Finding {
  const address = plannedOf(plans, f)?.address;
  if (!address) return f;
  return { ...f, terraformAddress: address, fingerprint: planFingerprint(plans, f, address) };
}

/** A plan finding's identity: cluster and resource by their Terraform addresses where they have one. */
export function planFingerprint(plans: TerraformPlans, f: Pick<Finding, 'policyId' | 'clusterId' | 'resourceId' | 'path'>, address = plans.addressOf(f.resourceId) ?? plans.addressOf(f.clusterId)): string {
  return fingerprint({ ...f, clusterId: plans.addressOf(f.clusterId) ?? f.clusterId, resourceId: address ?? f.resourceId });
}

const plannedOf = (plans: TerraformPlans, f: Finding): PlannedResource | undefined => plans.planned(f.resourceId) ?? plans.planned(f.clusterId);

/**
 * Where a finding is in its plan file: the resource's planned values. Its ARM property is spelled
 * in azurerm terms there (and a default node pool has no row of its own), so no deeper place.
 */
export function planPlace(plans: TerraformPlans, f: Finding): LocateRequest | null {
  const place = plannedOf(plans, f)?.place;
  return place ? { source: place, property: [] } : null;
}

/** Marks each finding new unless the same finding (by fingerprint) was there in the prior state. */
export function markIntroduced(findings: readonly Finding[], before: readonly Finding[]): Finding[] {
  const prior = new Set(before.map((f) => f.fingerprint));
  return findings.map((f) => ({ ...f, baseline: prior.has(f.fingerprint) ? 'unchanged' : 'new' }));
}

/**
 * Points each finding with a Terraform address at its resource block in the `.tf` files when they
 * are under the source root; the others keep their place in the plan file.
 */
export function placeInConfiguration(findings: Finding[], plans: TerraformPlans, sourceRoot: string): void {
  for (const f of findings) {
    const planned = plannedOf(plans, f);
    const block = planned ? plans.blockOf(planned, sourceRoot) : null;
    if (block) f.location = block;
  }
}

import type { ProfileAssignment } from '../config/assign.ts';
import type { ScanError } from '../errors.ts';
import { eachFacts } from '../inventory/facts/facts.ts';
import type { ClusterFacts } from '../inventory/facts/types.ts';
import { key } from '../inventory/model.ts';
import type { LoadedInventory } from '../inventory/sources/source.ts';
import { BackgroundLocator, Locator, type LocateRequest } from '../json/locate/locate.ts';
import { effectivePolicies, evaluateCluster } from '../policy/evaluate.ts';
import type { CompiledPolicy } from '../policy/load.ts';
import type { Severity } from '../policy/types.ts';
import { TOOL } from '../tool.ts';
import { NoticeCollector } from './notices.ts';
import { countBySeverity, sortFindings, type ClusterResult, type Finding, type ScanResult } from './result.ts';
import type { Baseline } from '../triage/baseline.ts';
import { utcDay, type SuppressionSet } from '../triage/suppressions.ts';
import { triage } from '../triage/triage.ts';
import { clusterPlanFields, findingPlanFields, markIntroduced, placeInConfiguration, planPlace } from './terraform.ts';

export interface EvaluateOptions {
  source: 'fixtures' | 'arg';
  policies: readonly CompiledPolicy[];
  profiles: ProfileAssignment;
  failOn: Severity | 'none';
  startedAt: Date;
  suppressions?: SuppressionSet;
  baseline?: Baseline;
  /** The repository root: a Terraform plan's findings point at their `.tf` blocks found under it. */
  sourceRoot?: string;
}

/** Facts → policies → the result model every report is rendered from. */
export function evaluate(loaded: LoadedInventory, opts: EvaluateOptions): ScanResult {
  // With row indexes (large inputs), findings are located on a second thread as they are made.
  const background = loaded.rowIndex ? new BackgroundLocator(loaded.files, loaded.rowIndex) : null;
  const findings: Finding[] = [];
  const places: (LocateRequest | null)[] = [];
  const clusters: ClusterResult[] = [];
  const users = new ErrorUsers(loaded.errors);
  const activeByProfile = new Map<string, ReturnType<typeof effectivePolicies>>();
  const failedTemplates = new Map<string, { error: string; clusters: Set<string>; findings: number }>();
  const notices = new NoticeCollector(loaded.inventory.roleAssignments.size > 0);

  // One cluster's facts at a time: each is garbage once evaluated, so memory holds the inventory
  // and the results, not every cluster's facts.
  for (const c of eachFacts(loaded.inventory)) {
    const { profile, reason } = opts.profiles.profileFor(c);
    let active = activeByProfile.get(profile.name);
    if (!active) activeByProfile.set(profile.name, (active = effectivePolicies(opts.policies, profile)));
    const raw = evaluateCluster(c, active, profile.params);
    for (const { source, sourceProperty, templateError, ...rest } of raw) {
      if (templateError !== undefined) {
        let failed = failedTemplates.get(rest.policyId);
        if (!failed) failedTemplates.set(rest.policyId, (failed = { error: templateError, clusters: new Set(), findings: 0 }));
        failed.clusters.add(c.id);
        failed.findings++;
      }
      const finding = loaded.terraform ? findingPlanFields(loaded.terraform, { ...rest, location: null }) : { ...rest, location: null };
      findings.push(finding);
      places.push((loaded.terraform && planPlace(loaded.terraform, finding)) ?? (source ? { source, property: sourceProperty } : null));
    }
    background?.submit(places);
    users.note(c);
    notices.note(c, active);
    const incomplete = c.incompleteReasons.length > 0;
    clusters.push({
      id: c.id,
      name: c.name,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      location: c.location,
      profile: profile.name,
      profileReason: reason,
      outboundType: c.outboundType,
      vnetMode: c.vnetMode,
      zones: c.zones,
      kubernetesVersion: c.kubernetesVersion,
      apiServer: c.apiServer.private ? 'private' : c.apiServer.vnetIntegration ? 'vnet-integration' : 'public',
      status: incomplete ? 'incomplete' : raw.length ? 'fail' : 'pass',
      findings: raw.length,
      missing: c.missing,
      incompleteReasons: c.incompleteReasons,
      ...(loaded.terraform ? clusterPlanFields(loaded.terraform, c, notices.evaluated(active)) : {}),
    });
  }
  // Locations are resolved all at once (or in large batches): one pass per file instead of one per finding.
  const regions = background ? background.finish(places) : new Locator(loaded.files).locateAll(places);
  regions.forEach((region, i) => {
    const source = places[i]?.source;
    if (source && region) (findings[i] as Finding).location = { file: source.file, ...region };
  });
  if (loaded.terraform && opts.sourceRoot) placeInConfiguration(findings, loaded.terraform, opts.sourceRoot);
  sortFindings(findings);
  const errors = [...users.attach(loaded.errors), ...policyErrors(failedTemplates, opts.policies)];
  const bySeverity = countBySeverity(findings);
  const result: ScanResult = {
    version: 1,
    tool: TOOL,
    scan: {
      source: opts.source,
      inputs: loaded.inputs,
      startedAt: opts.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      profile: [...activeByProfile.keys()].join(','),
      failOn: opts.failOn,
    },
    summary: {
      clusters: clusters.length,
      passed: clusters.filter((c) => c.status === 'pass').length,
      failed: clusters.filter((c) => c.status === 'fail').length,
      findings: findings.length,
      bySeverity,
      notEvaluated: clusters.filter((c) => c.status === 'incomplete').length,
    },
    clusters,
    findings,
    errors,
    warnings: loaded.warnings,
    notices: notices.notices(),
    policies: opts.policies.map((p) => ({
      id: p.id,
      name: p.name,
      title: p.title,
      severity: p.severity,
      description: p.description,
      rationale: p.rationale,
      helpUri: p.helpUri,
      tags: p.tags,
      remediation: p.remediation.text,
      ...(p.remediation.command ? { remediationCommand: p.remediation.command } : {}),
      docs: p.docs ?? [],
      disabledIn: [...activeByProfile].filter(([, active]) => !active.some((a) => a.policy.id === p.id)).map(([name]) => name),
    })),
  };
  const prior = !opts.baseline && loaded.terraform ? loaded.terraform.prior() : null;
  if (loaded.terraform && !opts.baseline) {
    // A plan is its own baseline: what its prior state already had is not new.
    const before = prior ? evaluate({ ...loaded, ...prior, terraform: undefined, files: new Map(), rowIndex: null }, opts).findings.map((f) => findingPlanFields(loaded.terraform!, f)) : [];
    result.findings = markIntroduced(result.findings, before);
  }
  return triage(result, { suppressions: opts.suppressions, baseline: opts.baseline, today: utcDay(opts.startedAt) });
}

/** One error per policy whose templates failed to render, naming the policy, its file and the clusters. */
function policyErrors(failed: Map<string, { error: string; clusters: Set<string>; findings: number }>, policies: readonly CompiledPolicy[]): ScanError[] {
  return [...failed].sort(([a], [b]) => a.localeCompare(b)).map(([id, f]) => ({
    code: 'policy-failed',
    message: `policy ${id} (${policies.find((p) => p.id === id)?.file ?? id}): its message or remediation could not be rendered for ${f.findings} finding(s): ${f.error}`,
    clusters: [...f.clusters].sort(),
  }));
}

/**
 * Names, on each error about a resource, the clusters that resource leaves incomplete. Clusters
 * are noted as they are evaluated, and only the resources errors name are tracked.
 */
class ErrorUsers {
  private readonly wanted: Set<string>;
  private readonly users = new Map<string, Set<string>>();

  constructor(errors: readonly ScanError[]) {
    this.wanted = new Set(errors.flatMap((e) => (e.resourceId ? [key(e.resourceId)] : [])));
  }

  note(c: ClusterFacts): void {
    if (!this.wanted.size) return;
    const use = (id: string | null): void => {
      if (!id || !this.wanted.has(key(id))) return;
      let set = this.users.get(key(id));
      if (!set) this.users.set(key(id), (set = new Set()));
      set.add(c.id);
    };
    use(c.id);
    for (const p of c.pools) use(p.id);
    for (const s of c.subnets) {
      use(s.id);
      use(s.routeTableId);
      use(s.natGatewayId);
    }
    for (const g of c.natGateways) use(g.id);
    for (const f of c.firewalls) use(f.id);
    for (const p of c.identity.permissions) use(p.id);
    for (const e of c.egressIps) use(e.id);
  }

  attach(errors: ScanError[]): ScanError[] {
    return errors.map((e) => {
      const touched = e.resourceId ? this.users.get(key(e.resourceId)) : undefined;
      return touched ? { ...e, clusters: [...touched].sort() } : e;
    });
  }
}

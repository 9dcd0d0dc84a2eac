import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanError } from './errors.ts';
import { eachFacts } from './inventory/facts.ts';
import { asManifest, manifestErrors } from './inventory/arg/manifest.ts';
import type { ClusterFacts } from './inventory/facts-types.ts';
import { Locator, RowIndex, type LocateRequest } from './inventory/locate.ts';
import { key, type Inventory } from './inventory/model.ts';
import { InventoryBuilder } from './inventory/normalize.ts';
import { collectFiles, readDocument } from './inventory/read.ts';
import { extractRows } from './inventory/shapes.ts';
import { TerraformPlans } from './inventory/sources/terraform/index.ts';
import { effectivePolicies, evaluateCluster } from './policy/evaluate.ts';
import type { CompiledPolicy } from './policy/load.ts';
import type { Profile } from './policy/profiles.ts';
import { severityRank, type Severity } from './policy/types.ts';
import type { ClusterResult, Finding, ScanResult } from './report/model.ts';
import type { Baseline } from './policy/baseline.ts';
import { utcDay, type SuppressionSet } from './policy/suppressions.ts';
import { triage } from './scan/triage.ts';
import { clusterPlanFields, findingPlanFields, markIntroduced } from './scan/terraform.ts';

const pkg = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage?: string;
};
export const TOOL = { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? 'https://github.com/egress-audit/egress-audit' };

export interface LoadedInventory {
  inventory: Inventory;
  errors: ScanError[];
  inputs: string[];
  /** Display path → absolute path of every file read, for resolving finding locations. */
  files: Map<string, string>;
  skipped: string[];
  /** Where the rows of large inputs start, indexed on a second thread while the scan runs. */
  rowIndex?: RowIndex | null;
  /** Set when an input is a Terraform plan or state. */
  terraform?: TerraformPlans;
}

/**
 * Reads exported fixtures (files or folders) into the inventory. Throws InputError on unreadable input.
 * An `egress-audit export` manifest is not inventory: the scopes it says failed are reported again,
 * so an offline scan of a partial export is as incomplete as the live scan was.
 */
export async function loadFixtures(inputs: readonly string[]): Promise<LoadedInventory> {
  const { files, skipped } = await collectFiles(inputs);
  const rowIndex = RowIndex.start(files.map((f) => path.resolve(f)));
  const builder = new InventoryBuilder();
  const shown = new Map<string, string>();
  const exportErrors: ScanError[] = [];
  const plans = new TerraformPlans();
  let planRead = false;
  try {
    for (const f of files) {
      // One file at a time: its parsed tree is garbage as soon as its rows are normalized.
      const doc = await readDocument(f);
      const manifest = asManifest(doc.value);
      if (manifest) {
        exportErrors.push(...manifestErrors(manifest));
        continue;
      }
      shown.set(doc.file, doc.absPath);
      const planRows = plans.rows(doc);
      planRead ||= planRows !== null;
      for (const row of planRows ?? extractRows(doc)) builder.add(row);
    }
  } catch (err) {
    rowIndex?.close();
    throw err;
  }
  const { inventory, errors } = builder.finish();
  return { inventory, errors: [...exportErrors, ...errors], inputs: [...inputs], files: shown, skipped, rowIndex, ...(planRead ? { terraform: plans } : {}) };
}

/** How the profile of each cluster is chosen; the configuration file supplies richer rules. */
export interface ProfileAssignment {
  profileFor(cluster: ClusterFacts): { profile: Profile; reason: string };
}

export function singleProfile(profile: Profile, reason: string): ProfileAssignment {
  return { profileFor: () => ({ profile, reason }) };
}

export interface EvaluateOptions {
  source: 'fixtures' | 'arg';
  policies: readonly CompiledPolicy[];
  profiles: ProfileAssignment;
  failOn: Severity | 'none';
  startedAt: Date;
  suppressions?: SuppressionSet;
  baseline?: Baseline;
}

/** Facts → policies → the result model every report is rendered from. */
export function evaluate(loaded: LoadedInventory, opts: EvaluateOptions): ScanResult {
  const locator = new Locator(loaded.files, loaded.rowIndex ?? null);
  const findings: Finding[] = [];
  const places: (LocateRequest | null)[] = [];
  const clusters: ClusterResult[] = [];
  const users = new ErrorUsers(loaded.errors);
  const activeByProfile = new Map<string, ReturnType<typeof effectivePolicies>>();

  // One cluster's facts at a time: each is garbage once evaluated, so memory holds the inventory
  // and the results, not every cluster's facts.
  for (const c of eachFacts(loaded.inventory)) {
    const { profile, reason } = opts.profiles.profileFor(c);
    let active = activeByProfile.get(profile.name);
    if (!active) activeByProfile.set(profile.name, (active = effectivePolicies(opts.policies, profile)));
    const raw = evaluateCluster(c, active, profile.params);
    for (const { source, sourceProperty, ...rest } of raw) {
      findings.push(loaded.terraform ? findingPlanFields(loaded.terraform, { ...rest, location: null }) : { ...rest, location: null });
      places.push(source ? { source, property: sourceProperty } : null);
    }
    users.note(c);
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
      ...(loaded.terraform ? clusterPlanFields(loaded.terraform, c, active) : {}),
    });
  }
  // Locations are resolved all at once: one pass per file instead of one per finding.
  locator.locateAll(places).forEach((region, i) => {
    const source = places[i]?.source;
    if (source && region) (findings[i] as Finding).location = { file: source.file, ...region };
  });
  sortFindings(findings);
  const errors = users.attach(loaded.errors);
  const bySeverity: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
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

const SEVERITY_ORDER = (s: Severity): number => -severityRank(s);

/** Most severe first, then policy, cluster, resource and path: stable across runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER(a.severity) - SEVERITY_ORDER(b.severity) ||
    cmp(a.policyId, b.policyId) ||
    cmp(a.clusterId.toLowerCase(), b.clusterId.toLowerCase()) ||
    cmp(a.resourceId.toLowerCase(), b.resourceId.toLowerCase()) ||
    cmp(a.path, b.path)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts in compareFindings' order, lower-casing each ID once rather than on every comparison. */
function sortFindings(findings: Finding[]): void {
  const keyed = findings.map((f) => ({ f, cluster: f.clusterId.toLowerCase(), resource: f.resourceId.toLowerCase() }));
  keyed.sort(
    (a, b) =>
      SEVERITY_ORDER(a.f.severity) - SEVERITY_ORDER(b.f.severity) ||
      cmp(a.f.policyId, b.f.policyId) ||
      cmp(a.cluster, b.cluster) ||
      cmp(a.resource, b.resource) ||
      cmp(a.f.path, b.f.path),
  );
  keyed.forEach((k, i) => (findings[i] = k.f));
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
    for (const e of c.egressIps) use(e.id);
  }

  attach(errors: ScanError[]): ScanError[] {
    return errors.map((e) => {
      const touched = e.resourceId ? this.users.get(key(e.resourceId)) : undefined;
      return touched ? { ...e, clusters: [...touched].sort() } : e;
    });
  }
}

/**
 * 0 clean; 1 a finding at or above failOn (suppressed findings never count; with onlyNew, only
 * findings the baseline did not have); 2 an incomplete scan (unless allowPartial).
 */
export function exitCode(result: ScanResult, allowPartial: boolean, onlyNew = false): 0 | 1 | 2 {
  if (!allowPartial && (result.summary.notEvaluated > 0 || result.errors.length > 0)) return 2;
  const failOn = result.scan.failOn;
  if (failOn === 'none') return 0;
  const counts = (f: Finding): boolean => !f.suppression && (!onlyNew || f.baseline === 'new');
  return result.findings.some((f) => counts(f) && severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { vmAndDisk } from './arm-other.ts';
import { buildCluster } from './cluster.ts';
import { SubscriptionContext } from './context.ts';
import { AddressPool } from './ids.ts';
import { planSubscription, type Archetype, type Defect } from './plan.ts';
import { Rng, seedFor } from './prng.ts';
import type { Sub } from './rows.ts';
import { hubNetwork, roleAssignments } from './hub.ts';
import { unrelatedNetwork } from './unrelated.ts';

/** Bump when the output for a given seed changes, so that cached estates are regenerated. */
export const GENERATOR_VERSION = 2;
export const CLUSTERS_PER_SUBSCRIPTION = 50;

const LOCATIONS: readonly (readonly [string, number])[] = [
  ['westeurope', 30],
  ['northeurope', 15],
  ['eastus2', 20],
  ['eastus', 10],
  ['westus3', 10],
  ['uksouth', 8],
  ['swedencentral', 7],
];
const ENVIRONMENTS: readonly (readonly [string, number])[] = [
  ['prod', 40],
  ['stg', 20],
  ['dev', 30],
  ['test', 10],
];

export interface SubscriptionFile {
  fileName: string;
  subscriptionId: string;
  clusters: number;
  archetypes: Partial<Record<Archetype, number>>;
  defects: Partial<Record<Defect, number>>;
  rows: object[];
}

/**
 * One subscription of the estate. Each subscription has its own random stream, so subscription k
 * is the same whatever the estate's size: the first 20 files of a 50,000-cluster estate are the
 * 1,000-cluster estate of the same seed.
 */
export function generateSubscription(seed: string, index: number, clusters: number, unrelated = 0): SubscriptionFile {
  const tenant = new Rng(seedFor(seed, 'tenant'));
  const tenantId = tenant.guid();
  const rng = new Rng(seedFor(seed, 'subscription', index));
  const sub: Sub = { index, id: rng.guid(), tenantId, location: rng.weighted(LOCATIONS), env: rng.weighted(ENVIRONMENTS), addresses: new AddressPool(index) };
  const ctx = new SubscriptionContext(sub, rng);
  const plans = planSubscription(rng, clusters, index === 0);
  for (const plan of plans) buildCluster(ctx, plan);
  const vms = rng.int(3, 8);
  for (let i = 0; i < vms; i++) {
    for (const row of vmAndDisk(sub, `rg-tools-${sub.env}`, `vm-${sub.env}-agent-${String(i + 1).padStart(2, '0')}`, rng, { environment: sub.env, managedBy: 'terraform' })) ctx.emit(row);
  }
  // Their own random streams, so that these rows and the knob leave every other row as it was.
  const hub = new Rng(seedFor(seed, 'hub', index));
  for (const row of [...hubNetwork(sub, ctx.rows(), hub), ...roleAssignments(sub, ctx.rows(), hub)]) ctx.emit(row);
  for (const row of unrelatedNetwork(sub, unrelated, new Rng(seedFor(seed, 'unrelated', index)))) ctx.emit(row);
  const archetypes: SubscriptionFile['archetypes'] = {};
  const defects: SubscriptionFile['defects'] = {};
  for (const p of plans) {
    archetypes[p.archetype] = (archetypes[p.archetype] ?? 0) + 1;
    for (const d of p.defects) defects[d] = (defects[d] ?? 0) + 1;
  }
  return { fileName: `sub-${String(index).padStart(4, '0')}-${sub.id}.json`, subscriptionId: sub.id, clusters, archetypes, defects, rows: ctx.rows() };
}

/** The file as `az graph query` writes it: pretty-printed, every page fetched. */
export function render(file: SubscriptionFile): string {
  return `${JSON.stringify({ count: file.rows.length, data: file.rows, skip_token: null, total_records: file.rows.length }, null, 2)}\n`;
}

export const subscriptionCount = (clusters: number): number => Math.ceil(clusters / CLUSTERS_PER_SUBSCRIPTION);

export const clustersIn = (clusters: number, index: number): number => Math.min(CLUSTERS_PER_SUBSCRIPTION, clusters - index * CLUSTERS_PER_SUBSCRIPTION);

export interface EstateSummary {
  clusters: number;
  subscriptions: number;
  rows: number;
  bytes: number;
  files: string[];
  archetypes: Partial<Record<Archetype, number>>;
  defects: Partial<Record<Defect, number>>;
}

/**
 * Writes the estate into `out`, one file per subscription, one file in memory at a time;
 * `unrelated` network resources no cluster uses are added to each subscription.
 */
export async function writeEstate(clusters: number, seed: string, out: string, progress?: (done: number, total: number) => void, unrelated = 0): Promise<EstateSummary> {
  await mkdir(out, { recursive: true });
  const total = subscriptionCount(clusters);
  const summary: EstateSummary = { clusters, subscriptions: total, rows: 0, bytes: 0, files: [], archetypes: {}, defects: {} };
  for (let i = 0; i < total; i++) {
    const file = generateSubscription(seed, i, clustersIn(clusters, i), unrelated);
    const text = render(file);
    const target = path.join(out, file.fileName);
    await writeFile(target, text);
    summary.files.push(target);
    summary.rows += file.rows.length;
    summary.bytes += Buffer.byteLength(text);
    for (const [k, n] of Object.entries(file.archetypes) as [Archetype, number][]) summary.archetypes[k] = (summary.archetypes[k] ?? 0) + n;
    for (const [k, n] of Object.entries(file.defects) as [Defect, number][]) summary.defects[k] = (summary.defects[k] ?? 0) + n;
    progress?.(i + 1, total);
  }
  return summary;
}

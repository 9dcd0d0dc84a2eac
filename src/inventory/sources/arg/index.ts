import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { LoadedInventory } from '../source.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import { display } from '../../../json/read.ts';
import { ArgClient } from './client.ts';
import { CLOUD_ENDPOINTS, type CloudName } from './clouds.ts';
import { collect, type ArgScope, type NetworkStrategy } from './collect.ts';
import type { ArgEvent } from './events.ts';
import { MANIFEST_MARKER, type ExportManifest } from './manifest.ts';
import { CLUSTER_QUERY, NETWORK_QUERY_TEMPLATE, TYPED_NETWORK_QUERY } from './queries.ts';
import { followUpQueries } from './followups.ts';
import { countTypes, layoutSnapshot, writeSnapshot, type SnapshotFile } from './snapshot.ts';
import type { Clock, RetryPolicy } from './throttle.ts';

export type { ArgScope } from './collect.ts';
export type { ArgEvent } from './events.ts';

export interface ArgSourceOptions {
  scope: ArgScope;
  cloud: CloudName;
  credential: TokenCredential;
  /** Overrides the cloud's ARM endpoint (air-gapped and custom clouds; the test emulator). */
  armEndpoint?: string;
  /** Overrides the cloud's ARM token scope. */
  tokenScope?: string;
  /** Extra trusted CA certificates (PEM) for the ARM endpoint. */
  ca?: string | string[];
  tool: { name: string; version: string };
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  pageSize?: number;
  subscriptionBatch?: number;
  maxQueryChars?: number;
  network?: NetworkStrategy;
  onEvent?: (e: ArgEvent) => void;
}

export interface ArgSnapshot {
  files: SnapshotFile[];
  manifest: ExportManifest;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** IDs ARG sent twice with different bodies (both rows are in the files). */
  conflicts: string[];
}

/** Reads the scope from Azure Resource Graph into the export layout (nothing written yet). */
export async function fetchArgSnapshot(opts: ArgSourceOptions): Promise<ArgSnapshot> {
  const cloud = CLOUD_ENDPOINTS[opts.cloud];
  const armEndpoint = opts.armEndpoint ?? cloud.armEndpoint;
  const client = new ArgClient({
    credential: opts.credential,
    endpoint: armEndpoint,
    tokenScope: opts.tokenScope ?? cloud.armScope,
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  const createdAt = new Date().toISOString();
  const got = await collect(client, opts);
  const files = layoutSnapshot(got.rows);
  const manifest: ExportManifest = {
    [MANIFEST_MARKER]: 1,
    tool: { name: opts.tool.name, version: opts.tool.version },
    createdAt,
    cloud: cloud.name,
    armEndpoint,
    scope: { tenant: opts.scope.tenantId ?? null, subscriptions: opts.scope.subscriptions, managementGroups: opts.scope.managementGroups },
    queries: [
      { purpose: 'clusters', text: CLUSTER_QUERY, requests: got.queries.find((q) => q.purpose === 'clusters')?.requests ?? 0 },
      { purpose: 'network-typed', text: TYPED_NETWORK_QUERY, requests: got.queries.find((q) => q.purpose === 'network-typed')?.requests ?? 0 },
      { purpose: 'network', text: NETWORK_QUERY_TEMPLATE, requests: got.queries.find((q) => q.purpose === 'network')?.requests ?? 0 },
      ...followUpQueries(got.queries),
    ],
    files: files.map((f) => ({ file: f.name, subscriptionId: f.subscriptionId, rows: f.rows.length })),
    counts: countTypes(got.rows),
    errors: got.errors,
  };
  return { files, manifest, requests: client.requests, conflicts: got.conflicts };
}

export { writeSnapshot };

/**
 * The live source of `scan --source arg`: fetches, optionally writes the snapshot, and feeds the
 * rows to the same normalizer as exported files. With a snapshot, every row's source is its place
 * in the snapshot file (so findings point at lines in files that can be committed); without one,
 * the source is `arg://<subscriptionId>.json`, the file an export would write, with no lines.
 */
export async function loadArg(opts: ArgSourceOptions & { snapshotDir?: string }): Promise<LoadedInventory & { snapshot: ArgSnapshot; written: string[] }> {
  const snapshot = await fetchArgSnapshot(opts);
  const written = opts.snapshotDir ? await writeSnapshot(opts.snapshotDir, snapshot.files, snapshot.manifest) : [];
  const builder = new InventoryBuilder();
  const files = new Map<string, string>();
  for (const f of snapshot.files) {
    const abs = opts.snapshotDir ? path.resolve(opts.snapshotDir, f.name) : null;
    const shown = abs ? display(abs) : `arg://${f.name}`;
    if (abs) files.set(shown, abs);
    f.rows.forEach((value, i) => builder.add({ value, source: { file: shown, path: [i] } }));
  }
  const { inventory, errors, warnings } = builder.finish();
  return {
    inventory,
    errors: [...snapshot.manifest.errors, ...errors],
    warnings,
    inputs: describeScope(opts.scope),
    files,
    skipped: [],
    snapshot,
    written,
  };
}

export function describeScope(scope: ArgScope): string[] {
  const out = [...scope.subscriptions.map((s) => `arg:subscription/${s}`), ...scope.managementGroups.map((m) => `arg:managementGroup/${m}`)];
  return out.length ? out : [scope.tenantId ? `arg:tenant/${scope.tenantId}` : 'arg:tenant'];
}

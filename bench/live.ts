import { readdirSync, readFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RESOURCES_PATH, startArgEmulator } from '../test/arg-emulator/server.ts';
import { CLUSTERS_PER_SUBSCRIPTION } from '../scripts/gen/estate.ts';
import { unrelatedFor } from '../scripts/gen/unrelated.ts';
import { measure } from './measure.ts';
import type { LiveResult } from './table.ts';

const CLIENT = { tenantId: '72f988bf-0000-4000-8000-00000000beef', clientId: '0f0f0f0f-0000-4000-8000-00000000beef', clientSecret: 'bench-only-not-a-secret' };
const GUARD = 'test/arg-emulator/loopback-guard.mjs';
/** ARG's documented per-user quota: 15 requests per 5-second window. */
const QUOTA = { limit: 15, windowMs: 5000 };

/**
 * The fewest requests the rows a scan needs can take: one per 1,000 rows, plus one partly filled
 * page per batch of 200 subscriptions (what clusters reference is only known once they are read,
 * so at least two queries, and their last pages are rarely full).
 */
export function requestFloor(neededRows: number, subscriptions: number): number {
  return Math.ceil(neededRows / 1000) + Math.ceil(subscriptions / 200);
}

/**
 * A live scan of the first `clusters` clusters of the estate, served by the local ARG emulator
 * (real HTTPS, ARG's quota enforced), through the real CLI with the environment credential whose
 * authority is the emulator's loopback token endpoint. Nothing leaves the machine: the loopback
 * guard refuses any other host.
 */
export async function liveRow(root: string, estateDir: string, clusters: number, formats: string[], unrelated = 0): Promise<LiveResult> {
  const files = readdirSync(estateDir).filter((f) => f.endsWith('.json')).sort().slice(0, Math.ceil(clusters / CLUSTERS_PER_SUBSCRIPTION));
  const rows: Record<string, unknown>[] = [];
  const subs: string[] = [];
  for (const [index, f] of files.entries()) {
    const doc = JSON.parse(readFileSync(path.join(estateDir, f), 'utf8')) as { data: Record<string, unknown>[] };
    rows.push(...doc.data);
    const first = doc.data[0] ?? {};
    subs.push(String(first['subscriptionId']));
    // The generator's knob, applied here so that one cached estate serves both shapes.
    for (const r of unrelatedFor(first, index, unrelated, 'bench')) rows.push(r as Record<string, unknown>);
  }
  const work = await mkdtemp(path.join(tmpdir(), 'egress-bench-live-'));
  const emu = await startArgEmulator({ dir: work, rows, clients: [CLIENT], quota: QUOTA });
  // What ARG sends back: counted on the emulator's side of the wire.
  let received = 0;
  let fetched = 0;
  const end = ServerResponse.prototype.end;
  ServerResponse.prototype.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && this.req?.url?.toLowerCase().startsWith(RESOURCES_PATH.toLowerCase())) {
      received += Buffer.byteLength(chunk);
      fetched += Number(/"count":(\d+)/.exec(chunk.slice(0, 200))?.[1] ?? 0);
    }
    return end.call(this, chunk as never, ...(rest as [never]));
  } as typeof end;
  try {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(AZURE_|MSI_|IDENTITY_|HTTPS?_PROXY$|ALL_PROXY$|NO_PROXY$|NODE_TLS_|NODE_OPTIONS$)/i.test(k)) env[k] = v;
    Object.assign(env, {
      NODE_EXTRA_CA_CERTS: emu.caFile,
      NODE_OPTIONS: `--import=${path.join(root, GUARD)}`,
      NO_PROXY: '127.0.0.1,localhost',
      AZURE_AUTHORITY_HOST: emu.url,
      AZURE_TENANT_ID: CLIENT.tenantId,
      AZURE_CLIENT_ID: CLIENT.clientId,
      AZURE_CLIENT_SECRET: CLIENT.clientSecret,
    });
    const args = ['bin/egress-audit.js', 'scan', '--source', 'arg', '--subscription', subs.join(','), '--credential', 'environment', '--arm-endpoint', emu.url];
    const snapshot = path.join(work, 'snapshot');
    const run = await measure([...args, '--format', formats.join(','), '--out', path.join(work, 'reports'), '--snapshot', snapshot, '--fail-on', 'none', '--allow-partial', '--quiet'], root, env);
    if (run.code !== 0) throw new Error(`live scan exited ${run.code}:\n${run.stderr.slice(-3000)}`);
    const requests = emu.log.filter((l) => l.body);
    const sent = requests.reduce((n, l) => n + Buffer.byteLength(JSON.stringify(l.body)), 0);
    const manifest = JSON.parse(readFileSync(path.join(snapshot, 'manifest.json'), 'utf8')) as { files: { rows: number }[] };
    const needed = manifest.files.reduce((n, f) => n + f.rows, 0);
    return {
      clusters,
      subscriptions: subs.length,
      unrelated: unrelated * subs.length,
      rows: fetched,
      needed,
      requests: requests.length,
      minimumRequests: requestFloor(needed, subs.length),
      throttled: requests.filter((l) => l.status === 429).length,
      bytes: received,
      sentBytes: sent,
      wallMs: run.wallMs,
      maxRssKb: run.maxRssKb,
    };
  } finally {
    ServerResponse.prototype.end = end;
    await emu.close();
    await rm(work, { recursive: true, force: true });
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Row = Record<string, unknown>;

/** What the emulated tenant holds: ARG rows (every column), its subscriptions and management groups. */
export interface TenantData {
  rows: Row[];
  subscriptions: Set<string>;
  /** Management group → its subscriptions (lower-cased). */
  managementGroups: Map<string, Set<string>>;
}

interface TenantFile {
  subscriptions?: string[];
  managementGroups?: Record<string, string[]>;
}

/**
 * Reads fixture folders: every `*.json` is an array of ARG rows, except `tenant.json`, which names
 * extra subscriptions (ones with no resources) and the management groups.
 */
export function loadTenant(folders: readonly string[], extraRows: readonly Row[] = [], extra: TenantFile = {}): TenantData {
  const data: TenantData = { rows: [], subscriptions: new Set(), managementGroups: new Map() };
  const addTenant = (t: TenantFile): void => {
    for (const s of t.subscriptions ?? []) data.subscriptions.add(s.toLowerCase());
    for (const [mg, subs] of Object.entries(t.managementGroups ?? {})) {
      const set = data.managementGroups.get(mg.toLowerCase()) ?? new Set<string>();
      for (const s of subs) set.add(s.toLowerCase());
      data.managementGroups.set(mg.toLowerCase(), set);
    }
  };
  for (const dir of folders) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json')) continue;
      const value = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown;
      if (f === 'tenant.json') addTenant(value as TenantFile);
      else if (Array.isArray(value)) data.rows.push(...(value as Row[]));
      else throw new Error(`${path.join(dir, f)}: expected an array of ARG rows`);
    }
  }
  // One by one: a spread of a large estate overflows the stack.
  for (const r of extraRows) data.rows.push(r);
  addTenant(extra);
  for (const r of data.rows) {
    if (typeof r['subscriptionId'] !== 'string') throw new Error(`row ${String(r['id'])} has no subscriptionId`);
    data.subscriptions.add(r['subscriptionId'].toLowerCase());
  }
  return data;
}

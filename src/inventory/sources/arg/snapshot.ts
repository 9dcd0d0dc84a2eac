import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../../errors.ts';
import { writeFileSet } from '../../../json/write.ts';
import { isObject } from '../../normalize/fields.ts';
import { key } from '../../model.ts';
import type { Row } from './collect.ts';
import { asManifest, MANIFEST_FILE, type ExportManifest } from './manifest.ts';
import { subscriptionOfId } from './queries.ts';

/** One subscription's rows as an export file holds them. */
export interface SnapshotFile {
  /** File name inside the export folder: `<subscriptionId>.json`. */
  name: string;
  subscriptionId: string;
  /** The file's exact text: rows sorted by ID, keys sorted, two-space indent. */
  text: string;
  /** The rows as parsed back from `text`, so that a live scan reads exactly what an offline one will. */
  rows: Row[];
}

/**
 * Lays rows out the way an export stores them: one file per subscription, rows ordered by ID and
 * keys sorted so that re-exporting an unchanged tenant gives byte-identical files (diff-friendly
 * when committed).
 */
export function layoutSnapshot(rows: readonly Row[]): SnapshotFile[] {
  const bySub = new Map<string, Row[]>();
  for (const r of rows) {
    const sub = subscriptionOf(r);
    let list = bySub.get(sub);
    if (!list) bySub.set(sub, (list = []));
    list.push(r);
  }
  return [...bySub.keys()].sort().map((sub) => {
    const sorted = [...bySub.get(sub)!].sort((a, b) => compareIds(idOf(a), idOf(b)));
    const text = `${JSON.stringify(sorted, sortedKeys, 2)}\n`;
    return { name: `${sub}.json`, subscriptionId: sub, text, rows: JSON.parse(text) as Row[] };
  });
}

/** Subscription IDs become file names, so only plain ones are used as such. */
const SAFE_NAME = /^[A-Za-z0-9-]+$/;

function subscriptionOf(r: Row): string {
  const col = r['subscriptionId'];
  const sub = typeof col === 'string' && col !== '' ? col : subscriptionOfId(idOf(r));
  return sub && SAFE_NAME.test(sub) ? sub.toLowerCase() : 'no-subscription';
}

function idOf(r: Row): string {
  return typeof r['id'] === 'string' ? r['id'] : '';
}

function compareIds(a: string, b: string): number {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys(_k: string, v: unknown): unknown {
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: v[k], enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Writes the files and then the manifest, each atomically. Files a previous export in this folder
 * listed and this one does not are removed (a subscription that is gone must not be scanned
 * again); nothing else in the folder is touched.
 */
export async function writeSnapshot(dir: string, files: readonly SnapshotFile[], manifest: ExportManifest): Promise<string[]> {
  const previous = await readManifest(dir);
  try {
    // File-set write (issue 13): the files and the manifest are one unit, and files the previous
    // manifest listed that this export lacks go in the same step (writeFileSet removes only
    // names the new set does not have).
    const listed = (previous?.files ?? []).map((f) => f.file).filter((f): f is string => typeof f === 'string');
    const gone = listed.filter((f) => SAFE_NAME.test(f.replace(/\.json$/, '')) && f.endsWith('.json') && f !== MANIFEST_FILE);
    await writeFileSet(dir, [...files.map((f) => ({ name: f.name, content: f.text })), { name: MANIFEST_FILE, content: `${JSON.stringify(manifest, null, 2)}\n` }], gone);
    // End of the file-set write.
  } catch (err) {
    throw new InputError(`${dir}: cannot write the export: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return [...files.map((f) => path.join(dir, f.name)), path.join(dir, MANIFEST_FILE)];
}

async function readManifest(dir: string): Promise<ExportManifest | null> {
  try {
    return asManifest(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  } catch {
    return null;
  }
}

/** Rows per resource type (ARG's lower-cased type), for the manifest. */
export function countTypes(rows: readonly Row[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const t = typeof r['type'] === 'string' ? r['type'].toLowerCase() : '(no type)';
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

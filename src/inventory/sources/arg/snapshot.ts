import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../../errors.ts';
import { writeFileSet } from '../../../json/write.ts';
import { isObject } from '../../normalize/fields.ts';
import { key } from '../../model.ts';
import type { Row } from './collect.ts';
import { asManifest, MANIFEST_FILE, type ExportManifest } from './manifest.ts';
import { cmp } from './pager.ts';
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
 * again), except the last good file of a subscription this export could not read: that one stays,
 * marked in the manifest with the time it was exported. Nothing else in the folder is touched.
 * Returns the paths written, the manifest last; `manifest.files` gains the kept files.
 */
export async function writeSnapshot(dir: string, files: readonly SnapshotFile[], manifest: ExportManifest): Promise<string[]> {
  const previous = await readManifest(dir);
  const kept = await lastGoodFiles(dir, previous, files, manifest.errors);
  const written: ExportManifest = { ...manifest, files: [...manifest.files, ...kept].sort((a, b) => cmp(a.file, b.file)) };
  try {
    // File-set write (issue 13): this export's files, the files kept from the last good export
    // and the manifest are one unit, and files the previous manifest listed that this one lacks
    // go in the same step (writeFileSet removes only names the new set does not have).
    const keptFiles = await Promise.all(kept.map(async (k) => ({ name: k.file, content: await readFile(path.join(dir, k.file), 'utf8') })));
    const gone = (previous?.files ?? []).map((f) => f.file).filter((f): f is string => typeof f === 'string' && isExportFile(f));
    await writeFileSet(dir, [...files.map((f) => ({ name: f.name, content: f.text })), ...keptFiles, { name: MANIFEST_FILE, content: `${JSON.stringify(written, null, 2)}\n` }], gone);
    // End of the file-set write.
  } catch (err) {
    throw new InputError(`${dir}: cannot write the export: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  manifest.files = written.files;
  return [...files.map((f) => path.join(dir, f.name)), path.join(dir, MANIFEST_FILE)];
}

type ManifestFile = ExportManifest['files'][number];

/**
 * The previous export's files that stand in for scopes this export failed to read: a subscription
 * that failed with nothing read keeps its file; when a management group or the tenant failed, any
 * subscription it may have held does (which ones it held cannot be known without reading it).
 */
async function lastGoodFiles(dir: string, previous: ExportManifest | null, files: readonly SnapshotFile[], errors: ExportManifest['errors']): Promise<ManifestFile[]> {
  if (!previous || !Array.isArray(previous.files)) return [];
  const failed = errors.filter((e) => e.code === 'scope-failed');
  if (!failed.length) return [];
  const failedSubs = new Set(failed.flatMap((e) => (e.resourceId ? [subscriptionOfId(e.resourceId)] : [])).filter((x) => x !== null));
  const wide = failed.some((e) => !e.resourceId || !/^\/subscriptions\/[^/]+$/i.test(e.resourceId));
  const fresh = new Set(files.map((f) => f.name));
  const out: ManifestFile[] = [];
  for (const old of previous.files) {
    if (!isObject(old) || typeof old.file !== 'string' || typeof old.subscriptionId !== 'string' || !isExportFile(old.file) || fresh.has(old.file)) continue;
    if (!wide && !failedSubs.has(old.subscriptionId.toLowerCase())) continue;
    if (!(await isFile(path.join(dir, old.file)))) continue;
    const keptFrom = typeof old.keptFrom === 'string' ? old.keptFrom : previous.createdAt;
    out.push({ file: old.file, subscriptionId: old.subscriptionId, rows: old.rows, keptFrom });
  }
  return out;
}

function isExportFile(name: string): boolean {
  return name.endsWith('.json') && name !== MANIFEST_FILE && SAFE_NAME.test(name.replace(/\.json$/, ''));
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isFile();
  } catch {
    return false;
  }
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

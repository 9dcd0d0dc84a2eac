import type { ScanError } from '../../../errors.ts';
import type { QueryKind } from './pager.ts';
import { isObject } from '../../normalize/fields.ts';

/** The marker key that tells an export's manifest from inventory files in the same folder. */
export const MANIFEST_MARKER = 'egressAuditExport';
export const MANIFEST_FILE = 'manifest.json';

/** `manifest.json` of an export: how, when and from where the rows were fetched, and what failed. */
export interface ExportManifest {
  [MANIFEST_MARKER]: 1;
  tool: { name: string; version: string };
  createdAt: string;
  cloud: string;
  armEndpoint: string;
  scope: { tenant: string | null; subscriptions: string[]; managementGroups: string[] };
  queries: { purpose: QueryKind; text: string; requests: number }[];
  /** `keptFrom`: a subscription this export could not read; its file is the last good one, exported then. */
  files: { file: string; subscriptionId: string; rows: number; keptFrom?: string }[];
  counts: Record<string, number>;
  /** Scopes that could not be read: an offline scan of the export reports them again. */
  errors: ScanError[];
}

/** The manifest in a parsed document, or null when the document is inventory. */
export function asManifest(value: unknown): ExportManifest | null {
  if (!isObject(value) || value[MANIFEST_MARKER] !== 1) return null;
  return value as unknown as ExportManifest;
}

/** The scope errors a manifest carries, kept to the fields a report error has. */
export function manifestErrors(m: ExportManifest): ScanError[] {
  if (!Array.isArray(m.errors)) return [];
  return m.errors
    .filter((e): e is ScanError => isObject(e) && typeof e['code'] === 'string' && typeof e['message'] === 'string')
    .map((e) => ({ code: e.code, message: e.message, ...(typeof e.resourceId === 'string' ? { resourceId: e.resourceId } : {}) }));
}

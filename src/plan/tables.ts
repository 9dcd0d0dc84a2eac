import { MANAGED_NAT_GATEWAY_TYPES, OUTBOUND_TYPES, type OutboundType, type VnetMode } from '../inventory/facts/azure.ts';
import migrations from './migrations.json' with { type: 'json' };

/**
 * The AKS documentation's migration tables, read from migrations.json: the article, its date and
 * every cell are data, so a change in Azure's documentation is a change of that file.
 */
type Cell = 'S' | '-' | 'n/a';

export interface MigrationConflict {
  vnet: VnetMode;
  from: OutboundType;
  to: OutboundType;
  /** The table's cell, or null when the table has no entry for the path. */
  table: Cell | null;
  earlier?: { date: string; cell: Cell };
  text: string;
}

export interface TargetInfo {
  outboundType: OutboundType;
  /** The NAT gateway SKU the target asks for (`--outbound-type-sku`). */
  sku?: string;
  label?: string;
  /** A preview target: the az CLI extension it needs. */
  preview?: { extension: string };
}

interface MigrationData {
  source: { title: string; url: string; repository: string; date: string; read: string };
  cli: { minimumVersion: string };
  targets: Record<OutboundType, TargetInfo>;
  tables: Record<VnetMode, { title: string; rows: Partial<Record<OutboundType, Partial<Record<OutboundType, Cell>>>> }>;
  conflicts: MigrationConflict[];
}

export const MIGRATIONS_FILE = new URL('./migrations.json', import.meta.url);

/** Checks what the planner relies on, so that a bad edit of the data file fails at once with its place. */
export function checkMigrationData(data: unknown): MigrationData {
  const d = data as MigrationData;
  const problems: string[] = [];
  const known = new Set<string>(OUTBOUND_TYPES);
  for (const t of OUTBOUND_TYPES) if (!d.targets?.[t]?.outboundType || !known.has(d.targets[t].outboundType)) problems.push(`targets.${t}: no known outboundType`);
  for (const mode of ['managed', 'byo'] as const) {
    for (const [from, row] of Object.entries(d.tables?.[mode]?.rows ?? {})) {
      if (!known.has(from)) problems.push(`tables.${mode}.rows.${from}: not an outbound type`);
      for (const [to, cell] of Object.entries(row ?? {})) {
        if (!known.has(to)) problems.push(`tables.${mode}.rows.${from}.${to}: not an outbound type`);
        if (!['S', '-', 'n/a'].includes(cell as string)) problems.push(`tables.${mode}.rows.${from}.${to}: cell ${JSON.stringify(cell)} is not S, - or n/a`);
      }
    }
  }
  if (!d.source?.url || !d.source.date) problems.push('source: the article and its date are required');
  if (problems.length) throw new Error(`${MIGRATIONS_FILE.pathname}: ${problems.join('; ')}`);
  return d;
}

// Imported, not read from disk: the build and the action bundle carry it with the code.
const DATA = checkMigrationData(migrations);

export const MIGRATION_SOURCE = DATA.source;
export const MIN_CLI_VERSION = DATA.cli.minimumVersion;

export type MigrationSupport = 'supported' | 'not-supported' | 'not-documented' | 'same' | 'conflicting';

export function targetInfo(to: OutboundType): TargetInfo {
  return DATA.targets[to];
}

/**
 * The table row a cluster reads from: a managed NAT gateway cluster whose gateway is StandardV2 is
 * in the `managedNATGateway (V2)` row, whichever spelling of the outbound type it uses.
 */
export function fromRow(outboundType: string, managedNatSku: string | null): string {
  if (MANAGED_NAT_GATEWAY_TYPES.includes(outboundType) && managedNatSku?.toLowerCase() === 'standardv2') return 'managedNATGatewayV2';
  return outboundType;
}

/** The table row of a cluster with these NAT gateways (the managed one's SKU decides, see fromRow). */
export function rowOf(outboundType: string, natGateways: readonly { managed?: unknown; sku?: unknown }[]): string {
  const sku = natGateways.find((g) => g?.managed === true)?.sku;
  return fromRow(outboundType, typeof sku === 'string' ? sku : null);
}

export function conflictOf(mode: VnetMode, from: string, to: OutboundType): MigrationConflict | null {
  return DATA.conflicts.find((c) => c.vnet === mode && c.from === from && c.to === to) ?? null;
}

export function migrationSupport(mode: VnetMode, from: string, to: OutboundType): MigrationSupport {
  if (from === to) return 'same';
  if (conflictOf(mode, from, to)) return 'conflicting';
  const cell = DATA.tables[mode].rows[from as OutboundType]?.[to];
  if (cell === undefined) return 'not-documented';
  return cell === 'S' ? 'supported' : cell === 'n/a' ? 'same' : 'not-supported';
}

/** Targets the table marks supported from `from`, in the table's column order. */
export function documentedTargets(mode: VnetMode, from: string): OutboundType[] {
  const row = DATA.tables[mode].rows[from as OutboundType] ?? {};
  return (Object.keys(row) as OutboundType[]).filter((to) => migrationSupport(mode, from, to) === 'supported');
}

/** Targets whose documentation conflicts (table and command section disagree). */
export function conflictingTargets(mode: VnetMode, from: string): OutboundType[] {
  return DATA.conflicts.filter((c) => c.vnet === mode && c.from === from).map((c) => c.to);
}

/** Every cell of both tables, for tests and for `plan --format json` consumers that want the source. */
export function tableCells(): { mode: VnetMode; from: OutboundType; to: OutboundType; cell: Cell }[] {
  return (['managed', 'byo'] as const).flatMap((mode) =>
    Object.entries(DATA.tables[mode].rows).flatMap(([from, row]) => Object.entries(row ?? {}).map(([to, cell]) => ({ mode, from: from as OutboundType, to: to as OutboundType, cell: cell as Cell }))),
  );
}

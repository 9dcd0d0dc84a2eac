import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { OUTBOUND_TYPES, type OutboundType } from '../../src/inventory/facts/azure.ts';
import { planMigration } from '../../src/plan/plan.ts';
import { checkMigrationData, MIGRATION_SOURCE, MIGRATIONS_FILE, tableCells } from '../../src/plan/tables.ts';
import { clusterRow, factsOf, network, SUB } from './inventory.ts';

// The two tables of the policy catalog, copied verbatim (rows "from", columns "to"; S supported,
// - not supported, (!) changed since the 2024 article). The data file must say the same, cell by cell.
const MANAGED = `
| from \\ to | loadBalancer | managedNATGateway (V2) | managedNATGateway | none | block |
| loadBalancer | n/a | S | S | S | S |
| managedNATGateway (V2) | - | n/a | - | - | - |
| managedNATGateway | - (!) | S | n/a | S | S |
| none | S | S | S | n/a | S |
| block | S | S | S | S | n/a |
| userAssignedNATGateway | - | - | - | - | - |`;
const BYO = `
| from \\ to | loadBalancer | userAssignedNATGateway | userDefinedRouting | none | block |
| loadBalancer | n/a | S | S | S | - |
| userAssignedNATGateway | S | n/a | S | S | - |
| userDefinedRouting | S | S | n/a | S | - |
| none | S | S | S | n/a | - |
| managedNATGateway | - | - | - | - | - |`;

const name = (cell: string): string => (cell === 'managedNATGateway (V2)' ? 'managedNATGatewayV2' : cell);

function parse(table: string): Map<string, Map<string, string>> {
  const [head, ...lines] = table.trim().split('\n').map((l) => l.split('|').map((s) => s.trim()).filter(Boolean));
  const columns = (head ?? []).slice(1).map(name);
  return new Map(lines.map(([from, ...cells]) => [name(from ?? ''), new Map(cells.map((c, i) => [columns[i] ?? '', c.replace(' (!)', '')]))]));
}

const CATALOG = { managed: parse(MANAGED), byo: parse(BYO) } as const;
/** The two paths whose article contradicts itself (catalog, "Migration paths"). */
const CONFLICTS = [
  { from: 'managedNATGateway', to: 'loadBalancer', says: 'its table says not supported (the 2024 version said supported), its command section shows how' },
  { from: 'managedNATGateway', to: 'userDefinedRouting', says: 'its table has no entry for this path, its command section shows how' },
];

/** A cluster in the table row `from`: the StandardV2 row is a managedNATGateway cluster whose profile says StandardV2. */
function clusterIn(from: string, mode: 'managed' | 'byo', legacy = false) {
  const row =
    from === 'managedNATGatewayV2' && !legacy
      ? clusterRow('managedNATGateway', mode, { properties: { networkProfile: { natGatewayProfile: { sku: 'StandardV2' } } } })
      : clusterRow(from, mode);
  const { facts, inventory } = factsOf([row, ...(mode === 'byo' ? network() : [])]);
  if (!facts[0]) throw new Error('no cluster');
  return { c: facts[0], inventory };
}

test('the data file names its article and date, and refuses a bad cell', () => {
  expect(MIGRATION_SOURCE).toMatchObject({ url: expect.stringContaining('learn.microsoft.com/azure/aks/egress-outboundtype'), date: '2026-08', repository: 'MicrosoftDocs/azure-aks-docs' });
  const data = JSON.parse(readFileSync(MIGRATIONS_FILE, 'utf8')) as { tables: { managed: { rows: { none: Record<string, string> } } } };
  data.tables.managed.rows.none.block = 'yes';
  expect(() => checkMigrationData(data)).toThrow(/tables\.managed\.rows\.none\.block: cell "yes" is not S, - or n\/a/);
});

describe.each(['managed', 'byo'] as const)('%s VNet table', (mode) => {
  const table = CATALOG[mode];
  const cells = tableCells().filter((c) => c.mode === mode);

  test('the data file holds exactly the catalog table', () => {
    const fromData = new Map<string, Map<string, string>>();
    for (const c of cells) fromData.set(c.from, (fromData.get(c.from) ?? new Map()).set(c.to, c.cell));
    expect(fromData).toEqual(table);
  });

  test.each(cells.map((c) => [c.from, c.to, c.cell] as const))('%s → %s (%s)', (from, to, cell) => {
    const { c, inventory } = clusterIn(from, mode);
    expect(c.vnetMode).toBe(mode);
    const plan = planMigration(c, inventory, to);
    expect(plan.fromRow).toBe(from);
    expect(plan.source.date).toBe('2026-08');
    const conflict = mode === 'managed' ? CONFLICTS.find((x) => x.from === from && x.to === to) : undefined;
    const want = conflict ? 'conflicting' : { 'n/a': 'same', S: 'supported', '-': 'not-supported' }[cell];
    expect(plan.support).toBe(want);
    if (want === 'supported') {
      expect(plan.prerequisites.filter((p) => p.status !== 'met')).toEqual([]);
      expect(plan.ready).toBe(true);
      const type = to === 'managedNATGatewayV2' ? 'managedNATGateway --outbound-type-sku StandardV2' : to;
      const extra = to.startsWith('managedNATGateway') ? ' --nat-gateway-managed-outbound-ip-count 1' : to === 'loadBalancer' ? ' --load-balancer-managed-outbound-ip-count 1' : '';
      expect(plan.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type ${type}${extra}`);
      expect(plan.warnings.join('\n')).toMatch(/Disruptive[\s\S]*egress IPs change[\s\S]*Azure CLI 2\.56[\s\S]*Do not reuse/);
      expect(plan.summary).toContain('supported in-place migration');
    } else if (want === 'conflicting') {
      expect(plan.summary).toContain(`the documentation conflicts: ${conflict?.says}`);
      expect(plan.command).toMatch(new RegExp(`^az aks update --subscription ${SUB} .*--outbound-type ${to}`));
      expect(plan.ready).toBe(false);
    } else {
      expect(plan.command).toBeNull();
      expect(plan.prerequisites).toEqual([]);
      expect(plan.ready).toBe(want === 'same');
      expect(plan.summary).toMatch(want === 'same' ? /already/ : /as not supported/);
    }
    const row = table.get(from);
    expect(plan.documentedTargets).toEqual([...(row?.entries() ?? [])].filter(([t, v]) => v === 'S' && !(mode === 'managed' && CONFLICTS.some((x) => x.from === from && x.to === t))).map(([t]) => t));
  });
});

test('managedNATGateway → userDefinedRouting, missing from the managed table, is a documentation conflict with a command', () => {
  const { c, inventory } = clusterIn('managedNATGateway', 'managed');
  const plan = planMigration(c, inventory, 'userDefinedRouting');
  expect(plan.support).toBe('conflicting');
  expect(plan.summary).toContain('the documentation conflicts: its table has no entry for this path, its command section shows how');
  expect(plan.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type userDefinedRouting`);
  // The cluster has no BYO subnets: the planner still lists what is missing.
  expect(plan.prerequisites.find((p) => p.id === 'byo-subnets')?.status).toBe('unmet');
});

test('a path in neither table is not documented, never guessed', () => {
  for (const to of OUTBOUND_TYPES.filter((t): t is OutboundType => t !== 'block')) {
    const { c, inventory } = clusterIn('block', 'byo');
    expect(planMigration(c, inventory, to).support).toBe('not-documented');
  }
  const { c, inventory } = clusterIn('userDefinedRouting', 'managed');
  expect(planMigration(c, inventory, 'loadBalancer')).toMatchObject({ support: 'not-documented', command: null, documentedTargets: [] });
});

test('the legacy outbound type managedNATGatewayV2 reads the StandardV2 row', () => {
  const { c, inventory } = clusterIn('managedNATGatewayV2', 'managed', true);
  expect(c.outboundTypeRecognized).toBe(true);
  const same = planMigration(c, inventory, 'managedNATGatewayV2');
  expect(same).toMatchObject({ support: 'same', fromRow: 'managedNATGatewayV2', ready: true });
  expect(same.summary).toContain('legacy preview outbound type managedNATGatewayV2');
  expect(planMigration(c, inventory, 'loadBalancer')).toMatchObject({ support: 'not-supported', documentedTargets: [] });
});

test('preview targets name the aks-preview extension; the StandardV2 target warns that the move is one-way', () => {
  const { c, inventory } = clusterIn('loadBalancer', 'managed');
  expect(planMigration(c, inventory, 'block').warnings).toContain('Needs Azure CLI 2.56 or newer with the aks-preview extension (`az extension add --name aks-preview`): block is a preview outbound type.');
  expect(planMigration(c, inventory, 'none').warnings).toContain('Needs Azure CLI 2.56 or newer.');
  const v2 = planMigration(c, inventory, 'managedNATGatewayV2').warnings;
  expect(v2).toContain('Needs Azure CLI 2.56 or newer.');
  expect(v2.join('\n')).toContain('StandardV2 is one-way');
});

test('an unrecognized outbound type has no documented path to anything', () => {
  const { facts, inventory } = factsOf([clusterRow('managedNATGatewayV3', 'managed')]);
  const plan = planMigration(facts[0]!, inventory, 'loadBalancer');
  expect(plan).toMatchObject({ support: 'not-documented', ready: false, command: null, documentedTargets: [] });
  expect(plan.summary).toContain('managedNATGatewayV3 is not one Azure documents');
});

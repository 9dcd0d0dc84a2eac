import { describe, expect, test } from 'vitest';
import { OUTBOUND_TYPES, type OutboundType } from '../../src/inventory/facts/azure.ts';
import { planMigration } from '../../src/plan/plan.ts';
import { clusterRow, factsOf, network, SUB } from './inventory.ts';

// The two migration tables of the AKS outbound-type documentation, as the policy catalog gives
// them, copied verbatim (rows "from", columns "to"; S supported, - not supported).
const MANAGED = `
| loadBalancer | n/a | S | - | - | S | S |
| managedNATGateway | S | n/a | - | - | S | S |
| userAssignedNATGateway | - | - | n/a | - | - | - |
| none | S | S | - | - | n/a | S |
| block | S | S | - | - | S | n/a |`;
const BYO = `
| loadBalancer | n/a | - | S | S | S | - |
| managedNATGateway | - | n/a | - | - | - | - |
| userAssignedNATGateway | S | - | n/a | S | S | - |
| userDefinedRouting | S | - | S | n/a | S | - |
| none | S | - | S | S | n/a | - |`;
const COLUMNS: OutboundType[] = ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block'];

function parse(table: string): Map<string, Map<OutboundType, string>> {
  const rows = new Map<string, Map<OutboundType, string>>();
  for (const line of table.trim().split('\n')) {
    const [from, ...cells] = line.split('|').map((s) => s.trim()).filter(Boolean);
    rows.set(from ?? '', new Map(cells.map((c, i) => [COLUMNS[i] as OutboundType, c])));
  }
  return rows;
}

const expected = (table: Map<string, Map<OutboundType, string>>, from: OutboundType, to: OutboundType): string => {
  const cell = table.get(from)?.get(to);
  if (cell === undefined) return from === to ? 'same' : 'not-documented';
  return { 'n/a': 'same', S: 'supported', '-': 'not-supported' }[cell] ?? `bad cell ${cell}`;
};

const cells = (mode: 'managed' | 'byo') => OUTBOUND_TYPES.flatMap((from) => OUTBOUND_TYPES.map((to) => [mode, from, to] as const));

describe.each([
  ['managed', parse(MANAGED)],
  ['byo', parse(BYO)],
] as const)('%s VNet migration table', (mode, table) => {
  test('the table has the rows and columns the catalog gives', () => {
    expect([...table.keys()]).toEqual(mode === 'managed' ? ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'none', 'block'] : ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none']);
    for (const row of table.values()) expect(row.size).toBe(6);
  });

  // A cluster whose inventory meets every target's prerequisites, so that a supported cell is ready.
  test.each(cells(mode))('%s: %s → %s', (_mode, from, to) => {
    const { facts, inventory } = factsOf([clusterRow(from, mode), ...(mode === 'byo' ? network() : [])]);
    const [c] = facts;
    if (!c) throw new Error('no cluster');
    expect(c.vnetMode).toBe(mode);
    const plan = planMigration(c, inventory, to);
    const want = expected(table, from, to);
    expect(plan.support).toBe(want);
    expect(plan.from).toBe(from);
    if (want === 'supported') {
      expect(plan.prerequisites.filter((p) => p.status !== 'met')).toEqual([]);
      expect(plan.ready).toBe(true);
      const extra = to === 'managedNATGateway' ? ' --nat-gateway-managed-outbound-ip-count 1' : to === 'loadBalancer' ? ' --load-balancer-managed-outbound-ip-count 1' : '';
      expect(plan.command).toBe(`az aks update --subscription ${SUB} --resource-group rg-test --name aks-test --outbound-type ${to}${extra}`);
      expect(plan.warnings.join('\n')).toMatch(/Disruptive[\s\S]*egress IPs change[\s\S]*Azure CLI 2\.56[\s\S]*Do not reuse/);
      expect(plan.summary).toContain('supported in-place migration');
    } else {
      expect(plan.command).toBeNull();
      expect(plan.prerequisites).toEqual([]);
      expect(plan.ready).toBe(want === 'same');
      expect(plan.summary).toMatch(want === 'same' ? /already uses/ : want === 'not-supported' ? /as not supported/ : /no migration path .*does not guess/);
    }
    const row = table.get(from);
    expect(plan.documentedTargets).toEqual(row ? COLUMNS.filter((t) => row.get(t) === 'S') : []);
  });
});

test('an unrecognized outbound type has no documented path to anything', () => {
  const { facts, inventory } = factsOf([clusterRow('managedNATGatewayV2', 'managed')]);
  const plan = planMigration(facts[0]!, inventory, 'loadBalancer');
  expect(plan).toMatchObject({ support: 'not-documented', ready: false, command: null, documentedTargets: [] });
  expect(plan.summary).toContain('managedNATGatewayV2 is not one Azure documents');
});

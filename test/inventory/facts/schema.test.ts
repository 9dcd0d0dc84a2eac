import { expect, test } from 'vitest';
import { schemaValidator } from '../../../src/json/schema.ts';
import { buildFacts } from '../../../src/inventory/facts/facts.ts';
import { firewallCapacity } from '../../../src/inventory/facts/firewall.ts';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import { BUILTIN_POLICY_DIR } from '../../../src/policy/load.ts';
import { BASE_CLUSTER, mergeDeep, readTables } from '../../../src/policy/testing/tester.ts';
import { DEFAULT_PARAMS } from '../../../src/policy/types.ts';

// The facts schema refers to schemas/params.schema.json; the tool's own factory registers it.
const validate = schemaValidator('facts');

test('facts built from every policy test case validate against the published facts schema (no undocumented fields)', () => {
  let docs = 0;
  for (const { table } of readTables(BUILTIN_POLICY_DIR)) {
    for (const c of [...table.valid, ...table.invalid]) {
      const b = new InventoryBuilder();
      [mergeDeep(BASE_CLUSTER, c.cluster ?? {}), ...(c.resources ?? [])].forEach((value, i) => b.add({ value, source: { file: 'x', path: [i] } }));
      for (const cluster of buildFacts(b.finish().inventory)) {
        const subjects = [{}, ...cluster.pools.map((pool) => ({ pool })), ...cluster.natGateways.map((natGateway) => ({ natGateway })), ...cluster.egressIps.map((egressIp) => ({ egressIp })), ...cluster.subnets.map((subnet) => ({ subnet })),
          ...cluster.identity.permissions.map((permission) => ({ permission })),
          ...cluster.firewalls.map((fw) => ({ firewall: { ...fw, ...firewallCapacity(fw, DEFAULT_PARAMS.firewallInstances) } })),
        ];
        for (const s of subjects) {
          const doc = { params: DEFAULT_PARAMS, cluster, ...s };
          expect(validate(doc), `${table.policy} / ${c.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
          docs++;
        }
      }
    }
  }
  expect(docs).toBeGreaterThan(20);
});

test('the schema rejects a fact it does not document', () => {
  const b = new InventoryBuilder();
  b.add({ value: BASE_CLUSTER, source: { file: 'x', path: [] } });
  const [cluster] = buildFacts(b.finish().inventory);
  expect(validate({ params: DEFAULT_PARAMS, cluster: { ...cluster, undocumented: 1 } })).toBe(false);
});

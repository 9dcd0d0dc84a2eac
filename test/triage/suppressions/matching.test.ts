import { expect, test } from 'vitest';
import { applySuppressions, loadSuppressions } from '../../../src/triage/suppressions.ts';
import { tempDir } from '../../helpers/cli.ts';
import { writeFile } from '../../helpers/triage.ts';

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';
const AKS = `${SUB}/resourceGroups/RG(Prod)/providers/Microsoft.ContainerService/managedClusters/aks-1`;
const POOL = `${AKS}/agentPools/win1`;
const TODAY = '2030-06-15';

async function load(entries: object[]) {
  const file = writeFile(tempDir(), 's.json', JSON.stringify({ version: 1, suppressions: entries }, null, 1));
  return loadSuppressions(file, ['EG001', 'EG014']);
}
const e = (policy: string, resource: string, justification: string, expires = '2030-12-31') => ({ policy, resource, justification, expires });

test('the most specific unexpired entry wins: exact policy over *, exact ID over glob, then the earlier entry', async () => {
  const set = await load([
    e('*', `${SUB}/**`, 'any policy, glob'),
    e('*', AKS.toUpperCase(), 'any policy, exact'),
    e('EG001', '**/managedClusters/aks-*', 'policy, glob'),
    e('EG001', '**/managedclusters/AKS-1', 'policy, second glob'),
    e('EG001', AKS, 'policy, exact, expired', '2030-06-14'),
  ]);
  const findings = [
    { policyId: 'EG001', resourceId: AKS },
    { policyId: 'EG014', resourceId: AKS },
    { policyId: 'EG014', resourceId: POOL },
  ];
  const r = applySuppressions(findings, set, TODAY);
  expect(findings.map((f) => r.suppressed.get(f)?.justification)).toEqual(['policy, glob', 'any policy, exact', 'any policy, glob']);
  expect(r.unused.map((u) => u.justification)).toEqual(['policy, second glob']);
  expect(r.expired).toEqual([expect.objectContaining({ justification: 'policy, exact, expired', matched: 1 })]);
});

test('an entry suppresses through its expiry day and not after', async () => {
  const set = await load([e('EG001', AKS, 'x', TODAY)]);
  const f = { policyId: 'EG001', resourceId: AKS };
  expect(applySuppressions([f], set, TODAY).suppressed.size).toBe(1);
  const next = applySuppressions([f], set, '2030-06-16');
  expect(next.suppressed.size).toBe(0);
  expect(next.unused).toEqual([]);
  expect(next.expired).toEqual([expect.objectContaining({ matched: 1 })]);
});

test('globs: * stays within a segment, ** crosses them, case is ignored, parentheses in names are literal', async () => {
  const cases: [string, boolean][] = [
    [`${SUB}/resourceGroups/rg(prod)/**`, true],
    [`${SUB}/resourceGroups/rgprod/**`, false],
    [`${SUB}/resourceGroups/*/providers/microsoft.containerservice/managedclusters/*`, true],
    [`${SUB}/*/providers/**`, false],
    ['**/managedClusters/{aks-1,aks-2}', true],
    ['**/managedClusters/aks-?', true],
    ['**/managedClusters/aks-[2-9]', false],
    ['**/agentPools/*', false],
  ];
  for (const [glob, hit] of cases) {
    const set = await load([e('EG001', glob, 'x')]);
    expect(applySuppressions([{ policyId: 'EG001', resourceId: AKS }], set, TODAY).suppressed.size, glob).toBe(hit ? 1 : 0);
  }
});

test('an entry for one policy leaves the other policies on that resource alone', async () => {
  const set = await load([e('EG014', AKS, 'x')]);
  const r = applySuppressions([{ policyId: 'EG001', resourceId: AKS }], set, TODAY);
  expect(r.suppressed.size).toBe(0);
  expect(r.unused).toHaveLength(1);
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_POLICY_DIR } from '../../src/policy/load.ts';
import { ROOT } from '../helpers/cli.ts';

// As typescript-eslint checks its rule docs: the README's policy list is the policies folder.
const policies = readdirSync(BUILTIN_POLICY_DIR)
  .filter((f) => /^EG\d{3}\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(path.join(BUILTIN_POLICY_DIR, f), 'utf8')) as { id: string; name: string; severity: string });
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const policiesSection = readme.slice(readme.indexOf('\n## Policies\n'), readme.indexOf('\n## ', readme.indexOf('\n## Policies\n') + 1));

test('the README lists every policy file, with its name and severity, and nothing else', () => {
  const rows = [...policiesSection.matchAll(/^\| (EG\d{3}) \| ([a-z0-9-]+) \| (high|medium|low|info) \|/gm)].map(([, id, name, severity]) => ({ id, name, severity }));
  expect(rows).toEqual(policies.map(({ id, name, severity }) => ({ id, name, severity })));
});

test('the README states how many policies ship', () => {
  expect(policiesSection).toContain(`egress-audit ships ${policies.length} policies`);
});

test('every policy has a test table', () => {
  const tables = readdirSync(path.join(BUILTIN_POLICY_DIR, 'tests'));
  expect(policies.filter((p) => !tables.includes(`${p.id}.json`)).map((p) => p.id)).toEqual([]);
});

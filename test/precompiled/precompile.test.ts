import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { precompiledModule } from '../../scripts/precompile.ts';
import { schemaSource, schemaValidator, type SchemaName } from '../../src/json/schema.ts';
import { BUILTIN_POLICY_DIR, loadPoliciesOrThrow, type CompiledPolicy } from '../../src/policy/load.ts';
import { readTables, runCase } from '../../src/policy/testing/tester.ts';
import { precompiledKey } from '../../src/precompiled/index.ts';
import { outline } from '../../src/report/outline.ts';
import { OUTLINE_OTHERWISE } from '../../src/report/sarif-rules.ts';
import { ROOT } from '../helpers/cli.ts';

interface Built {
  VALIDATORS: Record<string, ValidateFunction>;
  TEMPLATES: Record<string, object>;
  OUTLINES: Record<string, string>;
}

// Beside node_modules, so that the module's imports of ajv's runtime resolve as they do in dist/.
const dir = path.join(ROOT, 'test-artifacts', `precompiled-${process.pid}`);
let built: Built;
// In this process the sources run, so these compile at run time: the reference.
const policies = loadPoliciesOrThrow([BUILTIN_POLICY_DIR]);

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'data.js'), precompiledModule());
  built = (await import(path.join(dir, 'data.js'))) as Built;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build-time module (scripts/precompile.ts)', () => {
  test('has a validator for every shipped policy schema, which judges every test-table case as ajv compiling it does', () => {
    const tables = new Map(readTables(BUILTIN_POLICY_DIR).map(({ table }) => [table.policy, table]));
    for (const p of policies) {
      const fromBuild = (schema: object | undefined): ValidateFunction | null => (schema ? built.VALIDATORS[precompiledKey('policy', schema)]! : null);
      const swapped: CompiledPolicy = { ...p, matchFn: fromBuild(p.match), assertFn: fromBuild(p.assert)! };
      expect(swapped.assertFn, p.id).toEqual(expect.any(Function));
      if (p.match) expect(swapped.matchFn, p.id).toEqual(expect.any(Function));
      const table = tables.get(p.id)!;
      for (const c of [...table.valid, ...table.invalid]) expect(runCase(swapped, c), `${p.id}: ${c.name}`).toEqual(runCase(p, c));
    }
  });

  test('has the validators of the input schemas, with the same verdicts and errors', () => {
    const names: SchemaName[] = ['config', 'policy', 'policy-tests', 'suppressions'];
    const samples: unknown[] = [{}, { version: 1 }, { id: 'EG999' }, { policy: 'EG001', valid: [], invalid: [] }, { suppressions: [{ policy: 'EG001' }] }, [], 'x'];
    for (const name of names) {
      const fromBuild = built.VALIDATORS[precompiledKey(`schema:${name}`, schemaSource(name))];
      expect(fromBuild, name).toEqual(expect.any(Function));
      const reference = schemaValidator(name);
      for (const s of samples) {
        expect(fromBuild!(s), `${name} ${JSON.stringify(s)}`).toBe(reference(s));
        expect(fromBuild!.errors ?? null, `${name} ${JSON.stringify(s)}`).toEqual(reference.errors ?? null);
      }
    }
  });

  test('has every policy template and remediation outline', () => {
    for (const p of policies) {
      for (const text of [p.message, p.remediation.text, p.remediation.command]) {
        if (text !== undefined) expect(built.TEMPLATES[precompiledKey('policy-template', text)], `${p.id}: ${text}`).toBeDefined();
      }
      expect(built.OUTLINES[precompiledKey('outline', [p.remediation.text, OUTLINE_OTHERWISE.text])]).toBe(outline(p.remediation.text, OUTLINE_OTHERWISE.text));
    }
  });
});

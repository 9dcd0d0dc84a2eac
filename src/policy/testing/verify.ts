import path from 'node:path';
import { Ajv } from 'ajv';
import { InputError } from '../../errors.ts';
import { formatAjvErrors, loadPoliciesOrThrow, readJsonFile, SCHEMA_DIR } from '../load.ts';
import { readTables, runTable, type CaseResult } from './tester.ts';

export interface VerifyResult {
  results: CaseResult[];
  /** Policies with no test table (not a failure: a user's policy may not have one yet). */
  untested: string[];
}

let tableValidator: ReturnType<Ajv['compile']> | null = null;

/**
 * Runs the test tables (`<dir>/tests/<ID>.json`) of every policy folder against the policies of
 * all the folders, in the spirit of `conftest verify`. Invalid policies or tables are input
 * errors (one InputError listing them all); case failures are results.
 */
export function verifyPolicies(dirs: readonly string[]): VerifyResult {
  const policies = loadPoliciesOrThrow(dirs);
  tableValidator ??= new Ajv({ allErrors: true, strict: true }).compile(readJsonFile(path.join(SCHEMA_DIR, 'policy-tests.schema.json')) as object);
  const validate = tableValidator;
  const problems: string[] = [];
  const runs: (() => CaseResult[])[] = [];
  const tested = new Set<string>();
  for (const dir of dirs) {
    for (const { file, table } of readTables(dir)) {
      const shown = path.relative(process.cwd(), file) || file;
      if (!validate(table)) {
        for (const m of formatAjvErrors(validate.errors)) problems.push(`${shown}: ${m}`);
        continue;
      }
      const before = problems.length;
      if (table.policy !== path.basename(file, '.json')) problems.push(`${shown}: /policy: ${table.policy} does not match the file name`);
      table.valid.forEach((c, i) => {
        if ('findings' in c) problems.push(`${shown}: /valid/${i}: a valid case expects no findings; move it to "invalid"`);
      });
      const policy = policies.find((p) => p.id === table.policy);
      if (!policy) problems.push(`${shown}: /policy: no policy ${table.policy} in ${dirs.map((d) => path.relative(process.cwd(), d) || d).join(', ')}`);
      if (tested.has(table.policy)) problems.push(`${shown}: /policy: a second test table for ${table.policy}`);
      tested.add(table.policy);
      if (policy && problems.length === before) runs.push(() => runTable(policy, table));
    }
  }
  if (problems.length) throw new InputError(`invalid policy test tables:\n  ${problems.join('\n  ')}`);
  return { results: runs.flatMap((run) => run()), untested: policies.filter((p) => !tested.has(p.id)).map((p) => p.id) };
}

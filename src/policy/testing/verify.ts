import path from 'node:path';
import { InputError } from '../../errors.ts';
import { schemaProblems, schemaValidator, where } from '../../json/schema.ts';
import { loadPoliciesOrThrow } from '../load.ts';
import { readTables, runTable, type CaseResult } from './tester.ts';

export interface VerifyResult {
  results: CaseResult[];
  /** Policies with no test table (not a failure: a user's policy may not have one yet). */
  untested: string[];
}

/**
 * Runs the test tables (`<dir>/tests/<ID>.json`) of every policy folder against the policies of
 * all the folders, in the spirit of `conftest verify`. Invalid policies or tables are input
 * errors (one InputError listing them all); case failures are results.
 */
export function verifyPolicies(dirs: readonly string[]): VerifyResult {
  const policies = loadPoliciesOrThrow(dirs);
  const validate = schemaValidator('policy-tests');
  const problems: string[] = [];
  const runs: (() => CaseResult[])[] = [];
  const tested = new Set<string>();
  for (const dir of dirs) {
    for (const { file, table, doc } of readTables(dir)) {
      if (!validate(table)) {
        problems.push(...schemaProblems(doc, validate.errors));
        continue;
      }
      const before = problems.length;
      if (table.policy !== path.basename(file, '.json')) problems.push(`${where(doc, '/policy')}: /policy: ${table.policy} does not match the file name`);
      table.valid.forEach((c, i) => {
        if ('findings' in c) problems.push(`${where(doc, `/valid/${i}`)}: /valid/${i}: a valid case expects no findings; move it to "invalid"`);
      });
      const policy = policies.find((p) => p.id === table.policy);
      if (!policy) problems.push(`${where(doc, '/policy')}: /policy: no policy ${table.policy} in ${dirs.map((d) => path.relative(process.cwd(), d) || d).join(', ')}`);
      if (tested.has(table.policy)) problems.push(`${where(doc, '/policy')}: /policy: a second test table for ${table.policy}`);
      tested.add(table.policy);
      if (policy && problems.length === before) runs.push(() => runTable(policy, table));
    }
  }
  if (problems.length) throw new InputError(`invalid policy test tables:\n  ${problems.join('\n  ')}`);
  return { results: runs.flatMap((run) => run()), untested: policies.filter((p) => !tested.has(p.id)).map((p) => p.id) };
}

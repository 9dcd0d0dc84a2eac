import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { lintPolicies } from '../../policy/lint.ts';
import { BUILTIN_POLICY_DIR } from '../../policy/load.ts';
import { verifyPolicies } from '../../policy/testing/verify.ts';
import { columns } from '../../text.ts';
import { epilogue, USAGE_ERROR } from '../epilogue.ts';
import { plain, type CommandContext } from '../io.ts';
import { policySetup } from '../setup.ts';

interface ListArgs {
  format: 'text' | 'json';
  policies?: string[];
  config?: string;
}

interface DirArgs {
  dirs?: string[];
}

const dirsBuilder = (y: Argv): Argv<DirArgs> =>
  y.positional('dirs', { type: 'string', array: true, describe: 'Policy folders (default: the built-in policies)' }) as unknown as Argv<DirArgs>;
const dirsOf = (args: DirArgs): string[] => (args.dirs?.length ? args.dirs.map((d) => path.resolve(d)) : [BUILTIN_POLICY_DIR]);

function listCommand(ctx: CommandContext): CommandModule<object, ListArgs> {
  return {
    command: 'list',
    describe: 'One line per policy: ID, name, severity and the profiles that turn it on',
    builder: (y: Argv) =>
      y
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' })
        .option('policies', { type: 'string', array: true, describe: 'Extra policy folders (repeatable)' })
        .option('config', { type: 'string', describe: 'Configuration file (its profiles and policy folders); default: the one found from the current folder up to the repository root' })
        .epilogue(epilogue({ 0: 'the policies were listed', 2: USAGE_ERROR }, ['egress-audit policies list', 'egress-audit policies list --policies ./policies --format json'])) as unknown as Argv<ListArgs>,
    handler: async (args) => {
      const { policies, profiles } = await policySetup({ config: args.config, policies: args.policies });
      const rows = policies.map((p) => ({
        id: p.id,
        name: p.name,
        title: p.title,
        severity: p.severity,
        subject: p.subject,
        file: p.file,
        profiles: [...profiles.values()]
          .filter((pr) => pr.policies[p.id]?.enabled !== false)
          .map((pr) => ({ name: pr.name, severity: pr.policies[p.id]?.severity ?? p.severity })),
      }));
      if (args.format === 'json') return ctx.io.out(JSON.stringify(rows, null, 2));
      const table = rows.map((r) => [
        r.id,
        r.name,
        r.severity,
        r.profiles.map((pr) => (pr.severity === r.severity ? pr.name : `${pr.name} (${pr.severity})`)).join(', ') || '(none)',
      ]);
      for (const line of columns([['ID', 'NAME', 'SEVERITY', 'PROFILES'], ...table])) ctx.io.out(plain(line));
    },
  };
}

function lintCommand(ctx: CommandContext): CommandModule<object, DirArgs> {
  return {
    command: 'lint [dirs..]',
    describe: 'Check policy files against the meta-schema and the facts schema; exit 2 on any problem',
    builder: (y: Argv) => dirsBuilder(y).epilogue(epilogue({ 0: 'no problem', 2: `every policy file with a problem is listed; ${USAGE_ERROR}` }, ['egress-audit policies lint ./policies'])),
    handler: (args) => {
      const { files, problems } = lintPolicies(dirsOf(args));
      for (const p of problems) ctx.io.out(plain(p));
      ctx.io.out(`${files} policy file${files === 1 ? '' : 's'} checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
      ctx.setExitCode(problems.length ? 2 : 0);
    },
  };
}

function testCommand(ctx: CommandContext): CommandModule<object, DirArgs> {
  return {
    command: 'test [dirs..]',
    describe: 'Run the policies\' test tables (<dir>/tests/<ID>.json); exit 1 on a failed case',
    builder: (y: Argv) =>
      dirsBuilder(y).epilogue(epilogue({ 0: 'every case passed', 1: 'a case failed, or the folders hold no test table at all', 2: USAGE_ERROR }, ['egress-audit policies test ./policies'])),
    handler: (args) => {
      const { results, untested } = verifyPolicies(dirsOf(args));
      for (const r of results) {
        ctx.io.out(plain(`${r.ok ? 'PASS' : 'FAIL'} ${r.policy} ${r.kind}: ${r.name}`));
        for (const p of r.problems) ctx.io.out(plain(`       ${p}`));
      }
      for (const id of untested) ctx.io.err(`note: ${id} has no test table`);
      const failed = results.filter((r) => !r.ok).length;
      ctx.io.out(`${results.length - failed} passed, ${failed} failed`);
      // Nothing tested is not a pass: a CI step pointed at the wrong folder must not go green.
      if (!results.length) ctx.io.err(`egress-audit: no test tables found (looked for tests/<ID>.json beside the policies in ${dirsOf(args).map(plain).join(', ')})`);
      ctx.setExitCode(failed || !results.length ? 1 : 0);
    },
  };
}

export function policiesCommand(ctx: CommandContext): CommandModule {
  return {
    command: 'policies',
    describe: 'List, lint and test policies',
    builder: (y: Argv) => y.command(listCommand(ctx)).command(lintCommand(ctx)).command(testCommand(ctx)).demandCommand(1, 'Name a policies command: list, lint or test.'),
    handler: () => undefined,
  };
}

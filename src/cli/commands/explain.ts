import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../errors.ts';
import { parameterDocs } from '../../config/config.ts';
import { explainPolicy, type PolicyExplanation } from '../../policy/explain.ts';
import { epilogue, USAGE_ERROR } from '../epilogue.ts';
import { plain, type CommandContext } from '../io.ts';
import { policySetup } from '../setup.ts';

interface ExplainArgs {
  policy: string;
  format: 'text' | 'json';
  policies?: string[];
  config?: string;
}

const WIDTH = 100;

function wrap(text: string, indent = '  '): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > WIDTH) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(indent + line);
  }
  return lines;
}

const shown = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

export function renderExplanation(e: PolicyExplanation): string[] {
  const out: string[] = [`${e.id} ${e.name}: ${e.title}`, ''];
  const on = e.profiles.filter((p) => p.enabled).map((p) => (p.severity === e.severity ? p.name : `${p.name} (${p.severity})`));
  const off = e.profiles.filter((p) => !p.enabled).map((p) => p.name);
  out.push(`  Severity: ${e.severity}    Profiles: ${on.join(', ') || 'none'}${off.length ? `; off in ${off.join(', ')}` : ''}`);
  out.push(`  Checks: ${e.appliesTo}    Tags: ${e.tags.join(', ')}    File: ${e.file}`, '');
  out.push('What it checks', ...wrap(e.description));
  if (e.appliesWhen.length) out.push('  Applies when:', ...e.appliesWhen.flatMap((c) => wrap(`- ${c}`, '    ')));
  out.push('  Passes when:', ...e.passesWhen.flatMap((c) => wrap(`- ${c}`, '    ')), '');
  out.push('Why it matters', ...wrap(e.rationale), '');
  out.push('Parameters');
  if (!e.parameters.length) out.push('  none');
  for (const p of e.parameters) {
    out.push(...wrap(`${p.name}: ${p.description}`));
    out.push(...Object.entries(p.values).map(([profile, v]) => `    ${profile}: ${shown(v)}`));
  }
  out.push('', 'Finding message (filled in per finding)', ...wrap(e.message), '');
  out.push('Remediation', ...wrap(e.remediation.text));
  if (e.remediation.command) out.push('  Command:', ...wrap(e.remediation.command, '    '));
  out.push('', 'Azure documentation', ...e.docs.map((d) => `  ${d}`));
  return out;
}

export function explainCommand(ctx: CommandContext): CommandModule<object, ExplainArgs> {
  return {
    command: 'explain <policy>',
    describe: 'What a policy checks and why, its parameters, remediation and the Azure documentation behind it',
    builder: (y: Argv) =>
      y
        .positional('policy', { type: 'string', demandOption: true, describe: 'Policy ID (EG001) or name (outbound-type-allowed)' })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' })
        .option('policies', { type: 'string', array: true, describe: 'Extra policy folders (repeatable)' })
        .option('config', { type: 'string', describe: 'Configuration file (its profiles and policy folders); default: the one found from the current folder up to the repository root' })
        .epilogue(epilogue({ 0: 'the policy was explained', 2: USAGE_ERROR }, ['egress-audit explain EG001', 'egress-audit explain outbound-type-allowed --format json'])) as unknown as Argv<ExplainArgs>,
    handler: async (args) => {
      const { policies, profiles } = await policySetup({ config: args.config, policies: args.policies });
      const wanted = args.policy.toLowerCase();
      const policy = policies.find((p) => p.id.toLowerCase() === wanted || p.name === wanted);
      if (!policy) throw new InputError(`explain: no policy "${args.policy}"; known: ${policies.map((p) => p.id).join(', ')}`);
      const e = explainPolicy(policy, [...profiles.values()], parameterDocs());
      if (args.format === 'json') return ctx.io.out(JSON.stringify(e, null, 2));
      for (const line of renderExplanation(e)) ctx.io.out(plain(line));
    },
  };
}

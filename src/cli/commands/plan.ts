import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../errors.ts';
import { canonicalOutboundType, OUTBOUND_TYPES } from '../../inventory/facts/azure.ts';
import { buildFacts } from '../../inventory/facts/facts.ts';
import type { ClusterFacts } from '../../inventory/facts/types.ts';
import { planMigration } from '../../plan/plan.ts';
import { renderPlans } from '../../plan/render.ts';
import { loadFixtures } from '../../inventory/sources/files/index.ts';
import { epilogue, USAGE_ERROR } from '../epilogue.ts';
import { plain, type CommandContext } from '../io.ts';
import { SAMPLE_DIR } from './scan.ts';

interface PlanArgs {
  input?: string[];
  to: string;
  cluster?: string[];
  format: 'table' | 'json';
}

/** Clusters named by resource ID or name (case-insensitively); every cluster when none is named. */
export function selectClusters(facts: readonly ClusterFacts[], wanted: readonly string[]): ClusterFacts[] {
  if (!wanted.length) return [...facts];
  const chosen = new Map<string, ClusterFacts>();
  const problems: string[] = [];
  for (const w of wanted) {
    const lw = w.toLowerCase();
    const byId = facts.filter((c) => c.id.toLowerCase() === lw);
    const hits = byId.length ? byId : facts.filter((c) => c.name.toLowerCase() === lw);
    if (hits.length === 0) problems.push(`--cluster: no cluster "${w}" in the inventory; clusters: ${facts.map((c) => c.name).join(', ') || 'none'}`);
    else if (hits.length > 1) problems.push(`--cluster: "${w}" names ${hits.length} clusters; give the resource ID: ${hits.map((c) => c.id).join(', ')}`);
    else for (const c of hits) chosen.set(c.id.toLowerCase(), c);
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  return [...chosen.values()];
}

export function planCommand(ctx: CommandContext): CommandModule<object, PlanArgs> {
  return {
    command: 'plan',
    describe: 'Plan an outbound-type migration: documented or not, unmet prerequisites, warnings, the az command',
    builder: (y: Argv) =>
      y
        .option('input', { alias: 'i', type: 'string', array: true, describe: 'Inventory file or folder (repeatable); default: the bundled sample' })
        .option('to', { type: 'string', demandOption: true, describe: `Target outbound type: ${OUTBOUND_TYPES.join(', ')} (managedNATGatewayV2: managedNATGateway with a StandardV2 NAT gateway)` })
        .option('cluster', { type: 'string', array: true, describe: 'Cluster name or resource ID (repeatable); default: every cluster' })
        .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const, describe: 'Output format' })
        .epilogue(epilogue({ 0: 'the plans were printed', 2: USAGE_ERROR }, ['egress-audit plan --input exports/ --to managedNATGateway', 'egress-audit plan --input exports/ --to userDefinedRouting --cluster aks-prod --format json'])) as unknown as Argv<PlanArgs>,
    handler: async (args) => {
      const to = canonicalOutboundType(args.to);
      if (!to) throw new InputError(`--to: unknown outbound type "${args.to}"; choose from ${OUTBOUND_TYPES.join(', ')}`);
      const loaded = await loadFixtures(args.input?.length ? args.input : [SAMPLE_DIR]);
      const facts = buildFacts(loaded.inventory);
      const plans = selectClusters(facts, args.cluster ?? []).map((c) => planMigration(c, loaded.inventory, to));
      if (args.format === 'json') return ctx.io.out(JSON.stringify({ version: 1, to, clusters: plans }, null, 2));
      for (const line of renderPlans(to, plans)) ctx.io.out(plain(line));
    },
  };
}

import { columns } from '../text.ts';
import { targetLabel, type MigrationPlan } from './plan.ts';

const SUPPORT_TEXT: Record<MigrationPlan['support'], string> = {
  supported: 'supported',
  'not-supported': 'not supported',
  'not-documented': 'not documented',
  same: 'n/a (already)',
  conflicting: 'docs conflict',
};

function readiness(p: MigrationPlan): string {
  if (p.support === 'same') return 'nothing to do';
  if (p.support !== 'supported') return 'no';
  const unmet = p.prerequisites.filter((x) => x.status === 'unmet').length;
  const unknown = p.prerequisites.filter((x) => x.status === 'unknown').length;
  if (!unmet && !unknown) return 'yes';
  return [unmet ? `${unmet} unmet` : '', unknown ? `${unknown} unknown` : ''].filter(Boolean).join(', ');
}

/** The plan for people: one summary row per cluster, then each cluster's details. */
export function renderPlans(to: string, plans: readonly MigrationPlan[]): string[] {
  const out = [`Migration to ${to}: ${plans.length} cluster${plans.length === 1 ? '' : 's'}`, ''];
  out.push(
    ...columns([
      ['CLUSTER', 'RESOURCE GROUP', 'VNET', 'FROM', 'SUPPORT', 'READY'],
      ...plans.map((p) => [p.clusterName, p.resourceGroup, p.vnetMode, p.from, SUPPORT_TEXT[p.support], readiness(p)]),
    ]),
  );
  for (const p of plans) {
    out.push('', `${p.clusterName} (${p.resourceGroup}, subscription ${p.subscriptionId}): ${p.from} → ${targetLabel(p.to)}, ${p.vnetMode === 'byo' ? 'bring-your-own' : 'managed'} VNet`);
    out.push(`  ${p.summary}`);
    if (p.support === 'not-supported' || p.support === 'not-documented' || p.support === 'conflicting') {
      out.push(`  Documented targets from ${targetLabel(p.fromRow)} on this VNet: ${p.documentedTargets.map(targetLabel).join(', ') || 'none'}.`);
    }
    if (p.prerequisites.length) {
      out.push('  Prerequisites:');
      for (const x of p.prerequisites) {
        out.push(`    [${x.status}]${' '.repeat(7 - x.status.length)} ${x.text}`);
        for (const d of x.details) out.push(`               - ${d}`);
      }
    }
    if (p.inventoryGaps.length) out.push('  Inventory gaps:', ...p.inventoryGaps.map((g) => `    - ${g}`));
    if (p.warnings.length) out.push('  Warnings:', ...p.warnings.map((w) => `    - ${w}`));
    if (p.command) {
      const heading = p.support === 'conflicting' ? '  Command (as the article shows it; the documentation conflicts):' : p.ready ? '  Command:' : '  Command (once the prerequisites are met):';
      out.push(heading, `    ${p.command}`);
      out.push(...p.notes.map((n) => `    ${n}`));
    }
  }
  if (plans.length) {
    const s = plans[0]!.source;
    out.push('', `Source: ${s.title} (${s.date}), ${s.url}`);
  }
  return out;
}

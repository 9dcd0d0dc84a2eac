import { buildFacts } from '../../../src/inventory/facts/facts.ts';
import type { ClusterFacts } from '../../../src/inventory/facts/types.ts';
import { InventoryBuilder } from '../../../src/inventory/normalize/builder.ts';
import type { InputDocument } from '../../../src/json/read.ts';
import { extractRows } from '../../../src/inventory/sources/files/shapes.ts';
import { BUILTIN_POLICY_DIR, loadPoliciesOrThrow } from '../../../src/policy/load.ts';
import { BUILTIN_PROFILES } from '../../../src/policy/profiles.ts';
import { FORMATS, FORMATTERS, formatContext, type OutputFormat } from '../../../src/report/formats.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { evaluate } from '../../../src/scan/scan.ts';
import { singleProfile } from '../../../src/config/assign.ts';

const policies = loadPoliciesOrThrow([BUILTIN_POLICY_DIR]);

export interface PipelineRun {
  facts: ClusterFacts[];
  result: ScanResult;
  /** Every report format, rendered. */
  outputs: Record<OutputFormat, string>;
}

/**
 * The scan in process, stage by stage as the CLI wires it: rows → inventory → facts → policies →
 * every formatter. `absPath` is the file findings are located in (it need not exist).
 */
export function runPipeline(doc: InputDocument, profile: 'baseline' | 'secure' = 'secure'): PipelineRun {
  const builder = new InventoryBuilder();
  for (const row of extractRows(doc)) builder.add(row);
  const { inventory, errors, warnings } = builder.finish();
  const loaded = { inventory, errors, warnings, inputs: [doc.file], files: new Map([[doc.file, doc.absPath]]), skipped: [] };
  const facts = buildFacts(inventory);
  const result = evaluate(loaded, {
    source: 'fixtures',
    policies,
    profiles: singleProfile(BUILTIN_PROFILES[profile] ?? BUILTIN_PROFILES['baseline']!, 'test'),
    failOn: 'high',
    startedAt: new Date(0),
  });
  const outputs = Object.fromEntries(FORMATS.map((f) => [f, FORMATTERS[f](result, formatContext({ outDir: '/nonexistent' }))])) as Record<OutputFormat, string>;
  return { facts, result, outputs };
}

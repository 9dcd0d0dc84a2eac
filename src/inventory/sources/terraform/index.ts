import type { ScanError } from '../../../errors.ts';
import type { ClusterFacts } from '../../facts/types.ts';
import { key, type Inventory, type SourceRef } from '../../model.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import type { InputDocument } from '../../../json/read.ts';
import type { RawRow } from '../files/shapes.ts';
import type { UnknownValue } from './context.ts';
import type { DecidedAtApply } from '../../../scan/result.ts';
import { ConfigurationBlocks, type BlockLocation, type PlanSource } from './blocks.ts';
import { decidedAtApply } from './deferred.ts';
import { isTerraformJson, readTerraform } from './plan.ts';
import { convert } from './rows.ts';

export { isTerraformJson } from './plan.ts';

/** What a Terraform plan tells beyond its rows: addresses, values known only after apply, the state before. */
export class TerraformPlans {
  private readonly addresses = new Map<string, string>();
  private readonly unknowns: UnknownValue[] = [];
  private readonly priorBuilder = new InventoryBuilder();
  private hasPrior = false;
  private readonly planOf = new Map<string, PlanSource>();
  private readonly places = new Map<string, SourceRef>();
  private blocks: { root: string; search: ConfigurationBlocks } | null = null;

  /** The rows of a `terraform show -json` document, or null when the document is not one. */
  rows(doc: InputDocument): RawRow[] | null {
    if (!isTerraformJson(doc.value)) return null;
    const tf = readTerraform(doc.value);
    const now = convert(tf);
    const plan = { absPath: doc.absPath, configuration: tf.configuration };
    for (const r of [...tf.resources, ...(tf.prior ?? [])]) this.planOf.set(r.address, plan);
    for (const r of tf.resources) this.places.set(r.address, { file: doc.file, path: [...r.path, 'values'] });
    for (const [k, a] of now.addresses) this.addresses.set(k, a);
    this.unknowns.push(...now.unknowns);
    if (tf.prior) {
      this.hasPrior = true;
      const before = convert({ ...tf, resources: tf.prior, prior: null });
      for (const r of before.rows) this.priorBuilder.add({ value: r.value, source: { file: doc.file, path: r.resource.path } });
      // A resource the plan replaces keeps its address: the address, not the ID, ties before to after.
      for (const [k, a] of before.addresses) if (!this.addresses.has(k)) this.addresses.set(k, a);
    }
    return now.rows.map((r) => ({ value: r.value, source: { file: doc.file, path: r.resource.path } }));
  }

  /** Terraform address of a row (cluster, pool, subnet, gateway, IP) by its ID. */
  addressOf(id: string): string | undefined {
    return this.addresses.get(key(id));
  }

  /**
   * Where a resource's planned values are in its plan file. Findings are located there rather than
   * at their ARM property, which the plan spells in azurerm terms (and a default node pool has no
   * row of its own).
   */
  placeOf(address: string): SourceRef | undefined {
    return this.places.get(address);
  }

  /** Where the block of a Terraform address is in the `.tf` files under `sourceRoot`, or null. */
  blockOf(address: string, sourceRoot: string): BlockLocation | null {
    const plan = this.planOf.get(address);
    if (!plan) return null;
    if (this.blocks?.root !== sourceRoot) this.blocks = { root: sourceRoot, search: new ConfigurationBlocks(sourceRoot) };
    return this.blocks.search.locate(plan, address);
  }

  decidedAtApply(c: ClusterFacts, active: ReadonlySet<string>): DecidedAtApply[] {
    return decidedAtApply(c, this.unknowns, active);
  }

  /** The inventory of the plans' prior states (update plans), to tell the findings a plan introduces; null for create plans. */
  prior(): { inventory: Inventory; errors: ScanError[] } | null {
    return this.hasPrior ? this.priorBuilder.finish() : null;
  }
}

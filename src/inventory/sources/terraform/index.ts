import type { ScanError } from '../../../errors.ts';
import type { ClusterFacts } from '../../facts/types.ts';
import { key, type Inventory, type SourceRef } from '../../model.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import type { InputDocument } from '../../../json/read.ts';
import type { RawRow } from '../files/shapes.ts';
import type { UnknownValue } from './context.ts';
import type { DecidedAtApply } from './deferred.ts';
import { ConfigurationBlocks, type BlockLocation, type PlanSource } from './blocks.ts';
import { decidedAtApply } from './deferred.ts';
import { isTerraformJson, readTerraform } from './plan.ts';
import { convert } from './rows.ts';

export { isTerraformJson } from './plan.ts';

/** A row's Terraform resource: its address, where its planned values are, and the plan it is in. */
export interface PlannedResource {
  address: string;
  /** The resource's `values` in the plan file (absent for a resource only the prior state has). */
  place?: SourceRef;
  plan: PlanSource;
}

/** What a Terraform plan tells beyond its rows: addresses, values known only after apply, the state before. */
export class TerraformPlans {
  /** By lower-cased row ID: several plans may use the same addresses, but not the same rows. */
  private readonly byRow = new Map<string, PlannedResource>();
  private readonly unknowns: UnknownValue[] = [];
  private readonly priorBuilder = new InventoryBuilder();
  private hasPrior = false;
  private blocks: { root: string; search: ConfigurationBlocks } | null = null;

  /** The rows of a `terraform show -json` document, or null when the document is not one. */
  rows(doc: InputDocument): RawRow[] | null {
    if (!isTerraformJson(doc.value)) return null;
    const tf = readTerraform(doc.value);
    const now = convert(tf);
    const plan = { absPath: doc.absPath, configuration: tf.configuration };
    const paths = new Map(tf.resources.map((r) => [r.address, r.path]));
    for (const [k, address] of now.addresses) {
      const at = paths.get(address);
      this.byRow.set(k, { address, plan, ...(at ? { place: { file: doc.file, path: [...at, 'values'] } } : {}) });
    }
    this.unknowns.push(...now.unknowns);
    if (tf.prior) {
      this.hasPrior = true;
      const before = convert({ ...tf, resources: tf.prior, prior: null });
      for (const r of before.rows) this.priorBuilder.add({ value: r.value, source: { file: doc.file, path: r.resource.path } });
      // A resource the plan replaces keeps its address: the address, not the ID, ties before to after.
      for (const [k, address] of before.addresses) if (!this.byRow.has(k)) this.byRow.set(k, { address, plan });
    }
    return now.rows.map((r) => ({ value: r.value, source: { file: doc.file, path: r.resource.path } }));
  }

  /** The Terraform resource of a row (cluster, pool, subnet, gateway, IP) by its ID. */
  planned(id: string): PlannedResource | undefined {
    return this.byRow.get(key(id));
  }

  /** Terraform address of a row by its ID. */
  addressOf(id: string): string | undefined {
    return this.planned(id)?.address;
  }

  /** Where the resource's block is in the `.tf` files under `sourceRoot`, or null. */
  blockOf(resource: PlannedResource, sourceRoot: string): BlockLocation | null {
    if (this.blocks?.root !== sourceRoot) this.blocks = { root: sourceRoot, search: new ConfigurationBlocks(sourceRoot) };
    return this.blocks.search.locate(resource.plan, resource.address);
  }

  decidedAtApply(c: ClusterFacts, active: ReadonlySet<string>): DecidedAtApply[] {
    return decidedAtApply(c, this.unknowns, active);
  }

  /** The inventory of the plans' prior states (update plans), to tell the findings a plan introduces; null for create plans. */
  prior(): { inventory: Inventory; errors: ScanError[] } | null {
    return this.hasPrior ? this.priorBuilder.finish() : null;
  }
}

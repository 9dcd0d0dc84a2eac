import type { TerraformPlans } from './terraform/index.ts';
import type { ScanError, ScanWarning } from '../../errors.ts';
import type { RowIndex } from '../../json/locate/locate.ts';
import type { Inventory } from '../model.ts';

/** What every inventory source yields: the normalized inventory and the problems met reading it. */
export interface LoadedInventory {
  inventory: Inventory;
  errors: ScanError[];
  /** Unknown enum-like values, each listed once: read as themselves, so not errors. */
  warnings: ScanWarning[];
  inputs: string[];
  /** Display path → absolute path of every file read, for resolving finding locations. */
  files: Map<string, string>;
  skipped: string[];
  /** Where the rows of large inputs start, recorded as they were read. */
  rowIndex?: RowIndex | null;
  /** Set when an input is a Terraform plan or state. */
  terraform?: TerraformPlans;
}

/** An input kind (exported files, Azure Resource Graph live, ...): one folder under sources/. */
export interface Source {
  load(): Promise<LoadedInventory>;
}

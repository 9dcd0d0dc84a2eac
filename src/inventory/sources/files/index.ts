import path from 'node:path';
import { InputError, type ScanError } from '../../../errors.ts';
import { inputBytes, MIN_INDEX_BYTES, RowIndex } from '../../../json/locate/locate.ts';
import { readDocument } from '../../../json/read.ts';
import { checkFileSet } from '../../../json/write.ts';
import { collectFiles } from './collect.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import { asManifest, manifestErrors } from '../arg/manifest.ts';
import type { LoadedInventory, Source } from '../source.ts';
import { isOwnReport } from './own-report.ts';
import { extractRows } from './shapes.ts';
import { TerraformPlans } from '../terraform/index.ts';
import { loadMode, ReadAhead } from './parallel.ts';

export function filesSource(inputs: readonly string[]): Source {
  return { load: () => loadFixtures(inputs) };
}

/**
 * Reads exported fixtures (files or folders) into the inventory. Throws InputError on unreadable input.
 * An `egress-audit export` manifest is not inventory: the scopes it says failed are reported again,
 * so an offline scan of a partial export is as incomplete as the live scan was.
 */
export async function loadFixtures(inputs: readonly string[]): Promise<LoadedInventory> {
  const { files, skipped } = await collectFiles(inputs);
  await checkFileSets(files);
  const absPaths = files.map((f) => path.resolve(f));
  const bytes = inputBytes(absPaths);
  const rowIndex = RowIndex.start(absPaths, MIN_INDEX_BYTES, bytes);
  const ahead = loadMode(bytes, MIN_INDEX_BYTES) === 'parallel' && files.length > 1 ? new ReadAhead(files) : null;
  const builder = new InventoryBuilder();
  const shown = new Map<string, string>();
  const exportErrors: ScanError[] = [];
  const plans = new TerraformPlans();
  let planRead = false;
  try {
    for (const [i, f] of files.entries()) {
      const done = ahead?.owns(i) ? await ahead.take(i) : null;
      if (done?.kind === 'input-error') throw new InputError(done.message);
      if (done?.kind === 'rows') {
        shown.set(done.file, done.absPath);
        builder.apply(done.ops);
        continue;
      }
      // One file at a time: its parsed tree is garbage as soon as its rows are normalized.
      const doc = await readDocument(f);
      if (isOwnReport(doc.value)) {
        skipped.push(`${doc.file}: an egress-audit report, not inventory`);
        continue;
      }
      const manifest = asManifest(doc.value);
      if (manifest) {
        exportErrors.push(...manifestErrors(manifest));
        continue;
      }
      shown.set(doc.file, doc.absPath);
      // terraform show -json output is recognized before the other shapes.
      const planRows = plans.rows(doc);
      planRead ||= planRows !== null;
      for (const row of planRows ?? extractRows(doc)) builder.add(row);
    }
  } catch (err) {
    rowIndex?.close();
    throw err;
  } finally {
    ahead?.close();
  }
  const { inventory, errors, warnings } = builder.finish();
  return { inventory, errors: [...exportErrors, ...errors], warnings, inputs: [...inputs], files: shown, skipped, rowIndex, ...(planRead ? { terraform: plans } : {}) };
}

/** A folder written as one set (an export, a report folder) is read only when the set is whole. */
async function checkFileSets(files: readonly string[]): Promise<void> {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = path.dirname(f);
    byDir.set(dir, [...(byDir.get(dir) ?? []), path.basename(f)]);
  }
  for (const [dir, names] of byDir) await checkFileSet(dir, names);
}


import path from 'node:path';
import { InputError, type ScanError } from '../../../errors.ts';
import { inputBytes, MIN_INDEX_BYTES, RowIndex } from '../../../json/locate/locate.ts';
import { rowLists } from '../../../json/locate/scan.ts';
import { readDocument } from '../../../json/read.ts';
import { fileSetDigests, setDigestCheck } from '../../../json/write.ts';
import { collectFiles } from './collect.ts';
import { InventoryBuilder } from '../../normalize/builder.ts';
import { asManifest, manifestErrors } from '../arg/manifest.ts';
import type { LoadedInventory, Source } from '../source.ts';
import { isOwnReport } from './own-report.ts';
import { extractRows } from './shapes.ts';
import { TerraformPlans } from '../terraform/index.ts';
import { loadMode, loadWorkers, ReadAhead, readRecorded, type FileResult } from './parallel.ts';

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
  const digests = await setDigests(files);
  const absPaths = files.map((f) => path.resolve(f));
  const bytes = inputBytes(absPaths);
  // Large inputs are read by worker threads beside the main thread, and each file's row starts are
  // recorded by the thread that reads it, so that findings are later located by reading only the
  // rows they point into.
  const parallel = loadMode(bytes, MIN_INDEX_BYTES) === 'parallel';
  const rowIndex = parallel ? new RowIndex() : null;
  const ahead = parallel && files.length > 1 ? new ReadAhead(files, true, loadWorkers(), files.map((f) => digests.get(f) ?? null)) : null;
  const builder = new InventoryBuilder();
  const shown = new Map<string, string>();
  const exportErrors: ScanError[] = [];
  const plans = new TerraformPlans();
  let planRead = false;
  /** The main thread's own read of a file, straight into the builder (every earlier file applied). */
  const readHere = async (f: string): Promise<void> => {
    // One file at a time: its parsed tree is garbage as soon as its rows are normalized.
    const sha = digests.get(f);
    const doc = await readDocument(f, sha ? setDigestCheck(f, sha) : undefined);
    if (isOwnReport(doc.value)) {
      skipped.push(`${doc.file}: an egress-audit report, not inventory`);
      return;
    }
    const manifest = asManifest(doc.value);
    if (manifest) {
      exportErrors.push(...manifestErrors(manifest));
      return;
    }
    shown.set(doc.file, doc.absPath);
    rowIndex?.set(doc.absPath, rowLists(doc.text, doc.bom ? 3 : 0));
    // terraform show -json output is recognized before the other shapes.
    const planRows = plans.rows(doc);
    planRead ||= planRows !== null;
    for (const row of planRows ?? extractRows(doc)) builder.add(row);
  };
  /** A file's recorded changes, applied in its turn; files no thread could record are read here. */
  const apply = async (r: FileResult | null | undefined, f: string): Promise<void> => {
    if (r?.kind === 'input-error') throw new InputError(r.message);
    if (r?.kind !== 'rows') return readHere(f);
    shown.set(r.file, r.absPath);
    if (r.lists !== undefined) rowIndex?.set(r.absPath, r.lists);
    builder.apply(r.ops);
  };
  try {
    if (!ahead) for (const f of files) await readHere(f);
    else {
      // Both threads claim files as they go; changes are applied strictly in file order, so
      // duplicates across files, the error cap, warnings and the first bad file come out as in a
      // sequential load. A file the main thread claims ahead of its turn is recorded, not applied.
      const mine = new Map<number, FileResult>();
      let next = 0;
      const applyReady = async (): Promise<void> => {
        for (let r = mine.get(next) ?? ahead.ready(next); r; r = mine.get(next) ?? ahead.ready(next)) {
          mine.delete(next);
          await apply(r, files[next] as string);
          next++;
        }
      };
      for (let i = ahead.claim(); i < files.length; i = ahead.claim()) {
        await applyReady();
        if (i === next) {
          await readHere(files[i] as string);
          next++;
        } else mine.set(i, await readRecorded(i, files[i] as string, rowIndex !== null, digests.get(files[i] as string)));
      }
      for (; next < files.length; next++) {
        const r = mine.get(next) ?? (await ahead.take(next));
        mine.delete(next);
        await apply(r, files[next] as string);
      }
    }
  } finally {
    ahead?.close();
  }
  const { inventory, errors, warnings } = builder.finish();
  return { inventory, errors: [...exportErrors, ...errors], warnings, inputs: [...inputs], files: shown, skipped, rowIndex, ...(planRead ? { terraform: plans } : {}) };
}

/**
 * The digests of files in folders written as one set (an export, a report folder), by path as
 * collected: each is checked on the one read that loads the file, so a set is read only when whole.
 */
async function setDigests(files: readonly string[]): Promise<Map<string, string>> {
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = path.dirname(f);
    const names = byDir.get(dir);
    if (names) names.push(f);
    else byDir.set(dir, [f]);
  }
  const out = new Map<string, string>();
  for (const [dir, paths] of byDir) {
    const listed = await fileSetDigests(dir, paths.map((f) => path.basename(f)));
    for (const f of paths) {
      const sha = listed.get(path.basename(f));
      if (sha) out.set(f, sha);
    }
  }
  return out;
}


import type { ScanError, ScanWarning } from '../../errors.ts';
import { InventoryBuilder, type Stored, type Target } from './builder.ts';
import { ErrorLog } from './fields.ts';

/**
 * One change the builder makes to its inventory or error log. A builder on a worker thread records
 * them instead of applying them; the main thread replays them in file order (InventoryBuilder.apply),
 * so duplicates, the error cap and first-seen warnings come out exactly as a sequential read makes them.
 */
export type BuildOp =
  | { op: 'error'; error: ScanError }
  | { op: 'skip'; n: number }
  | { op: 'unknown'; warning: UnknownValue }
  | { op: 'store'; target: Target; id: string; entity: Stored }
  | { op: 'tally'; what: 'counts' | 'ignoredTypes'; name: string }
  | { op: 'refuse'; key: string; why: string };

export type UnknownValue = Omit<ScanWarning, 'code' | 'message' | 'occurrences'>;

class RecordingLog extends ErrorLog {
  private readonly ops: BuildOp[];
  constructor(ops: BuildOp[]) {
    super();
    this.ops = ops;
  }
  override add(error: ScanError): void {
    this.ops.push({ op: 'error', error });
  }
  override skip(n: number): void {
    this.ops.push({ op: 'skip', n });
  }
  override unknownValue(warning: UnknownValue): void {
    this.ops.push({ op: 'unknown', warning });
  }
}

/** Normalizes rows like InventoryBuilder, recording every change in `ops` instead of making it. */
export class RecordingBuilder extends InventoryBuilder {
  private readonly ops: BuildOp[];
  constructor(ops: BuildOp[] = []) {
    super(new RecordingLog(ops));
    this.ops = ops;
  }

  /** The changes recorded since the last call. */
  take(): BuildOp[] {
    return this.ops.splice(0);
  }

  protected override storeAs(target: Target, id: string, entity: Stored): void {
    this.ops.push({ op: 'store', target, id, entity });
  }
  protected override tally(what: 'counts' | 'ignoredTypes', name: string): void {
    this.ops.push({ op: 'tally', what, name });
  }
  protected override refuse(key: string, why: string): void {
    this.ops.push({ op: 'refuse', key, why });
  }
}

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../../errors.ts';
import { workerModule } from '../../../threads.ts';
import { rowLists, type RowList } from '../../../json/locate/scan.ts';
import { readDocument } from '../../../json/read.ts';
import { setDigestCheck } from '../../../json/write.ts';
import { RecordingBuilder, type BuildOp } from '../../normalize/record.ts';
import { asManifest } from '../arg/manifest.ts';
import { isTerraformJson } from '../terraform/plan.ts';
import { isOwnReport } from './own-report.ts';
import { extractRows } from './shapes.ts';

/**
 * What a thread made of one file: its recorded changes (and where its rows start, when row indexes
 * are kept), an input error, or "the main thread reads it itself" (manifests, Terraform plans, this
 * tool's own reports, and anything unexpected).
 */
export type FileResult =
  | { i: number; kind: 'rows'; file: string; absPath: string; ops: BuildOp[]; lists: RowList[] | null | undefined }
  | { i: number; kind: 'input-error'; message: string }
  | { i: number; kind: 'main' };

/**
 * How files are loaded: in parallel (a worker thread, and row indexes for locating findings) from
 * `minBytes` of input. `EGRESS_LOAD=sequential|parallel` overrides the choice by input size (for tests
 * and benchmarks; not under EGRESS_AUDIT_, where every variable is a scan option).
 */
export function loadMode(bytes: number, minBytes: number): 'sequential' | 'parallel' {
  const forced = process.env['EGRESS_LOAD'];
  if (forced === 'sequential' || forced === 'parallel') return forced;
  return bytes >= minBytes ? 'parallel' : 'sequential';
}

/**
 * Load workers beside the main thread: one per core, up to four (the main thread, which applies
 * every file's changes, becomes the limit beyond that). On two cores, two workers and the main
 * thread reading too gave the shortest loads.
 */
export function loadWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Reads, parses and normalizes one file into recorded changes, on whichever thread claimed it. */
export async function readRecorded(i: number, f: string, index: boolean, sha?: string | null): Promise<FileResult> {
  try {
    const doc = await readDocument(f, sha ? setDigestCheck(f, sha) : undefined);
    if (asManifest(doc.value) || isTerraformJson(doc.value) || isOwnReport(doc.value)) return { i, kind: 'main' };
    const builder = new RecordingBuilder();
    for (const row of extractRows(doc)) builder.add(row);
    const ops = builder.take();
    // Where the rows start, from the text already in hand, for locating findings later.
    return { i, kind: 'rows', file: doc.file, absPath: doc.absPath, ops, lists: index ? rowLists(doc.text, doc.bom ? 3 : 0) : undefined };
  } catch (err) {
    if (err instanceof InputError) return { i, kind: 'input-error', message: err.message };
    return { i, kind: 'main' };
  }
}

/**
 * Worker threads that read, parse and normalize files beside the main thread. All claim the next
 * file from one shared counter, so each takes as many as its speed allows (the main thread, whose
 * heap holds the growing inventory, is the slowest); the main thread applies every file's changes
 * in file order. Parse trees never cross threads, and the workers' garbage is collected on their
 * own small heaps.
 */
export class ReadAhead {
  private readonly workers: Worker[];
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private readonly total: number;
  private readonly results = new Map<number, FileResult>();
  private readonly waiting = new Map<number, (r: FileResult | null) => void>();
  private broken = false;

  /** `digests`: by file, the SHA-256 its folder's set manifest lists (checked as the file is read), or null. */
  constructor(files: readonly string[], index: boolean, threads = 1, digests: readonly (string | null)[] = []) {
    this.total = files.length;
    this.workers = Array.from({ length: threads }, () => new Worker(workerModule(import.meta.url, 'worker', 'worker.js'), { workerData: { files, index, digests, counter: this.counter.buffer } }));
    for (const worker of this.workers) {
      worker.on('message', (r: FileResult) => {
        const resolve = this.waiting.get(r.i);
        if (resolve) {
          this.waiting.delete(r.i);
          resolve(r);
        } else this.results.set(r.i, r);
      });
      // A worker that fails to start or dies may hold a file it claimed: from then on, every file
      // not yet answered is read by the main thread (the other workers are stopped).
      worker.on('error', () => this.break());
      worker.on('exit', (code) => code !== 0 && this.break());
    }
  }

  private break(): void {
    if (this.broken) return;
    this.broken = true;
    this.close();
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }

  /** The next file nobody has claimed, for the main thread; `total` when none is left. */
  claim(): number {
    return Math.min(Atomics.add(this.counter, 0, 1), this.total);
  }

  /** The worker's result for file i if it has arrived. */
  ready(i: number): FileResult | undefined {
    const have = this.results.get(i);
    if (have) this.results.delete(i);
    return have;
  }

  /** The worker's result for file i (a file it claimed), or null when the main thread must read it. */
  take(i: number): Promise<FileResult | null> {
    const have = this.ready(i);
    if (have) return Promise.resolve(have);
    if (this.broken) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.set(i, resolve));
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

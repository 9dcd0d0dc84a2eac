import { Worker } from 'node:worker_threads';
import type { BuildOp } from '../../normalize/record.ts';

/** What the worker made of one file: its recorded changes, an input error, or "read it yourself". */
export type FileResult =
  | { i: number; kind: 'rows'; file: string; absPath: string; ops: BuildOp[] }
  | { i: number; kind: 'input-error'; message: string }
  | { i: number; kind: 'main' };

/**
 * How files are loaded. `EGRESS_LOAD=sequential|parallel` overrides the choice by input size (for tests
 * and benchmarks; not under EGRESS_AUDIT_, where every variable is a scan option).
 */
export function loadMode(bytes: number, minBytes: number): 'sequential' | 'parallel' {
  const forced = process.env['EGRESS_LOAD'];
  if (forced === 'sequential' || forced === 'parallel') return forced;
  return bytes >= minBytes ? 'parallel' : 'sequential';
}

/**
 * The files the worker takes, by place in file order: two in three. The main thread reads the
 * others more slowly (its heap holds the growing inventory, so its collections cost more), and
 * replays the worker's changes.
 */
export function workerOwns(i: number): boolean {
  return i % 3 !== 0;
}

/**
 * Files read, parsed and normalized on a worker thread (see workerOwns), ahead of the main thread,
 * which reads the others itself and takes the worker's results in file order. Parse trees never
 * cross threads, and the worker's garbage is collected on its own heap.
 */
export class ReadAhead {
  private readonly worker: Worker;
  private readonly results = new Map<number, FileResult>();
  private readonly waiting = new Map<number, (r: FileResult | null) => void>();
  private dead = false;

  constructor(files: readonly string[]) {
    const url = import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js';
    this.worker = new Worker(new URL(url, import.meta.url), { workerData: { files } });
    this.worker.on('message', (r: FileResult) => {
      const resolve = this.waiting.get(r.i);
      if (resolve) {
        this.waiting.delete(r.i);
        resolve(r);
      } else this.results.set(r.i, r);
    });
    // A worker that fails to start or dies leaves its files to the main thread.
    const stop = (): void => {
      this.dead = true;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', stop);
  }

  /** Whether file i is the worker's. */
  owns(i: number): boolean {
    return workerOwns(i);
  }

  /** The worker's result for file i, or null when the main thread must read it. */
  take(i: number): Promise<FileResult | null> {
    const have = this.results.get(i);
    if (have) {
      this.results.delete(i);
      return Promise.resolve(have);
    }
    if (this.dead) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.set(i, resolve));
  }

  close(): void {
    void this.worker.terminate();
  }
}

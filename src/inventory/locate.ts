import { readFileSync, statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { addWant, resolve, Scanner, type RowList, type Sparse, type Want } from './locate-scan.ts';
import type { SourceRef } from './model.ts';

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LocateRequest {
  source: SourceRef;
  /** Property segments below `source`, matched case-insensitively; a missing `properties` is stepped over. */
  property: readonly string[];
}

/**
 * Resolves places in input files to lines. Each file with findings is read once and scanned once,
 * building nodes only along the requested paths. With a row index (built on a second thread while
 * the scan runs), only the rows that findings point into are scanned at all.
 */
export class Locator {
  private readonly absPaths: ReadonlyMap<string, string>;
  private readonly index: RowIndex | null;

  constructor(absPaths: ReadonlyMap<string, string>, index: RowIndex | null = null) {
    this.absPaths = absPaths;
    this.index = index;
  }

  /** One region (or null) per request, in request order. */
  locateAll(requests: readonly (LocateRequest | null)[]): (Region | null)[] {
    const out: (Region | null)[] = requests.map(() => null);
    const byFile = new Map<string, number[]>();
    requests.forEach((r, i) => {
      if (!r) return;
      let list = byFile.get(r.source.file);
      if (!list) byFile.set(r.source.file, (list = []));
      list.push(i);
    });
    for (const [file, indices] of byFile) {
      const abs = this.absPaths.get(file) ?? file;
      try {
        const text = readFileSync(abs, 'utf8');
        const rows = this.index?.rows(abs) ?? null;
        locateInFile(text, rows, indices.map((i) => requests[i] as LocateRequest)).forEach((region, k) => (out[indices[k] as number] = region));
      } catch {
        // An unreadable or changed file leaves its findings without a line, never fails the scan.
      }
    }
    this.index?.close();
    return out;
  }

  /** The region of the deepest existing node along `source.path` + `property` (keys matched case-insensitively). */
  locate(source: SourceRef, property: readonly string[]): Region | null {
    return this.locateAll([{ source, property }])[0] ?? null;
  }
}

function locateInFile(text: string, rows: RowList[] | null, requests: LocateRequest[]): (Region | null)[] {
  const out: (Region | null)[] = requests.map(() => null);
  const whole: number[] = [];
  const byRow = new Map<string, { list: RowList; row: number; members: { k: number; rest: (string | number)[] }[] }>();
  requests.forEach((r, k) => {
    const p = r.source.path;
    const list = rows?.find((l) => (l.key === null ? typeof p[0] === 'number' : p[0] === l.key && typeof p[1] === 'number'));
    if (!list) return void whole.push(k);
    const at = list.key === null ? 0 : 1;
    const row = p[at] as number;
    if (row >= list.offsets.length) return;
    const id = `${list.key ?? ''}\0${row}`;
    let entry = byRow.get(id);
    if (!entry) byRow.set(id, (entry = { list, row, members: [] }));
    entry.members.push({ k, rest: p.slice(at + 1) });
  });
  const scanner = new Scanner(text);
  for (const { list, row, members } of byRow.values()) {
    const want: Want = new Map();
    for (const m of members) addWant(want, m.rest, (requests[m.k] as LocateRequest).property);
    const node = scanner.parseAt(list.offsets[row] as number, list.lines[row] as number, list.lineStarts[row] as number, want);
    for (const m of members) out[m.k] = resolve(node, m.rest, (requests[m.k] as LocateRequest).property);
  }
  if (whole.length) {
    const want: Want = new Map();
    for (const k of whole) addWant(want, (requests[k] as LocateRequest).source.path, (requests[k] as LocateRequest).property);
    const root: Sparse = new Scanner(text).parse(want);
    for (const k of whole) out[k] = resolve(root, (requests[k] as LocateRequest).source.path, (requests[k] as LocateRequest).property);
  }
  return out;
}

/** Below this much input a second thread costs more than the pass it saves. */
const MIN_INDEX_BYTES = 16 * 1024 * 1024;

/**
 * Row indexes of the input files (where each top-level row starts, with its line), built by a
 * worker thread that reads the files alongside the main thread. The main thread takes results
 * synchronously (receiveMessageOnPort), waiting on a shared counter when it is ahead of the worker.
 */
export class RowIndex {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done: Int32Array;
  private readonly lists = new Map<string, RowList[] | null>();
  private received = 0;
  private failed = false;
  private closed = false;
  private readonly expected: number;

  /** Starts indexing, or returns null when the input is too small for it to pay off. */
  static start(absPaths: readonly string[], minBytes = MIN_INDEX_BYTES): RowIndex | null {
    let bytes = 0;
    for (const p of absPaths) {
      try {
        bytes += statSync(p).size;
      } catch {
        // The reader reports unreadable files; they are simply not indexed.
      }
    }
    return bytes >= minBytes && absPaths.length ? new RowIndex(absPaths) : null;
  }

  private constructor(absPaths: readonly string[]) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.done = new Int32Array(new SharedArrayBuffer(4));
    this.expected = absPaths.length;
    this.worker = new Worker(new URL('./locate-worker.ts', import.meta.url), {
      workerData: { files: absPaths, port: port2, progress: this.done.buffer },
      transferList: [port2],
    });
    this.worker.on('error', () => (this.failed = true));
    this.worker.on('exit', () => (this.failed = this.failed || this.received < this.expected));
    this.worker.unref();
  }

  /** The file's row lists; null when it cannot be indexed (the caller scans the whole file). */
  rows(absPath: string): RowList[] | null {
    if (this.closed) return null;
    for (;;) {
      this.drain();
      if (this.lists.has(absPath)) return this.lists.get(absPath) ?? null;
      if (this.failed || this.received >= this.expected) return null;
      // Ahead of the worker: sleep until it reports another file (bounded, so a dead worker cannot hang the scan).
      if (Atomics.wait(this.done, 0, this.received, 5_000) === 'timed-out' && Atomics.load(this.done, 0) === this.received) this.failed = true;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { file, lists } = m.message as { file: string; lists: RowList[] | null };
      this.lists.set(file, lists);
      this.received++;
    }
  }
}

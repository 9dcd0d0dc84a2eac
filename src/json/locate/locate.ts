import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { addWant, resolve, Scanner, type RowList, type Sparse, type Want } from './scan.ts';
import type { SourceRef } from '../../inventory/model.ts';

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
        const rows = this.index?.rows(abs) ?? null;
        const asked = indices.map((i) => requests[i] as LocateRequest);
        const regions = rows ? locateInRows(abs, rows, asked) : locateInText(readFileSync(abs, 'utf8'), asked);
        regions.forEach((region, k) => (out[indices[k] as number] = region));
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

/** Every request by one pass over the whole text. */
function locateInText(text: string, requests: readonly LocateRequest[]): (Region | null)[] {
  const want: Want = new Map();
  for (const r of requests) addWant(want, r.source.path, r.property);
  const root: Sparse = new Scanner(text).parse(want);
  return requests.map((r) => resolve(root, r.source.path, r.property));
}

interface RowAsk {
  list: RowList;
  row: number;
  start: number;
  end: number;
  asks: { k: number; rest: (string | number)[] }[];
}

/** Bytes decoded at a time: rows are read in runs this size, so their text stays a small string. */
const RUN_BYTES = 64 * 1024;

/**
 * Requests by reading only the rows they point into, in runs of neighbouring rows, each decoded
 * and scanned from the row's recorded place (a whole file is never held as one string).
 */
function locateInRows(abs: string, rows: readonly RowList[], requests: readonly LocateRequest[]): (Region | null)[] {
  const byRow = new Map<string, RowAsk>();
  const whole: number[] = [];
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    requests.forEach((r, k) => {
      const p = r.source.path;
      const list = rows.find((l) => (l.key === null ? typeof p[0] === 'number' : p[0] === l.key && typeof p[1] === 'number'));
      if (!list) return void whole.push(k);
      const at = list.key === null ? 0 : 1;
      const row = p[at] as number;
      if (row >= list.offsets.length) return;
      const id = `${list.key ?? ''}\0${row}`;
      let entry = byRow.get(id);
      if (!entry) byRow.set(id, (entry = { list, row, start: list.bytes[row] as number, end: row + 1 < list.bytes.length ? (list.bytes[row + 1] as number) : size, asks: [] }));
      entry.asks.push({ k, rest: p.slice(at + 1) });
    });
    const out: (Region | null)[] = requests.map(() => null);
    // Places outside any row (never asked by the scan itself) take a pass over the whole text.
    if (whole.length) {
      const regions = locateInText(readFileSync(fd, 'utf8'), whole.map((k) => requests[k] as LocateRequest));
      whole.forEach((k, i) => (out[k] = regions[i] ?? null));
    }
    const asks = [...byRow.values()].sort((a, b) => a.start - b.start);
    for (let i = 0; i < asks.length; ) {
      // A run: neighbouring rows (in the same list) that together stay within RUN_BYTES.
      let j = i + 1;
      const first = asks[i] as RowAsk;
      while (j < asks.length && (asks[j] as RowAsk).list === first.list && (asks[j] as RowAsk).end - first.start <= RUN_BYTES) j++;
      const last = asks[j - 1] as RowAsk;
      const text = readRange(fd, first.start, last.end);
      const base = first.list.offsets[first.row] as number;
      const scanner = new Scanner(text);
      for (let n = i; n < j; n++) {
        const a = asks[n] as RowAsk;
        const want: Want = new Map();
        for (const q of a.asks) addWant(want, q.rest, (requests[q.k] as LocateRequest).property);
        const node = scanner.parseAt((a.list.offsets[a.row] as number) - base, a.list.lines[a.row] as number, (a.list.lineStarts[a.row] as number) - base, want);
        for (const q of a.asks) out[q.k] = resolve(node, q.rest, (requests[q.k] as LocateRequest).property);
      }
      i = j;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

let scratch = Buffer.allocUnsafe(RUN_BYTES);

/** Bytes [start, end) of the file as text, through one reused buffer. */
function readRange(fd: number, start: number, end: number): string {
  const length = end - start;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, scratch, got, length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return scratch.toString('utf8', 0, got);
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
    // The compiled build (dist/) runs .js modules; the source checkout runs the .ts ones.
    const worker = import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js';
    this.worker = new Worker(new URL(worker, import.meta.url), {
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

import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { addWant, resolve, Scanner, type RowList, type Sparse, type Want } from './scan.ts';
import type { SourceRef } from '../../inventory/model.ts';
import { workerModule } from '../../threads.ts';

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
 * building nodes only along the requested paths. With a row index (recorded while the files were
 * loaded), only the rows that findings point into are read and scanned at all.
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

/** Below this much input, row indexes (and the load worker) cost more than the pass they save. */
export const MIN_INDEX_BYTES = 16 * 1024 * 1024;

/** The files' total size; unreadable ones count nothing (the reader reports them). */
export function inputBytes(absPaths: readonly string[]): number {
  let bytes = 0;
  for (const p of absPaths) {
    try {
      bytes += statSync(p).size;
    } catch {
      // Reported by the reader.
    }
  }
  return bytes;
}

/**
 * Where the rows of each input file start (see RowList), recorded by whichever thread read the
 * file, from the text it had already decoded: one read of each file serves parsing and locating.
 */
export class RowIndex {
  private readonly lists = new Map<string, RowList[] | null>();

  set(absPath: string, lists: RowList[] | null): void {
    this.lists.set(absPath, lists);
  }

  /** The file's row lists; null when it was not indexed (the caller scans the whole file). */
  rows(absPath: string): RowList[] | null {
    return this.lists.get(absPath) ?? null;
  }
}

/** Requests sent to the locate worker at a time. */
const BATCH = 4096;
/** With no answer from the worker for this long, the main thread locates what is left itself. */
const PATIENCE_MS = 10_000;

/** A batch of requests for the locate worker, with the row lists of the files it has not had yet. */
export interface LocateBatch {
  n: number;
  requests: (LocateRequest | null)[];
  lists: [string, RowList[]][];
}

/**
 * Locates findings on a worker thread while the main thread goes on evaluating clusters: requests
 * go over in batches as findings are made, with the row lists of the files they name (copied, so
 * that the main thread can still do the work itself if the worker fails), and the regions are
 * collected at the end, waiting on a shared counter as the worker answers.
 */
export class BackgroundLocator {
  private readonly absPaths: ReadonlyMap<string, string>;
  private readonly index: RowIndex;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private readonly listsSent = new Set<string>();
  private readonly batches: (LocateRequest | null)[][] = [];
  private readonly regions = new Map<number, (Region | null)[] | null>();
  private readonly batch: number;
  private submitted = 0;
  /** Batches the main thread had to locate itself (the worker failed or fell silent). */
  locatedHere = 0;

  constructor(absPaths: ReadonlyMap<string, string>, index: RowIndex, batch = BATCH) {
    this.absPaths = absPaths;
    this.batch = batch;
    this.index = index;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(workerModule(import.meta.url, 'worker', 'locate-worker.js'), {
      workerData: { absPaths: [...absPaths], port: port2, answered: this.answered.buffer },
      transferList: [port2],
    });
    // A worker that fails to start is noticed by its silence (see finish).
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  /** Sends the requests made since the last batch, once there are enough of them. */
  submit(places: readonly (LocateRequest | null)[]): void {
    if (places.length - this.submitted >= this.batch) this.send(places);
  }

  /** Every request's region, in order: sends the rest, then waits for the worker's answers. */
  finish(places: readonly (LocateRequest | null)[]): (Region | null)[] {
    if (places.length > this.submitted) this.send(places);
    let seen = Atomics.load(this.answered, 0);
    while (this.drain() < this.batches.length) {
      if (Atomics.wait(this.answered, 0, seen, PATIENCE_MS) === 'timed-out') break;
      seen = Atomics.load(this.answered, 0);
    }
    this.close();
    const out: (Region | null)[] = [];
    const here = new Locator(this.absPaths, this.index);
    // Batches the worker could not answer are located here.
    this.batches.forEach((batch, n) => {
      const answer = this.regions.get(n);
      if (!answer) this.locatedHere++;
      for (const region of answer ?? here.locateAll(batch)) out.push(region);
    });
    return out;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private send(places: readonly (LocateRequest | null)[]): void {
    const requests = places.slice(this.submitted);
    this.submitted = places.length;
    const lists: [string, RowList[]][] = [];
    for (const r of requests) {
      if (!r) continue;
      const abs = this.absPaths.get(r.source.file) ?? r.source.file;
      if (this.listsSent.has(abs)) continue;
      this.listsSent.add(abs);
      const rows = this.index.rows(abs);
      if (rows) lists.push([abs, rows]);
    }
    const batch: LocateBatch = { n: this.batches.length, requests, lists };
    this.batches.push(requests);
    this.port.postMessage(batch);
  }

  /** Takes the answers that have arrived; returns how many batches are answered. */
  private drain(): number {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { n, regions } = m.message as { n: number; regions: (Region | null)[] | null };
      this.regions.set(n, regions);
    }
    return this.regions.size;
  }
}

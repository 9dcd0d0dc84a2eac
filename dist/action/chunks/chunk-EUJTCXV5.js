import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  Scanner,
  addWant,
  resolve,
  workerModule
} from "./chunk-VQ5Y3BWF.js";

// src/json/locate/locate.ts
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
var Locator = class {
  absPaths;
  index;
  constructor(absPaths, index = null) {
    this.absPaths = absPaths;
    this.index = index;
  }
  /** One region (or null) per request, in request order. */
  locateAll(requests) {
    const out = requests.map(() => null);
    const byFile = /* @__PURE__ */ new Map();
    requests.forEach((r, i) => {
      if (!r) return;
      let list = byFile.get(r.source.file);
      if (!list) byFile.set(r.source.file, list = []);
      list.push(i);
    });
    for (const [file, indices] of byFile) {
      const abs = this.absPaths.get(file) ?? file;
      try {
        const rows = this.index?.rows(abs) ?? null;
        const asked = indices.map((i) => requests[i]);
        const regions = rows ? locateInRows(abs, rows, asked) : locateInText(readFileSync(abs, "utf8"), asked);
        regions.forEach((region, k) => out[indices[k]] = region);
      } catch {
      }
    }
    return out;
  }
  /** The region of the deepest existing node along `source.path` + `property` (keys matched case-insensitively). */
  locate(source, property) {
    return this.locateAll([{ source, property }])[0] ?? null;
  }
};
function locateInText(text, requests) {
  const want = /* @__PURE__ */ new Map();
  for (const r of requests) addWant(want, r.source.path, r.property);
  const root = new Scanner(text).parse(want);
  return requests.map((r) => resolve(root, r.source.path, r.property));
}
var RUN_BYTES = 64 * 1024;
function locateInRows(abs, rows, requests) {
  const byRow = /* @__PURE__ */ new Map();
  const whole = [];
  const fd = openSync(abs, "r");
  try {
    const size = fstatSync(fd).size;
    requests.forEach((r, k) => {
      const p = r.source.path;
      const list = rows.find((l) => l.key === null ? typeof p[0] === "number" : p[0] === l.key && typeof p[1] === "number");
      if (!list) return void whole.push(k);
      const at = list.key === null ? 0 : 1;
      const row = p[at];
      if (row >= list.offsets.length) return;
      const id = `${list.key ?? ""}\0${row}`;
      let entry = byRow.get(id);
      if (!entry) byRow.set(id, entry = { list, row, start: list.bytes[row], end: row + 1 < list.bytes.length ? list.bytes[row + 1] : size, asks: [] });
      entry.asks.push({ k, rest: p.slice(at + 1) });
    });
    const out = requests.map(() => null);
    if (whole.length) {
      const regions = locateInText(readFileSync(fd, "utf8"), whole.map((k) => requests[k]));
      whole.forEach((k, i) => out[k] = regions[i] ?? null);
    }
    const asks = [...byRow.values()].sort((a, b) => a.start - b.start);
    for (let i = 0; i < asks.length; ) {
      let j = i + 1;
      const first = asks[i];
      while (j < asks.length && asks[j].list === first.list && asks[j].end - first.start <= RUN_BYTES) j++;
      const last = asks[j - 1];
      const text = readRange(fd, first.start, last.end);
      const base = first.list.offsets[first.row];
      const scanner = new Scanner(text);
      for (let n = i; n < j; n++) {
        const a = asks[n];
        const want = /* @__PURE__ */ new Map();
        for (const q of a.asks) addWant(want, q.rest, requests[q.k].property);
        const node = scanner.parseAt(a.list.offsets[a.row] - base, a.list.lines[a.row], a.list.lineStarts[a.row] - base, want);
        for (const q of a.asks) out[q.k] = resolve(node, q.rest, requests[q.k].property);
      }
      i = j;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
var scratch = Buffer.allocUnsafe(RUN_BYTES);
function readRange(fd, start, end) {
  const length = end - start;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, scratch, got, length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return scratch.toString("utf8", 0, got);
}
var MIN_INDEX_BYTES = 16 * 1024 * 1024;
function inputBytes(absPaths) {
  let bytes = 0;
  for (const p of absPaths) {
    try {
      bytes += statSync(p).size;
    } catch {
    }
  }
  return bytes;
}
var RowIndex = class {
  lists = /* @__PURE__ */ new Map();
  set(absPath, lists) {
    this.lists.set(absPath, lists);
  }
  /** The file's row lists; null when it was not indexed (the caller scans the whole file). */
  rows(absPath) {
    return this.lists.get(absPath) ?? null;
  }
};
var BATCH = 4096;
var PATIENCE_MS = 1e4;
var BackgroundLocator = class {
  absPaths;
  index;
  worker;
  port;
  answered = new Int32Array(new SharedArrayBuffer(4));
  listsSent = /* @__PURE__ */ new Set();
  batches = [];
  regions = /* @__PURE__ */ new Map();
  batch;
  submitted = 0;
  /** Batches the main thread had to locate itself (the worker failed or fell silent). */
  locatedHere = 0;
  constructor(absPaths, index, batch = BATCH) {
    this.absPaths = absPaths;
    this.batch = batch;
    this.index = index;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(workerModule(import.meta.url, "worker", "locate-worker.js"), {
      workerData: { absPaths: [...absPaths], port: port2, answered: this.answered.buffer },
      transferList: [port2]
    });
    this.worker.on("error", () => {
    });
    this.worker.unref();
  }
  /** Sends the requests made since the last batch, once there are enough of them. */
  submit(places) {
    if (places.length - this.submitted >= this.batch) this.send(places);
  }
  /** Every request's region, in order: sends the rest, then waits for the worker's answers. */
  finish(places) {
    if (places.length > this.submitted) this.send(places);
    let seen = Atomics.load(this.answered, 0);
    while (this.drain() < this.batches.length) {
      if (Atomics.wait(this.answered, 0, seen, PATIENCE_MS) === "timed-out") break;
      seen = Atomics.load(this.answered, 0);
    }
    this.close();
    const out = [];
    const here = new Locator(this.absPaths, this.index);
    this.batches.forEach((batch, n) => {
      const answer = this.regions.get(n);
      if (!answer) this.locatedHere++;
      for (const region of answer ?? here.locateAll(batch)) out.push(region);
    });
    return out;
  }
  close() {
    this.port.close();
    void this.worker.terminate();
  }
  send(places) {
    const requests = places.slice(this.submitted);
    this.submitted = places.length;
    const lists = [];
    for (const r of requests) {
      if (!r) continue;
      const abs = this.absPaths.get(r.source.file) ?? r.source.file;
      if (this.listsSent.has(abs)) continue;
      this.listsSent.add(abs);
      const rows = this.index.rows(abs);
      if (rows) lists.push([abs, rows]);
    }
    const batch = { n: this.batches.length, requests, lists };
    this.batches.push(requests);
    this.port.postMessage(batch);
  }
  /** Takes the answers that have arrived; returns how many batches are answered. */
  drain() {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { n, regions } = m.message;
      this.regions.set(n, regions);
    }
    return this.regions.size;
  }
};

export {
  Locator,
  MIN_INDEX_BYTES,
  inputBytes,
  RowIndex,
  BackgroundLocator
};

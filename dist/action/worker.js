import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  readRecorded
} from "./chunks/chunk-35KGFTN5.js";
import {
  rowListBuffers
} from "./chunks/chunk-VQ5Y3BWF.js";
import "./chunks/chunk-SGRUBW3Z.js";
import "./chunks/chunk-LNKZU66S.js";
import "./chunks/chunk-GGJCHK3C.js";

// src/inventory/sources/files/worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { files, index, digests, counter } = workerData;
var port = parentPort;
if (!port) throw new Error("not a worker thread");
var next = new Int32Array(counter);
for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
  const result = await readRecorded(i, files[i], index, digests[i]);
  port.postMessage(result, result.kind === "rows" ? rowListBuffers(result.lists ?? null) : []);
}

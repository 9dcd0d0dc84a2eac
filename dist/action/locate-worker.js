import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  Locator,
  RowIndex
} from "./chunks/chunk-EUJTCXV5.js";
import "./chunks/chunk-VQ5Y3BWF.js";
import "./chunks/chunk-GGJCHK3C.js";

// src/json/locate/worker.ts
import { workerData } from "node:worker_threads";
var { absPaths, port, answered } = workerData;
var count = new Int32Array(answered);
var index = new RowIndex();
var locator = new Locator(new Map(absPaths), index);
port.on("message", ({ n, requests, lists }) => {
  let regions = null;
  try {
    for (const [abs, rows] of lists) index.set(abs, rows);
    regions = locator.locateAll(requests);
  } catch {
  }
  port.postMessage({ n, regions });
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
});

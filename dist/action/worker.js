import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  Scanner
} from "./chunks/chunk-EFND5CCC.js";
import "./chunks/chunk-GGJCHK3C.js";

// src/json/locate/worker.ts
import { readFileSync } from "node:fs";
import { workerData } from "node:worker_threads";
var { files, port, progress } = workerData;
var done = new Int32Array(progress);
for (const file of files) {
  let lists = null;
  try {
    lists = new Scanner(readFileSync(file, "utf8")).rows();
  } catch {
  }
  port.postMessage({ file, lists }, (lists ?? []).flatMap((l) => [l.offsets.buffer, l.lines.buffer, l.lineStarts.buffer, l.bytes.buffer]));
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
}
port.close();

// Locates findings on a second thread while the main thread evaluates clusters; see
// BackgroundLocator in locate.ts. Answers each batch of requests with its regions, or with null
// (the main thread then locates that batch itself).
import { type MessagePort, workerData } from 'node:worker_threads';
import { Locator, RowIndex, type LocateBatch, type Region } from './locate.ts';

const { absPaths, port, answered } = workerData as { absPaths: [string, string][]; port: MessagePort; answered: SharedArrayBuffer };
const count = new Int32Array(answered);
const index = new RowIndex();
const locator = new Locator(new Map(absPaths), index);

port.on('message', ({ n, requests, lists }: LocateBatch) => {
  let regions: (Region | null)[] | null = null;
  try {
    for (const [abs, rows] of lists) index.set(abs, rows);
    regions = locator.locateAll(requests);
  } catch {
    // Answered with null: the main thread does this batch.
  }
  port.postMessage({ n, regions });
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
});

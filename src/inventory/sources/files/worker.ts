// Reads, parses and normalizes inventory files on a second thread beside the main thread; see
// ReadAhead in parallel.ts. Only the recorded changes (and row indexes) cross back, never parse trees.
import { parentPort, workerData } from 'node:worker_threads';
import { rowListBuffers } from '../../../json/locate/scan.ts';
import { readRecorded } from './parallel.ts';

const { files, index, digests, counter } = workerData as { files: string[]; index: boolean; digests: (string | null)[]; counter: SharedArrayBuffer };
const port = parentPort;
if (!port) throw new Error('not a worker thread');
const next = new Int32Array(counter);

for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
  const result = await readRecorded(i, files[i] as string, index, digests[i]);
  port.postMessage(result, result.kind === 'rows' ? rowListBuffers(result.lists ?? null) : []);
}

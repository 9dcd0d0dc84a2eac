// Builds row indexes of the inventory files on a second thread while the main thread parses and
// evaluates them; see RowIndex in locate.ts.
import { readFileSync } from 'node:fs';
import { type MessagePort, workerData } from 'node:worker_threads';
import { Scanner, type RowList } from './scan.ts';

const { files, port, progress } = workerData as { files: string[]; port: MessagePort; progress: SharedArrayBuffer };
const done = new Int32Array(progress);
for (const file of files) {
  let lists: RowList[] | null = null;
  try {
    lists = new Scanner(readFileSync(file, 'utf8')).rows();
  } catch {
    // The main thread falls back to a full pass over this file.
  }
  port.postMessage({ file, lists }, (lists ?? []).flatMap((l) => [l.offsets.buffer, l.lines.buffer, l.lineStarts.buffer, l.bytes.buffer] as ArrayBuffer[]));
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
}
port.close();

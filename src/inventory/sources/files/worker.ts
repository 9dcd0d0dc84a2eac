// Reads, parses and normalizes two inventory files in three on a second thread while the main thread
// does the rest; see ReadAhead in parallel.ts. Only the recorded changes cross back, never parse trees.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../../errors.ts';
import { readDocument } from '../../../json/read.ts';
import { RecordingBuilder } from '../../normalize/record.ts';
import { asManifest } from '../arg/manifest.ts';
import { isTerraformJson } from '../terraform/plan.ts';
import { isOwnReport } from './own-report.ts';
import { extractRows } from './shapes.ts';
import { workerOwns, type FileResult } from './parallel.ts';

const { files } = workerData as { files: string[] };
const port = parentPort;
if (!port) throw new Error('not a worker thread');

for (const [i, f] of files.entries()) if (workerOwns(i)) port.postMessage(await readOne(i, f));

async function readOne(i: number, f: string): Promise<FileResult> {
  try {
    const doc = await readDocument(f);
    // Manifests, Terraform plans and this tool's own reports are the main thread's: it reads or skips them itself.
    if (asManifest(doc.value) || isTerraformJson(doc.value) || isOwnReport(doc.value)) return { i, kind: 'main' };
    const builder = new RecordingBuilder();
    for (const row of extractRows(doc)) builder.add(row);
    return { i, kind: 'rows', file: doc.file, absPath: doc.absPath, ops: builder.take() };
  } catch (err) {
    if (err instanceof InputError) return { i, kind: 'input-error', message: err.message };
    return { i, kind: 'main' };
  }
}

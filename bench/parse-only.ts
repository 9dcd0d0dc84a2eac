// The floor the scan is measured against: read every *.json file under the folders, one at a time,
// decode it as strict UTF-8 and JSON.parse it, exactly the work the scanner cannot avoid.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function walk(dir: string, out: string[]): Promise<void> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(p, out);
    else if (entry.name.toLowerCase().endsWith('.json')) out.push(p);
  }
}

const files: string[] = [];
for (const dir of process.argv.slice(2)) await walk(dir, files);
const utf8 = new TextDecoder('utf-8', { fatal: true });
let rows = 0;
for (const f of files) {
  const value = JSON.parse(utf8.decode(await readFile(f))) as { data?: unknown[] } | unknown[];
  rows += Array.isArray(value) ? value.length : (value.data?.length ?? 0);
}
process.stdout.write(`${JSON.stringify({ files: files.length, rows })}\n`);

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes through a temporary file in the same folder and renames it: readers never see half a report. */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = await writeTemp(file, content);
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes `content` to a new temporary file beside `file` and returns its path (renaming it is the caller's). */
export async function writeTemp(file: string, content: string | Uint8Array): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return tmp;
}

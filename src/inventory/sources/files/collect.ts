import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../../errors.ts';
import { describeFsError, display } from '../../../json/read.ts';

export interface CollectedFiles {
  files: string[];
  /** Paths met in folders and not read, each with the reason (`notes.txt: not a *.json file`). */
  skipped: string[];
}

/**
 * Expands the --input paths into the JSON files to read. Folders are walked recursively; only
 * regular *.json files count. Files and folders are identified by device and inode, so a
 * symbolic-link loop ends and a file reached twice (two inputs, a link, a hard link) is read once.
 */
export async function collectFiles(inputs: readonly string[]): Promise<CollectedFiles> {
  const seenFiles = new Map<string, string>();
  const seenDirs = new Set<string>();
  const files: string[] = [];
  const skipped: string[] = [];

  async function visit(p: string, explicit: boolean): Promise<void> {
    const shown = display(p);
    let info;
    try {
      info = await stat(p, { bigint: true });
    } catch (err) {
      if (explicit) throw new InputError(`${shown}: cannot read: ${describeFsError(err)}`);
      skipped.push(`${shown}: ${describeFsError(err)}`);
      return;
    }
    const id = `${info.dev}:${info.ino}`;
    if (info.isDirectory()) {
      if (seenDirs.has(id)) return;
      seenDirs.add(id);
      let entries: string[];
      try {
        entries = await readdir(p);
      } catch (err) {
        throw new InputError(`${shown}: cannot read the folder: ${describeFsError(err)}`);
      }
      for (const entry of entries.sort()) await visit(path.join(p, entry), false);
      return;
    }
    if (!info.isFile()) {
      // A FIFO or device would block or never end; only regular files are inventory.
      if (explicit) throw new InputError(`${shown}: not a regular file`);
      skipped.push(`${shown}: not a regular file`);
      return;
    }
    if (!explicit && !p.toLowerCase().endsWith('.json')) {
      skipped.push(`${shown}: not a *.json file`);
      return;
    }
    const first = seenFiles.get(id);
    if (first !== undefined) {
      skipped.push(`${shown}: the same file as ${first}, read once`);
      return;
    }
    seenFiles.set(id, shown);
    files.push(p);
  }

  for (const input of inputs) await visit(input, true);
  return { files, skipped };
}

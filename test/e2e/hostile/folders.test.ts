import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { corpus, removeTempDirs, scan, shown, workDir } from './helpers.ts';

afterAll(removeTempDirs);

const names = (r: Awaited<ReturnType<typeof scan>>): string[] => r.report().clusters.map((c) => c.name);
const skippedLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('skipped '));

/** A folder holding the valid corpus export, to build link structures around. */
function folderWithInventory(): { dir: string; inventory: string } {
  const dir = path.join(workDir(), 'exports');
  mkdirSync(dir);
  const inventory = path.join(dir, 'inventory.json');
  copyFileSync(corpus('accepted', 'valid.json'), inventory);
  return { dir, inventory };
}

describe.concurrent('folders: only *.json files are inventory', () => {
  test('other files are skipped, and listed with --verbose only', async () => {
    const folder = corpus('mixed-folder');
    const quiet = await scan(['--input', folder]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(names(quiet)).toEqual(['aks-folder-a', 'aks-folder-b']);

    const verbose = await scan(['--input', folder, '--verbose']);
    expect(verbose.code).toBe(0);
    expect(skippedLines(verbose.stderr)).toEqual([
      `skipped ${shown('mixed-folder', 'README.md')}: not a *.json file`,
      `skipped ${shown('mixed-folder', 'inventory.json.bak')}: not a *.json file`,
      `skipped ${shown('mixed-folder', 'notes.txt')}: not a *.json file`,
    ]);
  });

  test('symbolic-link loops end: a folder linking to itself or its parent, files linking in a circle', async () => {
    const { dir } = folderWithInventory();
    symlinkSync('.', path.join(dir, 'self-folder'));
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync('..', path.join(dir, 'sub', 'parent'));
    symlinkSync('self.json', path.join(dir, 'self.json'));
    symlinkSync('b.json', path.join(dir, 'a.json'));
    symlinkSync('a.json', path.join(dir, 'b.json'));
    symlinkSync('nowhere.json', path.join(dir, 'dangling.json'));
    const r = await scan(['--input', dir, '--verbose']);
    expect(r.code).toBe(0);
    expect(names(r)).toEqual(['aks-lb', 'aks-nat']);
    const skipped = skippedLines(r.stderr).map((l) => l.replace(`${dir}/`, ''));
    expect(skipped).toEqual([
      'skipped a.json: ELOOP (a symbolic-link loop)',
      'skipped b.json: ELOOP (a symbolic-link loop)',
      'skipped dangling.json: ENOENT (no such file or folder, or a broken symbolic link)',
      'skipped self.json: ELOOP (a symbolic-link loop)',
    ]);
  });

  test('a symbolic-link loop given as --input is refused by name', async () => {
    const { dir } = folderWithInventory();
    const loop = path.join(dir, 'loop.json');
    symlinkSync('loop.json', loop);
    const r = await scan(['--input', loop]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toBe(`egress-audit: ${loop}: cannot read: ELOOP (a symbolic-link loop)`);
  });

  test('a file reached twice (two inputs, a folder and its file, a symbolic link, a hard link) is read once', async () => {
    // Rows with errors show a second read: their errors would be listed twice.
    const dir = path.join(workDir(), 'twice');
    mkdirSync(dir);
    const file = path.join(dir, 'wrong-shapes.json');
    copyFileSync(corpus('rows', 'wrong-shapes.json'), file);
    symlinkSync('wrong-shapes.json', path.join(dir, 'alias.json'));
    linkSync(file, path.join(dir, 'hard-link.json'));
    const once = await scan(['--input', file]);
    const r = await scan(['--input', file, '--input', dir, '--input', file, '--verbose']);
    expect(r.code).toBe(2);
    expect(r.report().errors).toEqual(once.report().errors);
    expect(skippedLines(r.stderr)).toEqual(
      [path.join(dir, 'alias.json'), path.join(dir, 'hard-link.json'), file, file].map((p) => `skipped ${p}: the same file as ${file}, read once`),
    );
  });

  test.skipIf(process.platform === 'win32')('a named pipe in a folder is skipped, not read (reading it would block)', async () => {
    const { dir } = folderWithInventory();
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.json')]).status).toBe(0);
    const r = await scan(['--input', dir, '--verbose']);
    expect(r.code).toBe(0);
    expect(skippedLines(r.stderr)).toEqual([`skipped ${path.join(dir, 'pipe.json')}: not a regular file`]);
  });
});

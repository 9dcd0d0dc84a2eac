import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, ROOT } from '../../helpers/cli.ts';
import { corpus, removeTempDirs, scan, workDir } from './helpers.ts';

afterAll(removeTempDirs);

// ESC, BEL, and the 8-bit CSI: any of them lets input drive the terminal.
const CONTROLS = /[\u0007\u001b\u009b]/;

describe.concurrent('console output strips terminal escape sequences', () => {
  test('names and values from the input (summary, findings, incomplete clusters, errors, warnings)', async () => {
    const r = await scan(['--input', corpus('rows', 'terminal-escapes.json'), '--profile', 'secure']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(CONTROLS);
    expect(r.stderr).not.toMatch(CONTROLS);
    expect(r.stdout).toContain('HIGH   EG001 aks-red-link-31m-bell: ');
    expect(r.stdout).toContain('INCOMPLETE aks-red-link-31m-bell: ');
    expect(r.stdout).toContain('expected a whole number from 0 to 5000, found the string "1\\u001b[1A"');
    expect(r.stdout).toContain('WARNING unknown value "Linux\\u001b[1A" of properties.agentPoolProfiles[].osType');
    // The report keeps the data as found (JSON escapes it); only the console is cleaned.
    expect(r.report().clusters[0]?.name).toMatch(CONTROLS);
  });

  test('file names in refusals and in the verbose list of skipped files', async () => {
    const dir = workDir();
    const evil = path.join(dir, 'evil-\u001b[2J\u001b]0;title\u0007.json');
    writeFileSync(evil, '[\n  {"id": "x" "type": "y"}\n]\n');
    const refused = await scan(['--input', evil]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toMatch(CONTROLS);
    expect(refused.stderr).toContain(`evil-.json:2:14: invalid JSON: expected ',' or '}', found the string "type"`);

    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    copyFileSync(corpus('accepted', 'valid.json'), path.join(folder, 'inventory.json'));
    writeFileSync(path.join(folder, 'notes-\u001b[31m.txt'), 'not inventory');
    const verbose = await scan(['--input', folder, '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).not.toMatch(CONTROLS);
    expect(verbose.stderr).toContain('notes-.txt: not a *.json file');
  });

  test('a reader that closes the pipe early (`| head`) is no crash: the exit code stays the scan\'s', async () => {
    const out = path.join(workDir(), 'out');
    const child = spawn(process.execPath, [BIN, 'scan', '--input', corpus('accepted', 'every-kind.json'), '--profile', 'secure', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});

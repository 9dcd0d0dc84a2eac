import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeEstate } from '../../../scripts/gen/estate.ts';
import { LOCK_FILE, SET_MANIFEST, SET_PENDING, TEMP_PREFIX, writeFileSet } from '../../../src/json/write.ts';
import { BIN, ROOT, runCli, SAMPLE } from '../../helpers/cli.ts';
import { removeTempDirs, workDir } from './helpers.ts';

let estate: string;
beforeAll(async () => {
  estate = workDir();
  // Large enough that rendering the reports takes a while: a signal can land while they are written.
  await writeEstate(3000, 'report-sets', estate);
}, 120_000);
afterAll(removeTempDirs);

/** Starts a scan into `out`; `until(names)` decides, from the folder's entries, when to send `signal`. */
function scanAndSignal(out: string, signal: NodeJS.Signals | null, until: (names: string[]) => boolean, extra: string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'scan', '--input', estate, '--out-dir', out, '--fail-on', 'none', '--allow-partial', '-q', ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const poll: NodeJS.Timeout | undefined = signal
      ? setInterval(() => {
          if (existsSync(out) && until(readdirSync(out))) {
            clearInterval(poll);
            child.kill(signal);
          }
        }, 1)
      : undefined;
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stderr });
    });
  });
}

const temps = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX));

/** The folder holds one whole set (every file its manifest lists, with that content), or is marked unfinished. */
function wholeOrMarked(out: string): 'whole' | 'marked' {
  if (existsSync(path.join(out, SET_PENDING))) return 'marked';
  const manifest = JSON.parse(readFileSync(path.join(out, SET_MANIFEST), 'utf8')) as { files: { name: string }[] };
  const reports = readdirSync(out).filter((n) => n.startsWith('egress-audit.'));
  expect(reports.sort()).toEqual(manifest.files.map((f) => f.name).sort());
  // Every report of the set is from one run: the scan's start time is in each.
  const started = (JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as { scan: { startedAt: string } }).scan.startedAt;
  expect(readFileSync(path.join(out, 'egress-audit.sarif'), 'utf8')).toContain(started);
  return 'whole';
}

describe('a report set is written as one unit', () => {
  test('SIGKILL while the reports are written: the old set stays whole, or the folder is marked and refused until written again', async () => {
    const out = path.join(workDir(), 'reports');
    expect((await scanAndSignal(out, null, () => false)).code).toBe(0);
    const killed = await scanAndSignal(out, 'SIGKILL', (names) => names.some((n) => n.startsWith(TEMP_PREFIX) || n === SET_PENDING));
    expect(killed.signal).toBe('SIGKILL');
    const state = wholeOrMarked(out);
    if (state === 'marked') {
      const r = runCli(['scan', '--input', out, '--out-dir', path.join(workDir(), 'o')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/did not finish \(\.egress-audit-pending is there\)/);
    }
    // The next write completes the folder and sweeps the killed run's temporary files.
    expect((await scanAndSignal(out, null, () => false)).code).toBe(0);
    expect(wholeOrMarked(out)).toBe('whole');
    expect(temps(out)).toEqual([]);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  }, 120_000);

  test('a folder a write left unfinished is refused as --input and as --baseline, naming the marker', () => {
    const dir = workDir();
    writeFileSync(path.join(dir, 'inventory.json'), readFileSync(path.join(ROOT, 'test/triage/suppressions/fixtures/inventory.json')));
    writeFileSync(path.join(dir, SET_PENDING), '{}\n');
    const r = runCli(['scan', '--input', dir, '--out-dir', path.join(workDir(), 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/an egress-audit write into this folder did not finish \(\.egress-audit-pending is there\), so its files may mix two runs/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} while the reports are written leaves no temporary file and no lock`, async () => {
      const out = path.join(workDir(), 'reports');
      const r = await scanAndSignal(out, signal, (names) => names.some((n) => n.startsWith(TEMP_PREFIX)));
      expect(r.signal).toBe(signal);
      expect(existsSync(out) ? temps(out).concat(readdirSync(out).filter((n) => n === LOCK_FILE)) : []).toEqual([]);
    }, 120_000);
  }

  test('a temporary file left by a process that is gone is swept by the next write; a live writer\'s is not', () => {
    const out = path.join(workDir(), 'reports');
    mkdirSync(out);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = `${TEMP_PREFIX}${gone}-0000-egress-audit.json.tmp`;
    const alive = `${TEMP_PREFIX}${process.pid}-0000-egress-audit.json.tmp`;
    for (const n of [stale, alive]) writeFileSync(path.join(out, n), 'x'.repeat(1000));
    const r = runCli(['scan', '--input', SAMPLE, '--out-dir', out, '--format', 'json', '--fail-on', 'none', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(temps(out)).toEqual([alive]);
  });

  test('a second scan into a folder another scan is writing exits 2 naming the folder and the lock; the first completes', async () => {
    const out = path.join(workDir(), 'reports');
    let second: ReturnType<typeof runCli> | null = null;
    // SIGCONT does nothing to a running process: it only marks the moment the second scan ran.
    const running = scanAndSignal(out, 'SIGCONT', (names) => {
      if (!second && names.includes(LOCK_FILE)) second = runCli(['scan', '--input', SAMPLE, '--out-dir', out, '--format', 'json', '--fail-on', 'none']);
      return second !== null;
    });
    const r = await running;
    expect(r.code, r.stderr).toBe(0);
    expect(second).not.toBeNull();
    expect(second!.code).toBe(2);
    expect(second!.stderr).toMatch(new RegExp(`--out-dir ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: another egress-audit \\(process \\d+\\) is writing this folder; its lock is .*\\.egress-audit\\.lock`));
    expect(wholeOrMarked(out)).toBe('whole');
  }, 120_000);
});

describe('--out-dir is checked before the scan', () => {
  test.each([
    ['a file', (d: string) => (writeFileSync(path.join(d, 'r'), 'x'), 'r'), /--out-dir r is a file, not a folder/],
    ['a dangling symbolic link', (d: string) => (symlinkSync(path.join(d, 'nowhere'), path.join(d, 'r')), 'r'), /--out-dir r is a symbolic link to nothing/],
    ['under a file', (d: string) => (writeFileSync(path.join(d, 'f'), 'x'), 'f/r'), /--out-dir f\/r: .*f is not a folder/],
    ['in /proc', () => '/proc/egress-reports', /--out-dir \/proc\/egress-reports: cannot create the folder/],
  ])('%s: exit 2, named, nothing scanned or written', (_name, make, message) => {
    const dir = workDir();
    const target = make(dir);
    const before = readdirSync(dir).sort();
    const r = runCli(['scan', '--input', SAMPLE, '--out-dir', target, '--verbose'], { cwd: dir });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

test('a JSON report written into an --input folder is skipped as this tool\'s own file', () => {
  const dir = workDir();
  writeFileSync(path.join(dir, 'inventory.json'), readFileSync(path.join(ROOT, 'test/triage/suppressions/fixtures/inventory.json')));
  expect(runCli(['scan', '--input', dir, '--out-dir', dir, '--format', 'json,sarif', '--fail-on', 'none', '-q']).code).toBe(0);
  const r = runCli(['scan', '--input', dir, '--out-dir', dir, '--format', 'json', '--fail-on', 'none', '--verbose']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/skipped .*egress-audit\.json: an egress-audit report, not inventory/);
});

test('an export folder whose files differ from the set it was written as (a killed or mixed write) is refused, naming the file', async () => {
  const dir = workDir();
  const rows = readFileSync(path.join(ROOT, 'test/triage/suppressions/fixtures/inventory.json'), 'utf8');
  await writeFileSet(dir, [{ name: 'sub.json', content: rows }, { name: 'manifest.json', content: '{"egressAuditExport": 1, "errors": []}\n' }]);
  expect(runCli(['scan', '--input', dir, '--out-dir', path.join(workDir(), 'o'), '--fail-on', 'none', '-q']).code).toBe(0);
  writeFileSync(path.join(dir, 'sub.json'), rows.replace('aks-dev', 'aks-new'));
  const r = runCli(['scan', '--input', dir, '--out-dir', path.join(workDir(), 'o'), '--fail-on', 'none', '-q']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/sub\.json: differs from the set egress-audit wrote \(listed in \.egress-audit-set\); write the folder again/);
  // Checked on the read that loads the file, on a load worker as on the main thread.
  const parallel = runCli(['scan', '--input', dir, '--out-dir', path.join(workDir(), 'o'), '--fail-on', 'none', '-q'], { env: { EGRESS_LOAD: 'parallel' } });
  expect(parallel.code).toBe(2);
  expect(parallel.stderr).toBe(r.stderr);
});

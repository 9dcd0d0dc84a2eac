import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../../src/cli/main.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { BIN, ROOT, tempDir, type CliRun } from '../../helpers/cli.ts';

export const CORPUS = path.join(ROOT, 'test/e2e/hostile/corpus');
export const corpus = (...parts: string[]): string => path.join(CORPUS, ...parts);
/** How the CLI names a corpus file: relative to the working directory (the repository root). */
export const shown = (...parts: string[]): string => path.relative(ROOT, corpus(...parts)).split(path.sep).join('/');

const made: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs` (call it in afterAll). */
export function workDir(): string {
  const dir = tempDir('egress-hostile-');
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * Runs the real CLI in a child process without blocking, so a test file can run its cases side by
 * side. `heapMb` caps the V8 heap: a case that needs more memory than that crashes and fails.
 */
export function runCliAsync(args: string[], opts: { cwd?: string; heapMb?: number } = {}): Promise<CliRun> {
  const nodeArgs = opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? -1 : -2), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export interface ScanRun extends CliRun {
  /** The --out folder (not created beforehand). */
  out: string;
  /** Every file under the out folder, relative to it. */
  files(): string[];
  report(): ScanResult;
}

/** `egress-audit scan --out <fresh folder> ...args`. */
export async function scan(args: string[], opts: { cwd?: string; heapMb?: number } = {}): Promise<ScanRun> {
  const out = path.join(workDir(), 'out');
  const r = await runCliAsync(['scan', '--out', out, ...args], opts);
  return {
    ...r,
    out,
    files: () => (existsSync(out) ? listFiles(out) : []),
    report: () => JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult,
  };
}

/**
 * The same command through the CLI's entry function in this process (`bin/egress-audit.js` is
 * `process.exitCode = await run(argv)`): for long tables of cases, where a Node start per case
 * would cost more than the case. Tests pair it with real-binary runs of the same cases.
 */
export async function scanInProcess(args: string[]): Promise<ScanRun> {
  const out = path.join(workDir(), 'out');
  const stdout: string[] = [];
  const stderr: string[] = [];
  const line = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);
  const io = { out: (t: string) => void stdout.push(line(t)), err: (t: string) => void stderr.push(line(t)), isTTY: false };
  const code = await run(['scan', '--out', out, ...args], io);
  return {
    code,
    stdout: stdout.join(''),
    stderr: stderr.join(''),
    out,
    files: () => (existsSync(out) ? listFiles(out) : []),
    report: () => JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as ScanResult,
  };
}

export function listFiles(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(path.join(dir, entry)).isDirectory()) found.push(...listFiles(path.join(dir, entry), rel));
    else found.push(rel);
  }
  return found;
}

/** The last path segment of a resource ID: cluster and resource names in assertions. */
export const nameOf = (id: string): string => id.split('/').pop() ?? id;

/**
 * Cluster name → "evaluated" or "incomplete". Whether an evaluated cluster passes depends on the
 * policy catalog, which these tests are not about.
 */
export function states(r: ScanResult): Record<string, 'evaluated' | 'incomplete'> {
  return Object.fromEntries(r.clusters.map((c) => [c.name, c.status === 'incomplete' ? 'incomplete' : 'evaluated']));
}

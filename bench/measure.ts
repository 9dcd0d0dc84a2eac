import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'usage-hook.ts');

export interface Measured {
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node args` to completion: wall time seen from here, CPU time and peak RSS from the child itself. */
export function measure(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const usageFile = path.join(tmpdir(), `egress-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', HOOK, ...args], {
      cwd,
      env: { ...env, EGRESS_BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      try {
        const u = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userMs: number; systemMs: number };
        rmSync(usageFile, { force: true });
        resolve({ wallMs, cpuMs: u.userMs + u.systemMs, maxRssKb: u.maxRssKb, code: code ?? -1, stdout, stderr });
      } catch {
        reject(new Error(`node ${args.join(' ')} exited ${code} without recording its usage:\n${stderr.slice(-2000)}`));
      }
    });
  });
}

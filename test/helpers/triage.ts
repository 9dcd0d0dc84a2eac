import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { run } from '../../src/cli/main.ts';
import type { Finding, ScanResult } from '../../src/scan/result.ts';
import { ROOT, runCli, tempDir, type CliRun } from './cli.ts';

/** Three clusters: with --profile secure, EG001 fires on each and EG014 on the Windows pool. */
export const INVENTORY = path.join(ROOT, 'test/triage/suppressions/fixtures/inventory.json');

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const reportSchema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object;
const validateReport = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })).compile(reportSchema);

export interface Scan {
  run: CliRun;
  out: string;
  report: ScanResult | null;
}

/** Runs `egress-audit scan` into a fresh folder and reads its JSON report, checked against the published schema. */
export function scan(args: string[], opts: { cwd?: string } = {}): Scan {
  const out = tempDir();
  // Only the JSON report unless asked: rendering HTML and SARIF on every run would slow the tests down.
  const format = args.includes('--format') ? [] : ['--format', 'json'];
  const run = runCli(['scan', '--out', out, '--quiet', ...format, ...args], opts);
  const file = path.join(out, 'egress-audit.json');
  if (!existsSync(file)) return { run, out, report: null };
  const report = JSON.parse(readFileSync(file, 'utf8')) as ScanResult;
  if (!validateReport(report)) throw new Error(`the report does not match schemas/report.schema.json: ${JSON.stringify(validateReport.errors)}`);
  return { run, out, report };
}

/** Runs the CLI in-process (the bin's own yargs program) and captures what it prints: for the many error cases. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), isTTY: false });
  return { code, out, err };
}

/** The UTC day `days` from today, as suppressions compare expiry dates. */
export function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function byResource(report: ScanResult, policyId: string, resourceEnd: string): Finding {
  const f = report.findings.find((x) => x.policyId === policyId && x.resourceId.toLowerCase().endsWith(resourceEnd.toLowerCase()));
  if (!f) throw new Error(`no ${policyId} finding on ${resourceEnd} among ${report.findings.map((x) => `${x.policyId} ${x.resourceId}`).join(', ')}`);
  return f;
}

/**
 * One real scan with a baseline and suppressions: aks-prod fixed since the baseline, aks-new new,
 * aks-dev's EG001 suppressed, an expired and an unused entry.
 */
export function triagedScan(formats: string): { report: ScanResult; out: string; plain: ScanResult } {
  const dir = tempDir();
  const base = scan(['--input', INVENTORY, '--profile', 'secure', '--fail-on', 'none', '--format', formats]);
  const rows = JSON.parse(readFileSync(INVENTORY, 'utf8')) as { id: string; name: string; properties: { networkProfile: { outboundType: string } } }[];
  rows.find((r) => r.name === 'aks-prod')!.properties.networkProfile.outboundType = 'block';
  const dev = rows.find((r) => r.name === 'aks-dev')!;
  rows.push({ ...dev, id: dev.id.replace('aks-dev', 'aks-new'), name: 'aks-new' });
  const inv = writeFile(dir, 'inventory.json', JSON.stringify(rows));
  const supp = writeFile(
    dir,
    'suppressions.yaml',
    `suppressions:
  - policy: EG001
    resource: ${dev.id}
    justification: Dev <b>cluster</b> keeps its load balancer
    expires: ${day(20)}
    owner: team-net
    ticket: https://tickets.example.com/NET-7
  - policy: EG014
    resource: "**/agentPools/win1"
    justification: Lapsed acceptance
    expires: ${day(-2)}
  - policy: EG003
    resource: "**/managedClusters/gone"
    justification: Cluster was deleted
    expires: ${day(20)}
`,
  );
  const r = scan(['--input', inv, '--profile', 'secure', '--fail-on', 'none', '--format', formats, '--baseline', path.join(base.out, 'egress-audit.json'), '--suppressions', supp]);
  if (r.run.code !== 0 || !r.report) throw new Error(`the triaged scan failed (${r.run.code}): ${r.run.stderr}`);
  return { report: r.report!, out: r.out, plain: base.report! };
}

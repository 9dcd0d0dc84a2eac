import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { Finding, ScanResult } from '../../src/report/model.ts';
import { ROOT, runCli, tempDir, type CliRun } from './cli.ts';

/** Three clusters: with --profile secure, EG001 fires on each and EG014 on the Windows pool. */
export const INVENTORY = path.join(ROOT, 'test/suppressions/fixtures/inventory.json');

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
  const run = runCli(['scan', '--out', out, '--quiet', ...args], opts);
  const file = path.join(out, 'egress-audit.json');
  if (!existsSync(file)) return { run, out, report: null };
  const report = JSON.parse(readFileSync(file, 'utf8')) as ScanResult;
  if (!validateReport(report)) throw new Error(`the report does not match schemas/report.schema.json: ${JSON.stringify(validateReport.errors)}`);
  return { run, out, report };
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

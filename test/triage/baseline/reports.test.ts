import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ScanResult } from '../../../src/scan/result.ts';
import { ROOT } from '../../helpers/cli.ts';
import { day, triagedScan } from '../../helpers/triage.ts';
import { validateSarif } from '../../report/multitool.ts';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
let report: ScanResult;
let out: string;
const read = (name: string): string => readFileSync(path.join(out, name), 'utf8');

beforeAll(() => {
  ({ report, out } = triagedScan('json,sarif,junit,markdown'));
});

describe('SARIF with a baseline and suppressions', () => {
  interface Result {
    partialFingerprints: Record<string, string>;
    baselineState?: string;
  }
  const results = (): Result[] => (JSON.parse(read('egress-audit.sarif')) as { runs: { results: Result[] }[] }).runs[0]!.results;

  test('leaves suppressed findings out and marks every other result new or unchanged', () => {
    const expected = report.findings.filter((f) => !f.suppression);
    expect(report.findings.length - expected.length).toBe(1);
    const byPrint = new Map(results().map((r) => [r.partialFingerprints['egressAuditFinding/v2'], r.baselineState]));
    expect(results()).toHaveLength(expected.length);
    for (const f of expected) expect(byPrint.get(f.fingerprint), f.fingerprint).toBe(f.baseline);
    expect(results().some((r) => r.baselineState === 'new')).toBe(true);
  });

  test('is valid against the OASIS schema and passes the SARIF Multitool with the GitHub rules', () => {
    const ajv = addFormats(new Ajv({ allErrors: true }));
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/sarif-schema-2.1.0.json'), 'utf8')) as object);
    expect(validate(JSON.parse(read('egress-audit.sarif'))), ajv.errorsText(validate.errors)).toBe(true);
    const problems = [...validateSarif([path.join(out, 'egress-audit.sarif')], out).values()].flat();
    expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  }, 120_000);
});

test('JUnit: a cluster whose findings of a policy are all suppressed is skipped, with the justification', () => {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(read('egress-audit.junit.xml')) as {
    testsuites: { testsuite: { '@_name': string; testcase: { '@_name': string; skipped?: { '@_message': string }; failure?: unknown }[] }[] };
  };
  const eg001 = doc.testsuites.testsuite.find((s) => s['@_name'].startsWith('EG001 '))!;
  const dev = eg001.testcase.find((c) => c['@_name'].startsWith('aks-dev '))!;
  expect(dev.failure).toBeUndefined();
  expect(dev.skipped?.['@_message']).toBe(`suppressed until ${day(20)} (team-net): Dev <b>cluster</b> keeps its load balancer`);
  expect(eg001.testcase.find((c) => c['@_name'].startsWith('aks-new '))!.failure).toBeDefined();
});

describe('the Markdown summary with a baseline and suppressions', () => {
  const html = (): string => micromark(read('egress-audit.md'), { extensions: [gfm()], htmlExtensions: [gfmHtml()] });

  test('leads with the delta and the new findings', () => {
    const md = read('egress-audit.md');
    const b = report.baseline!;
    const fresh = report.findings.filter((f) => f.baseline === 'new' && !f.suppression);
    const lines = md.split('\n');
    expect(lines[2]).toMatch(new RegExp(`^\\*\\*Since the baseline: ${fresh.length} new\\*\\*, ${b.counts.unchanged} unchanged, ${b.counts.fixed} fixed \\(baseline scan of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\.$`));
    expect(lines[4]).toBe('### New findings');
    expect(md.indexOf('### New findings')).toBeLessThan(md.indexOf('| severity | high |'));
    const newTable = html().split('<h3>New findings</h3>')[1]!.split('</table>')[0]!;
    for (const f of fresh) expect(newTable).toContain(f.clusterName);
    expect(newTable).not.toContain('aks-dev');
  });

  test('lists the fixed findings, the suppressed finding with justification, owner and expiry, and the entries to review', () => {
    const page = html();
    expect(page).toContain('<h3>Fixed since the baseline</h3>');
    expect(page.split('<h3>Fixed since the baseline</h3>')[1]!.split('</table>')[0]).toContain('aks-prod');
    const suppressed = page.split('<h3>Suppressed findings</h3>')[1]!.split('</table>')[0]!;
    expect(suppressed).toContain(`<td>Dev &lt;b&gt;cluster&lt;/b&gt; keeps its load balancer</td>\n<td>team-net</td>\n<td>${day(20)}</td>`);
    expect(page).not.toContain('<b>cluster</b>');
    const review = page.split('<h3>Suppression entries to review</h3>')[1]!;
    expect(review).toMatch(/<li><strong>Expired<\/strong> .*suppressions\.yaml:8 EG014 \*\*\/agentPools\/win1: expired after \d{4}-\d\d-\d\d; 1 finding count again\.<\/li>/);
    expect(review).toMatch(/<li><strong>Unused<\/strong> .*suppressions\.yaml:12 EG003 \*\*\/managedClusters\/gone: matched no finding\.<\/li>/);
  });
});

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatContext } from '../../src/report/formats.ts';
import { sarif, sarifLog } from '../../src/report/sarif.ts';
import { ROOT, runCli, SAMPLE, tempDir } from '../helpers/cli.ts';
import { cluster, finding, HOSTILE, largeResult, POLICIES, result } from './build.ts';
import { validateSarif, type Problem } from './multitool.ts';

const FIXTURE = path.join(ROOT, 'test/report/fixtures/clusters.json');
const dir = tempDir('egress-sarif-');

interface Log {
  $schema: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; informationUri: string; rules: Rule[] } };
    automationDetails: { id: string };
    invocations: { executionSuccessful: boolean }[];
    properties?: { truncated: boolean; resultsLeftOut: number; resultsLeftOutBySeverity: Record<string, number> };
    results: Res[];
  }[];
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}
interface Res {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; endLine: number } };
    logicalLocations: { fullyQualifiedName: string }[];
  }[];
  partialFingerprints: Record<string, string>;
}

const files: Record<string, string> = {};
const read = (name: string): Log => JSON.parse(readFileSync(files[name] as string, 'utf8')) as Log;
let problems: Map<string, Problem[]>;

/** Scans `input` (none: the bundled sample) with the real CLI; returns the SARIF report. */
function scan(name: string, input: string | null, ...extra: string[]): Log {
  const out = path.join(dir, name);
  const r = runCli(['scan', '-i', input ?? SAMPLE, '-f', 'sarif', '--out-dir', out, '--profile', 'secure', '--fail-on', 'none', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  files[name] = path.join(out, 'egress-audit.sarif');
  return read(name);
}

beforeAll(() => {
  scan('cli', FIXTURE, '--category', 'nightly', '--source-root', ROOT);
  scan('sample', null, '-f', 'json,html,junit,markdown');
  const write = (name: string, content: string): void => {
    files[name] = path.join(dir, `${name}.sarif`);
    writeFileSync(files[name], content);
  };
  write('large', sarif(largeResult(5_000), formatContext()));
  // The Multitool takes minutes over 25,000 results: it checks a run cut at 100 results instead.
  write('truncated', JSON.stringify(sarifLog(largeResult(30, 4), formatContext(), 100)));
  const hostile = HOSTILE.map((name, i) => cluster(i, { name }));
  write('hostile', sarif(result(hostile, hostile.map((c) => finding(c, POLICIES[0]!, 0, { message: `bad ${c.name}`, resourceName: c.name }))), formatContext()));
  write('empty', sarif(result([cluster(1, { status: 'pass' })], []), formatContext()));
  // The check must be able to fail: no $schema, a rule named by its id, a result without location.
  const broken = JSON.parse(readFileSync(files.cli as string, 'utf8')) as Omit<Log, '$schema'> & { $schema?: string };
  delete broken.$schema;
  const run = broken.runs[0]!;
  run.tool.driver.rules[0]!.name = run.tool.driver.rules[0]!.id;
  delete (run.results[0] as Partial<Res>).locations;
  write('broken', JSON.stringify(broken));
  problems = validateSarif(Object.values(files).filter((f) => f !== files.large), dir);
}, 180_000);

const serious = (name: string): string[] =>
  (problems.get(path.resolve(files[name] as string)) ?? []).filter((p) => p.level !== 'note').map((p) => `${p.level} ${p.ruleId} ${p.where}: ${p.text}`);

describe('validation', () => {
  test.each(['cli', 'sample', 'truncated', 'hostile', 'empty'])('the %s report passes the SARIF Multitool (rule kinds Sarif;Ghas) with no error or warning', (name) => {
    expect(serious(name)).toEqual([]);
  });

  test('the Multitool check finds the errors of a broken report', () => {
    const found = serious('broken').map((p) => p.split(' ').slice(0, 2).join(' '));
    expect(found).toEqual(expect.arrayContaining(['error GH1013', 'error GH1015', 'warning SARIF1001']));
  });

  test('every report is valid against the vendored OASIS SARIF 2.1.0 schema', () => {
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas/sarif-schema-2.1.0.json'), 'utf8')) as object);
    for (const name of ['cli', 'sample', 'large', 'truncated', 'hostile', 'empty']) {
      expect(validate(read(name)), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    const missing = JSON.parse(readFileSync(files.cli as string, 'utf8')) as { version?: string };
    delete missing.version;
    expect(validate(missing)).toBe(false);
  });
});

describe('the report of the fixture inventory', () => {
  test('has one run with the tool, one rule per policy, and the category', () => {
    const log = read('cli');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'egress-audit', semanticVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), informationUri: expect.stringMatching(/^https:\/\//) });
    const policyIds = readdirSync(path.join(ROOT, 'policies')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(policyIds);
    expect(run.automationDetails.id).toBe('nightly/');
    expect(run.invocations[0]!.executionSuccessful).toBe(true);
  });

  test('rules carry descriptions, help with rationale and command, tags and GitHub severities', () => {
    const rules = read('cli').runs[0]!.tool.driver.rules;
    const policy = (id: string): { name: string; title: string; rationale: string; severity: string } =>
      JSON.parse(readFileSync(path.join(ROOT, 'policies', `${id}.json`), 'utf8')) as { name: string; title: string; rationale: string; severity: string };
    for (const r of rules) {
      const p = policy(r.id);
      expect(r.id).toMatch(/^EG\d{3}$/);
      expect(r.name).toBe(p.name);
      expect(r.name).not.toBe(r.id);
      expect(r.shortDescription.text).toBe(p.title);
      expect(r.fullDescription.text.length).toBeGreaterThan(20);
      expect(r.help.text).toContain(p.rationale);
      expect(r.help.markdown).toContain('**Why it matters.**');
      expect(r.helpUri).toMatch(/^https:\/\//);
      expect(r.properties.tags).toContain('security');
      expect(r.properties.precision).toBe('very-high');
    }
    const eg003 = rules.find((r) => r.id === 'EG003')!;
    expect(eg003.help.text).toContain('az aks update --subscription <cluster.subscriptionId> --resource-group <cluster.resourceGroup> --name <cluster.name> --load-balancer-sku standard');
    expect(eg003.help.markdown).toMatch(/```sh\naz aks update --subscription <cluster\.subscriptionId> --resource-group <cluster\.resourceGroup> .*\n/);
    expect(eg003.help.text).not.toContain('{{');
    // EG001 is high in the catalog; EG014 medium (no profile of this scan changes them).
    expect(rules.find((r) => r.id === 'EG001')).toMatchObject({ defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '8.0' } });
    expect(rules.find((r) => r.id === 'EG014')).toMatchObject({ defaultConfiguration: { level: 'warning' }, properties: { 'security-severity': '5.5' } });
  });

  test('results point at the offending property in the input file, relative to the source root', () => {
    const run = read('cli').runs[0]!;
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    expect(run.results.map((r) => r.ruleId).sort()).toEqual(['EG001', 'EG001', 'EG001', 'EG003', 'EG014']);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.message.text).not.toMatch(/[\n\r]/);
      expect(r.message.text).toContain('Remediation:');
      const loc = r.locations[0]!;
      expect(loc.physicalLocation.artifactLocation.uri).toBe('test/report/fixtures/clusters.json');
      expect(loc.logicalLocations[0]!.fullyQualifiedName).toMatch(/^\/subscriptions\/.*\/managedClusters\/aks-/);
      const region = loc.physicalLocation.region!;
      const text = lines.slice(region.startLine - 1, region.endLine).join('\n');
      const expected = { EG001: '"outboundType"', EG003: '"loadBalancerSku"', EG014: '"win1"' }[r.ruleId as 'EG001'];
      expect(text, r.ruleId).toContain(expected);
    }
    const eg003 = run.results.find((r) => r.ruleId === 'EG003')!;
    expect(eg003.level).toBe('error');
    expect(eg003.message.text).toContain('Command: az aks update --subscription 00000000-0000-0000-0000-0000000000a1 --resource-group rg-prod --name aks-prod --load-balancer-sku standard');
  });

  test('fingerprints hash policy, lower-cased cluster and resource IDs and property path, and survive moved lines and regeneration', () => {
    const before = read('cli').runs[0]!.results;
    for (const r of before) {
      const id = r.locations[0]!.logicalLocations[0]!.fullyQualifiedName;
      const path_ = { EG001: 'properties.networkProfile.outboundType', EG003: 'properties.networkProfile.loadBalancerSku', EG014: 'properties.windowsProfile.disableOutboundNat' }[r.ruleId as 'EG001'];
      const cluster = id.replace(/\/agentPools\/[^/]+$/i, '');
      const hash = createHash('sha256').update(`${r.ruleId}\0${cluster.toLowerCase()}\0${id.toLowerCase()}\0${path_}`).digest('hex').slice(0, 32);
      expect(r.partialFingerprints).toEqual({ primaryLocationLineHash: hash, 'egressAuditFinding/v2': hash });
    }
    // The same inventory re-indented, in another order, with IDs in another case, elsewhere.
    const moved = path.join(dir, 'moved');
    mkdirSync(moved);
    const rows = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { id: string }[]).reverse().map((r) => ({ ...r, id: r.id.replace('resourceGroups', 'resourcegroups') }));
    writeFileSync(path.join(moved, 'inventory.json'), `\n\n${JSON.stringify(rows, null, 4)}`);
    const after = scan('moved', moved, '--source-root', moved).runs[0]!.results;
    const prints = (rs: Res[]): string[] => rs.map((r) => r.partialFingerprints.primaryLocationLineHash!).sort();
    expect(prints(after)).toEqual(prints(before));
    expect(after.map((r) => r.locations[0]!.physicalLocation.region!.startLine).sort()).not.toEqual(before.map((r) => r.locations[0]!.physicalLocation.region!.startLine).sort());
    expect(after[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('inventory.json');
  });
});

test('the bundled sample gives every format, and SARIF results for its findings', () => {
  const out = path.join(dir, 'sample');
  expect(readdirSync(out).sort()).toEqual(['.egress-audit-set', 'egress-audit.html', 'egress-audit.json', 'egress-audit.junit.xml', 'egress-audit.md', 'egress-audit.sarif']);
  const report = JSON.parse(readFileSync(path.join(out, 'egress-audit.json'), 'utf8')) as { findings: { policyId: string }[] };
  const results = read('sample').runs[0]!.results;
  expect(report.findings.length).toBeGreaterThan(10);
  expect(results.map((r) => r.ruleId)).toEqual(report.findings.map((f) => f.policyId));
  for (const r of results) expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^fixtures\/sample\/[^/]+\.json$/);
});

describe('limits and choices', () => {
  test("keeps GitHub's 25,000 results, the most severe, and says in the run what it left out", () => {
    const run = read('large').runs[0]!;
    expect(run.results).toHaveLength(25_000);
    expect(run.results.filter((r) => r.level === 'error')).toHaveLength(5_000);
    expect(run.results.filter((r) => r.level === 'warning')).toHaveLength(20_000);
    expect(run.properties).toMatchObject({ truncated: true, resultsLeftOut: 5_000, resultsLeftOutBySeverity: { high: 0, medium: 0, low: 0, info: 5_000 } });
    expect(read('cli').runs[0]!.properties).toBeUndefined();
    const cut = read('truncated').runs[0]!;
    expect(cut.results).toHaveLength(100);
    expect(cut.properties).toMatchObject({ truncated: true, resultsLeftOut: 80, resultsLeftOutBySeverity: { high: 0, medium: 50, low: 0, info: 30 } });
  });

  test('the default category is egress-audit/', () => {
    expect(read('large').runs[0]!.automationDetails.id).toBe('egress-audit/');
  });

  test('messages are one line of plain text with embedded-link brackets escaped', () => {
    const results = read('hostile').runs[0]!.results;
    expect(results).toHaveLength(HOSTILE.length);
    for (const r of results) expect(r.message.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]|(?<!\\)[[\]]/);
    expect(results.map((r) => r.message.text)).toContain('bad \\[x\\](javascript:alert(1)) Remediation: Fix \\[x\\](javascript:alert(1)). Command: az aks update --name \\[x\\](javascript:alert(1))');
  });

  test('suppressed findings are left out; with a baseline each result carries its baselineState', () => {
    const cs = [cluster(1), cluster(2), cluster(3)];
    const [p] = POLICIES;
    const r = result(cs, [finding(cs[0]!, p!, 0, { suppression: { policy: '*', resource: '**', justification: 'accepted', expires: '2030-01-31', file: 's.yaml', line: 2 }, baseline: 'new' }), finding(cs[1]!, p!, 0, { baseline: 'unchanged' }), finding(cs[2]!, p!, 0, { baseline: 'new' })]);
    const log = JSON.parse(sarif(r, formatContext())) as Log;
    const results = log.runs[0]!.results as (Res & { baselineState?: string })[];
    expect(results.map((x) => [x.locations[0]!.logicalLocations[0]!.fullyQualifiedName, x.baselineState])).toEqual([[cs[1]!.id, 'unchanged'], [cs[2]!.id, 'new']]);
    const plain = JSON.parse(sarif(result(cs, [finding(cs[2]!, p!, 0)]), formatContext())) as Log;
    expect(plain.runs[0]!.results[0]).not.toHaveProperty('baselineState');
  });

  test('a file outside the source root gets a file: URI; a finding without a file, its resource ID path', () => {
    const c = cluster(1);
    const [p] = POLICIES;
    const inside = finding(c, p!, 1, { location: { file: path.join(dir, 'in', 'a b.json'), line: 3, column: 1, endLine: 3, endColumn: 5 } });
    const outside = finding(c, p!, 2, { location: { file: '/elsewhere/x.json', line: 3, column: 1, endLine: 3, endColumn: 5 } });
    const none = finding(c, p!, 3, { location: null });
    const log = JSON.parse(sarif(result([c], [inside, outside, none]), formatContext({ sourceRoot: dir }))) as Log;
    const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['in/a%20b.json', 'file:///elsewhere/x.json', `${c.id.slice(1)}/agentPools/pool3`]);
    expect(log.runs[0]!.results[2]!.locations[0]!.physicalLocation.region).toBeUndefined();
  });

  test('an incomplete scan is an unsuccessful invocation that names its problems', () => {
    const c = cluster(1, { status: 'incomplete', incompleteReasons: ['subnet /x missing'] });
    const log = JSON.parse(sarif(result([c], [], { errors: [{ code: 'E_ROW', message: 'row [2] refused' }] }), formatContext())) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
    };
    const inv = log.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications.map((n) => [n.level, n.message.text])).toEqual([
      ['error', 'E_ROW: row \\[2\\] refused'],
      ['warning', 'Cluster aks-1 was not fully evaluated: subnet /x missing'],
    ]);
  });
});

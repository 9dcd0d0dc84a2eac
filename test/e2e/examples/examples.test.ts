import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSuppressions } from '../../../src/triage/suppressions.ts';
import { BUILTIN_POLICY_DIR, loadPoliciesOrThrow } from '../../../src/policy/load.ts';
import { FILE_NAMES } from '../../../src/report/formats.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { ROOT, SAMPLE, tempDir } from '../../helpers/cli.ts';
import { ACTION_MAIN, actionArgs, actionInputs, auditStep, invocations, parseScanArgs, readYaml, runAction, steps } from './ci.ts';

const action = readYaml('action.yml');
const fileName = (format: string): string => (FILE_NAMES as Record<string, string>)[format]!;

const GITHUB_EXAMPLES = ['examples/github/scheduled-scan.yml', 'examples/github/offline-audit.yml', 'examples/github/terraform-plan.yml'];

/** A repository like a user's: the bundled sample committed under inventory/, the example suppressions. */
/** Managed clusters in the bundled sample, counted from its files. */
const SAMPLE_CLUSTERS = readdirSync(SAMPLE)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(path.join(SAMPLE, f), 'utf8')) as { type: string }[])
  .filter((r) => r.type === 'microsoft.containerservice/managedclusters').length;

function userRepo(): string {
  const repo = tempDir('egress-audit-repo-');
  cpSync(SAMPLE, path.join(repo, 'inventory'), { recursive: true });
  mkdirSync(path.join(repo, '.egress-audit'));
  cpSync(path.join(ROOT, 'examples/suppressions.yaml'), path.join(repo, '.egress-audit/suppressions.yaml'));
  return repo;
}

describe('the checker itself', () => {
  test('finds egress-audit invocations in shell and rejects options the CLI does not have', async () => {
    const script = 'set -e\necho egress-audit\nnpx egress-audit scan --input "a b" \\\n  --fail-on $(level) # comment --bogus\n"$(tool)/node" "$(tool)/bin/egress-audit.js" scan -f ${{ inputs.f }} && egress-audit scan -q';
    expect(invocations(script)).toEqual([[], ['scan', '--input', 'a b', '--fail-on', '/ado/level'], ['scan', '-f', 'EXPR'], ['scan', '-q']]);
    await expect(parseScanArgs(['scan', '--bogus'])).rejects.toThrow(/Unknown argument: bogus/);
    await expect(parseScanArgs(['scan', '--fail-on', 'severe'])).rejects.toThrow(/Invalid values/);
    await expect(parseScanArgs(['scan', '--format', 'pdf'])).rejects.toThrow(/unknown format "pdf"/);
    expect(await parseScanArgs(['scan', '--input', 'x', '--fail-on', 'low'])).toMatchObject({ input: ['x'], 'fail-on': 'low' });
  });
});

describe('action.yml', () => {
  test('is a JavaScript action on node24 that runs the committed bundle and declares its outputs', () => {
    expect(action.runs).toEqual({ using: 'node24', main: ACTION_MAIN });
    expect(existsSync(path.join(ROOT, ACTION_MAIN))).toBe(true);
    for (const [key, out] of Object.entries(action.outputs as Record<string, { description?: string }>)) expect(out.description, key).toEqual(expect.any(String));
    expect(String((action.inputs as Record<string, { description: string }>).profile!.description)).toMatch(/overrides the configuration's assignment/);
  });

  test('passes every input to a real CLI option', async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'previous'));
    cpSync(path.join(ROOT, 'test/triage/suppressions/fixtures/inventory.json'), path.join(cwd, 'previous/egress-audit.json'));
    const inputs = actionInputs(action, {
      source: 'arg',
      subscription: '00000000-0000-0000-0000-000000000000\n11111111-1111-1111-1111-111111111111',
      'management-group': 'mg-platform',
      credential: 'azure-cli',
      snapshot: 'snap',
      config: 'egress-audit.config.json',
      profile: 'secure',
      policies: 'policies/extra  more-policies',
      format: 'sarif,html',
      category: 'egress-audit/prod',
      suppressions: 'supp.yaml',
      baseline: 'previous/egress-audit.json',
      'fail-on': 'medium',
      'fail-on-new': 'true',
      'allow-partial': 'true',
    });
    const args = await parseScanArgs(actionArgs(inputs, cwd));
    expect(args).toMatchObject({
      source: 'arg',
      subscription: ['00000000-0000-0000-0000-000000000000', '11111111-1111-1111-1111-111111111111'],
      'management-group': ['mg-platform'],
      credential: 'azure-cli',
      snapshot: 'snap',
      config: 'egress-audit.config.json',
      profile: 'secure',
      policies: ['policies/extra', 'more-policies'],
      format: ['json,sarif,html'],
      category: 'egress-audit/prod',
      suppressions: 'supp.yaml',
      baseline: 'previous/egress-audit.json',
      'fail-on': 'medium',
      'fail-on-new': true,
      'allow-partial': true,
    });
  });

  test('without a baseline file (the first run) it scans without one and says so', () => {
    const r = runAction(actionInputs(action, { input: SAMPLE, baseline: 'previous/egress-audit.json', 'fail-on-new': 'true', 'fail-on': 'none' }), { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('::notice title=egress-audit::no baseline report at previous/egress-audit.json');
    expect(r.outputs.new).toBeUndefined();
  });

  test('runs the committed bundle on the bundled sample and writes the report paths and counts as outputs', () => {
    const repo = userRepo();
    const first = runAction(actionInputs(action, { input: 'inventory/', out: 'first', 'fail-on': 'none' }), { cwd: repo });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const inputs = actionInputs(action, { input: 'inventory/', suppressions: '.egress-audit/suppressions.yaml', baseline: 'first/egress-audit.json', 'fail-on-new': 'true' });
    const r = runAction(inputs, { cwd: repo });
    const report = JSON.parse(readFileSync(path.join(repo, 'egress-audit-reports/egress-audit.json'), 'utf8')) as ScanResult;
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    for (const format of inputs.format!.split(',')) {
      expect(r.outputs[format], format).toBe(path.join('egress-audit-reports', fileName(format)));
      expect(existsSync(path.join(repo, r.outputs[format]!)), format).toBe(true);
    }
    const s = report.summary;
    expect(r.outputs).toMatchObject({
      clusters: String(s.clusters),
      incomplete: String(s.notEvaluated),
      findings: String(s.findings),
      high: String(s.bySeverity.high),
      medium: String(s.bySeverity.medium),
      low: String(s.bySeverity.low),
      info: String(s.bySeverity.info),
      suppressed: String(report.suppressions!.suppressed),
      'expired-suppressions': String(report.suppressions!.expired.length),
      new: '0',
      unchanged: String(report.baseline!.counts.unchanged),
      fixed: '0',
    });
    expect(s.clusters).toBe(SAMPLE_CLUSTERS);
    expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(action.outputs as object).sort());
  });

  test('fails the step with the scan\'s exit code, after writing the outputs', () => {
    const r = runAction(actionInputs(action, { input: SAMPLE, format: 'markdown' }), { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(1);
    expect(r.outputs['exit-code']).toBe('1');
    expect(Number(r.outputs.high)).toBeGreaterThan(0);
    expect(Object.keys(r.outputs)).toEqual(expect.arrayContaining(['json', 'markdown']));
    expect(r.outputs.sarif).toBeUndefined();
  });
});

describe.each(GITHUB_EXAMPLES)('%s', (file) => {
  const wf = readYaml(file);

  test('runs the action with declared inputs that map to real CLI options, and no other egress-audit command that is not one', async () => {
    const step = auditStep(wf);
    await parseScanArgs(actionArgs(actionInputs(action, step.with), tempDir()));
    for (const s of steps(wf)) for (const argv of invocations(s.run ?? '')) await parseScanArgs(argv);
  });

  test('uploads the reports even when the scan step fails, and puts the Markdown summary on the run page', () => {
    const step = auditStep(wf);
    const out = String(step.with!.out);
    const after = steps(wf).slice(steps(wf).indexOf(step) + 1);
    const upload = after.find((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === `${out}/`);
    expect(upload).toMatchObject({ if: '${{ !cancelled() }}' });
    const summary = after.find((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'));
    expect(summary?.env).toEqual({ SUMMARY_FILE: '${{ steps.audit.outputs.markdown }}' });
    const sarif = after.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(sarif?.with).toEqual({ sarif_file: '${{ steps.audit.outputs.sarif }}', category: step.with!.category });
    expect(String(step.with!.format).split(',')).toEqual(expect.arrayContaining(['sarif', 'html', 'markdown']));
  });
});

describe('examples/github/scheduled-scan.yml', () => {
  const wf = readYaml('examples/github/scheduled-scan.yml');

  test('runs on a cron schedule, signs in to Azure with OIDC and scans live with a snapshot', () => {
    const on = wf.on as { schedule: { cron: string }[] };
    expect(on.schedule[0]!.cron).toMatch(/^(\S+\s+){4}\S+$/);
    expect(wf.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'security-events': 'write', actions: 'read' });
    const login = steps(wf).find((s) => s.uses?.startsWith('azure/login@'));
    expect(login?.with).toMatchObject({ 'client-id': expect.any(String), 'tenant-id': expect.any(String) });
    expect(JSON.stringify(login)).not.toMatch(/client-secret|creds/);
    expect(auditStep(wf).with).toMatchObject({ source: 'arg', snapshot: expect.any(String), baseline: expect.any(String), 'fail-on-new': true });
  });
});

describe('examples/github/offline-audit.yml', () => {
  const wf = readYaml('examples/github/offline-audit.yml');

  test('runs on pull requests without Azure, and its scan works on the bundled sample', () => {
    expect(Object.keys(wf.on as object)).toEqual(['pull_request']);
    expect(JSON.stringify(wf)).not.toMatch(/azure\/login|id-token/);
    const repo = userRepo();
    const step = auditStep(wf);
    const r = runAction(actionInputs(action, step.with), { cwd: repo });
    expect([0, 1], r.stderr + r.stdout).toContain(r.code);
    expect(existsSync(path.join(repo, String(step.with!.out), fileName('json')))).toBe(true);
    expect(r.outputs.markdown).toBe(`${String(step.with!.out)}/${fileName('markdown')}`);
    // Every entry of the example suppressions matches a finding of the sample, whatever today's date.
    const report = JSON.parse(readFileSync(path.join(repo, String(step.with!.out), fileName('json')), 'utf8')) as ScanResult;
    expect(report.suppressions!.unused).toEqual([]);
    expect(report.suppressions!.expired.filter((e) => e.matched === 0)).toEqual([]);
    expect(report.suppressions!.entries).toBe(3);
  });
});

describe('examples/azure-devops/azure-pipelines.yml', () => {
  const p = readYaml('examples/azure-devops/azure-pipelines.yml');
  type Task = { task?: string; script?: string; inputs?: Record<string, string>; condition?: string };
  const tasks = p.steps as Task[];
  const scanTask = tasks.find((t) => t.task === 'AzureCLI@2')!;
  const macro = (s: string): string => s.replace(/\$\(([A-Za-z_.][\w.]*)\)/g, '/ado/$1');

  test('is scheduled and scans live through an Azure service connection with real CLI options', async () => {
    expect((p.schedules as { cron: string }[])[0]!.cron).toMatch(/^(\S+\s+){4}\S+$/);
    expect(p.trigger).toBe('none');
    expect(scanTask.inputs).toMatchObject({ azureSubscription: expect.any(String), scriptType: 'bash', scriptLocation: 'inlineScript' });
    const calls = tasks.flatMap((t) => invocations([t.script, t.inputs?.inlineScript].filter(Boolean).join('\n')));
    expect(calls).toHaveLength(1);
    // The published package, installed before the scan: no clone of a repository.
    const scripts = tasks.map((t) => t.script ?? '').join('\n');
    expect(scripts).toMatch(/npm install --global [^\n]*\begress-audit@/);
    expect(JSON.stringify(p)).not.toMatch(/git clone/);
    expect(tasks.findIndex((t) => /npm install --global/.test(t.script ?? ''))).toBeLessThan(tasks.indexOf(scanTask));
    const args = await parseScanArgs(calls[0]!);
    expect(args).toMatchObject({ source: 'arg', credential: 'azure-cli', snapshot: expect.any(String) });

    const junit = tasks.find((t) => t.task === 'PublishTestResults@2')!;
    expect(junit.condition).toBe('succeededOrFailed()');
    expect(junit.inputs).toMatchObject({ testResultsFormat: 'JUnit' });
    expect(macro(junit.inputs!.testResultsFiles!)).toBe(`${String(args.out)}/${fileName('junit')}`);
    const artifacts = tasks.filter((t) => t.task === 'PublishPipelineArtifact@1');
    expect(artifacts.map((t) => macro(t.inputs!.targetPath!))).toEqual([args.out, args.snapshot]);
    expect(artifacts.every((t) => t.condition === 'succeededOrFailed()')).toBe(true);
    expect(String(args.format).split(',')).toEqual(expect.arrayContaining(['junit', 'html']));
  });
});

test('examples/suppressions.yaml is a valid suppressions file', async () => {
  const ids = loadPoliciesOrThrow([BUILTIN_POLICY_DIR]).map((p) => p.id);
  const set = await loadSuppressions(path.join(ROOT, 'examples/suppressions.yaml'), ids);
  expect(set.entries.length).toBeGreaterThanOrEqual(3);
});

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { describe, expect, test } from 'vitest';
import { FILE_NAMES } from '../../../src/report/formats.ts';
import type { ScanResult } from '../../../src/scan/result.ts';
import { ROOT, tempDir } from '../../helpers/cli.ts';
import { actionInputs, auditStep, readYaml, runAction, steps, type ActionStep } from './ci.ts';

const FILE = 'examples/github/terraform-plan.yml';
const wf = readYaml(FILE);
const all = steps(wf);
const audit = auditStep(wf);
/** The plan fixture with the .tf files it was planned from: what `infra/` holds once the plan steps ran. */
const PROJECT = path.join(ROOT, 'test/inventory/sources/terraform/fixtures/modules');

const stepRunning = (pattern: RegExp): ActionStep => {
  const found = all.filter((s) => pattern.test(s.run ?? ''));
  expect(found, String(pattern)).toHaveLength(1);
  return found[0]!;
};
/** The shell words of a step's commands, one list per line. */
const commands = (s: ActionStep): string[][] => (s.run ?? '').split('\n').filter((l) => l.trim()).map((l) => parseShell(l).map((t) => (typeof t === 'string' ? t : 'op' in t ? t.op : '')));

describe(FILE, () => {
  test('runs on pull requests of this repository and may comment on them', () => {
    expect(Object.keys(wf.on as object)).toEqual(['pull_request']);
    expect(wf.permissions).toMatchObject({ contents: 'read', 'id-token': 'write', 'security-events': 'write', 'pull-requests': 'write' });
    const job = Object.values(wf.jobs as Record<string, { if?: string }>)[0]!;
    expect(job.if).toBe('${{ github.event.pull_request.head.repo.full_name == github.repository }}');
  });

  test('plans to a file, writes it as JSON where the audit step reads it, before the audit', () => {
    const setup = all.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(setup?.with).toMatchObject({ terraform_wrapper: false });
    const plan = stepRunning(/terraform plan/);
    expect(commands(plan).find((c) => c[1] === 'plan')).toEqual(expect.arrayContaining(['terraform', 'plan', '-out', 'tfplan']));
    const show = stepRunning(/terraform show/);
    expect(commands(show)).toEqual([['terraform', 'show', '-json', 'tfplan', '>', 'plan.json']]);
    expect(show['working-directory']).toBe(plan['working-directory']);
    expect(audit.with!.input).toBe(`${show['working-directory']}/plan.json`);
    expect(all.indexOf(plan)).toBeLessThan(all.indexOf(show));
    expect(all.indexOf(show)).toBeLessThan(all.indexOf(audit));
  });

  test('never uploads the plan, which holds sensitive values in clear text', () => {
    for (const s of all.filter((x) => x.uses && !x.uses.startsWith('egress-audit/'))) expect(JSON.stringify(s.with ?? {})).not.toMatch(/plan\.json|tfplan/);
  });

  test('its audit step scans the plan beside its .tf files: SARIF points at the resource blocks, the summary lists what apply decides', () => {
    const repo = tempDir('egress-audit-tf-repo-');
    cpSync(PROJECT, path.join(repo, 'infra'), { recursive: true });
    const r = runAction(actionInputs(readYaml('action.yml'), audit.with), { cwd: repo });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const out = String(audit.with!.out);
    expect(r.outputs.markdown).toBe(`${out}/${FILE_NAMES.markdown}`);
    const sarif = JSON.parse(readFileSync(path.join(repo, r.outputs.sarif!), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['infra/modules/aks/main.tf', 'infra/modules/network/main.tf']);
    const report = JSON.parse(readFileSync(path.join(repo, r.outputs.json!), 'utf8')) as ScanResult;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(repo, r.outputs.markdown!), 'utf8')).toContain('Decided at apply');
  });

  test('comments the Markdown summary on the pull request, editing its last comment, cut to fit', () => {
    const comment = stepRunning(/gh pr comment/);
    expect(comment.if).toBe("${{ !cancelled() && steps.audit.outputs.markdown != '' }}");
    expect(comment.env).toEqual({ GH_TOKEN: '${{ github.token }}', PR_NUMBER: '${{ github.event.pull_request.number }}', SUMMARY_FILE: '${{ steps.audit.outputs.markdown }}' });
    const run = (summary: string): { args: string[]; body: string } => {
      const dir = tempDir('egress-audit-gh-');
      mkdirSync(path.join(dir, 'bin'));
      // A stand-in gh records its arguments and the body file's text.
      writeFileSync(path.join(dir, 'bin/gh'), `#!/bin/sh\nprintf '%s\\0' "$@" > '${dir}/args'\nwhile [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" '${dir}/body'; shift; done\n`);
      chmodSync(path.join(dir, 'bin/gh'), 0o755);
      writeFileSync(path.join(dir, 'summary.md'), summary);
      const env = { PATH: `${dir}/bin:${process.env.PATH}`, GH_TOKEN: 'token', PR_NUMBER: '42', SUMMARY_FILE: path.join(dir, 'summary.md'), RUNNER_TEMP: dir, GITHUB_REPOSITORY: 'contoso/infra' };
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', comment.run!], { env, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return { args: readFileSync(path.join(dir, 'args'), 'utf8').split('\0').slice(0, -1), body: readFileSync(path.join(dir, 'body'), 'utf8') };
    };
    const short = run('## egress-audit\n\nNo findings.\n');
    expect(short.args).toEqual(['pr', 'comment', '42', '--repo', 'contoso/infra', '--edit-last', '--create-if-none', '--body-file', expect.stringMatching(/egress-audit-comment\.md$/)]);
    expect(short.body).toBe('## egress-audit\n\nNo findings.\n');
    const long = run(`${'- a finding line\n'.repeat(5000)}`);
    expect(long.body.length).toBeLessThan(65_536);
    expect(long.body).toMatch(/Cut to fit a comment/);
  });
});

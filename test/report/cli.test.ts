import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

const FIXTURES = 'test/report/fixtures';

describe('scan --format, --source-root and --category', () => {
  test('writes each format of a comma-separated (and repeated) list under its file name, and nothing else', () => {
    const out = tempDir('egress-formats-');
    const r = runCli(['scan', '-i', FIXTURES, '-f', 'sarif,junit', '-f', 'markdown,json,sarif', '--out-dir', out, '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.egress-audit-set', 'egress-audit.json', 'egress-audit.junit.xml', 'egress-audit.md', 'egress-audit.sarif']);
    for (const f of ['egress-audit.sarif', 'egress-audit.junit.xml', 'egress-audit.md', 'egress-audit.json']) expect(r.stdout).toContain(`report: ${path.join(out, f)}`);
  });

  test('writes the HTML, SARIF and JSON reports by default', () => {
    const out = tempDir('egress-default-');
    expect(runCli(['scan', '-i', FIXTURES, '--out-dir', out, '--fail-on', 'none']).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.egress-audit-set', 'egress-audit.html', 'egress-audit.json', 'egress-audit.sarif']);
  });

  test.each([
    [['-f', 'sarif,pdf'], '--format: unknown format "pdf"; choose from json, sarif, html, junit, markdown'],
    [['-f', 'sarif', '--source-root', 'no/such/folder'], '--source-root: no/such/folder is not a folder'],
    [['-f', 'sarif', '--source-root', `${FIXTURES}/clusters.json`], `--source-root: ${FIXTURES}/clusters.json is not a folder`],
    [['-f', 'sarif', '--category', '  '], '--category: "  " is not a usable category'],
    [['-f', 'sarif', '--category', 'a\nb'], '--category: "a\\nb" is not a usable category'],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const out = path.join(tempDir('egress-bad-'), 'reports');
    let stderr = '';
    // In-process: usage errors need no child process to show how the CLI reacts.
    const code = await run(['scan', '-i', FIXTURES, '--out-dir', out, ...args], { out: () => undefined, err: (t) => void (stderr += t), isTTY: false });
    expect(code).toBe(2);
    expect(stderr).toContain(`egress-audit: ${message}`);
    expect(existsSync(out)).toBe(false);
  });

  test('a category without a trailing slash gets one, so GitHub reads all of it as the category', () => {
    const out = tempDir('egress-category-');
    expect(runCli(['scan', '-i', FIXTURES, '-f', 'sarif', '--out-dir', out, '--category', 'egress-audit/prod', '--fail-on', 'none']).code).toBe(0);
    const log = JSON.parse(readFileSync(path.join(out, 'egress-audit.sarif'), 'utf8')) as { runs: { automationDetails: { id: string } }[] };
    expect(log.runs[0]!.automationDetails.id).toBe('egress-audit/prod/');
  });

  test('paths are relative to the source root, which defaults to the working folder', () => {
    const out = tempDir('egress-root-');
    const uri = (args: string[], cwd?: string): string => {
      expect(runCli(['scan', '-i', path.resolve(FIXTURES), '-f', 'sarif', '--out-dir', out, '--fail-on', 'none', ...args], { cwd }).code).toBe(0);
      const log = JSON.parse(readFileSync(path.join(out, 'egress-audit.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      return log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    };
    expect(uri([])).toBe('test/report/fixtures/clusters.json');
    expect(uri(['--source-root', 'test'])).toBe('report/fixtures/clusters.json');
    expect(uri([], path.resolve(FIXTURES))).toBe('clusters.json');
  });
});
